// expect: ctorm: this member is not in its type's Boost.Hana description
// expect-first: Account::cache
#include <ctorm/ctorm.hpp>
#include <ctorm/hana.hpp>
struct Account {
  BOOST_HANA_DEFINE_STRUCT(Account, (std::int64_t, id), (std::string, owner));
  std::string cache;
};
static_assert(ctorm::Table<Account, ctorm::Unique<&Account::cache>>::well_formed);
