// expect: ctorm: a HasOne or HasMany foreign key must be members of the target struct
// expect-first: rule::foreign_key_is_on_target<User, ctorm::HasMany<Post, &Comment::author_id> ?>
// User's HasMany<Post, ...> names a member of Comment instead of Post.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
struct Comment { std::int64_t id{}; std::int64_t author_id{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::HasMany<Post, &Comment::author_id>>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>,
                        ctorm::Table<Comment>>;
static_assert(ctorm::valid<S>);
