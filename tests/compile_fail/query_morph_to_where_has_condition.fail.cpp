// expect: ctorm: where_has and where_doesnt_have of a MorphTo take no condition or count \(its target table differs from row to row\) - give them to where_has<ctorm::MorphAs<R, Target>>\(\.\.\.\)
// expect: make_related(<|\(Args&& \.\.\.\) .with R = )ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>
// expect-first: Like::target_type
// A condition on Post's columns means nothing for a like of another table: name the target.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>;
using S = ctorm::Schema<ctorm::Table<Post, likes>, ctorm::Table<Like, target>>;
void use(ctorm::Database<S>& db) {
  db.select<Like>().where_has<target>(ctorm::col<&Post::title> == std::string("hello")).all();
}
