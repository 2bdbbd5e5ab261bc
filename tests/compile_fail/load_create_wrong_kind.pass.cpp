#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::string title{}; };
using author = ctorm::BelongsTo<User, &Post::author_id>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, author>>;
void use(ctorm::Database<S>& db, const User& user) {
  (void)db.create<posts>(user, Post{});
}
