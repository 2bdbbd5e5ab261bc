// expect: ctorm: keys and indexes take data-member pointers such as &Post::title
// expect-first: other_email
// A unique key on a variable, not on a member of User.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
std::string other_email;
using S = ctorm::Schema<ctorm::Table<User, ctorm::Unique<&other_email>>>;
static_assert(ctorm::valid<S>);
