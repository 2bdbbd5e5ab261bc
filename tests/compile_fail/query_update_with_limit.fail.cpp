// expect: ctorm: update\(\) and remove\(\) of a query take its conditions only
// expect-first: Post
// A LIMIT (or an order, a join, a projection) has no meaning in one UPDATE or DELETE on both
// databases: the rows it would pick are not the query's rows.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; bool published{}; };
using posts = ctorm::HasMany<Post, &Post::author_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
void use(ctorm::Database<S>& db, const User& u) {
  (void)db.related<posts>(u).limit(2).update(ctorm::col<&Post::published> = true);
}
