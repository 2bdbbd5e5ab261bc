#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
struct Tag { std::int64_t id{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::ManyToMany<Tag>>, ctorm::Table<Tag>>;
static_assert(ctorm::valid<S>);
