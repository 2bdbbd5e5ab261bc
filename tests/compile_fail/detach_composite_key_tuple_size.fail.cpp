// expect: ctorm: a target key given as a std::tuple needs one value per column of the target.s key
// expect-first: Course
// A tuple of one value cannot name a course whose key is (year, code).
#include <ctorm/ctorm.hpp>
struct Student { std::int64_t id{}; };
struct Course { std::int64_t year{}; std::string code{}; };
struct Enrollment { std::int64_t student_id{}; std::int64_t course_year{}; std::string course_code{}; };
using courses = ctorm::ManyToMany<Course, Enrollment>;
using S = ctorm::Schema<
    ctorm::Table<Student, courses>, ctorm::Table<Course, ctorm::PrimaryKey<&Course::year, &Course::code>>,
    ctorm::Table<Enrollment, ctorm::PrimaryKey<&Enrollment::student_id, &Enrollment::course_year, &Enrollment::course_code>,
                 ctorm::BelongsTo<Student, &Enrollment::student_id>,
                 ctorm::BelongsTo<Course, ctorm::Keys<&Enrollment::course_year, &Enrollment::course_code>>>>;
void use(ctorm::Database<S>& db, const Student& s) { (void)db.detach<courses>(s, std::tuple{2026}); }
