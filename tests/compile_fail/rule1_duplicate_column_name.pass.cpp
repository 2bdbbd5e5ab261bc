#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string name{}; std::string email{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::Column<&User::email, "mail">>>;
static_assert(ctorm::valid<S>);
