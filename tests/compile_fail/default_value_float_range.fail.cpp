// expect: ctorm: this Default<> or Is<> value is not one the member holds
// expect: Default<&Post::ratio,
// expect-first: value_fits<&Post::ratio>
// 0.1 as a double is not a value a float holds: the column would read back another number.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; float ratio{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::Default<&Post::ratio, 0.1>>>;
static_assert(ctorm::valid<S>);
