#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Slug { std::string id{}; };
using S = ctorm::Schema<ctorm::Table<User>, ctorm::Table<Slug>>;
void use(ctorm::Database<S>& db) { (void)db.get<User>(1); (void)db.get<Slug>("ann"); }
