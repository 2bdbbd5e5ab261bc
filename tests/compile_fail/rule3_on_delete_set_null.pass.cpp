#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::optional<std::int64_t> author_id{}; };
using S = ctorm::Schema<ctorm::Table<User>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::SetNull>>>;
static_assert(ctorm::valid<S>);
