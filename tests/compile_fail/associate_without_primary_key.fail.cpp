// expect: ctorm: this table has no primary key
// expect-first: Visit
// associate and dissociate find the child's row by its primary key; a table without one is
// refused at compile time, before anything in memory changes.
#include <ctorm/ctorm.hpp>
struct Host { std::int64_t id{}; std::string name{}; };
struct Visit { std::int64_t at{}; std::optional<std::int64_t> host_id{}; };
using host = ctorm::BelongsTo<Host, &Visit::host_id>;
using S = ctorm::Schema<ctorm::Table<Host>, ctorm::Table<Visit, host>>;
void use(ctorm::Database<S>& db, Visit& v, const Host& h) {
  (void)db.associate<host>(v, h);
  (void)db.dissociate<host>(v);
}
