// expect: ctorm: related<R>\(row\) takes a relation declared on the row's table
// expect: related(<ctorm::HasMany<Comment, &Comment::post_id>, User>|\(const Owner&\) .with R = ctorm::HasMany<Comment, &Comment::post_id>. Owner = User)
// expect-first: Comment::post_id
// comments is declared on Post; the row passed is a User.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::string title{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; std::string text{}; };
using author = ctorm::BelongsTo<User, &Post::author_id>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, author, comments>,
                        ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>>;
void use(ctorm::Database<S>& db, const User& user, const Post& post) {
  (void)post;
  (void)db.related<comments>(user).all();
}
