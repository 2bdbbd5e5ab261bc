#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>;
using S = ctorm::Schema<ctorm::Table<Post>, ctorm::Table<Like, target>>;
static_assert(ctorm::valid<S>);
