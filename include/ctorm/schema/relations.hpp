#pragma once
/// \file
/// Looking relations up in a schema: a table's relations, and the owner of a relation type.

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

template <class R>
concept intrinsic_owner = requires { typename R::owner; };

template <class TableList, class R>
struct declaring_table {
  using type = void;
};
template <class Tb, class... Tbs, class R>
struct declaring_table<type_list<Tb, Tbs...>, R>
    : std::conditional_t<declares<Tb, R>, std::type_identity<typename Tb::type>,
                         declaring_table<type_list<Tbs...>, R>> {};

/// The struct a relation belongs to: the owner of a `BelongsTo`'s or `MorphTo`'s members,
/// else the first table of `TableList` that declares it (`void` when none does).
template <class TableList, class R>
struct owner_of_impl : declaring_table<TableList, R> {};
template <class TableList, intrinsic_owner R>
struct owner_of_impl<TableList, R> {
  using type = typename R::owner;
};
template <class TableList, class R>
using owner_in = typename owner_of_impl<TableList, R>::type;

/// The position of the table whose name is `name`, counted over `TableList` (size if none).
template <class TableList>
consteval std::size_t count_tables_named(std::string_view name) {
  std::size_t n = 0;
  TableList::each([&]<class Tb>() { n += Tb::name == name; });
  return n;
}

}  // namespace ctorm::detail
