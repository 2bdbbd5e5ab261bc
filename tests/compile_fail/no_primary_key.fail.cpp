// expect: ctorm: this table has no primary key - add a member named id or declare ctorm::PrimaryKey<&T::member>
// expect-first: Log
#include <ctorm/ctorm.hpp>
struct Log { std::int64_t at{}; std::string text{}; };
using S = ctorm::Schema<ctorm::Table<Log>>;
void use(ctorm::Database<S>& db) { (void)db.get<Log>(1); }
