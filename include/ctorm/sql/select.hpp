#pragma once
/// \file
/// The statements of the query builder as types: SELECT (joins, where, group, having, order,
/// limit, offset, relation counts and existence), UPDATE ... SET and DELETE. Each spec type
/// writes its SQL at compile time; the query objects of `ctorm/query.hpp` carry the values.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/type_list.hpp"
#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/schema/path.hpp"
#include "ctorm/sql/crud.hpp"
#include "ctorm/sql/dialect.hpp"
#include "ctorm/sql/expr.hpp"
#include "ctorm/sql/functions.hpp"

namespace ctorm {
namespace detail {

/// The first table of `Scope` that declares relation `R` (`void` if none).
template <class R>
struct scoped_declares {
  template <class E>
  using pred = std::bool_constant<declares<typename E::table, R>>;
};
template <class R, class Scope>
struct scoped_owner : find_first_of<scoped_declares<R>::template pred, Scope> {};

/// Writes `"alias"."column"` for column `index` of the scoped table `E`.
template <class E, class D>
constexpr void scoped_column(auto& out, std::size_t index) {
  D::identifier(out, E::alias);
  out.put('.');
  D::identifier(out, E::table::columns[index]);
}

/// Writes column `Columns[k]` of the scoped table `E` (the first without `k`): the key columns
/// a dialect's list writers take, as one type rather than a lambda in every statement.
template <class E, class D, auto Columns>
struct scoped_columns {
  constexpr void operator()(auto& out, std::size_t k = 0) const { scoped_column<E, D>(out, Columns[k]); }
};

/// ` AND <condition>` for each condition of `Conds`, on the scoped table `E`.
template <class Conds, class E, class D>
constexpr void write_conditions(auto& out) {
  if constexpr (Conds::size != 0)
    condition_tests<Conds, D>(out, [](auto& o, std::size_t c) { scoped_column<E, D>(o, c); });
}

/// ` AND <condition>` for each condition of a `Constrained` relation that hop `H` carries, on
/// the scoped table `To` it reaches.
template <class H, class To, class D>
constexpr void hop_conditions(auto& out) {
  write_conditions<typename H::where, To, D>(out);
}

/// The condition of hop `H` between scoped tables `From` and `To`.
template <class H, class From, class To, class D>
constexpr void link(auto& out) {
  for (std::size_t k = 0; k < H::to_columns.size(); ++k) {
    if (k != 0) out.put(" AND ");
    scoped_column<To, D>(out, H::to_columns[k]);
    out.put(" = ");
    scoped_column<From, D>(out, H::from_columns[k]);
  }
  write_conditions<typename H::from_where, From, D>(out);
  if constexpr (H::morph_column != no_column) {
    out.put(" AND ");
    scoped_column<To, D>(out, H::morph_column);
    out.put(" = ");
    D::string_literal(out, H::from::name);
  }
  hop_conditions<H, To, D>(out);
}

template <class Tb, class D, class E>
constexpr void table_reference(auto& out) {
  D::identifier(out, Tb::name);
  if constexpr (E::renamed) {
    out.put(" AS ");
    D::identifier(out, E::alias);
  }
}

/// The scoped tables a path adds below the scope `Outer` (of `Depth` tables): each hop's `to`,
/// renamed `table_N` when it is already in `Outer` or earlier in the path. N (the depth plus
/// the position in the path) is above every number already in use, so names never collide.
template <class Hops, class Outer, std::size_t Depth, class Acc = type_list<>>
struct path_scope {
  using type = Acc;
};
template <class H, class... Hs, class Outer, std::size_t Depth, class... Acc>
struct path_scope<type_list<H, Hs...>, Outer, Depth, type_list<Acc...>>
    : path_scope<type_list<Hs...>, Outer, Depth,
                 type_list<Acc..., std::conditional_t<scope_has<typename H::to::type, concat<type_list<Acc...>, Outer>>,
                                                      scoped<typename H::to, Depth + sizeof...(Acc)>,
                                                      scoped<typename H::to, 0>>>> {};

template <class List, class Acc = type_list<>>
struct reverse_of {
  using type = Acc;
};
template <class T, class... Ts, class... Acc>
struct reverse_of<type_list<T, Ts...>, type_list<Acc...>> : reverse_of<type_list<Ts...>, type_list<T, Acc...>> {};
template <class List>
using reverse = typename reverse_of<List>::type;

/// Writes ` JOIN to ON link` for hops `I`.. of a path; `Froms[i]` and `Tos[i]` are the scoped
/// tables hop `i` links.
template <class D, class Hops, class Froms, class Tos, bool Left, std::size_t I>
constexpr void join_hops(auto& out) {
  if constexpr (I < Hops::size) {
    using To = at<I, Tos>;
    out.put(Left ? " LEFT JOIN " : " JOIN ");
    table_reference<typename To::table, D, To>(out);
    out.put(" ON ");
    link<at<I, Hops>, at<I, Froms>, To, D>(out);
    join_hops<D, Hops, Froms, Tos, Left, I + 1>(out);
  }
}

/// Whether a hop after the first carries conditions of a `Constrained` relation.
template <class Hops>
consteval bool later_hops_have_conditions() {
  std::size_t i = 0;
  bool any = false;
  Hops::each([&]<class H>() {
    any = any || (i != 0 && H::where::size > 0);
    ++i;
  });
  return any;
}

template <class Added, class Scope>
consteval bool clashes() {
  bool clash = false;
  Added::each([&]<class E>() { clash = clash || scope_has<typename E::table::type, Scope>; });
  return clash;
}

// ---- relations met in a query ----

namespace query_check {
template <class R, bool Declared>
consteval void relation_is_in_query() {
  static_assert(Declared || involving<R>, "ctorm: this relation is not declared on the query's table (nor on a joined "
                          "one) - use a relation of that table");
}
template <class R, bool Walkable>
consteval void relation_has_a_path() {
  static_assert(Walkable || involving<R>, "ctorm: a MorphTo cannot be joined or counted (its target table differs from row "
                          "to row) - join or count ctorm::MorphAs<R, Target>, which follows it to one target");
}
template <class R, bool Fresh>
consteval void join_adds_new_tables() {
  static_assert(Fresh || involving<R>, "ctorm: this join brings a table into the query a second time - a query joins "
                       "each table once");
}
}  // namespace query_check

/// Checks that `R` is declared on a table of `Scope`; callers stop when it returns false, so a
/// mistake gives one message.
template <class R, class Scope>
consteval bool relation_declared() {
  constexpr bool declared = !std::is_void_v<typename scoped_owner<R, Scope>::type>;
  query_check::relation_is_in_query<R, declared>();
  return declared;
}

/// Like `relation_declared`, and `R` has a path to walk (a MorphTo has none).
template <class R, class Scope>
consteval bool relation_usable() {
  if constexpr (!relation_declared<R, Scope>()) {
    return false;
  } else {
    query_check::relation_has_a_path<R, R::kind != relation_kind::morph_to>();
    return R::kind != relation_kind::morph_to;
  }
}

/// The scoped table of `Scope` that declares `R`.
template <class R, class Scope>
using relation_owner = typename scoped_owner<R, Scope>::type;

/// What `related` says about a relation's rows: whether there are any, or how many.
struct exists_mode {};
struct count_mode {};
/// How many related rows `where_has` asks for: `at_least(n)`, `at_most(n)` or `exactly(n)`.
template <class Op>
struct count_bound {
  using op = Op;
  parameter<std::int64_t> limit;
};

/// Rows related to the current row through `R` (restricted by `Pred`):
/// `exists_mode` — `EXISTS (SELECT 1 FROM <path> WHERE <link> [AND pred])` (`NOT EXISTS` with
/// `Negate`); `count_mode` — `(SELECT count(*) FROM ...)`; `count_bound<Op>` — that count
/// compared with a bound parameter.
template <class R, class Pred, class Mode, bool Negate = false>
struct related : expression_base<related<R, Pred, Mode, Negate>> {
  static constexpr bool exists = std::is_same_v<Mode, exists_mode>;
  static constexpr bool bounded = !exists && !std::is_same_v<Mode, count_mode>;
  using value_type = std::conditional_t<std::is_same_v<Mode, count_mode>, std::int64_t, bool>;
  using owners = type_list<>;  // the subquery's columns are its own
  static constexpr int precedence = [] {
    if constexpr (exists) return Negate ? prec_not : prec_atom;
    else if constexpr (bounded) return Mode::op::precedence;
    else return prec_atom;
  }();
  static constexpr std::size_t parameters = Pred::parameters + (bounded ? 1 : 0);
  Pred predicate;
  std::conditional_t<bounded, Mode, nothing> bound;

  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    if constexpr (relation_usable<R, typename Ctx::scope>()) write_usable<Ctx>(out, next);
  }

  template <class B>
  void bind(B& b) const {
    predicate.bind(b);
    if constexpr (bounded) bound.limit.bind(b);
  }

 private:
  template <class Ctx>
  static constexpr void write_usable(auto& out, std::size_t& next) {
    using D = typename Ctx::dialect;
    using S = typename Ctx::schema;
    using Owner = relation_owner<R, typename Ctx::scope>;
    using Hops = path<S, typename Owner::table::type, R>;
    using Inner = typename path_scope<Hops, typename Ctx::scope, Ctx::scope::size>::type;
    // Inside the subquery the path's last table is found first: the predicate is about it.
    using InnerCtx = query_context<S, concat<reverse<Inner>, typename Ctx::scope>, D>;
    if constexpr (exists) out.put(Negate ? "NOT EXISTS (SELECT 1 FROM " : "EXISTS (SELECT 1 FROM ");
    else out.put("(SELECT count(*) FROM ");
    using First = at<0, Inner>;
    table_reference<typename First::table, D, First>(out);
    join_hops<D, Hops, concat<type_list<Owner>, Inner>, Inner, false, 1>(out);
    out.put(" WHERE ");
    link<at<0, Hops>, Owner, First, D>(out);
    if constexpr (!std::is_same_v<Pred, nothing>) {
      out.put(" AND ");
      write_operand<InnerCtx, Pred>(out, next, prec_and, false);
    }
    out.put(')');
    if constexpr (bounded) {
      out.put(Mode::op::sql);
      D::parameter(out, next++);
    }
  }
};

/// A join through relation `R`; `Left` keeps rows without a match (their columns read as NULL).
template <class R, bool Left>
struct join_step {
  using relation = R;
  static constexpr bool left = Left;
};

// ---- SELECT ----

/// Everything that shapes a SELECT's text. `Projection` is `void` for whole rows of `Root`.
template <class S, class Root, class Projection, class Joins, class Where, class Group, class Having,
          class Order, class Counts, bool Distinct, bool Limit, bool Offset>
struct select_spec {
  using schema = S;
  using root = Root;
  using projection = Projection;
  using joins = Joins;
  using where = Where;
  using group = Group;
  using having = Having;
  using order = Order;
  using counts = Counts;
  static constexpr bool distinct = Distinct, limit = Limit, offset = Offset;
};

/// The scope of a SELECT: its table, then each join's tables in order.
template <class S, class Scope, class Joins>
struct joined_scope {
  using type = Scope;
  using left_tables = type_list<>;
};
template <class S, class Scope, class J, class... Js>
struct joined_scope<S, Scope, type_list<J, Js...>>;

template <class S, class Scope, class J, class Rest, bool Usable = relation_usable<typename J::relation, Scope>()>
struct join_scope_step {
  using type = Scope;  // the relation check failed and said why; stop here
  using left_tables = type_list<>;
};
template <class S, class Scope, class J, class... Js>
struct join_scope_step<S, Scope, J, type_list<Js...>, true> {
  using Owner = relation_owner<typename J::relation, Scope>;
  using Hops = path<S, typename Owner::table::type, typename J::relation>;
  using Added = typename path_scope<Hops, type_list<>, 0>::type;
  static constexpr bool fresh = !clashes<Added, Scope>();
  static constexpr bool checked = (query_check::join_adds_new_tables<typename J::relation, fresh>(), true);
  using rest = joined_scope<S, concat<Scope, Added>, type_list<Js...>>;
  using type = std::conditional_t<checked, typename rest::type, void>;
  using left_tables = concat<std::conditional_t<J::left, Added, type_list<>>, typename rest::left_tables>;
};
template <class S, class Scope, class J, class... Js>
struct joined_scope<S, Scope, type_list<J, Js...>> : join_scope_step<S, Scope, J, type_list<Js...>> {};

template <class Spec>
using select_scope = typename joined_scope<typename Spec::schema, type_list<scoped<table_in<typename Spec::schema, typename Spec::root>>>,
                                           typename Spec::joins>::type;

template <class Spec>
using left_joined = typename joined_scope<typename Spec::schema, type_list<scoped<table_in<typename Spec::schema, typename Spec::root>>>,
                                          typename Spec::joins>::left_tables;

/// Checks join `J` where it is written, against the query's tables so far: its relation is
/// declared on one of them and brings tables the query does not have yet. False after the
/// message; the query then goes on without the join, so the mistake is reported once.
template <class Spec, class J>
consteval bool join_is_usable() {
  using Scope = select_scope<Spec>;
  if constexpr (!relation_usable<typename J::relation, Scope>()) {
    return false;
  } else {
    using Owner = relation_owner<typename J::relation, Scope>;
    using Added = typename path_scope<path<typename Spec::schema, typename Owner::table::type, typename J::relation>,
                                      type_list<>, 0>::type;
    constexpr bool fresh = !clashes<Added, Scope>();
    query_check::join_adds_new_tables<typename J::relation, fresh>();
    return fresh;
  }
}

/// The tables whose columns `X` names: an expression, an order term, a list of them, or none.
template <class X>
struct owners_of {
  using type = type_list<>;
};
template <class X>
  requires requires { typename X::owners; }
struct owners_of<X> {
  using type = typename X::owners;
};
template <class X>
  requires requires { typename X::expression; } && (!requires { typename X::owners; })
struct owners_of<X> {
  using type = typename owners_of<typename X::expression>::type;
};
template <class... Xs>
struct owners_of<type_list<Xs...>> {
  using type = concat<type_list<>, typename owners_of<Xs>::type...>;
};

template <class Scope>
struct outside_of {
  template <class T>
  using pred = std::bool_constant<!in_scope<T, Scope>>;
};

/// Checks, before any SQL is written, that every column the query names is of a table in it:
/// a mistake is reported from the call that runs the query, not from inside its text. False
/// after the message.
template <class Spec>
consteval bool columns_in_query() {
  using Scope = select_scope<Spec>;
  using Owners = concat<typename owners_of<typename Spec::projection>::type, typename owners_of<typename Spec::where>::type,
                        typename owners_of<typename Spec::group>::type, typename owners_of<typename Spec::having>::type,
                        typename owners_of<typename Spec::order>::type>;
  using missing = find_first<outside_of<Scope>::template pred, Owners>;
  if constexpr (std::is_void_v<missing>) {
    return true;
  } else {
    check::column_is_in_query<missing, false>();
    return false;
  }
}

template <class Spec, class D>
using select_context = query_context<typename Spec::schema, select_scope<Spec>, D>;

template <class S, class Scope, class D, class Joins>
constexpr void write_first_join(auto& out);

template <class S, class Scope, class D, class Joins>
constexpr void write_joins(auto& out) {
  if constexpr (Joins::size > 0) {
    if constexpr (relation_usable<typename at<0, Joins>::relation, Scope>()) write_first_join<S, Scope, D, Joins>(out);
  }
}

template <class S, class Scope, class D, class Joins>
constexpr void write_first_join(auto& out) {
  {
    using J = at<0, Joins>;
    using Owner = relation_owner<typename J::relation, Scope>;
    using Hops = path<S, typename Owner::table::type, typename J::relation>;
    using Added = typename path_scope<Hops, type_list<>, 0>::type;
    if constexpr (J::left && later_hops_have_conditions<Hops>()) {
      // A row of the first table on the way (a junction row) whose target fails the
      // relation's conditions must not make a row of NULLs: the rest of the path is joined to
      // it inside, and the whole left-joined to the owner.
      using To0 = at<0, Added>;
      out.put(" LEFT JOIN (");
      table_reference<typename To0::table, D, To0>(out);
      join_hops<D, Hops, concat<type_list<Owner>, Added>, Added, false, 1>(out);
      out.put(") ON ");
      link<at<0, Hops>, Owner, To0, D>(out);
    } else {
      join_hops<D, Hops, concat<type_list<Owner>, Added>, Added, J::left, 0>(out);
    }
    []<class First, class... Rest>(auto& o, type_list<First, Rest...>) {
      write_joins<S, concat<Scope, Added>, D, type_list<Rest...>>(o);
    }(out, Joins{});
  }
}

template <class Spec, class D>
struct select_gen {
  using Ctx = select_context<Spec, D>;
  using Root = table_in<typename Spec::schema, typename Spec::root>;

  static constexpr void write(auto& out) {
    std::size_t next = 1;
    write_select(out, next);
  }

  static constexpr void write_select(auto& out, std::size_t& next) {
    out.put(Spec::distinct ? "SELECT DISTINCT " : "SELECT ");
    if constexpr (std::is_void_v<typename Spec::projection>) {
      sql::detail::select_list<Root, D>(out);
      Spec::counts::each([&]<class R>() {
        out.put(", ");
        related<R, nothing, count_mode>::template write<Ctx>(out, next);
      });
    } else {
      std::size_t k = 0;
      Spec::projection::each([&]<class E>() {
        if (k++ != 0) out.put(", ");
        E::template write<Ctx>(out, next);
      });
    }
    out.put(" FROM ");
    D::identifier(out, Root::name);
    write_joins<typename Spec::schema, type_list<scoped<Root>>, D, typename Spec::joins>(out);
    if constexpr (!std::is_same_v<typename Spec::where, nothing>) {
      out.put(" WHERE ");
      Spec::where::template write<Ctx>(out, next);
    }
    if constexpr (Spec::group::size > 0) {
      out.put(" GROUP BY ");
      std::size_t k = 0;
      Spec::group::each([&]<class E>() {
        if (k++ != 0) out.put(", ");
        E::template write<Ctx>(out, next);
      });
    }
    if constexpr (!std::is_same_v<typename Spec::having, nothing>) {
      out.put(" HAVING ");
      Spec::having::template write<Ctx>(out, next);
    }
    if constexpr (Spec::order::size > 0) {
      out.put(" ORDER BY ");
      std::size_t k = 0;
      Spec::order::each([&]<class O>() {
        if (k++ != 0) out.put(", ");
        O::expression::template write<Ctx>(out, next);
        if constexpr (O::descending) out.put(" DESC");
      });
    }
    if constexpr (Spec::limit) {
      out.put(" LIMIT ");
      D::parameter(out, next++);
    } else if constexpr (Spec::offset) {
      out.put(D::offset_without_limit);
    }
    if constexpr (Spec::offset) {
      out.put(" OFFSET ");
      D::parameter(out, next++);
    }
  }
};

/// `SELECT count(*) FROM (<query>)`: counts what the query would return.
template <class Spec, class D>
struct count_gen {
  static constexpr void write(auto& out) {
    std::size_t next = 1;
    out.put("SELECT count(*) FROM (");
    select_gen<Spec, D>::write_select(out, next);
    out.put(')');
    D::derived_table(out, "ctorm_rows");
  }
};

/// `SELECT EXISTS (<query>)`.
template <class Spec, class D>
struct exists_gen {
  static constexpr void write(auto& out) {
    std::size_t next = 1;
    out.put("SELECT EXISTS (");
    select_gen<Spec, D>::write_select(out, next);
    out.put(')');
  }
};

// ---- UPDATE and DELETE ----

template <class S, class T, class Assignments, class Where>
struct update_spec {
  using schema = S;
  using root = T;
  using assignments = Assignments;
  using where = Where;
};

template <class Spec, class D>
struct update_gen {
  using Tb = table_in<typename Spec::schema, typename Spec::root>;
  using Ctx = query_context<typename Spec::schema, type_list<scoped<Tb>>, D>;
  static constexpr void write(auto& out) {
    std::size_t next = 1;
    out.put("UPDATE ");
    D::identifier(out, Tb::name);
    out.put(" SET ");
    std::size_t k = 0;
    Spec::assignments::each([&]<class A>() {
      if (k++ != 0) out.put(", ");
      D::identifier(out, Tb::columns[A::index]);
      out.put(" = ");
      using Member = unwrap_optional<field_type<typename Spec::root, A::index>>;
      using Value = unwrap_optional<typename A::expression::value_type>;
      if constexpr (std::is_same_v<Member, float> && !std::is_same_v<Value, float>)
        D::as_float(out, [&](auto& o) { A::expression::template write<Ctx>(o, next); });
      else
        A::expression::template write<Ctx>(out, next);
    });
    if constexpr (!std::is_same_v<typename Spec::where, nothing>) {
      out.put(" WHERE ");
      Spec::where::template write<Ctx>(out, next);
    }
  }
};

template <class S, class T, class Where>
struct delete_spec {
  using schema = S;
  using root = T;
  using where = Where;
};

template <class Spec, class D>
struct delete_gen {
  using Tb = table_in<typename Spec::schema, typename Spec::root>;
  using Ctx = query_context<typename Spec::schema, type_list<scoped<Tb>>, D>;
  static constexpr void write(auto& out) {
    std::size_t next = 1;
    out.put("DELETE FROM ");
    D::identifier(out, Tb::name);
    if constexpr (!std::is_same_v<typename Spec::where, nothing>) {
      out.put(" WHERE ");
      Spec::where::template write<Ctx>(out, next);
    }
  }
};

}  // namespace detail

/// `where_has<R>(ctorm::at_least(n))`: at least `n` related rows.
inline detail::count_bound<detail::op_ge> at_least(std::int64_t n) { return {{{}, n}}; }
/// `where_has<R>(ctorm::at_most(n))`: at most `n` related rows.
inline detail::count_bound<detail::op_le> at_most(std::int64_t n) { return {{{}, n}}; }
/// `where_has<R>(ctorm::exactly(n))`: exactly `n` related rows.
inline detail::count_bound<detail::op_eq> exactly(std::int64_t n) { return {{{}, n}}; }

}  // namespace ctorm
