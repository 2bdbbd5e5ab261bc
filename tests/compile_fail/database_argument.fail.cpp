// expect: ctorm: Database<S> takes a ctorm::Schema<...>
// expect-first: User
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
void use(ctorm::Database<ctorm::Table<User>>&) {}
ctorm::Database<ctorm::Table<User>>* p = nullptr;
auto n = sizeof(ctorm::Database<ctorm::Table<User>>);
