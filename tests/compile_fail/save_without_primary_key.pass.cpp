// The same table with a key.
#include <ctorm/ctorm.hpp>
struct Event { std::string what{}; std::int64_t at{}; };
using S = ctorm::Schema<ctorm::Table<Event, ctorm::PrimaryKey<&Event::at>>>;
void save(ctorm::Database<S>& db) { (void)db.save(ctorm::Loaded<Event>{Event{.what = "boot", .at = 1}, {}}); }
