// expect: ctorm: a MorphTo's type member must be std::string
// expect-first: rule::morph_type_is_text<ctorm::MorphTo<&Like::target_type, &Like::target_id, Post> ?>
// Like::target_type is a std::int64_t; it must be std::string to hold the target's table name.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
struct Like { std::int64_t id{}; std::int64_t target_type{}; std::int64_t target_id{}; };
using S = ctorm::Schema<ctorm::Table<Post>,
                        ctorm::Table<Like, ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>>>;
static_assert(ctorm::valid<S>);
