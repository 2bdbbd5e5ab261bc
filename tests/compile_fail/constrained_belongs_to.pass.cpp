// The same condition on the other side: a user's posts, kept by a condition on the post.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; bool active{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; bool active{}; };
using author = ctorm::BelongsTo<User, &Post::author_id>;
using active_posts = ctorm::Constrained<ctorm::HasMany<Post, &Post::author_id>, ctorm::Is<&Post::active, true>>;
using S = ctorm::Schema<ctorm::Table<User, active_posts>, ctorm::Table<Post, author>>;
static_assert(ctorm::valid<S>);
