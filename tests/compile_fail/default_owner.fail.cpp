// expect: ctorm: Default<> names a member of another struct
// expect-first: User
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::string title{}; };
using S = ctorm::Schema<ctorm::Table<User>, ctorm::Table<Post, ctorm::Default<&User::email, "none">>>;
static_assert(ctorm::valid<S>);
