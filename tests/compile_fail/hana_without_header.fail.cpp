// expect: ctorm: this type is described with BOOST_HANA_DEFINE_STRUCT
// expect-first: Account
#include <boost/hana/define_struct.hpp>
#include <ctorm/ctorm.hpp>
struct Account {
  BOOST_HANA_DEFINE_STRUCT(Account, (std::int64_t, id), (std::string, owner));
};
static_assert(ctorm::Table<Account>::well_formed);
