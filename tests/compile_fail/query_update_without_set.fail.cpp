// expect: ctorm: call set\(\.\.\.\) before where\(\.\.\.\) or all_rows\(\)
// expect: (, Post>::run<ctorm::detail::nothing>|run\(const W\*\) .with W = ctorm::detail::nothing. B = ctorm::sqlite. S = .*. T = Post. Assignments = ctorm::detail::type_list<>)
// expect-first: Post
// An UPDATE run without a SET list.
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
  db.update<Post>().all_rows();
}
