// expect: ctorm: HasOne needs a unique foreign key
// expect-first: rule::has_one_key_is_unique<User, ctorm::HasOne<Profile, &Profile::user_id> ?>
// User has one Profile, but Profile::user_id is not unique: several profiles could name one user.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Profile { std::int64_t id{}; std::int64_t user_id{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::HasOne<Profile, &Profile::user_id>>,
                        ctorm::Table<Profile, ctorm::BelongsTo<User, &Profile::user_id>>>;
static_assert(ctorm::valid<S>);
