// expect: ctorm: a table takes at most one ctorm::PrimaryKey<> - list every key member in it
// expect-first: PostTag
#include <ctorm/ctorm.hpp>
struct PostTag { std::int64_t post_id{}; std::int64_t tag_id{}; };
static_assert(ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id>, ctorm::PrimaryKey<&PostTag::tag_id>>::well_formed);
