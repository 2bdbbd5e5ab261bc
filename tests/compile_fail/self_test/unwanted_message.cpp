// expect: ctorm: this struct is not a table of the schema
// expect-not: not a table of the schema
// The expected message also matches the excluded one: the harness must report it.
#include <ctorm/ctorm.hpp>
struct Stray { std::int64_t id{}; };
using S = ctorm::Schema<>;
void use(ctorm::Database<S>& db) { db.insert(Stray{}); }
