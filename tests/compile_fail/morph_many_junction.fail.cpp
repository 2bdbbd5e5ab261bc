// expect: ctorm: MorphToMany and MorphedByMany need a junction table with one BelongsTo to the shared side
// expect-first: Taggable::taggable_type
// The junction's id member is text, but the tagged tables' keys are integers.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Tag { std::int64_t id{}; std::string name{}; };
struct Taggable { std::int64_t tag_id{}; std::string taggable_type{}; std::string taggable_id{}; };
using tags = ctorm::MorphToMany<Tag, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>;
using S = ctorm::Schema<ctorm::Table<Post, tags>, ctorm::Table<Tag>,
                        ctorm::Table<Taggable, ctorm::BelongsTo<Tag, &Taggable::tag_id>>>;
static_assert(ctorm::valid<S>);
