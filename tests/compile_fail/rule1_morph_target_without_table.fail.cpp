// expect: ctorm: the target of this relation has no table in the schema
// expect-first: rule::relation_target_has_table<Like, Photo>
// Like's MorphTo lists Photo, but Photo has no ctorm::Table in the schema.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
struct Photo { std::int64_t id{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using S = ctorm::Schema<ctorm::Table<Post>,
                        ctorm::Table<Like, ctorm::MorphTo<&Like::target_type, &Like::target_id, Post, Photo>>>;
static_assert(ctorm::valid<S>);
