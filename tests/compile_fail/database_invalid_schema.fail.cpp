// expect: ctorm: a foreign key member must have the type of the key it references
// expect-first: rule::foreign_key_type_matches<&Post::author_id, int, User, long( int)?>
// expect: ctorm::Database<ctorm::Schema<ctorm::Table<User>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id> ?> ?> ?>
// No static_assert: using a Database of a schema that breaks rule 2 reports the rule.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int32_t author_id{}; };
using S = ctorm::Schema<ctorm::Table<User>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>>>;
void use(ctorm::Database<S>& db) { db.count<User>(); }
