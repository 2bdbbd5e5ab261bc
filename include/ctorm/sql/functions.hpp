#pragma once
/// \file
/// Functions and operators that build expressions: aggregates (`count`, `sum`, `avg`, `min`,
/// `max`), comparisons, `&&`/`||`/`!` and arithmetic.

#include <concepts>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/sql/expr.hpp"

namespace ctorm {

/// `count(*)`: the number of rows (of the group).
inline auto count() { return detail::aggregate<detail::fn_count, detail::nothing, std::int64_t>{}; }

/// `count(e)`: the number of rows where `e` is not NULL.
template <detail::expression E>
auto count(const E& e) {
  return detail::aggregate<detail::fn_count, E, std::int64_t>{{}, {}, e};
}

/// `sum(e)`: NULL (nullopt) when there are no rows.
template <detail::expression E>
auto sum(const E& e) {
  using V = detail::unwrap_optional<typename E::value_type>;
  static_assert(detail::is_numeric<V> || detail::involving<E>, "ctorm: sum() needs a numeric column");
  using R = std::conditional_t<std::floating_point<V>, double, std::int64_t>;
  return detail::aggregate<detail::fn_sum, E, std::optional<R>>{{}, {}, e};
}

/// `avg(e)`: NULL (nullopt) when there are no rows.
template <detail::expression E>
auto avg(const E& e) {
  static_assert(detail::is_numeric<detail::unwrap_optional<typename E::value_type>> || detail::involving<E>,
                "ctorm: avg() needs a numeric column");
  return detail::aggregate<detail::fn_avg, E, std::optional<double>>{{}, {}, e};
}

/// `min(e)`: NULL (nullopt) when there are no rows.
template <detail::expression E>
auto min(const E& e) {
  return detail::aggregate<detail::fn_min, E, std::optional<detail::unwrap_optional<typename E::value_type>>>{{}, {}, e};
}

/// `max(e)`: NULL (nullopt) when there are no rows.
template <detail::expression E>
auto max(const E& e) {
  return detail::aggregate<detail::fn_max, E, std::optional<detail::unwrap_optional<typename E::value_type>>>{{}, {}, e};
}

namespace detail {

/// `w AND e`, or `e` alone when there is no `w` yet: how `where`, `having` and load
/// constraints add conditions.
template <class Where, class E>
auto and_where(Where&& w, E&& e) {
  using W = std::remove_cvref_t<Where>;
  using X = std::remove_cvref_t<E>;
  if constexpr (std::is_same_v<W, nothing>)
    return X(std::forward<E>(e));
  else
    return binary<op_and, W, X, bool>{{}, std::forward<Where>(w), std::forward<E>(e)};
}

template <class L, class R>
concept operands = (expression<std::remove_cvref_t<L>> || expression<std::remove_cvref_t<R>>) &&
                   !std::is_same_v<std::remove_cvref_t<L>, std::nullopt_t> &&
                   !std::is_same_v<std::remove_cvref_t<R>, std::nullopt_t>;

// The operators live beside the expression types so that argument-dependent lookup finds
// them without a using-directive.
template <class L, class R>
  requires operands<L, R>
auto operator==(L&& l, R&& r) {
  return compare<op_eq>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
  requires operands<L, R>
auto operator!=(L&& l, R&& r) {
  return compare<op_ne>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
  requires operands<L, R>
auto operator<(L&& l, R&& r) {
  return compare<op_lt>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
  requires operands<L, R>
auto operator<=(L&& l, R&& r) {
  return compare<op_le>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
  requires operands<L, R>
auto operator>(L&& l, R&& r) {
  return compare<op_gt>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
  requires operands<L, R>
auto operator>=(L&& l, R&& r) {
  return compare<op_ge>(std::forward<L>(l), std::forward<R>(r));
}

/// `col == std::nullopt` is `IS NULL` (SQL's `= NULL` is never true); optional columns only.
template <expression E>
auto operator==(const E& e, std::nullopt_t) {
  return e.is_null();
}
template <expression E>
auto operator!=(const E& e, std::nullopt_t) {
  return e.is_not_null();
}

template <expression L, expression R>
auto operator&&(const L& l, const R& r) {
  return logical<op_and>(l, r);
}
template <expression L, expression R>
auto operator||(const L& l, const R& r) {
  return logical<op_or>(l, r);
}
template <expression E>
auto operator!(const E& e) {
  check_predicate<E>();
  return negation<E>{{}, e};
}

template <class L, class R>
  requires operands<L, R>
auto operator+(L&& l, R&& r) {
  return arithmetic<op_add>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
  requires operands<L, R>
auto operator-(L&& l, R&& r) {
  return arithmetic<op_sub>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
  requires operands<L, R>
auto operator*(L&& l, R&& r) {
  return arithmetic<op_mul>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
  requires operands<L, R>
auto operator/(L&& l, R&& r) {
  return arithmetic<op_div>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
  requires operands<L, R>
auto operator%(L&& l, R&& r) {
  // SQLite would cut the fractions off (5.5 % 2.0 is 1), PostgreSQL has no % for them.
  using LV = unwrap_optional<typename expression_of<L>::value_type>;
  using RV = unwrap_optional<typename expression_of<R>::value_type>;
  constexpr bool whole = whole_number<LV> && whole_number<RV>;
  static_assert(whole || involving<expression_of<L>, expression_of<R>>, "ctorm: % takes integer columns and values");
  return arithmetic<op_mod>(std::forward<L>(l), std::forward<R>(r));
}


}  // namespace detail

}  // namespace ctorm
