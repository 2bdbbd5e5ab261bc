// expect: ctorm: a table type described with Boost.Hana must be default-constructible
// expect-first: Account
#include <ctorm/ctorm.hpp>
#include <ctorm/hana.hpp>
class Account {
 public:
  explicit Account(std::int64_t i) : id(i) {}
  BOOST_HANA_DEFINE_STRUCT(Account, (std::int64_t, id), (std::string, owner));
};
static_assert(ctorm::Table<Account>::well_formed);
