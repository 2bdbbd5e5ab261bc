// expect: ctorm: Keys<> takes data-member pointers such as &Post::author_id
// expect-first: Line_no
// A composite foreign key that lists a variable, not a member of Line.
#include <ctorm/ctorm.hpp>
struct Order { std::int64_t year{}; std::int64_t no{}; };
struct Line { std::int64_t id{}; std::int64_t order_year{}; std::int64_t order_no{}; };
std::int64_t Line_no = 0;
using order = ctorm::BelongsTo<Order, ctorm::Keys<&Line::order_year, &Line_no>>;
using S = ctorm::Schema<ctorm::Table<Order, ctorm::PrimaryKey<&Order::year, &Order::no>>, ctorm::Table<Line, order>>;
static_assert(ctorm::valid<S>);
