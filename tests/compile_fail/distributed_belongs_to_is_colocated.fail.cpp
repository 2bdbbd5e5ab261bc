// expect: ctorm: a BelongsTo between two distributed tables must include both distribution columns
// expect-first: Task
#include <ctorm/ctorm.hpp>
using ctorm::Uuid;
struct Project { Uuid tenant_id{}; Uuid id{}; };
struct Task { Uuid tenant_id{}; Uuid id{}; Uuid project_id{}; };
using S = ctorm::Schema<
    ctorm::Table<Project, ctorm::PrimaryKey<&Project::tenant_id, &Project::id>, ctorm::DistributedBy<&Project::tenant_id>,
                 ctorm::Unique<&Project::id, &Project::tenant_id>>,
    ctorm::Table<Task, ctorm::PrimaryKey<&Task::tenant_id, &Task::id>, ctorm::DistributedBy<&Task::tenant_id>,
                 ctorm::BelongsTo<Project, ctorm::Keys<&Task::project_id, &Task::id>,
                                  ctorm::References<&Project::id, &Project::tenant_id>>>>;
static_assert(ctorm::valid<S>);
