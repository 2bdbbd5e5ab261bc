#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::Unique<&User::email>>>;
static_assert(ctorm::valid<S>);
