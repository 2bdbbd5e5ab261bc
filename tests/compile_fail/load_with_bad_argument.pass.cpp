#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; std::string text{}; };
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using S = ctorm::Schema<ctorm::Table<Post, comments>,
                        ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>>;
void use(ctorm::Database<S>& db) {
  (void)db.select<Post>().with<comments>(ctorm::take(42));
}
