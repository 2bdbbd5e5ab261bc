// expect: ctorm: the target of this relation has no table in the schema
// expect-first: rule::relation_target_has_table<Post, User>
// Post belongs to User, but User has no ctorm::Table in the schema.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
