// expect: ctorm: a MorphTo is loaded whole
// expect: (W = |with<)ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>
// expect-first: Like::target_type
// A MorphTo's rows come from several tables: a condition on one of them cannot apply.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>;
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using S = ctorm::Schema<ctorm::Table<Post, likes>, ctorm::Table<Like, target>>;
void use(ctorm::Database<S>& db) { (void)db.select<Like>().with<target>(ctorm::col<&Post::title> == "x").all(); }
