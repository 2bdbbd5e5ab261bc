#include <ctorm/ctorm.hpp>
struct Tenant { std::int64_t id{}; };
struct Event { std::int64_t id{}; std::int64_t tenant_id{}; };
using S = ctorm::Schema<ctorm::Table<Tenant>, ctorm::Table<Event, ctorm::PrimaryKey<&Event::tenant_id, &Event::id>,
                                                           ctorm::DistributedBy<&Event::tenant_id>>>;
static_assert(ctorm::valid<S>);
