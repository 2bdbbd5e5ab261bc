// expect: ctorm: every step of a HasOneThrough must lead to at most one row
// expect-first: rule::has_one_through_is_to_one<ctorm::HasOneThrough<ctorm::HasMany<Post, &Post::author_id>, ctorm::HasMany<Comment, &Comment::post_id> ?> ?>
// HasOneThrough over two HasMany steps: a user's posts' comments are many rows, not one.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; };
using posts = ctorm::HasMany<Post, &Post::author_id>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using S = ctorm::Schema<ctorm::Table<User, posts, ctorm::HasOneThrough<posts, comments>>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>, comments>,
                        ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>>;
static_assert(ctorm::valid<S>);
