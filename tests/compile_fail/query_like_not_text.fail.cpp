// expect: ctorm: like\(\) and glob\(\) apply to text columns
// expect: (expression_base<ctorm::detail::column<&Post::id>>::like<|like\(P&&\) const .with P = const char \(&\).3.. Derived = ctorm::detail::column<&Post::id>)
// expect-first: Post::id
// like() on Post::id, an integer column.
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
  db.select<Post>().where(ctorm::col<&Post::id>.like("1%")).all();
}
