// expect: ctorm: a reference table \(or a table that is not distributed\) cannot reference a distributed table
// expect-first: Plan
#include <ctorm/ctorm.hpp>
struct Tenant { ctorm::Uuid id{}; std::string name{}; };
struct Plan { std::int64_t id{}; ctorm::Uuid owner_id{}; };
using S = ctorm::Schema<ctorm::Table<Tenant, ctorm::DistributedBy<&Tenant::id>>,
                        ctorm::Table<Plan, ctorm::ReferenceTable, ctorm::BelongsTo<Tenant, &Plan::owner_id>>>;
static_assert(ctorm::valid<S>);
