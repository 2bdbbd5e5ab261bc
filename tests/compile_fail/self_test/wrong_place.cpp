// expect: ctorm: a foreign key member must have the type of the key it references
// expect-first: rule::foreign_key_type_matches<&Comment::post_id
// The right message naming another member than the one expected: the harness must report it.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int32_t author_id{}; };
using S = ctorm::Schema<ctorm::Table<User>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
