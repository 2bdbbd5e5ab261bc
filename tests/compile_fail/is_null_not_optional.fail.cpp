// expect: ctorm: IsNull<&T::m> and IsNotNull<&T::m> take a member that can be NULL
// expect-first: Post::deleted
// A member that is not std::optional is never NULL: the condition would keep no row.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::string deleted{}; };
using kept = ctorm::Constrained<ctorm::HasMany<Post, &Post::author_id>, ctorm::IsNull<&Post::deleted>>;
using S = ctorm::Schema<ctorm::Table<User, kept>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
