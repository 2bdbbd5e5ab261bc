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

struct Comment {
  std::int64_t id{};
  std::int64_t post_id{};
  std::string body{};
  std::int64_t stars{};
};

using author = ctorm::BelongsTo<User, &Post::author_id>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using post = ctorm::BelongsTo<Post, &Comment::post_id>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;

using Schema = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, author, comments>,
                             ctorm::Table<Comment, post>>;
static_assert(ctorm::valid<Schema>);

}  // namespace bench
