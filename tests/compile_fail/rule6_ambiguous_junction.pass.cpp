#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Follow { std::int64_t follower_id{}; std::int64_t followee_id{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::ManyToMany<User, Follow, &Follow::follower_id, &Follow::followee_id>>,
                        ctorm::Table<Follow, ctorm::PrimaryKey<&Follow::follower_id, &Follow::followee_id>,
                                     ctorm::BelongsTo<User, &Follow::follower_id>,
                                     ctorm::BelongsTo<User, &Follow::followee_id>>>;
static_assert(ctorm::valid<S>);
