// expect: ctorm: Nested<> cannot go below a MorphTo
// expect: slot_of<ctorm::Nested<ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>, ctorm::BelongsTo<User, &Post::author_id> ?>
// expect-first: Like::target_type
// target is a MorphTo: its rows are of several types, so no relation can be loaded below it.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::string title{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using author = ctorm::BelongsTo<User, &Post::author_id>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, author, likes>, ctorm::Table<Like, target>>;
void use(ctorm::Database<S>& db) {
  (void)db.select<Like>().with<ctorm::Nested<target, author>>().all();
}
