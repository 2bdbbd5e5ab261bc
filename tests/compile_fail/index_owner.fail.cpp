// expect: ctorm: a key or index names a member of another struct
// expect-first: User::email
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::string title{}; };
using T = ctorm::Table<Post, ctorm::Index<&User::email>>;
static_assert(T::columns.size() == 2);
