#include <ctorm/ctorm.hpp>
struct Person { std::int64_t id{}; };
struct Member { std::int64_t id{}; };
using S = ctorm::Schema<ctorm::Table<Person, ctorm::Name<"people">>,
                        ctorm::Table<Member, ctorm::Name<"members">>>;
static_assert(ctorm::valid<S>);
