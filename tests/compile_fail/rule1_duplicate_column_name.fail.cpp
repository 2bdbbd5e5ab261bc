// expect: ctorm: two columns of this table have the same name
// expect-first: rule::column_names_are_unique<User>
// The column of User::email is renamed "name", which is already the column of User::name.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string name{}; std::string email{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::Column<&User::email, "name">>>;
static_assert(ctorm::valid<S>);
