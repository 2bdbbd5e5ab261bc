// expect: ctorm: a through-chain's first step must be a relation of the table that declares the chain
// expect-first: rule::through_starts_at_owner<Post, ctorm::HasManyThrough<ctorm::HasMany<Post, &Post::author_id>, ctorm::HasMany<Comment, &Comment::post_id> ?> ?>
// Post's table declares a chain whose first step (posts) is a relation of User, not of Post.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; };
using posts = ctorm::HasMany<Post, &Post::author_id>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>, comments,
                                     ctorm::HasManyThrough<posts, comments>>,
                        ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>>;
static_assert(ctorm::valid<S>);
