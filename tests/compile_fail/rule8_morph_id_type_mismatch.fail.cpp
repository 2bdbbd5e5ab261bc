// expect: ctorm: a MorphTo's id member must have the type of each target's single-member primary key
// expect-first: rule::morph_id_matches_key<ctorm::MorphTo<&Like::target_type, &Like::target_id, Post, Photo>, Photo>
// Like::target_id is a std::int64_t but Photo's key Photo::id is a std::int32_t.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
struct Photo { std::int32_t id{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using S = ctorm::Schema<ctorm::Table<Post>, ctorm::Table<Photo>,
                        ctorm::Table<Like, ctorm::MorphTo<&Like::target_type, &Like::target_id, Post, Photo>>>;
static_assert(ctorm::valid<S>);
