// expect: ctorm: MorphTo takes the type and id members, such as &Like::target_type, &Like::target_id
// expect-first: type_name
// A MorphTo whose type column is a variable, not a member of Like.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
std::string type_name;
using target = ctorm::MorphTo<&type_name, &Like::target_id, Post>;
using S = ctorm::Schema<ctorm::Table<Post>, ctorm::Table<Like, target>>;
static_assert(ctorm::valid<S>);
