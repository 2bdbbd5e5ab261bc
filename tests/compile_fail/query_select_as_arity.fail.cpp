// expect: ctorm: select_as needs one expression per member of the result struct
// expect: select_as(<Pair, |\(Es \.\.\.\) .with Result = Pair. Es = .)ctorm::detail::column<&Post::id>(>'|.. S = )
// expect-first: Post::id
// Pair has two members but only one expression is selected.
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
struct Pair { std::int64_t id{}; std::string title{}; };
void use(ctorm::Database<S>& db) {
  db.select_as<Pair>(ctorm::col<&Post::id>).all();
}
