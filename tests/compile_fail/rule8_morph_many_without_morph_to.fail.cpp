// expect: ctorm: MorphOne and MorphMany need a MorphTo on the target with the same type and id members that lists this table's struct
// expect-first: rule::morph_inverse_exists<Post, ctorm::MorphMany<Like, &Like::target_type, &Like::target_id> ?>
// Post has many Like through (target_type, target_id), but Like's table declares no MorphTo on them.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>>,
                        ctorm::Table<Like>>;
static_assert(ctorm::valid<S>);
