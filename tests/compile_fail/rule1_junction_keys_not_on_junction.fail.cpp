// expect: ctorm: the members named in ManyToMany<Target, Junction, \.\.\.> must belong to the junction struct
// expect-first: rule::junction_keys_are_on_junction<ctorm::ManyToMany<User, Follow, &Follow::follower_id, &Block::blocked_id> ?>
// The ManyToMany names Block::blocked_id, a member of another struct than its junction Follow.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Follow { std::int64_t follower_id{}; std::int64_t followee_id{}; };
struct Block { std::int64_t blocker_id{}; std::int64_t blocked_id{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::ManyToMany<User, Follow, &Follow::follower_id, &Block::blocked_id>>,
                        ctorm::Table<Follow, ctorm::PrimaryKey<&Follow::follower_id, &Follow::followee_id>,
                                     ctorm::BelongsTo<User, &Follow::follower_id>,
                                     ctorm::BelongsTo<User, &Follow::followee_id>>,
                        ctorm::Table<Block, ctorm::PrimaryKey<&Block::blocker_id, &Block::blocked_id>,
                                     ctorm::BelongsTo<User, &Block::blocker_id>,
                                     ctorm::BelongsTo<User, &Block::blocked_id>>>;
static_assert(ctorm::valid<S>);
