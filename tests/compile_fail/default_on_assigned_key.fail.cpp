// expect: ctorm: the integer primary key is assigned by the database and takes no Default<>
// expect-first: Post::id
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string status{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::Default<&Post::id, 1>>>;
static_assert(ctorm::valid<S>);
