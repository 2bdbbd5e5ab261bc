// The same, with true.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; bool published{}; };
using published = ctorm::Constrained<ctorm::HasMany<Post, &Post::author_id>, ctorm::Is<&Post::published, true>>;
using S = ctorm::Schema<ctorm::Table<User, published>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
