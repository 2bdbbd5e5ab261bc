// expect: ctorm: a Default<> or Is<> text cannot hold a NUL character
// expect-first: value_fits<&Post::status>
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string status{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::Default<&Post::status, "dr\0aft">>>;
static_assert(ctorm::valid<S>);
