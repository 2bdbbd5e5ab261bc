// The blog schema of the examples: plain structs, and relations as types.
#pragma once

#include <ctorm/ctorm.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace blog {

// [structs]
struct User {
  std::int64_t id{};
  std::string email{};
  std::optional<std::string> name{};
};

enum class Status : std::uint8_t { draft, published };

struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::optional<std::int64_t> reviewer_id{};
  std::string title{};
  std::string body{};
  Status status{};
  std::chrono::sys_seconds created_at{};
};

struct Tag {
  std::int64_t id{};
  std::string name{};
};

struct PostTag {  // an explicit junction: `position` is pivot data
  std::int64_t post_id{};
  std::int64_t tag_id{};
  std::int64_t position{};
};

struct Comment {
  std::int64_t id{};
  std::int64_t post_id{};
  std::optional<std::int64_t> author_id{};  // NULL once the author's account is deleted
  std::optional<std::int64_t> parent_id{};
  std::string text{};
};

struct Like {
  std::int64_t id{};
  std::int64_t user_id{};
  std::string target_type{};
  std::int64_t target_id{};
};
// [structs]

// [relations]
using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using reviewer = ctorm::BelongsTo<User, &Post::reviewer_id, ctorm::OnDelete::SetNull>;
using posts = ctorm::HasMany<Post, &Post::author_id>;  // the other side of `author`
using tags = ctorm::ManyToMany<Tag, PostTag>;           // junction found by its two foreign keys
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using parent = ctorm::BelongsTo<Comment, &Comment::parent_id, ctorm::OnDelete::Cascade>;  // threads
using commenter = ctorm::BelongsTo<User, &Comment::author_id, ctorm::OnDelete::SetNull>;
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post, Comment>;
using received = ctorm::HasManyThrough<posts, comments>;  // user -> posts -> comments
// [relations]

// [schema]
using Schema = ctorm::Schema<
    ctorm::Table<User, posts, received, ctorm::Unique<&User::email>>,
    ctorm::Table<Post, author, reviewer, tags, comments, likes>,
    ctorm::Table<Tag, ctorm::Unique<&Tag::name>>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                 ctorm::BelongsTo<Post, &PostTag::post_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Tag, &PostTag::tag_id, ctorm::OnDelete::Cascade>>,
    ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id, ctorm::OnDelete::Cascade>, parent,
                 commenter, likes>,
    // One like per user and target; the key starts with the target, which is how likes are read.
    ctorm::Table<Like, ctorm::BelongsTo<User, &Like::user_id, ctorm::OnDelete::Cascade>, target,
                 ctorm::Unique<&Like::target_type, &Like::target_id, &Like::user_id>>>;

static_assert(ctorm::valid<Schema>);  // every rule; the first broken one is reported
// [schema]

}  // namespace blog
