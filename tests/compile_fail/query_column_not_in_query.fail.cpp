// expect: ctorm: this column's table is not in the query
// expect: column_is_in_query(<User, false>|\(\) .with Table = User. bool InScope = false)
// expect-first: User
// The query selects Post but its condition names User::email, and User is not joined.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post {
  std::int64_t id{}; std::int64_t author_id{}; std::optional<std::int64_t> reviewer_id{};
  std::string title{}; std::optional<std::string> subtitle{};
};
using author = ctorm::BelongsTo<User, &Post::author_id>;
using reviewer = ctorm::BelongsTo<User, &Post::reviewer_id, ctorm::OnDelete::SetNull>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, author, reviewer>>;
void use(ctorm::Database<S>& db) {
  db.select<Post>().where(ctorm::col<&User::email> == "x").all();
}
