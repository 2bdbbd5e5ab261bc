// expect: ctorm: OnDelete::SetNull and OnUpdate::SetNull need a nullable foreign key
// expect-first: rule::set_null_needs_optional<ctorm::BelongsTo<User, &Post::author_id, ctorm::detail::action_option<ctorm::detail::on_update_option, ctorm::action::set_null> ?> ?>
// OnUpdate::SetNull on Post::author_id, which is a plain std::int64_t and cannot hold NULL.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
using S = ctorm::Schema<ctorm::Table<User>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id, ctorm::OnUpdate::SetNull>>>;
static_assert(ctorm::valid<S>);
