// expect: ctorm: a Default<> or Is<> number must be finite
// expect-first: value_fits<&Post::score>
#include <ctorm/ctorm.hpp>
#include <limits>
struct Post { std::int64_t id{}; std::optional<double> score{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::Default<&Post::score, std::numeric_limits<double>::infinity()>>>;
static_assert(ctorm::valid<S>);
