// expect: ctorm: with<R>\(\) loads relations of whole rows
// expect: (Select<ctorm::sqlite, ctorm::detail::select_spec<.*ctorm::detail::type_list<ctorm::detail::column<&Post::id> ?>.*>::with<ctorm::BelongsTo<User, &Post::author_id>>|with\(Args&& ...\) && .with W = ctorm::BelongsTo<User, &Post::author_id>. Args = {}. B = ctorm::sqlite. Spec = ctorm::detail::select_spec<.*ctorm::detail::type_list<ctorm::detail::column<&Post::id> ?>)
// expect-first: Post::id
// A projection's rows are tuples of columns: there is no row to hang the author on.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::string title{}; };
using author = ctorm::BelongsTo<User, &Post::author_id>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, author>>;
void use(ctorm::Database<S>& db) {
  (void)db.select(ctorm::col<&Post::id>).with<author>();
}
