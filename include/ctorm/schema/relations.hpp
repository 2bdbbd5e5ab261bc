#pragma once
/// \file
/// Looking relations up in a schema: a table's relations, and the table that declares one.

#include <cstddef>
#include <type_traits>

#include "ctorm/detail/type_list.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/schema/table.hpp"

namespace ctorm::detail {

template <class Opt>
struct is_relation_pred : std::bool_constant<relation<Opt>> {};

/// The relation options of a `Table`, in declaration order.
template <class Tb>
using relations_of = filter<is_relation_pred, typename Tb::option_list>;

/// Whether table `Tb` declares `R` (for a `MorphAs`, its `MorphTo`).
template <class Tb, class R>
inline constexpr bool declares = list_contains<declared_relation<R>, typename Tb::option_list>;

/// The struct whose table declares relation `R` first in `TableList` (`void` when none does).
template <class R>
struct declared_by {
  template <class Tb>
  using pred = std::bool_constant<declares<Tb, R>>;
};
struct no_table {
  using type = void;
};
template <class TableList, class R>
struct declaring_table {
  using type = typename find_first<declared_by<R>::template pred, TableList, no_table>::type;
};

/// How many tables of `TableList` are named `name`.
template <class TableList>
consteval std::size_t count_tables_named(std::string_view name) {
  std::size_t n = 0;
  TableList::each([&]<class Tb>() { n += Tb::name == name; });
  return n;
}

}  // namespace ctorm::detail
