// expect: ctorm: a junction needs exactly one BelongsTo to each side
// expect-first: rule::junction_foreign_keys<Post, ctorm::ManyToMany<Tag, PostTag(, nullptr, nullptr)?> ?>
// PostTag has a BelongsTo<Post, ...> but none to Tag.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
struct Tag { std::int64_t id{}; };
struct PostTag { std::int64_t post_id{}; std::int64_t tag_id{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::ManyToMany<Tag, PostTag>>, ctorm::Table<Tag>,
                        ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                                     ctorm::BelongsTo<Post, &PostTag::post_id>>>;
static_assert(ctorm::valid<S>);
