// The same, with the id member of the posts' key type.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Tag { std::int64_t id{}; std::string name{}; };
struct Taggable { std::int64_t tag_id{}; std::string taggable_type{}; std::int64_t taggable_id{}; };
using tags = ctorm::MorphToMany<Tag, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>;
using S = ctorm::Schema<ctorm::Table<Post, tags>, ctorm::Table<Tag>,
                        ctorm::Table<Taggable, ctorm::BelongsTo<Tag, &Taggable::tag_id>>>;
static_assert(ctorm::valid<S>);
