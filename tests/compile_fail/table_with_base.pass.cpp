#include <ctorm/ctorm.hpp>
struct Account { std::int64_t id{}; std::string name; };
static_assert(ctorm::Table<Account>::column_count == 2);
