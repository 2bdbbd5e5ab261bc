#pragma once
// Tables keyed by ctorm::Uuid, which the golden-SQL tests (no database) and the tests on both
// backends share: a UUID foreign key, a nullable one to the same table, a join table ctorm
// makes.

#include <ctorm/core.hpp>

#include <optional>
#include <string>

namespace uuids {
using ctorm::Uuid;

struct Tenant {
  Uuid id{};
  std::string name{};
};
struct Project {
  Uuid id{};
  Uuid tenant_id{};
  std::optional<Uuid> parent_id{};
  std::string title{};
};
struct Label {
  Uuid id{};
  std::string text{};
};
using projects = ctorm::HasMany<Project, &Project::tenant_id>;
using tenant = ctorm::BelongsTo<Tenant, &Project::tenant_id, ctorm::OnDelete::Cascade>;
using parent = ctorm::BelongsTo<Project, &Project::parent_id, ctorm::OnDelete::SetNull>;
using labels = ctorm::ManyToMany<Label>;

}  // namespace uuids
