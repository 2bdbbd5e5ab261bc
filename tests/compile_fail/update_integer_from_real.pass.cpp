#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::int64_t views{}; double score{}; };
using S = ctorm::Schema<ctorm::Table<Post>>;
void use(ctorm::Database<S>& db) {
  db.update<Post>().set(ctorm::col<&Post::views> = ctorm::col<&Post::views> * 2,
                        ctorm::col<&Post::score> = ctorm::col<&Post::score> * 1.5).all_rows();
}
