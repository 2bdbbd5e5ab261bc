// Stands in for SQLite's header in the core's builds: ctorm's core must not include it.
#error "a core header includes <sqlite3.h>: only include/ctorm/sqlite/ and ctorm/sqlite.hpp may"
