#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>;
using S = ctorm::Schema<ctorm::Table<Post, likes>, ctorm::Table<Like, target>>;
void use(ctorm::Database<S>& db) {
  db.select<Like>().where_has<ctorm::MorphAs<target, Post>>(ctorm::col<&Post::title> == std::string("hello")).all();
  db.select<Like>().where_has<target>().all();
}
