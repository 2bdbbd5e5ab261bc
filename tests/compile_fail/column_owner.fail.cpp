// expect: ctorm: Column<> names a member of another struct
// expect-first: User
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::string title{}; };
using T = ctorm::Table<Post, ctorm::Column<&User::email, "Email">>;
static_assert(T::columns.size() == 2);
