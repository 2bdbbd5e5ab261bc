#pragma once
// The benchmark schema as ctorm sees it. The raw contender's DDL is in raw_schema.hpp.

#include <cstdint>
#include <optional>
#include <string>

#include <ctorm/ctorm.hpp>

namespace bench {

struct User {
  std::int64_t id{};
  std::string email{};
  std::optional<std::string> name{};
  std::int64_t age{};
};

struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::string title{};
  std::optional<std::string> body{};
  double score{};
};

using author = ctorm::BelongsTo<User, &Post::author_id>;
using posts = ctorm::HasMany<Post, &Post::author_id>;

using Schema = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, author>>;
static_assert(ctorm::valid<Schema>);

}  // namespace bench
