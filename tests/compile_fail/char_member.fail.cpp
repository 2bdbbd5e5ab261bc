// expect: ctorm: this member type cannot be a column
// expect: Flag
// expect: member_named<'c', 'o', 'd', 'e'>
// expect-first: Flag
#include <ctorm/ctorm.hpp>
struct Flag { std::int64_t id{}; char code{}; };
static_assert(ctorm::Table<Flag>::well_formed);
