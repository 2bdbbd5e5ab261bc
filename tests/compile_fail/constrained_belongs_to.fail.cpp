// expect: ctorm: Constrained<R, \.\.\.> takes a HasOne, HasMany, ManyToMany, MorphOne, MorphMany or a through relation
// expect-first: Post::author_id
// A BelongsTo names one row by its foreign key: a condition on it has no meaning here.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; bool active{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
using author = ctorm::BelongsTo<User, &Post::author_id>;
using active_author = ctorm::Constrained<author, ctorm::Is<&User::active, true>>;
using S = ctorm::Schema<ctorm::Table<User>, ctorm::Table<Post, author, active_author>>;
static_assert(ctorm::valid<S>);
