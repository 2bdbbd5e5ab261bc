// expect: ctorm: a foreign key member must have the type of the key it references
// max-bytes: 100
// The right message, but more output than the file allows: the harness must report the size.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int32_t author_id{}; };
using S = ctorm::Schema<ctorm::Table<User>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
