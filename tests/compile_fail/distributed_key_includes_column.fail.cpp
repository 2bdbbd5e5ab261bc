// expect: ctorm: a distributed table's primary key must include its distribution column
// expect-first: Project
#include <ctorm/ctorm.hpp>
struct Project { ctorm::Uuid tenant_id{}; ctorm::Uuid id{}; std::string title{}; };
using S = ctorm::Schema<ctorm::Table<Project, ctorm::DistributedBy<&Project::tenant_id>>>;
static_assert(ctorm::valid<S>);
