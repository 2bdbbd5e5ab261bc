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

template <class Tb, class R>
inline constexpr bool declares = list_contains<R, typename Tb::option_list>;

/// The struct whose table declares relation `R` first in `TableList` (`void` when none does).
template <class TableList, class R>
struct declaring_table {
  using type = void;
};
template <class Tb, class... Tbs, class R>
struct declaring_table<type_list<Tb, Tbs...>, R>
    : std::conditional_t<declares<Tb, R>, std::type_identity<typename Tb::type>,
                         declaring_table<type_list<Tbs...>, R>> {};

/// How many tables of `TableList` are named `name`.
template <class TableList>
consteval std::size_t count_tables_named(std::string_view name) {
  std::size_t n = 0;
  TableList::each([&]<class Tb>() { n += Tb::name == name; });
  return n;
}

}  // namespace ctorm::detail
