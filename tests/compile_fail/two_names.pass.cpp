#include <ctorm/ctorm.hpp>
struct Person { std::int64_t id{}; };
static_assert(ctorm::Table<Person, ctorm::Name<"people">>::name == "people");
