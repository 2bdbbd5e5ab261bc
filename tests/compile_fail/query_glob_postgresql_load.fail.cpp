// expect: ctorm: glob\(\) is SQLite's, this database has no GLOB
// expect: postgresql_dialect
// expect-first: Post::title
// glob() in the condition of load<R>(rows, ...) on PostgreSQL: refused before any SQL is written.
#include <ctorm/core.hpp>
struct User { std::int64_t id{}; std::string name{}; };
struct Post { std::int64_t id{}; std::int64_t user_id{}; std::string title{}; };
using posts = ctorm::HasMany<Post, &Post::user_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::user_id>>>;
ctorm::Database<S, ctorm::no_database<ctorm::postgresql_dialect>>& pg();
void load(const std::vector<User>& users) { (void)pg().load<posts>(users, ctorm::col<&Post::title>.glob("C*")); }
