// expect: ctorm: this member type cannot be a column
// expect: Note
// expect: member_named<'t', 'i', 't', 'l', 'e'>
// expect-first: Note
#include <ctorm/ctorm.hpp>
#include <ctorm/hana.hpp>
#include <string_view>
class Note {
 public:
  Note() = default;
  explicit Note(std::int64_t i) : id(i) {}
  BOOST_HANA_DEFINE_STRUCT(Note, (std::int64_t, id), (std::string_view, title));
};
static_assert(ctorm::Table<Note>::well_formed);
