// expect: ctorm: save writes rows by their primary key - this table has none
// expect-first: Event
// Without a key, a row saved twice could not be told from a new one.
#include <ctorm/ctorm.hpp>
struct Event { std::string what{}; std::int64_t at{}; };
using S = ctorm::Schema<ctorm::Table<Event>>;
void save(ctorm::Database<S>& db) { (void)db.save(ctorm::Loaded<Event>{Event{.what = "boot", .at = 1}, {}}); }
