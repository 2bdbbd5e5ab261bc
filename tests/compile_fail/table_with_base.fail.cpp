// expect: ctorm: a table struct cannot have a base class
// expect-first: Account
#include <ctorm/ctorm.hpp>
struct Stamped { std::int64_t id{}; };
struct Account : Stamped { std::string name; };
static_assert(ctorm::Table<Account>::column_count == 2);
