// expect: ctorm: Constrained<R, \.\.\.> takes conditions \(Is<>, IsNull<>, IsNotNull<>\) and OrderBy<>
// expect-first: Post::published
// An index is a table option, not a part of a relation.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; bool published{}; };
using posts = ctorm::Constrained<ctorm::HasMany<Post, &Post::author_id>, ctorm::Index<&Post::published>>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
