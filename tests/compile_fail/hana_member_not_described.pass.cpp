#include <ctorm/ctorm.hpp>
#include <ctorm/hana.hpp>
struct Account {
  BOOST_HANA_DEFINE_STRUCT(Account, (std::int64_t, id), (std::string, owner));
  std::string cache;
};
static_assert(ctorm::Table<Account, ctorm::Unique<&Account::owner>>::well_formed);
