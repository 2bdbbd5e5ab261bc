// expect: ctorm: UuidKeys makes the primary key.s own ctorm::Uuid member - the key must be one ctorm::Uuid
// expect-first: Order
#include <ctorm/ctorm.hpp>
struct Order { std::int64_t id{}; std::string item{}; };
using S = ctorm::Schema<ctorm::Table<Order, ctorm::UuidKeys>>;
static_assert(ctorm::valid<S>);
