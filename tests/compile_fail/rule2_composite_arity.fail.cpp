// expect: ctorm: a foreign key must have as many members as the key it references
// expect-first: rule::foreign_key_arity_matches<ctorm::BelongsTo<Order, &Line::order_year> ?>
// Line's foreign key is one member, but Order's primary key has two (year, number).
#include <ctorm/ctorm.hpp>
struct Order { std::int64_t year{}; std::int64_t number{}; };
struct Line { std::int64_t id{}; std::int64_t order_year{}; std::int64_t order_number{}; };
using S = ctorm::Schema<ctorm::Table<Order, ctorm::PrimaryKey<&Order::year, &Order::number>>,
                        ctorm::Table<Line, ctorm::BelongsTo<Order, &Line::order_year>>>;
static_assert(ctorm::valid<S>);
