// expect: ctorm: a through-chain is broken
// expect-first: rule::through_step_connects<ctorm::HasMany<Post, &Post::author_id>, ctorm::HasMany<Like, &Like::user_id> ?>
// The chain's first step (posts) leads to Post, but its second step (likes) is a relation of User.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; };
struct Like { std::int64_t id{}; std::int64_t user_id{}; };
using posts = ctorm::HasMany<Post, &Post::author_id>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using likes = ctorm::HasMany<Like, &Like::user_id>;
using S = ctorm::Schema<ctorm::Table<User, posts, likes, ctorm::HasManyThrough<posts, likes>>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>, comments>,
                        ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>,
                        ctorm::Table<Like, ctorm::BelongsTo<User, &Like::user_id>>>;
static_assert(ctorm::valid<S>);
