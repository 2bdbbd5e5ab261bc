// expect: ctorm: this relation was not loaded
// expect: (get<ctorm::HasMany<Comment, &Comment::post_id>>|get\(\) .with R = ctorm::HasMany<Comment, &Comment::post_id>. T = Post)
// expect-first: Comment::post_id
// The query loads author only; the row has no comments to hand out.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::string title{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; std::string text{}; };
using author = ctorm::BelongsTo<User, &Post::author_id>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, author, comments>,
                        ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>>;
void use(ctorm::Database<S>& db) {
  (void)db.select<Post>().with<author>().all()[0].get<comments>();
}
