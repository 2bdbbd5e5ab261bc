// expect: ctorm: a Boost.Hana description of a table must name data members
// expect-first: shop::Item
#include <ctorm/ctorm.hpp>
#include <ctorm/hana.hpp>
#include <boost/hana/adapt_adt.hpp>
namespace shop {
class Item {
 public:
  std::int64_t id() const { return id_; }
 private:
  std::int64_t id_ = 0;
};
}  // namespace shop
BOOST_HANA_ADAPT_ADT(shop::Item, (id, [](const shop::Item& i) { return i.id(); }));
static_assert(ctorm::Table<shop::Item>::well_formed);
