// expect: ctorm: a key or index needs at least one member
// expect-first: User
// Unique<> with no member, written as an option of the table.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::Unique<>>>;
static_assert(ctorm::valid<S>);
