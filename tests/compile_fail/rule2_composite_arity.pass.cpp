#include <ctorm/ctorm.hpp>
struct Order { std::int64_t year{}; std::int64_t number{}; };
struct Line { std::int64_t id{}; std::int64_t order_year{}; std::int64_t order_number{}; };
using S = ctorm::Schema<ctorm::Table<Order, ctorm::PrimaryKey<&Order::year, &Order::number>>,
                        ctorm::Table<Line, ctorm::BelongsTo<Order, ctorm::Keys<&Line::order_year, &Line::order_number>>>>;
static_assert(ctorm::valid<S>);
