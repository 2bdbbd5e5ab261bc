#include <ctorm/ctorm.hpp>
#include <ctorm/hana.hpp>
#include <string>
class Note {
 public:
  Note() = default;
  explicit Note(std::int64_t i) : id(i) {}
  BOOST_HANA_DEFINE_STRUCT(Note, (std::int64_t, id), (std::string, title));
};
static_assert(ctorm::Table<Note>::well_formed);
