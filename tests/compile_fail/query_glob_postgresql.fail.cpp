// expect: ctorm: glob\(\) is SQLite's, this database has no GLOB
// expect: postgresql_dialect
// expect-first: Post::title
// glob() in a query for PostgreSQL, which has no GLOB.
#include <ctorm/core.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
using S = ctorm::Schema<ctorm::Table<Post>>;
ctorm::Database<S, ctorm::no_database<ctorm::postgresql_dialect>>& pg();
constexpr std::string_view sql = decltype(pg().select<Post>().where(ctorm::col<&Post::title>.glob("C*")))::sql;
