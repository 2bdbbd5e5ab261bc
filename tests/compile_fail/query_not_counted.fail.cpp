// expect: ctorm: this relation was not counted
// expect: (Counted<Post, ctorm::ManyToMany<Tag, .*>>::count<ctorm::HasMany<Comment, &Comment::post_id>>|count\(\) const .with R = ctorm::HasMany<Comment, &Comment::post_id>. T = Post. Rs = .ctorm::ManyToMany<Tag)
// expect-first: Comment::post_id
// The query counts tags only; the row has no count of comments.
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
  for (const auto& row : db.select<Post>().with_count<tags>().all())
    (void)row.count<comments>();
}
