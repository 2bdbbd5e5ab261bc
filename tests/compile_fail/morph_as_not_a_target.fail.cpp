// expect: ctorm: MorphAs<R, Target> takes a MorphTo R and one of the structs R lists as targets - name one of R's targets, or add the struct to R's target list
// expect: MorphAs<ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>, Video>
// expect-first: Like::target_type
// Video has a table but is not among the targets of the likes' MorphTo.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Video { std::int64_t id{}; std::string url{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>;
using S = ctorm::Schema<ctorm::Table<Post, likes>, ctorm::Table<Video>, ctorm::Table<Like, target>>;
void use(ctorm::Database<S>& db) {
  db.select<Like>().where_has<ctorm::MorphAs<target, Video>>().all();
}
