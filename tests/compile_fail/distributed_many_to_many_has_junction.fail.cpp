// expect: ctorm: a ManyToMany with a distributed side needs a junction struct that holds the distribution column
// expect-first: Project
#include <ctorm/ctorm.hpp>
struct Label { ctorm::Uuid id{}; std::string text{}; };
struct Project { ctorm::Uuid id{}; std::string title{}; };
using S = ctorm::Schema<ctorm::Table<Label, ctorm::ReferenceTable>,
                        ctorm::Table<Project, ctorm::DistributedBy<&Project::id>, ctorm::ManyToMany<Label>>>;
static_assert(ctorm::valid<S>);
