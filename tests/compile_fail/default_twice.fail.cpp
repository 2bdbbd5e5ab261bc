// expect: ctorm: a column takes at most one ctorm::Default<>
// expect-first: Post::status
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string status{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::Default<&Post::status, "draft">, ctorm::Default<&Post::status, "new">>>;
static_assert(ctorm::valid<S>);
