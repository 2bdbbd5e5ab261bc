#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Profile { std::int64_t id{}; std::int64_t user_id{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::HasOne<Profile, &Profile::user_id>>,
                        ctorm::Table<Profile, ctorm::BelongsTo<User, &Profile::user_id, ctorm::Unique<>>>>;
static_assert(ctorm::valid<S>);
