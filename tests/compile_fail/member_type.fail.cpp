// expect: ctorm: this member type cannot be a column
// expect: Post
// expect: member_named<'t', 'i', 't', 'l', 'e'>
// expect-first: Post
#include <ctorm/ctorm.hpp>
#include <string_view>
struct Post { std::int64_t id{}; std::string_view title{}; };
static_assert(ctorm::Table<Post>::well_formed);
