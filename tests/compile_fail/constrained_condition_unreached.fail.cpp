// expect: ctorm: a condition of this Constrained relation is on a member of a table the relation does not reach
// expect-first: Post::author_id
// The posts of a user are not kept by a member of the user: that is a where() on the query.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; bool active{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
using posts = ctorm::Constrained<ctorm::HasMany<Post, &Post::author_id>, ctorm::Is<&User::active, true>>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
