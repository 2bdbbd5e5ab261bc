// expect: ctorm: two tables have the same name
// expect: table_name_is_unique<.*, ctorm::Table<Person, ctorm::Name<(ctorm::fixed_string<[0-9]+>)?{[^}]*}+> ?> ?>::(ok|fire)
// Person and Member are both named "people".
#include <ctorm/ctorm.hpp>
struct Person { std::int64_t id{}; };
struct Member { std::int64_t id{}; };
using S = ctorm::Schema<ctorm::Table<Person, ctorm::Name<"people">>,
                        ctorm::Table<Member, ctorm::Name<"people">>>;
static_assert(ctorm::valid<S>);
