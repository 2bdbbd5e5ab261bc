#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
static_assert(ctorm::Table<Post>::well_formed);
