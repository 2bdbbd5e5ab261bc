#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::string title{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::Default<&User::email, "none">>, ctorm::Table<Post>>;
static_assert(ctorm::valid<S>);
