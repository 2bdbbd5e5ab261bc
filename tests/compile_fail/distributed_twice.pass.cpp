#include <ctorm/ctorm.hpp>
struct Plan { std::int64_t id{}; };
using S = ctorm::Schema<ctorm::Table<Plan, ctorm::ReferenceTable>>;
static_assert(ctorm::valid<S>);
