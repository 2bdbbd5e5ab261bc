// expect: ctorm: a table takes at most one ctorm::Name<>
// expect-first: Person
#include <ctorm/ctorm.hpp>
struct Person { std::int64_t id{}; };
static_assert(ctorm::Table<Person, ctorm::Name<"people">, ctorm::Name<"persons">>::name == "people");
