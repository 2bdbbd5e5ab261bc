// The same relation, kept by a member of its target.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; bool active{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; bool active{}; };
using posts = ctorm::Constrained<ctorm::HasMany<Post, &Post::author_id>, ctorm::Is<&Post::active, true>>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
