// expect: ctorm: a MorphTo cannot be joined or counted \(its target table differs from row to row\) - join or count ctorm::MorphAs<R, Target>
// expect: relation_has_a_path(<|\(\) .with R = )ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>
// expect-first: Like::target_type
// target is a MorphTo: its table depends on each row, so it has no path to count along.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>;
using S = ctorm::Schema<ctorm::Table<Post, likes>, ctorm::Table<Like, target>>;
void use(ctorm::Database<S>& db) {
  db.select<Like>().with_count<target>().all();
}
