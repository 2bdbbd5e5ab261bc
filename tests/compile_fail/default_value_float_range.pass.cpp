#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; float ratio{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::Default<&Post::ratio, 0.5>>>;
static_assert(ctorm::valid<S>);
