// The same relation with a condition and an order; the index goes on the table.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; bool published{}; };
using posts = ctorm::Constrained<ctorm::HasMany<Post, &Post::author_id>, ctorm::Is<&Post::published, true>,
                                 ctorm::OrderBy<ctorm::desc<&Post::id>>>;
using S = ctorm::Schema<ctorm::Table<User, posts>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>, ctorm::Index<&Post::published>>>;
static_assert(ctorm::valid<S>);
