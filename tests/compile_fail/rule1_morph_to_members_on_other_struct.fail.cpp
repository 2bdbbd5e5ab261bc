// expect: ctorm: a MorphTo's type and id members must belong to the struct whose table declares it
// expect-first: rule::morph_columns_are_on_owner<Comment, ctorm::MorphTo<&Like::target_type, &Like::target_id, Post> ?>
// Comment's table declares a MorphTo whose type and id members belong to Like.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
struct Comment { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using S = ctorm::Schema<ctorm::Table<Post>, ctorm::Table<Like>,
                        ctorm::Table<Comment, ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>>>;
static_assert(ctorm::valid<S>);
