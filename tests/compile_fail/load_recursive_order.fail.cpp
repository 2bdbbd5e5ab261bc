// expect: ctorm: with<Recursive<R>>\(\.\.\.\) takes conditions only
// expect-first: Comment::parent_id
// A tree comes in tree order: an order or a take has no meaning here.
#include <ctorm/ctorm.hpp>
struct Comment { std::int64_t id{}; std::optional<std::int64_t> parent_id{}; std::string text{}; };
using replies = ctorm::HasMany<Comment, &Comment::parent_id>;
using S = ctorm::Schema<ctorm::Table<Comment, replies, ctorm::BelongsTo<Comment, &Comment::parent_id>>>;
auto load(ctorm::Database<S>& db) { return db.select<Comment>().with<ctorm::Recursive<replies>>(ctorm::take(3)).all(); }
