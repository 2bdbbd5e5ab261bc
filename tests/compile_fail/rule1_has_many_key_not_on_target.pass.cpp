#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
struct Comment { std::int64_t id{}; std::int64_t author_id{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::HasMany<Post, &Post::author_id>>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>,
                        ctorm::Table<Comment>>;
static_assert(ctorm::valid<S>);
