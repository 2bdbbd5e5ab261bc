// Stands in for libpq's header in the core's builds: ctorm's core must not include it.
#error "a core header includes <libpq-fe.h>: only include/ctorm/postgresql/ and ctorm/postgresql.hpp may"
