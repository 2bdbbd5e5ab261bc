#include <ctorm/ctorm.hpp>
struct Account { std::int64_t id{}; };
static_assert(ctorm::Table<Account>::well_formed);
