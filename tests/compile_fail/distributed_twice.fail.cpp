// expect: ctorm: a table is distributed one way
// expect-first: Plan
#include <ctorm/ctorm.hpp>
struct Plan { std::int64_t id{}; };
using S = ctorm::Schema<ctorm::Table<Plan, ctorm::ReferenceTable, ctorm::DistributedBy<&Plan::id>>>;
static_assert(ctorm::valid<S>);
