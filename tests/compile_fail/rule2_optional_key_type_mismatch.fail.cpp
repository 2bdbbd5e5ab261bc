// expect: ctorm: a foreign key member must have the type of the key it references
// expect-first: rule::foreign_key_type_matches<&Post::author_id, std::optional<int>, User, long( int)?>
// Post::author_id is std::optional<std::int32_t> but references User::id, a std::int64_t.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::optional<std::int32_t> author_id{}; };
using S = ctorm::Schema<ctorm::Table<User>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
