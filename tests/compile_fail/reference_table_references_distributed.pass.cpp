#include <ctorm/ctorm.hpp>
struct Tenant { ctorm::Uuid id{}; std::int64_t plan_id{}; };
struct Plan { std::int64_t id{}; std::string name{}; };
using S = ctorm::Schema<ctorm::Table<Tenant, ctorm::DistributedBy<&Tenant::id>, ctorm::BelongsTo<Plan, &Tenant::plan_id>>,
                        ctorm::Table<Plan, ctorm::ReferenceTable>>;
static_assert(ctorm::valid<S>);
