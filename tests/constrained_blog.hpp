// A blog whose relations carry conditions and orders of their own (ctorm::Constrained), used by
// the golden SQL tests and by the tests on both backends.
#pragma once

#include <ctorm/core.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace constrained_blog {
struct User {
  std::int64_t id{};
  std::string name{};
};
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::string title{};
  bool published{};
  std::int64_t rank{};
  std::optional<std::string> deleted{};
};
struct Tag {
  std::int64_t id{};
  std::string name{};
};
struct PostTag {
  std::int64_t post_id{};
  std::int64_t tag_id{};
  bool primary{};
};
struct Comment {
  std::int64_t id{};
  std::int64_t post_id{};
  std::string text{};
  std::string state{};
};

using posts = ctorm::HasMany<Post, &Post::author_id>;
/// Published and not deleted, best ranked first.
using published = ctorm::Constrained<posts, ctorm::Is<&Post::published, true>, ctorm::IsNull<&Post::deleted>,
                                     ctorm::OrderBy<ctorm::desc<&Post::rank>, ctorm::asc<&Post::id>>>;
using drafts = ctorm::Constrained<posts, ctorm::Is<&Post::published, false>>;
using tags = ctorm::ManyToMany<Tag, PostTag>;
/// A condition on the junction: only the post's primary tags.
using primary_tags = ctorm::Constrained<tags, ctorm::Is<&PostTag::primary, true>, ctorm::OrderBy<ctorm::asc<&Tag::name>>>;
/// A condition on the target of a ManyToMany: only the post's "cpp" tag.
using cpp_tags = ctorm::Constrained<tags, ctorm::Is<&Tag::name, "cpp">>;
/// A Constrained of a Constrained: both sets of conditions, and the inner order.
using top_published = ctorm::Constrained<published, ctorm::Is<&Post::rank, 5>>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using approved = ctorm::Constrained<comments, ctorm::Is<&Comment::state, "approved">>;
/// Through constrained steps: the approved comments on a user's published posts.
using praise = ctorm::HasManyThrough<published, approved>;

using Schema = ctorm::Schema<
    ctorm::Table<User, posts, published, drafts, praise, top_published>,
    ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>, tags, primary_tags, cpp_tags,
                 comments, approved>,
    ctorm::Table<Tag, ctorm::Unique<&Tag::name>>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                 ctorm::BelongsTo<Post, &PostTag::post_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Tag, &PostTag::tag_id, ctorm::OnDelete::Cascade>>,
    ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id, ctorm::OnDelete::Cascade>>>;
static_assert(ctorm::valid<Schema>);
}  // namespace constrained_blog
