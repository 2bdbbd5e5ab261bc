// expect: ctorm: no index starts with this foreign key
// expect-first: rule::foreign_key_has_index<Post, ctorm::BelongsTo<User, &Post::author_id> ?>
// With RequireForeignKeyIndexes, Post::author_id needs an index that starts with it.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
using S = ctorm::Schema<ctorm::RequireForeignKeyIndexes, ctorm::Table<User>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
static_assert(ctorm::valid<S>);
