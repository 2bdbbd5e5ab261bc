// expect: ctorm: HasOne and HasMany need the matching BelongsTo<Owner, &Target::fk> in the target's table
// expect-first: rule::inverse_belongs_to_exists<User, ctorm::HasMany<Post, &Post::author_id> ?>
// User has many Post through Post::author_id, but Post's table declares no BelongsTo<User, &Post::author_id>.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::HasMany<Post, &Post::author_id>>, ctorm::Table<Post>>;
static_assert(ctorm::valid<S>);
