// expect: ctorm: glob\(\) is SQLite's, this database has no GLOB
// expect: postgresql_dialect
// expect-first: Post::title
// glob() in the condition of an UPDATE on PostgreSQL: refused at where(), before any SQL is written.
#include <ctorm/core.hpp>
struct User { std::int64_t id{}; std::string name{}; };
struct Post { std::int64_t id{}; std::int64_t user_id{}; std::string title{}; };
using posts = ctorm::HasMany<Post, &Post::user_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::user_id>>>;
ctorm::Database<S, ctorm::no_database<ctorm::postgresql_dialect>>& pg();
using Q = decltype(pg().update<Post>().set(ctorm::col<&Post::title> = "x").where(ctorm::col<&Post::title>.glob("C*")));
