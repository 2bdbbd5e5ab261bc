#include <ctorm/ctorm.hpp>
struct Log { std::int64_t at{}; std::string text{}; };
using S = ctorm::Schema<ctorm::Table<Log, ctorm::PrimaryKey<&Log::at>>>;
void use(ctorm::Database<S>& db) { (void)db.get<Log>(1); }
