// expect: ctorm: this Default<> or Is<> value does not fit the member's type
// expect-first: value_fits<&Post::published>
// A bool member compared with a string: the condition's value is checked like a Default<>.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; bool published{}; };
using published = ctorm::Constrained<ctorm::HasMany<Post, &Post::author_id>, ctorm::Is<&Post::published, "yes">>;
using S = ctorm::Schema<ctorm::Table<User, published>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
