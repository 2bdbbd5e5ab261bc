// expect: ctorm: give one key value per primary-key member, in declaration order
// expect-first: PostTag::post_id
#include <ctorm/ctorm.hpp>
struct PostTag { std::int64_t post_id{}; std::int64_t tag_id{}; };
using S = ctorm::Schema<ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>>>;
void use(ctorm::Database<S>& db) { db.remove<PostTag>(1); }
