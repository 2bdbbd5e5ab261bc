// expect: ctorm: a foreign key member must have the type of the key it references
// An unrelated error comes first, so the first error line does not carry the ctorm: message.
#include <ctorm/ctorm.hpp>
static_assert(sizeof(int) == 0);
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int32_t author_id{}; };
using S = ctorm::Schema<ctorm::Table<User>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
