// expect: ctorm: glob\(\) is SQLite's, this database has no GLOB
// expect: postgresql_dialect
// expect-first: Post::title
// glob() in the condition of a DELETE for PostgreSQL: refused at where(), before any SQL is written.
#include <ctorm/core.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
using S = ctorm::Schema<ctorm::Table<Post>>;
ctorm::Database<S, ctorm::no_database<ctorm::postgresql_dialect>>& pg();
using Deleted = decltype(pg().remove<Post>().where(ctorm::col<&Post::title>.glob("C*")));
