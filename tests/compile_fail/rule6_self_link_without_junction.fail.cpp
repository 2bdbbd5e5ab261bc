// expect: ctorm: ManyToMany<Target> without a junction struct links two different tables with single-member primary keys
// expect-first: rule::join_table_is_possible<User, ctorm::ManyToMany<User(, void, nullptr, nullptr)?> ?>
// ManyToMany<User> on User itself: ctorm cannot make the join table, a junction struct is needed.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::ManyToMany<User>>>;
static_assert(ctorm::valid<S>);
