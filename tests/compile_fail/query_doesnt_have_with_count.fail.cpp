// expect: ctorm: where_doesnt_have takes no count
// expect: make_related(<|\(Args&& \.\.\.\) .with R = )ctorm::HasMany<Comment, &Comment::post_id>(, true, |. bool Negate = true. Args = .)(ctorm::detail::)?count_bound<
// expect-first: Comment::post_id
// where_doesnt_have with a count bound: use where_has<comments>(ctorm::exactly(0)).
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; };
struct Tag { std::int64_t id{}; };
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using tags = ctorm::ManyToMany<Tag>;
using S = ctorm::Schema<ctorm::Table<Post, comments, tags>,
                        ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>,
                        ctorm::Table<Tag, ctorm::ManyToMany<Post>>>;
void use(ctorm::Database<S>& db) {
  db.select<Post>().where_doesnt_have<comments>(ctorm::at_least(1)).all();
}
