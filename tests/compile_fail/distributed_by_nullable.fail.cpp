// expect: ctorm: a distribution column cannot be NULL
// expect-first: Event::tenant_id
#include <ctorm/ctorm.hpp>
struct Event { std::int64_t id{}; std::optional<std::int64_t> tenant_id{}; };
using S = ctorm::Schema<ctorm::Table<Event, ctorm::PrimaryKey<&Event::tenant_id, &Event::id>, ctorm::DistributedBy<&Event::tenant_id>>>;
static_assert(ctorm::valid<S>);
