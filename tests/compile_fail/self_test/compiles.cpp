// expect: ctorm:
// Compiles: the harness must report that it did.
#include <ctorm/ctorm.hpp>
struct Fine { std::int64_t id{}; };
using S = ctorm::Schema<ctorm::Table<Fine>>;
void use(ctorm::Database<S>& db) { db.insert(Fine{}); }
