#include <ctorm/ctorm.hpp>
struct Label { ctorm::Uuid id{}; std::string text{}; };
struct Project { ctorm::Uuid id{}; std::string title{}; };
struct ProjectLabel { ctorm::Uuid project_id{}; ctorm::Uuid label_id{}; };
using S = ctorm::Schema<
    ctorm::Table<Label, ctorm::ReferenceTable>,
    ctorm::Table<Project, ctorm::DistributedBy<&Project::id>, ctorm::ManyToMany<Label, ProjectLabel>>,
    ctorm::Table<ProjectLabel, ctorm::PrimaryKey<&ProjectLabel::project_id, &ProjectLabel::label_id>,
                 ctorm::DistributedBy<&ProjectLabel::project_id>, ctorm::BelongsTo<Project, &ProjectLabel::project_id>,
                 ctorm::BelongsTo<Label, &ProjectLabel::label_id>>>;
static_assert(ctorm::valid<S>);
