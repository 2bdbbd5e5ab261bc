// expect: ctorm: a table type must be a plain aggregate struct
// expect-first: Account
#include <ctorm/ctorm.hpp>
class Account { public: explicit Account(int) {} std::int64_t id{}; };
static_assert(ctorm::Table<Account>::well_formed);
