// expect: ctorm: every argument of Schema must be a ctorm::Table<...>
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
static_assert(ctorm::Schema<User>::table_count == 1);
