// The same, without the limit.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; bool published{}; };
using posts = ctorm::HasMany<Post, &Post::author_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
void use(ctorm::Database<S>& db, const User& u) {
  (void)db.related<posts>(u).update(ctorm::col<&Post::published> = true);
}
