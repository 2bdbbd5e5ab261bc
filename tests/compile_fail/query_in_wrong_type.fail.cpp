// expect: ctorm: in\(\) and not_in\(\) take values of the column's type
// expect: (expression_base<ctorm::detail::column<&Post::id>>::in<std::vector<std::basic_string|in\(const Range&\) const .with Range = std::vector<std::(__cxx11::)?basic_string<char> >. Derived = ctorm::detail::column<&Post::id>)
// expect-first: Post::id
// Post::id is an integer column; the list holds strings.
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
  db.select<Post>().where(ctorm::col<&Post::id>.in(std::vector<std::string>{"1", "2"})).all();
}
