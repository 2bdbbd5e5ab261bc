#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Stray { std::int64_t id{}; };
using S = ctorm::Schema<ctorm::Table<User>, ctorm::Table<Stray>>;
void use(ctorm::Database<S>& db) { db.insert(Stray{}); }
