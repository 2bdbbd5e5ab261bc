// expect: ctorm: a distributed table can reference only a reference table or another distributed table
// expect-first: Tenant
#include <ctorm/ctorm.hpp>
struct Plan { std::int64_t id{}; std::string name{}; };
struct Tenant { ctorm::Uuid id{}; std::int64_t plan_id{}; };
using S = ctorm::Schema<ctorm::Table<Plan>,
                        ctorm::Table<Tenant, ctorm::DistributedBy<&Tenant::id>, ctorm::BelongsTo<Plan, &Tenant::plan_id>>>;
static_assert(ctorm::valid<S>);
