#include <ctorm/ctorm.hpp>
struct Order { std::int64_t year{}; std::int64_t no{}; };
struct Line { std::int64_t id{}; std::int64_t order_year{}; std::int64_t order_no{}; };
using order = ctorm::BelongsTo<Order, ctorm::Keys<&Line::order_year, &Line::order_no>>;
using S = ctorm::Schema<ctorm::Table<Order, ctorm::PrimaryKey<&Order::year, &Order::no>>, ctorm::Table<Line, order>>;
static_assert(ctorm::valid<S>);
