#include <ctorm/ctorm.hpp>
struct Project { ctorm::Uuid tenant_id{}; ctorm::Uuid id{}; std::string slug{}; };
using S = ctorm::Schema<ctorm::Table<Project, ctorm::PrimaryKey<&Project::tenant_id, &Project::id>,
                                     ctorm::DistributedBy<&Project::tenant_id>,
                                     ctorm::Unique<&Project::tenant_id, &Project::slug>>>;
static_assert(ctorm::valid<S>);
