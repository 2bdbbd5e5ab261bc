// expect: ctorm: a table takes ctorm::UuidKeys once
// expect-first: Order
#include <ctorm/ctorm.hpp>
struct Order { ctorm::Uuid id{}; std::string item{}; };
using S = ctorm::Schema<ctorm::Table<Order, ctorm::UuidKeys, ctorm::UuidKeys>>;
static_assert(ctorm::valid<S>);
