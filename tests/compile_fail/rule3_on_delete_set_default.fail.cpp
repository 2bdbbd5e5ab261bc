// expect: ctorm: OnDelete::SetDefault and OnUpdate::SetDefault need a default on a NOT NULL foreign key
// expect: set_default_needs_default<&Post::author_id, ctorm::BelongsTo<User, &Post::author_id,
// expect-first: Post::author_id
// OnDelete::SetDefault on Post::author_id, a NOT NULL key without a Default<>: deleting a user
// would set it to NULL, which the column refuses.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::optional<std::int64_t> editor_id{}; };
using S = ctorm::Schema<ctorm::Table<User>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::SetDefault>,
                                     ctorm::BelongsTo<User, &Post::editor_id, ctorm::OnDelete::SetDefault>>>;
static_assert(ctorm::valid<S>);
