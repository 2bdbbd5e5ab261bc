// expect: ctorm: each step of a through-chain must be a BelongsTo, HasOne, HasMany or ManyToMany declared in the table of its owner
// expect-first: rule::through_step_is_a_relation<ctorm::HasManyThrough<ctorm::HasMany<Post, &Post::author_id>, ctorm::HasMany<Comment, &Comment::post_id> ?>, ctorm::HasMany<Comment, &Comment::post_id> ?>
// The chain's second step (comments) is not declared by any table: Post's table lacks it.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; };
using posts = ctorm::HasMany<Post, &Post::author_id>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using S = ctorm::Schema<ctorm::Table<User, posts, ctorm::HasManyThrough<posts, comments>>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>,
                        ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>>;
static_assert(ctorm::valid<S>);
