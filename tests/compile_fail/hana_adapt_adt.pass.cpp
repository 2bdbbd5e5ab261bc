#include <ctorm/ctorm.hpp>
#include <ctorm/hana.hpp>
namespace shop {
struct Item {
  std::int64_t id = 0;
};
}  // namespace shop
BOOST_HANA_ADAPT_STRUCT(shop::Item, id);
static_assert(ctorm::Table<shop::Item>::well_formed);
