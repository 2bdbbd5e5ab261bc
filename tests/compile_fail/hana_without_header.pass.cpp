#include <boost/hana/define_struct.hpp>
#include <ctorm/ctorm.hpp>
#include <ctorm/hana.hpp>
struct Account {
  BOOST_HANA_DEFINE_STRUCT(Account, (std::int64_t, id), (std::string, owner));
};
static_assert(ctorm::Table<Account>::well_formed);
