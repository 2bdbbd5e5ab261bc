// expect: ctorm: a BelongsTo's foreign key must be members of the struct whose table declares it
// expect-first: rule::foreign_key_is_on_owner<Post, ctorm::BelongsTo<User, &Comment::author_id> ?>
// Post's table declares a BelongsTo whose foreign key is a member of Comment.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
struct Comment { std::int64_t id{}; std::int64_t author_id{}; };
using S = ctorm::Schema<ctorm::Table<User>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Comment::author_id>>,
                        ctorm::Table<Comment>>;
static_assert(ctorm::valid<S>);
