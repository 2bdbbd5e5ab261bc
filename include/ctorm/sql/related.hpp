#pragma once
/// \file
/// The condition that selects the rows related to one given row (`db.related<posts>(user)`):
/// the target's columns compared with the row's key, or, along a longer path, the target's key
/// looked up through it.

#include <cstddef>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include "ctorm/detail/type_list.hpp"
#include "ctorm/schema/path.hpp"
#include "ctorm/sql/expr.hpp"
#include "ctorm/sql/select.hpp"

namespace ctorm::detail {

/// The rows related to one row of `Owner` through `R`, as a condition on the target's table:
/// `"posts"."author_id" = ?1` for one step; for longer paths the target's key (one column or
/// several, as a row value) is looked up along the path.
template <class S, class Owner, class R, class Values>
struct related_to : expression_base<related_to<S, Owner, R, Values>> {
  using value_type = bool;
  using owners = type_list<typename R::target>;
  using Hops = path<S, Owner, R>;
  using H1 = at<0, Hops>;
  static constexpr int precedence =
      Hops::size == 1 && H1::to_columns.size() == 1 && H1::morph_column == no_column && H1::where::size == 0
          ? prec_compare
          : prec_and;
  static constexpr std::size_t parameters = std::tuple_size_v<Values>;
  Values values;

  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    using D = typename Ctx::dialect;
    using Scope = typename path_scope<Hops, type_list<>, 1>::type;
    using First = at<0, Scope>;
    using Last = at<Scope::size - 1, Scope>;
    if constexpr (Hops::size == 1) {
      // The target is the first hop's table: compare its columns directly.
      using Root = typename find_scoped<typename R::target, typename Ctx::scope>::type;
      equal_keys<D, Root>(out, next);
      if constexpr (H1::morph_column != no_column) {
        out.put(" AND ");
        scoped_column<Root, D>(out, H1::morph_column);
        out.put(" = ");
        D::string_literal(out, H1::from::name);
      }
      hop_conditions<H1, Root, D>(out);
    } else {
      using Root = typename find_scoped<typename R::target, typename Ctx::scope>::type;
      using Tt = typename Root::table;
      // A composite key is compared as a row value: `("a", "b") IN (SELECT "a", "b" ...)`.
      constexpr bool several = Tt::primary_key.size() > 1;
      const auto key_columns = [&]<class At>(std::type_identity<At>) {
        for (std::size_t k = 0; k < Tt::primary_key.size(); ++k) {
          if (k != 0) out.put(", ");
          scoped_column<At, D>(out, Tt::primary_key[k]);
        }
      };
      if (several) out.put('(');
      key_columns(std::type_identity<Root>{});
      out.put(several ? ") IN (SELECT " : " IN (SELECT ");
      key_columns(std::type_identity<Last>{});
      out.put(" FROM ");
      table_reference<typename First::table, D, First>(out);
      join_hops<D, Hops, concat<type_list<void>, Scope>, Scope, false, 1>(out);
      out.put(" WHERE ");
      equal_keys<D, First>(out, next);
      if constexpr (H1::morph_column != no_column) {
        out.put(" AND ");
        scoped_column<First, D>(out, H1::morph_column);
        out.put(" = ");
        D::string_literal(out, H1::from::name);
      }
      hop_conditions<H1, First, D>(out);
      out.put(')');
    }
  }

  template <class D, class At>
  static constexpr void equal_keys(auto& out, std::size_t& next) {
    for (std::size_t k = 0; k < H1::to_columns.size(); ++k) {
      if (k != 0) out.put(" AND ");
      scoped_column<At, D>(out, H1::to_columns[k]);
      out.put(" = ");
      D::parameter(out, next++);
    }
  }

  template <class B>
  void bind(B& b) const {
    b.all(values);
  }
};

/// The key values of `row` at the first hop's owner-side columns. Where that hop puts
/// conditions on the owner (a `MorphAs`'s type test), the values are NULL when `row` fails
/// them: NULL equals no key, so the query finds no row.
template <class S, class Owner, class R>
auto owner_key_values(const Owner& row) {
  using H1 = at<0, path<S, Owner, R>>;
  return [&]<std::size_t... K>(std::index_sequence<K...>) {
    if constexpr (H1::from_where::size == 0) {
      return std::make_tuple(field_ref<H1::from_columns[K]>(row)...);
    } else {
      const bool holds = conditions_hold<typename H1::from_where>(row);
      const auto value = [holds](const auto& v) -> std::optional<unwrap_optional<std::remove_cvref_t<decltype(v)>>> {
        if (!holds) return std::nullopt;
        return v;
      };
      return std::make_tuple(value(field_ref<H1::from_columns[K]>(row))...);
    }
  }(std::make_index_sequence<H1::from_columns.size()>{});
}

}  // namespace ctorm::detail
