// expect: ctorm: a junction needs exactly one BelongsTo to each side
// expect-first: rule::junction_foreign_keys<User, ctorm::ManyToMany<User, Follow(, nullptr, nullptr)?> ?>
// Follow has two BelongsTo<User, ...> (follower_id, followee_id) and the ManyToMany names neither.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Follow { std::int64_t follower_id{}; std::int64_t followee_id{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::ManyToMany<User, Follow>>,
                        ctorm::Table<Follow, ctorm::PrimaryKey<&Follow::follower_id, &Follow::followee_id>,
                                     ctorm::BelongsTo<User, &Follow::follower_id>,
                                     ctorm::BelongsTo<User, &Follow::followee_id>>>;
static_assert(ctorm::valid<S>);
