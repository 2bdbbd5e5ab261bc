#pragma once
/// \file
/// `ctorm::Schema<Tables...>`: the set of tables a database holds.

#include <cstddef>
#include <tuple>
#include <type_traits>

#include "ctorm/schema/table.hpp"

namespace ctorm {
namespace detail {

template <class T, class... Tables>
consteval std::size_t table_position() {
  std::size_t i = 0, found = sizeof...(Tables);
  ((std::is_same_v<typename Tables::type, T> ? (found = found == sizeof...(Tables) ? i : found, ++i)
                                             : ++i),
   ...);
  return found;
}

template <class T>
struct check_in_schema {
  static_assert(always_false<T>,
                "ctorm: this struct is not a table of the schema — add ctorm::Table<T> to the Schema");
  using type = void;
};

}  // namespace detail

/// The tables of one database.
template <class... Tables>
struct Schema {
  static_assert((TableType<Tables> && ...),
                "ctorm: every argument of Schema must be a ctorm::Table<...>");

  using tables = std::tuple<Tables...>;
  static constexpr std::size_t table_count = sizeof...(Tables);

  /// True when `T` has a table in this schema.
  template <class T>
  static constexpr bool contains = detail::table_position<T, Tables...>() < sizeof...(Tables);

  /// Calls `f.template operator()<Table>()` for each table, in declaration order.
  template <class F>
  static constexpr void for_each_table(F&& f) {
    (f.template operator()<Tables>(), ...);
  }
};

namespace detail {
template <class S, class T>
struct table_lookup;
template <class T, class... Tables>
struct table_lookup<Schema<Tables...>, T> {
  static constexpr std::size_t position = table_position<T, Tables...>();
  using type = typename std::conditional_t<(position < sizeof...(Tables)),
                                           std::tuple_element<position, std::tuple<Tables..., void>>,
                                           check_in_schema<T>>::type;
};
}  // namespace detail

/// The `Table<T, ...>` that maps `T` in schema `S`.
template <class S, class T>
using table_of = typename detail::table_lookup<S, T>::type;

}  // namespace ctorm
