// expect: ctorm: this Default<> or Is<> value does not fit the member's type
// expect: Default<&Post::author_id,
// expect-first: value_fits<&Post::author_id>
// A text default on an integer member.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::string status{}; };
using S = ctorm::Schema<ctorm::Table<User>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>,
                                     ctorm::Default<&Post::author_id, "1">, ctorm::Default<&Post::status, "draft">>>;
static_assert(ctorm::valid<S>);
