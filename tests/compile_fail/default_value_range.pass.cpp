#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::uint8_t level{}; float ratio{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::Default<&Post::level, 255>, ctorm::Default<&Post::ratio, 0.1f>>>;
static_assert(ctorm::valid<S>);
