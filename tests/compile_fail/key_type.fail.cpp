// expect: ctorm: a key value.s type does not match the primary-key member.s type
// expect-first: User
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
using S = ctorm::Schema<ctorm::Table<User>>;
void use(ctorm::Database<S>& db) { (void)db.get<User>("ann"); }
