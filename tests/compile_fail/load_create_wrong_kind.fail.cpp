// expect: ctorm: create<R> writes through HasMany, HasOne, MorphMany, MorphOne or ManyToMany
// expect: create(<ctorm::BelongsTo<User, &Post::author_id>, User, Post>|\(const Owner&, Child\) .with R = ctorm::BelongsTo<User, &Post::author_id>. Owner = User. Child = Post)
// expect-first: Post::author_id
// author is the post's BelongsTo: a post is created through the user's posts (HasMany).
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::string title{}; };
using author = ctorm::BelongsTo<User, &Post::author_id>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, author>>;
void use(ctorm::Database<S>& db, const User& user) {
  (void)db.create<author>(user, Post{});
}
