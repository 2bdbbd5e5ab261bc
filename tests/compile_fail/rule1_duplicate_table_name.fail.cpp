// expect: ctorm: two tables have the same name
// expect-first: rule::table_name_is_unique<Person>
// Person and Member are both named "people".
#include <ctorm/ctorm.hpp>
struct Person { std::int64_t id{}; };
struct Member { std::int64_t id{}; };
using S = ctorm::Schema<ctorm::Table<Person, ctorm::Name<"people">>,
                        ctorm::Table<Member, ctorm::Name<"people">>>;
static_assert(ctorm::valid<S>);
