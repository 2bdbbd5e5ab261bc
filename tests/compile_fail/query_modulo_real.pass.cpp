#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; double score{}; };
using S = ctorm::Schema<ctorm::Table<Post>>;
void use(ctorm::Database<S>& db) {
  db.select<Post>().where(ctorm::col<&Post::id> % 2 == 1).all();
}
