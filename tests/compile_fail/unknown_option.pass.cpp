#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
static_assert(ctorm::Table<Post, ctorm::Index<&Post::id>>::well_formed);
