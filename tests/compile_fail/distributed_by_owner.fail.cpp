// expect: ctorm: DistributedBy<> names a member of another struct
// expect-first: Tenant
#include <ctorm/ctorm.hpp>
struct Tenant { std::int64_t id{}; };
struct Event { std::int64_t id{}; std::int64_t tenant_id{}; };
using S = ctorm::Schema<ctorm::Table<Tenant>, ctorm::Table<Event, ctorm::DistributedBy<&Tenant::id>>>;
static_assert(ctorm::valid<S>);
