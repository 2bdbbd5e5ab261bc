#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::optional<std::int64_t> editor_id{}; };
using S = ctorm::Schema<ctorm::Table<User>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::SetDefault>,
                                     ctorm::BelongsTo<User, &Post::editor_id, ctorm::OnDelete::SetDefault>,
                                     ctorm::Default<&Post::author_id, 1>>>;
static_assert(ctorm::valid<S>);
