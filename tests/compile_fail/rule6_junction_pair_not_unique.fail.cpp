// expect: ctorm: a junction's pair of foreign keys must be unique
// expect-first: rule::junction_pair_is_unique<Post, ctorm::ManyToMany<Tag, PostTag(, nullptr, nullptr)?> ?>
// PostTag has neither a PrimaryKey nor a Unique over (post_id, tag_id): a link could be stored twice.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
struct Tag { std::int64_t id{}; };
struct PostTag { std::int64_t post_id{}; std::int64_t tag_id{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::ManyToMany<Tag, PostTag>>, ctorm::Table<Tag>,
                        ctorm::Table<PostTag, ctorm::BelongsTo<Post, &PostTag::post_id>,
                                     ctorm::BelongsTo<Tag, &PostTag::tag_id>>>;
static_assert(ctorm::valid<S>);
