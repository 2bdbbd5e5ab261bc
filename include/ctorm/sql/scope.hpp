#pragma once
/// \file
/// The tables a statement can name, each with the alias it goes by, and the context an
/// expression is written in: schema, scope and dialect.

#include <cstddef>
#include <string_view>
#include <type_traits>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/type_list.hpp"
#include "ctorm/reflect/fixed_string.hpp"

namespace ctorm {
namespace detail {

/// Where an expression is written: the schema, the tables in the query, and the dialect.
template <class S, class Scope, class D>
struct query_context {
  using schema = S;
  using scope = Scope;
  using dialect = D;
};

template <class Tb, std::size_t Depth>
struct alias_gen {
  static constexpr void write(auto& out) {
    out.put(Tb::name);
    if constexpr (Depth != 0) {
      out.put('_');
      out.put_number(Depth);
    }
  }
};

/// A table in a statement's scope. `Depth` 0 is the name itself; a subquery that meets a table
/// already in scope (a self-reference) names its own copy `table_N`.
template <class Tb, std::size_t Depth = 0>
struct scoped {
  using table = Tb;
  static constexpr std::string_view alias = static_text<alias_gen<Tb, Depth>>;
  static constexpr bool renamed = Depth != 0;
};

template <class T>
struct scoped_maps {
  template <class E>
  using pred = std::is_same<typename E::table::type, T>;
};
/// The scoped table of `Scope` that maps `T` (`void` if none).
template <class T, class Scope>
struct find_scoped : find_first_of<scoped_maps<T>::template pred, Scope> {};

template <class T, class Scope>
inline constexpr bool scope_has = !std::is_void_v<typename find_scoped<T, Scope>::type>;

template <class T, class Scope>
inline constexpr bool in_scope = scope_has<T, Scope>;

}  // namespace detail

namespace check {
/// Fires when a column's table is neither the query's table nor one it joins.
template <class Table, bool InScope>
consteval void column_is_in_query() {
  static_assert(InScope || detail::involving<Table>, "ctorm: this column's table is not in the query - join it through a relation "
                         "(.join<relation>()) or use a column of the selected table");
}
}  // namespace check

}  // namespace ctorm
