#include <ctorm/ctorm.hpp>
struct Flag { std::int64_t id{}; std::int8_t code{}; };
static_assert(ctorm::Table<Flag>::well_formed);
