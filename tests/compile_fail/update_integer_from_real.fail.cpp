// expect: ctorm: an integer column is not set from a floating-point expression
// expect-first: Post::views
// Post::views is an integer and views * 1.5 a double: SQLite would refuse the value, PostgreSQL round it.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::int64_t views{}; double score{}; };
using S = ctorm::Schema<ctorm::Table<Post>>;
void use(ctorm::Database<S>& db) {
  db.update<Post>().set(ctorm::col<&Post::views> = ctorm::col<&Post::views> * 1.5).all_rows();
}
