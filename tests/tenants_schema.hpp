#pragma once
// A schema laid out for Citus, which the golden-SQL tests (no database) and the tests on both
// backends share: tenants distributed by their key, projects and tasks by their tenant, with
// keys and foreign keys that hold it, and a reference table of plans.

#include <ctorm/core.hpp>

#include <cstdint>
#include <string>

namespace tenants {
using ctorm::Uuid;

struct Plan {
  std::int64_t id{};
  std::string name{};
};
struct Tenant {
  Uuid id{};
  std::int64_t plan_id{};
  std::string name{};
};
struct Project {
  Uuid tenant_id{};
  Uuid id{};
  std::string slug{};
};
struct Task {
  Uuid tenant_id{};
  Uuid id{};
  Uuid project_id{};
  std::string what{};
};

using plan = ctorm::BelongsTo<Plan, &Tenant::plan_id>;
using projects = ctorm::HasMany<Project, &Project::tenant_id>;
using tenant = ctorm::BelongsTo<Tenant, &Project::tenant_id, ctorm::OnDelete::Cascade>;
using tasks = ctorm::HasMany<Task, ctorm::Keys<&Task::tenant_id, &Task::project_id>>;
using project = ctorm::BelongsTo<Project, ctorm::Keys<&Task::tenant_id, &Task::project_id>, ctorm::OnDelete::Cascade>;

using plan_table = ctorm::Table<Plan, ctorm::ReferenceTable>;
using tenant_table = ctorm::Table<Tenant, ctorm::DistributedBy<&Tenant::id>, ctorm::UuidKeys, plan, projects>;
using project_table =
    ctorm::Table<Project, ctorm::PrimaryKey<&Project::tenant_id, &Project::id>, ctorm::DistributedBy<&Project::tenant_id>,
                 ctorm::UuidKeys, ctorm::Unique<&Project::tenant_id, &Project::slug>, tenant, tasks>;
using task_table = ctorm::Table<Task, ctorm::PrimaryKey<&Task::tenant_id, &Task::id>,
                                ctorm::DistributedBy<&Task::tenant_id>, ctorm::UuidKeys, project>;

using Work = ctorm::Schema<plan_table, tenant_table, project_table, task_table>;
static_assert(ctorm::valid<Work>);

}  // namespace tenants
