// expect: ctorm: OrderBy<> of a Constrained relation takes asc<&T::m> and desc<&T::m> terms on members of its target
// expect-first: Post::author_id
// A user's posts ordered by the user's name: the relation's rows are posts.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string name{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::string title{}; };
using posts = ctorm::Constrained<ctorm::HasMany<Post, &Post::author_id>, ctorm::OrderBy<ctorm::asc<&User::name>>>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
