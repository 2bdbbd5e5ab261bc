// expect: ctorm: the junction struct of this ManyToMany has no table in the schema
// expect-first: rule::junction_has_table<Post, PostTag>
// Post links to Tag through PostTag, but PostTag has no ctorm::Table in the schema.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
struct Tag { std::int64_t id{}; };
struct PostTag { std::int64_t post_id{}; std::int64_t tag_id{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::ManyToMany<Tag, PostTag>>, ctorm::Table<Tag>>;
static_assert(ctorm::valid<S>);
