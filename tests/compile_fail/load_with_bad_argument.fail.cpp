// expect: ctorm: with<R>\(...\) takes conditions, asc<>/desc<> terms, ctorm::take\(n\) and ctorm::on<R>\(...\)
// expect: (::with<ctorm::HasMany<Comment, &Comment::post_id>, int>|with\(Args&& ...\) && .with W = ctorm::HasMany<Comment, &Comment::post_id>. Args = {int})
// 42 is neither a condition, an asc<>/desc<> term nor ctorm::take(n).
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; std::string text{}; };
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using S = ctorm::Schema<ctorm::Table<Post, comments>,
                        ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>>;
void use(ctorm::Database<S>& db) {
  (void)db.select<Post>().with<comments>(42);
}
