// expect: ctorm: each step of a through-chain must be a BelongsTo, HasOne, HasMany or ManyToMany declared in the table of its owner
// expect-first: rule::through_step_is_a_relation<ctorm::HasOneThrough<ctorm::BelongsTo<Post, &Comment::post_id>, ctorm::BelongsTo<User, &Post::author_id> ?>, ctorm::BelongsTo<User, &Post::author_id> ?>
// The chain's second step (author, a BelongsTo) is declared by no table: Post's table lacks it.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; };
using post = ctorm::BelongsTo<Post, &Comment::post_id>;
using author = ctorm::BelongsTo<User, &Post::author_id>;
using S = ctorm::Schema<ctorm::Table<User>, ctorm::Table<Post>,
                        ctorm::Table<Comment, post, ctorm::HasOneThrough<post, author>>>;
static_assert(ctorm::valid<S>);
