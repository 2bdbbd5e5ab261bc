// expect: ctorm: these two sides cannot be compared
// expect: check_comparable(<ctorm::detail::|\(\) .with L = )column<&Post::title>(, ctorm::detail::|. R = )parameter<long
// expect-first: Post::title
// Post::title is text, compared with the integer 3.
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
  db.select<Post>().where(ctorm::col<&Post::title> == 3).all();
}
