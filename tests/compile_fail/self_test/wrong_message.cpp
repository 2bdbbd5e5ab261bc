// expect: ctorm: this message is never printed
// Fails to compile for another reason: the harness must report the mismatch.
#include <ctorm/ctorm.hpp>
struct Stray { std::int64_t id{}; };
using S = ctorm::Schema<>;
void use(ctorm::Database<S>& db) { db.insert(Stray{}); }
