// expect: ctorm: this Default<> or Is<> value is not one the member holds
// expect: Default<&Post::level,
// expect-first: value_fits<&Post::level>
// 256 does not fit a std::uint8_t.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::uint8_t level{}; float ratio{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::Default<&Post::level, 256>>>;
static_assert(ctorm::valid<S>);
