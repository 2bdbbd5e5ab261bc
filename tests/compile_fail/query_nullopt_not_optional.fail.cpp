// expect: ctorm: is_null\(\) and is_not_null\(\) apply to optional columns
// expect: (expression_base<ctorm::detail::column<&Post::title>>::is_null|is_null\(\) const .with Derived = ctorm::detail::column<&Post::title>)
// expect-first: Post::title
// col == std::nullopt means IS NULL, but Post::title is a std::string, never NULL.
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
  db.select<Post>().where(ctorm::col<&Post::title> == std::nullopt).all();
}
