#pragma once
// The blog schema the query-builder tests share: the golden-SQL tests (no database) and the
// tests against SQLite.

#include <ctorm/core.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace qblog {

struct User {
  std::int64_t id{};
  std::string email{};
  std::optional<std::string> name{};
  std::int64_t age{};
};
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::optional<std::int64_t> reviewer_id{};
  std::string title{};
  double score{};
  bool published{};
};
struct Tag {
  std::int64_t id{};
  std::string name{};
};
struct PostTag {
  std::int64_t post_id{};
  std::int64_t tag_id{};
  std::int64_t position{};
};
struct Comment {
  std::int64_t id{};
  std::int64_t post_id{};
  std::optional<std::int64_t> parent_id{};
  std::string text{};
  bool approved{};
};

using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using reviewer = ctorm::BelongsTo<User, &Post::reviewer_id, ctorm::OnDelete::SetNull>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using tags = ctorm::ManyToMany<Tag, PostTag>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using parent = ctorm::BelongsTo<Comment, &Comment::parent_id, ctorm::OnDelete::Cascade>;
using received = ctorm::HasManyThrough<posts, comments>;

using Blog = ctorm::Schema<
    ctorm::Table<User, posts, received, ctorm::Unique<&User::email>>,
    ctorm::Table<Post, author, reviewer, tags, comments>,
    ctorm::Table<Tag, ctorm::Unique<&Tag::name>>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                 ctorm::BelongsTo<Post, &PostTag::post_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Tag, &PostTag::tag_id, ctorm::OnDelete::Cascade>>,
    ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id, ctorm::OnDelete::Cascade>, parent>>;

}  // namespace qblog
