// expect: ctorm: dissociate<R> needs a nullable foreign key \(std::optional\)
// expect: dissociate(<ctorm::BelongsTo<User, &Post::author_id>, Post>|\(Child&\) .with R = ctorm::BelongsTo<User, &Post::author_id>. Child = Post)
// expect-first: Post::author_id
// author_id is a plain integer: the post's author cannot be cleared.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::optional<std::int64_t> reviewer_id{}; };
using author = ctorm::BelongsTo<User, &Post::author_id>;
using reviewer = ctorm::BelongsTo<User, &Post::reviewer_id, ctorm::OnDelete::SetNull>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, author, reviewer>>;
void use(ctorm::Database<S>& db, Post& post) {
  (void)db.dissociate<author>(post);
}
