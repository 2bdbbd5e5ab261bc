#pragma once
/// \file
/// The SQL of eager loading: one statement per relation and level, which takes the parents'
/// keys as one list and returns each related row beside the key it hangs on.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/type_list.hpp"
#include "ctorm/schema/path.hpp"
#include "ctorm/sql/crud.hpp"
#include "ctorm/sql/expr.hpp"
#include "ctorm/sql/functions.hpp"
#include "ctorm/sql/select.hpp"

namespace ctorm::detail {

/// How a relation's rows are restricted when loaded: `.with<comments>(condition, order...,
/// ctorm::take(n), ctorm::on<R>(...)...)`. `Subs` holds the `on<R>(...)` constraints of the
/// relations loaded below this one.
template <class Pred = nothing, class Order = type_list<>, bool Take = false, class Subs = std::tuple<>>
struct load_constraint {
  using predicate = Pred;
  using order = Order;
  static constexpr bool take = Take;
  using subs = Subs;
  Pred condition;
  std::int64_t count = 0;
  Subs sub_constraints{};
};

/// A `with<R>(...)` constraint has a `glob()` in its condition or in an `on<R2>(...)` below.
template <class Pred, class Order, bool Take, class Subs>
inline constexpr bool uses_glob<load_constraint<Pred, Order, Take, Subs>> = uses_glob<Pred> || uses_glob<Subs>;

struct take_t {
  std::int64_t count;
};

/// `ctorm::on<R>(args...)`: the constraint of relation `R`, loaded below the one being
/// constrained.
template <class R, class C>
struct sub_constraint {
  using relation = R;
  C constraint;
};

template <class X>
inline constexpr bool is_sub_constraint = false;
template <class R, class C>
inline constexpr bool is_sub_constraint<sub_constraint<R, C>> = true;

/// Sorts `.with<R>(args...)` into a `load_constraint`: conditions are ANDed, order terms kept
/// in order, `take(n)` limits the rows per parent, `on<R>(...)` goes to the relation below.
template <class Acc, bool Take, class Order, class Subs, class... Args>
auto fold_constraint(Acc&& pred, std::int64_t count, Order, Subs&& subs, Args&&... args) {
  if constexpr (sizeof...(Args) == 0) {
    return load_constraint<std::remove_cvref_t<Acc>, Order, Take, std::remove_cvref_t<Subs>>{
        std::forward<Acc>(pred), count, std::forward<Subs>(subs)};
  } else {
    return [&]<class A, class... Rest>(A&& a, Rest&&... rest) {
      using X = std::remove_cvref_t<A>;
      if constexpr (std::is_same_v<X, take_t>) {
        return fold_constraint<Acc, true>(std::forward<Acc>(pred), a.count, Order{}, std::forward<Subs>(subs),
                                          std::forward<Rest>(rest)...);
      } else if constexpr (is_sub_constraint<X>) {
        auto more = std::tuple_cat(std::forward<Subs>(subs), std::make_tuple(std::forward<A>(a)));
        return fold_constraint<Acc, Take>(std::forward<Acc>(pred), count, Order{}, std::move(more),
                                          std::forward<Rest>(rest)...);
      } else if constexpr (is_order_term<X>) {
        // The terms of a relation's order are written into its statement by type alone.
        constexpr bool no_values = X::expression::parameters == 0;
        static_assert(no_values || involving<typename X::expression>,
                      "ctorm: with<R>(...) orders by columns and expressions of columns, without values");
        return fold_constraint<Acc, Take>(std::forward<Acc>(pred), count, concat<Order, type_list<X>>{},
                                          std::forward<Subs>(subs), std::forward<Rest>(rest)...);
      } else if constexpr (!expression<X>) {
        static_assert(always_false<X>,
                      "ctorm: with<R>(...) takes conditions, asc<>/desc<> terms, ctorm::take(n) and ctorm::on<R>(...)");
        return load_constraint<>{};
      } else {
        check_predicate<X>();
        auto next = and_where(std::forward<Acc>(pred), std::forward<A>(a));
        return fold_constraint<decltype(next), Take>(std::move(next), count, Order{}, std::forward<Subs>(subs),
                                                     std::forward<Rest>(rest)...);
      }
    }(std::forward<Args>(args)...);
  }
}

/// The constraint that `args` (of `with<R>(args...)` or `on<R>(args...)`) make.
template <class... Args>
auto make_constraint(Args&&... args) {
  return fold_constraint<nothing, false>(nothing{}, 0, type_list<>{}, std::tuple<>{}, std::forward<Args>(args)...);
}

/// The position in `Scope` of the last table of type `T` before the last one (`Scope::size`
/// when there is none).
template <class T, class Scope>
consteval std::size_t via_index() {
  std::size_t found = Scope::size;
  std::size_t i = 0;
  Scope::each([&]<class E>() {
    if (i + 1 < Scope::size && std::is_same_v<typename E::table::type, T>) found = i;
    ++i;
  });
  return found;
}

/// A many-to-many relation through a junction struct, whose columns come with each row.
template <class R>
inline constexpr bool has_junction_struct = false;
template <class R>
  requires(R::kind == relation_kind::many_to_many)
inline constexpr bool has_junction_struct<R> = !std::is_void_v<typename R::junction>;

/// Where the distribution column of a distributed table `Tb` is among the columns `Columns` of
/// a composite key, else `npos`.
template <class Tb, auto Columns>
consteval std::size_t route_position() {
  if constexpr (Columns.size() >= 2 && Tb::is_distributed) {
    for (std::size_t k = 0; k < Columns.size(); ++k)
      if (Columns[k] == Tb::distribution_column) return k;
  }
  return static_cast<std::size_t>(-1);
}

/// The query that loads relation `R` of `Owner`'s rows: link columns, target columns, (for a
/// junction struct) the junction's columns and (with `Via`, a type on a through-chain) the
/// columns of that step's row, for the parents' keys bound as a list.
template <class S, class Owner, class R, class C, class D, class Via = void>
struct eager_gen {
  using Hops = path<S, Owner, R>;
  using Scope = typename path_scope<Hops, type_list<>, 0>::type;
  using First = at<0, Scope>;
  using Last = at<Scope::size - 1, Scope>;
  using H1 = at<0, Hops>;
  // Conditions name the target first, then the tables on the way (pivot columns).
  using Ctx = query_context<S, reverse<Scope>, D>;
  // The order given to with<R>(...), else the relation's own (a Constrained's OrderBy<>).
  using order = std::conditional_t<(C::order::size > 0), typename C::order, typename default_order_of<R>::type>;
  // The step's table: the last one of its type before the target.
  static constexpr std::size_t via_at = std::is_void_v<Via> ? 0 : via_index<Via, Scope>();
  using ViaScoped = at<via_at, Scope>;
  static constexpr bool pivot = has_junction_struct<R>;

  static constexpr void columns(auto& out) {
    for (std::size_t k = 0; k < H1::to_columns.size(); ++k) {
      if (k != 0) out.put(", ");
      scoped_column<First, D>(out, H1::to_columns[k]);
    }
    for (std::size_t i = 0; i < Last::table::column_count; ++i) {
      out.put(", ");
      scoped_column<Last, D>(out, i);
    }
    if constexpr (pivot) {
      for (std::size_t i = 0; i < First::table::column_count; ++i) {
        out.put(", ");
        scoped_column<First, D>(out, i);
      }
    }
    if constexpr (!std::is_void_v<Via>) {
      for (std::size_t i = 0; i < ViaScoped::table::column_count; ++i) {
        out.put(", ");
        scoped_column<ViaScoped, D>(out, i);
      }
    }
  }

  static constexpr std::size_t route_at = route_position<typename First::table, H1::to_columns>();
  using key_columns = scoped_columns<First, D, H1::to_columns>;

  /// `D::key_in_list` for the key's member types `Ks`.
  template <class... Ks>
  static constexpr void key_list(auto& out, type_list<Ks...>) {
    D::template key_in_list<unwrap_optional<Ks>...>(out, 1, key_columns{});
  }

  /// The parents' keys, bound as parameter 1 (and on, when the dialect takes one per column).
  static constexpr void key_match(auto& out) {
    if constexpr (route_at != static_cast<std::size_t>(-1) && requires { D::routes_by_column; }) {
      D::template route_by<unwrap_optional<field_type<typename First::table::type, H1::to_columns[route_at]>>>(
          out, 1 + route_at, scoped_columns<First, D, std::array<std::size_t, 1>{H1::to_columns[route_at]}>{});
    }
    key_list(out, column_types<typename First::table, H1::to_columns>{});
    if constexpr (H1::morph_column != no_column) {
      out.put(" AND ");
      scoped_column<First, D>(out, H1::morph_column);
      out.put(" = ");
      D::string_literal(out, H1::from::name);
    }
    hop_conditions<H1, First, D>(out);
  }

  /// The first parameter after the keys.
  static constexpr std::size_t first_parameter = 1 + D::key_list_parameters(H1::to_columns.size());

  static constexpr void order_by(auto& out, std::size_t& next) {
    std::size_t k = 0;
    order::each([&]<class O>() {
      if (k++ != 0) out.put(", ");
      O::expression::template write<Ctx>(out, next);
      if constexpr (O::descending) out.put(" DESC");
    });
  }

  static constexpr void body(auto& out, std::size_t& next) {
    out.put(" FROM ");
    table_reference<typename First::table, D, First>(out);
    join_hops<D, Hops, concat<type_list<void>, Scope>, Scope, false, 1>(out);
    out.put(" WHERE ");
    key_match(out);
    if constexpr (!std::is_same_v<typename C::predicate, nothing>) {
      out.put(" AND ");
      write_operand<Ctx, typename C::predicate>(out, next, prec_and, false);
    }
  }

  static constexpr void write(auto& out) {
    std::size_t next = first_parameter;
    if constexpr (!C::take) {
      out.put("SELECT ");
      columns(out);
      body(out, next);
      if constexpr (order::size > 0) {
        out.put(" ORDER BY ");
        order_by(out, next);
      }
    } else {
      // The first n children of each parent: rank them within their parent's key.
      out.put("SELECT * FROM (SELECT ");
      columns(out);
      out.put(", row_number() OVER (PARTITION BY ");
      for (std::size_t k = 0; k < H1::to_columns.size(); ++k) {
        if (k != 0) out.put(", ");
        scoped_column<First, D>(out, H1::to_columns[k]);
      }
      if constexpr (order::size > 0) {
        out.put(" ORDER BY ");
        order_by(out, next);
      }
      out.put(") AS \"ctorm_rank\"");
      body(out, next);
      out.put(')');
      D::derived_table(out, "ctorm_ranked");
      out.put(" WHERE \"ctorm_rank\" <= ");
      D::parameter(out, next++);
      out.put(" ORDER BY \"ctorm_rank\"");
    }
  }
};

/// The statement of `Recursive<R, MaxDepth>`: every row below the parents through the
/// self-referential relation `R`, each with the parent key it descends from and its depth:
/// `WITH RECURSIVE "ctorm_tree" AS (<children of the keys> UNION <children of those>) SELECT *`.
/// UNION drops a row met again on the same branch at the same depth; the depth bound ends the
/// recursion whatever the data. A condition (the relation's own and `with`'s) holds at every
/// level: its values are bound once and named twice.
template <class S, class Owner, class R, class C, class D, std::size_t MaxDepth>
struct recursive_gen {
  using H = at<0, path<S, Owner, R>>;
  using Tb = typename H::to;
  using E = scoped<Tb, 0>;
  using Ctx = query_context<S, type_list<E>, D>;
  static constexpr std::size_t link = H::to_columns[0];  // the parent's key, on the child
  static constexpr std::size_t key = H::from_columns[0];
  static constexpr std::size_t first_parameter = 1 + D::key_list_parameters(1);

  static constexpr void conditions(auto& out) {
    hop_conditions<H, E, D>(out);
    if constexpr (!std::is_same_v<typename C::predicate, nothing>) {
      std::size_t next = first_parameter;
      out.put(" AND ");
      write_operand<Ctx, typename C::predicate>(out, next, prec_and, false);
    }
  }
  static constexpr void row_columns(auto& out) {
    for (std::size_t i = 0; i < Tb::column_count; ++i) {
      out.put(", ");
      scoped_column<E, D>(out, i);
    }
  }

  static constexpr void write(auto& out) {
    out.put("WITH RECURSIVE \"ctorm_tree\" AS (SELECT ");
    scoped_column<E, D>(out, link);
    out.put(" AS \"ctorm_root\", 1 AS \"ctorm_depth\"");
    row_columns(out);
    out.put(" FROM ");
    D::identifier(out, Tb::name);
    out.put(" WHERE ");
    D::template key_in_list<unwrap_optional<field_type<typename Tb::type, link>>>(
        out, 1, [](auto& o, std::size_t) { scoped_column<E, D>(o, link); });
    conditions(out);
    out.put(" UNION SELECT \"ctorm_tree\".\"ctorm_root\", \"ctorm_tree\".\"ctorm_depth\" + 1");
    row_columns(out);
    out.put(" FROM ");
    D::identifier(out, Tb::name);
    out.put(" JOIN \"ctorm_tree\" ON ");
    scoped_column<E, D>(out, link);
    out.put(" = \"ctorm_tree\".");
    D::identifier(out, Tb::columns[key]);
    out.put(" WHERE \"ctorm_tree\".\"ctorm_depth\" < ");
    D::integer(out, static_cast<std::int64_t>(MaxDepth));
    conditions(out);
    out.put(") SELECT * FROM \"ctorm_tree\" ORDER BY \"ctorm_depth\"");
    for (std::size_t k : Tb::primary_key) {
      out.put(", ");
      D::identifier(out, Tb::columns[k]);
    }
  }
};

/// The rows of one target table of a `MorphTo`, by their keys.
template <class Tb, class D>
struct morph_target_gen {
  static constexpr void write(auto& out) {
    out.put("SELECT ");
    sql::detail::select_list<Tb, D>(out);
    out.put(" FROM ");
    D::identifier(out, Tb::name);
    out.put(" WHERE ");
    D::template key_in_list<unwrap_optional<field_type<typename Tb::type, Tb::primary_key[0]>>>(
        out, 1, [](auto& o, std::size_t) {
          D::identifier(o, Tb::name);
          o.put('.');
          D::identifier(o, Tb::columns[Tb::primary_key[0]]);
        });
  }
};

}  // namespace ctorm::detail

namespace ctorm {
/// `with<R>(..., ctorm::take(n))`: load at most `n` related rows per row.
inline detail::take_t take(std::int64_t n) { return {n}; }

/// `with<With<posts, comments>>(..., ctorm::on<comments>(args...))`: restricts a relation
/// loaded below the one being loaded, with the same arguments as `with<R>(args...)` (an
/// `on<>` of its own for the level below it).
template <class R, class... Args>
auto on(Args&&... args) {
  auto c = detail::make_constraint(std::forward<Args>(args)...);
  return detail::sub_constraint<R, decltype(c)>{std::move(c)};
}
}  // namespace ctorm
