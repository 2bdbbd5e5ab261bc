// expect: ctorm: every column of this table is in its primary key, so update has nothing to set
// expect-first: PostTag
#include <ctorm/ctorm.hpp>
struct PostTag { std::int64_t post_id{}; std::int64_t tag_id{}; };
using S = ctorm::Schema<ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>>>;
void use(ctorm::Database<S>& db) { db.update(PostTag{}); }
