// expect: ctorm: OnDelete::SetDefault and OnUpdate::SetDefault need a default on a NOT NULL foreign key
// expect: set_default_needs_default<&Line::order_no, ctorm::BelongsTo<Order,
// expect-first: Line::order_no
// OnUpdate::SetDefault on a composite key: each NOT NULL member needs its Default<>, and
// Line::order_no has none.
#include <ctorm/ctorm.hpp>
struct Order { std::int64_t year{}; std::int64_t no{}; };
struct Line { std::int64_t id{}; std::int64_t order_year{}; std::int64_t order_no{}; };
using S = ctorm::Schema<
    ctorm::Table<Order, ctorm::PrimaryKey<&Order::year, &Order::no>>,
    ctorm::Table<Line, ctorm::BelongsTo<Order, ctorm::Keys<&Line::order_year, &Line::order_no>, ctorm::OnUpdate::SetDefault>,
                 ctorm::Default<&Line::order_year, 2000>>>;
static_assert(ctorm::valid<S>);
