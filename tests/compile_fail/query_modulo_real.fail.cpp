// expect: ctorm: % takes integer columns and values
// expect-first: Post::score
// Post::score is a double: SQLite would cut its fraction off before %, PostgreSQL has no % for it.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; double score{}; };
using S = ctorm::Schema<ctorm::Table<Post>>;
void use(ctorm::Database<S>& db) {
  db.select<Post>().where(ctorm::col<&Post::score> % 2.0 == 1.5).all();
}
