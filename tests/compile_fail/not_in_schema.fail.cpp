// expect: ctorm: this struct is not a table of the schema - add ctorm::Table<T> to the Schema
// expect: Stray
// expect-first: contains<Stray>
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Stray { std::int64_t id{}; };
using S = ctorm::Schema<ctorm::Table<User>>;
void use(ctorm::Database<S>& db) { db.insert(Stray{}); }
