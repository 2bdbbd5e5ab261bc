// expect: ctorm: a foreign key member must have the type of the key it references
// expect-first: rule::foreign_key_type_matches<&Post::author_id, int, User, long( int)?>
// expect-not: ctorm: OnDelete::SetNull and OnUpdate::SetNull need a nullable foreign key
// Post::author_id breaks rule 2 (std::int32_t vs std::int64_t) and rule 3 (SetNull, not optional): only rule 2 is reported.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int32_t author_id{}; };
using S = ctorm::Schema<ctorm::Table<User>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::SetNull>>>;
static_assert(ctorm::valid<S>);
