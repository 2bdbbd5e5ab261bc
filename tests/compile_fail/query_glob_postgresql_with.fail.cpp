// expect: ctorm: glob\(\) is SQLite's, this database has no GLOB
// expect: postgresql_dialect
// expect-first: Post::title
// glob() in the condition of an eager load on PostgreSQL: refused by with<R>(), where it is written.
#include <ctorm/core.hpp>
struct User { std::int64_t id{}; std::string name{}; };
struct Post { std::int64_t id{}; std::int64_t user_id{}; std::string title{}; };
using posts = ctorm::HasMany<Post, &Post::user_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::user_id>>>;
ctorm::Database<S, ctorm::no_database<ctorm::postgresql_dialect>>& pg();
using Q = decltype(pg().select<User>().with<posts>(ctorm::col<&Post::title>.glob("C*")));
