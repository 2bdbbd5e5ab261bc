// expect: ctorm: every argument of Schema must be a ctorm::Table<...>
// expect-first: User
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
static_assert(ctorm::Schema<User>::table_count == 1);
