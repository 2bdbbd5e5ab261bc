#pragma once
/// \file
/// Typed SQL expressions: `col<&Post::title>.like("C++%") && col<&Post::author_id> == uid`.
///
/// An expression is a type that knows its SQL text (written by the compiler, for any dialect)
/// and holds only the values to bind, in the order their parameters are numbered. The
/// functions and operators that build them are in `sql/functions.hpp`.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/type_list.hpp"
#include "ctorm/error.hpp"
#include "ctorm/reflect/member.hpp"
#include "ctorm/sql/dialect.hpp"
#include "ctorm/sql/scope.hpp"
#include "ctorm/sql/value_concepts.hpp"
#include "ctorm/types/real.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm {
namespace detail {

struct expression_tag {};

template <class E>
concept expression = std::derived_from<E, expression_tag>;

// SQLite's levels: OR < AND < NOT < (= <> IS IN LIKE GLOB BETWEEN) < (< <= > >=) < (+ -) < (* / %).
enum precedence : int {
  prec_or = 1,
  prec_and,
  prec_not,
  prec_compare,     // = <> IS IN LIKE GLOB BETWEEN
  prec_relational,  // < <= > >=
  prec_add,
  prec_multiply,
  prec_atom = 9
};

template <class Ctx, class E>
constexpr void write_operand(auto& out, std::size_t& next, int parent, bool strict) {
  const bool parens = strict ? E::precedence <= parent : E::precedence < parent;
  if (parens) out.put('(');
  E::template write<Ctx>(out, next);
  if (parens) out.put(')');
}

template <class Derived>
struct expression_base;

template <class V>
struct parameter : expression_base<parameter<V>> {
  using value_type = V;
  using owners = type_list<>;
  static constexpr int precedence = prec_atom;
  static constexpr std::size_t parameters = 1;
  V value;
  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    Ctx::dialect::template typed_parameter<unwrap_optional<V>>(out, next++);
  }
  template <class B>
  void bind(B& b) const {
    b(value);
  }
};

template <class V>
auto to_expression(V&& v) {
  if constexpr (expression<std::remove_cvref_t<V>>)
    return std::remove_cvref_t<V>(std::forward<V>(v));
  else
    return parameter<typename bound_type<V>::type>{{}, typename bound_type<V>::type(std::forward<V>(v))};
}

template <class V>
using expression_of = decltype(to_expression(std::declval<V>()));

struct op_eq { static constexpr std::string_view sql = " = "; static constexpr int precedence = prec_compare; };
struct op_ne { static constexpr std::string_view sql = " <> "; static constexpr int precedence = prec_compare; };
struct op_lt { static constexpr std::string_view sql = " < "; static constexpr int precedence = prec_relational; };
struct op_le { static constexpr std::string_view sql = " <= "; static constexpr int precedence = prec_relational; };
struct op_gt { static constexpr std::string_view sql = " > "; static constexpr int precedence = prec_relational; };
struct op_ge { static constexpr std::string_view sql = " >= "; static constexpr int precedence = prec_relational; };
struct op_and { static constexpr std::string_view sql = " AND "; static constexpr int precedence = prec_and; };
struct op_or { static constexpr std::string_view sql = " OR "; static constexpr int precedence = prec_or; };
struct op_add { static constexpr std::string_view sql = " + "; static constexpr int precedence = prec_add; };
struct op_sub { static constexpr std::string_view sql = " - "; static constexpr int precedence = prec_add; };
struct op_mul { static constexpr std::string_view sql = " * "; static constexpr int precedence = prec_multiply; };
struct op_div { static constexpr std::string_view sql = " / "; static constexpr int precedence = prec_multiply; };
struct op_mod { static constexpr std::string_view sql = " % "; static constexpr int precedence = prec_multiply; };

template <class Op, class L, class R, class V>
struct binary : expression_base<binary<Op, L, R, V>> {
  using value_type = V;
  using owners = concat<typename L::owners, typename R::owners>;
  static constexpr int precedence = Op::precedence;
  static constexpr std::size_t parameters = L::parameters + R::parameters;
  static constexpr bool associative = std::is_same_v<Op, op_and> || std::is_same_v<Op, op_or>;
  // PostgreSQL puts = and < on one level, not associative, and IS below them: a comparison
  // inside a comparison is parenthesised on either side.
  static constexpr bool compares = precedence == prec_compare || precedence == prec_relational;
  static constexpr bool computes = precedence == prec_add || precedence == prec_multiply;
  L left;
  R right;
  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    write_side<Ctx, L>(out, next, compares);
    out.put(Op::sql);
    write_side<Ctx, R>(out, next, compares || !associative);
  }

 private:
  template <class Ctx, class X>
  static constexpr void write_side(auto& out, std::size_t& next, bool strict) {
    using D = typename Ctx::dialect;
    if constexpr (computes && D::widens_real_arithmetic && std::is_same_v<unwrap_optional<typename X::value_type>, float>) {
      // PostgreSQL computes REAL with REAL in single precision; ctorm's arithmetic is double.
      out.put("CAST(");
      X::template write<Ctx>(out, next);
      out.put(" AS ");
      out.put(D::template column_type<double>());
      out.put(')');
    } else {
      write_operand<Ctx, X>(out, next, compares ? prec_relational : precedence, strict);
    }
  }

 public:
  template <class B>
  void bind(B& b) const {
    left.bind(b);
    right.bind(b);
  }
};

template <class X>
inline constexpr bool is_parameter = false;
template <class V>
inline constexpr bool is_parameter<parameter<V>> = true;

/// `E == value` and `E != value` for a `std::optional` value compare as `std::optional`'s own
/// operators do: an empty value equals NULL, a value never equals NULL, and the result is never
/// unknown (SQL's `=` with NULL would match nothing). `E` is the other side, `P` the value.
template <class E, class P, bool Negate>
struct null_safe_comparison : expression_base<null_safe_comparison<E, P, Negate>> {
  using value_type = bool;
  using owners = typename E::owners;
  static constexpr int precedence = Negate ? prec_compare : prec_and;
  static constexpr std::size_t parameters = E::parameters + 1;
  E operand;
  P value;
  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    using D = typename Ctx::dialect;
    if constexpr (Negate || D::null_safe_equality_uses_index || E::parameters != 0) {
      write_operand<Ctx, E>(out, next, prec_relational, true);
      out.put(Negate ? D::null_safe_unequal : D::null_safe_equal);
      P::template write<Ctx>(out, next);
    } else {
      // No index serves the null-safe test alone: `=` or both NULL finds the rows by index (and
      // is unknown where the test is false); the null-safe test then decides.
      using V = unwrap_optional<typename P::value_type>;
      const std::size_t n = next;
      out.put('(');
      write_operand<Ctx, E>(out, next, prec_relational, true);
      out.put(" = ");
      P::template write<Ctx>(out, next);
      out.put(" OR (");
      write_operand<Ctx, E>(out, next, prec_relational, true);
      out.put(" IS NULL AND ");
      D::template typed_parameter<V>(out, n);
      out.put(" IS NULL)) AND ");
      write_operand<Ctx, E>(out, next, prec_relational, true);
      out.put(D::null_safe_equal);
      D::template typed_parameter<V>(out, n);
    }
  }
  template <class B>
  void bind(B& b) const {
    operand.bind(b);
    value.bind(b);
  }
};

template <class E>
struct negation : expression_base<negation<E>> {
  using value_type = bool;
  using owners = typename E::owners;
  static constexpr int precedence = prec_not;
  static constexpr std::size_t parameters = E::parameters;
  E operand;
  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    out.put("NOT ");
    write_operand<Ctx, E>(out, next, precedence, false);
  }
  template <class B>
  void bind(B& b) const {
    operand.bind(b);
  }
};

/// `L IS NULL`, `L IS NOT NULL`, `L LIKE ?`: an operand, a keyword, maybe a parameter. The
/// keyword may depend on the dialect (`Keyword::template text<D>()`).
template <class L, class Keyword, class P>
struct postfix : expression_base<postfix<L, Keyword, P>> {
  using value_type = bool;
  using owners = concat<typename L::owners, typename P::owners>;
  static constexpr int precedence = prec_compare;
  static constexpr std::size_t parameters = L::parameters + P::parameters;
  L operand;
  P argument;
  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    write_operand<Ctx, L>(out, next, prec_relational, true);
    out.put(Keyword::template text<typename Ctx::dialect>());
    P::template write<Ctx>(out, next);
    if constexpr (requires { Keyword::template after<typename Ctx::dialect>(); })
      out.put(Keyword::template after<typename Ctx::dialect>());
  }
  template <class B>
  void bind(B& b) const {
    operand.bind(b);
    argument.bind(b);
  }
};

struct nothing : expression_tag {
  using value_type = void;
  using owners = type_list<>;
  static constexpr int precedence = prec_atom;
  static constexpr std::size_t parameters = 0;
  template <class Ctx>
  static constexpr void write(auto&, std::size_t&) {}
  template <class B>
  void bind(B&) const {}
};

struct kw_is_null {
  template <class D>
  static constexpr std::string_view text() { return " IS NULL"; }
};
struct kw_is_not_null {
  template <class D>
  static constexpr std::string_view text() { return " IS NOT NULL"; }
};
struct kw_like {
  template <class D>
  static constexpr std::string_view text() { return D::like; }
  template <class D>
  static constexpr std::string_view after() { return D::like_after; }
};
template <class D>
inline constexpr bool dialect_has_glob = !D::glob.empty();

struct kw_glob {
  template <class D>
  static constexpr std::string_view text() {
    // Reached only where no where()/having() checked the condition first (fits_dialect).
    static_assert(dialect_has_glob<D>, "ctorm: glob() is SQLite's, this database has no GLOB - use like()");
    return D::glob;
  }
};

/// Whether the expression type `E` has a `glob()` anywhere in its tree.
template <class E>
inline constexpr bool uses_glob = false;
template <template <class...> class Node, class... Parts>
inline constexpr bool uses_glob<Node<Parts...>> = (uses_glob<Parts> || ...);
template <>
inline constexpr bool uses_glob<kw_glob> = true;

/// Checks where a condition is given (`where`, `having`) that dialect `D` can write it, so that
/// the error points there rather than into the SQL text's generation; false after the message.
template <class E, class D>
consteval bool fits_dialect() {
  if constexpr (uses_glob<E> && !dialect_has_glob<D>) {
    static_assert(dialect_has_glob<D> || involving<E>, "ctorm: glob() is SQLite's, this database has no GLOB - use like()");
    return false;
  } else {
    return true;
  }
}

/// `L IN (list)` / `L NOT IN (list)`: one parameter whatever the list's length, spelled by the
/// dialect.
template <class L, class E, bool Negate>
struct membership : expression_base<membership<L, E, Negate>> {
  using value_type = bool;
  using owners = typename L::owners;
  static constexpr int precedence = prec_compare;
  static constexpr std::size_t parameters = L::parameters + 1;
  L operand;
  value_list<E> list;
  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    // SQLite writes a BLOB or UUID operand twice (see sqlite_dialect::in_list): it binds nothing, as
    // no BLOB-valued expression with a parameter exists.
    static_assert((column_traits<E>::kind != value_kind::blob && column_traits<E>::kind != value_kind::uuid) ||
                  L::parameters == 0);
    Ctx::dialect::template in_list<E, Negate>(out, next, [&](auto& o) { write_operand<Ctx, L>(o, next, prec_relational, true); });
  }
  template <class B>
  void bind(B& b) const {
    operand.bind(b);
    b(list);
  }
};

template <class L, class A, class B>
struct between : expression_base<between<L, A, B>> {
  using value_type = bool;
  using owners = concat<typename L::owners, typename A::owners, typename B::owners>;
  static constexpr int precedence = prec_compare;
  static constexpr std::size_t parameters = L::parameters + A::parameters + B::parameters;
  L operand;
  A low;
  B high;
  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    write_operand<Ctx, L>(out, next, prec_relational, true);
    out.put(" BETWEEN ");
    write_operand<Ctx, A>(out, next, prec_relational, true);
    out.put(" AND ");
    write_operand<Ctx, B>(out, next, prec_relational, true);
  }
  template <class B2>
  void bind(B2& b) const {
    operand.bind(b);
    low.bind(b);
    high.bind(b);
  }
};

template <class E>
struct owner_of_expression {};
template <class E>
  requires requires { typename E::owner; }
struct owner_of_expression<E> {
  using owner = typename E::owner;
};

struct fn_count { static constexpr std::string_view name = "count"; static constexpr bool cast = false; };
struct fn_sum { static constexpr std::string_view name = "sum"; static constexpr bool cast = true; };
struct fn_avg { static constexpr std::string_view name = "avg"; static constexpr bool cast = true; };
struct fn_min { static constexpr std::string_view name = "min"; static constexpr bool cast = false; };
struct fn_max { static constexpr std::string_view name = "max"; static constexpr bool cast = false; };

template <class Fn, class E, class V>
struct aggregate : expression_base<aggregate<Fn, E, V>>, owner_of_expression<E> {
  using value_type = V;
  using owners = typename E::owners;
  static constexpr bool is_aggregate = true;
  static constexpr int precedence = prec_atom;
  static constexpr std::size_t parameters = E::parameters;
  E operand;
  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    using D = typename Ctx::dialect;
    // sum() of integers and avg() are NUMERIC on PostgreSQL: read as the type ctorm gives them.
    constexpr bool cast = D::cast_aggregates && Fn::cast;
    if constexpr (cast) out.put("CAST(");
    out.put(Fn::name);
    out.put('(');
    // PostgreSQL sums REAL in REAL: 16777216 + 1 would stay 16777216. The sum is a double.
    constexpr bool widen = cast && std::is_same_v<Fn, fn_sum> && std::is_same_v<unwrap_optional<typename E::value_type>, float>;
    if constexpr (widen) out.put("CAST(");
    if constexpr (std::is_same_v<E, nothing>) out.put('*');
    else E::template write<Ctx>(out, next);
    if constexpr (widen) {
      out.put(" AS ");
      out.put(D::template column_type<double>());
      out.put(')');
    }
    out.put(')');
    if constexpr (cast) {
      out.put(" AS ");
      out.put(D::template column_type<unwrap_optional<V>>());
      out.put(')');
    }
  }
  template <class B>
  void bind(B& b) const {
    operand.bind(b);
  }
};

template <class L, class R>
consteval void check_comparable() {
  static_assert(are_comparable<typename L::value_type, typename R::value_type> || involving<L, R>,
                "ctorm: these two sides cannot be compared - a column compares with a value or "
                "column of its own type (numbers with numbers, std::optional<X> with X)");
}

template <class Op, class L, class R>
auto compare(L&& l, R&& r) {
  using LE = expression_of<L>;
  using RE = expression_of<R>;
  check_comparable<LE, RE>();
  constexpr bool equality = std::is_same_v<Op, op_eq> || std::is_same_v<Op, op_ne>;
  if constexpr (equality && is_parameter<RE> && is_optional_v<typename RE::value_type>)
    return null_safe_comparison<LE, RE, std::is_same_v<Op, op_ne>>{
        {}, to_expression(std::forward<L>(l)), to_expression(std::forward<R>(r))};
  else if constexpr (equality && is_parameter<LE> && is_optional_v<typename LE::value_type>)
    return null_safe_comparison<RE, LE, std::is_same_v<Op, op_ne>>{
        {}, to_expression(std::forward<R>(r)), to_expression(std::forward<L>(l))};
  else
    return binary<Op, LE, RE, bool>{{}, to_expression(std::forward<L>(l)), to_expression(std::forward<R>(r))};
}

template <class E>
consteval void check_predicate() {
  static_assert(std::is_same_v<typename E::value_type, bool> || involving<E>,
                "ctorm: &&, || and ! combine conditions (comparisons, like, in, is_null...)");
}

template <class Op, class L, class R>
auto logical(L&& l, R&& r) {
  check_predicate<std::remove_cvref_t<L>>();
  check_predicate<std::remove_cvref_t<R>>();
  return binary<Op, std::remove_cvref_t<L>, std::remove_cvref_t<R>, bool>{{}, std::forward<L>(l), std::forward<R>(r)};
}

template <class A, class B>
using arithmetic_result = std::conditional_t<
    is_optional_v<A> || is_optional_v<B>,
    std::optional<std::conditional_t<std::floating_point<unwrap_optional<A>> || std::floating_point<unwrap_optional<B>>,
                                     double, std::int64_t>>,
    std::conditional_t<std::floating_point<A> || std::floating_point<B>, double, std::int64_t>>;

/// An integer type that is not `bool`.
template <class T>
concept whole_number = std::integral<T> && !std::same_as<T, bool>;

template <class Op, class L, class R>
auto arithmetic(L&& l, R&& r) {
  using LE = expression_of<L>;
  using RE = expression_of<R>;
  static_assert((is_numeric<unwrap_optional<typename LE::value_type>> &&
                 is_numeric<unwrap_optional<typename RE::value_type>>) ||
                    involving<LE, RE>,
                "ctorm: arithmetic needs numeric columns and values");
  using V = arithmetic_result<typename LE::value_type, typename RE::value_type>;
  return binary<Op, LE, RE, V>{{}, to_expression(std::forward<L>(l)), to_expression(std::forward<R>(r))};
}

template <class E, bool Descending>
struct order_term;

/// What every expression offers as members: `.like()`, `.in()`, `.is_null()`...
template <class Derived>
struct expression_base : expression_tag {
  /// This expression as an `order_by` term, ascending.
  auto asc() const { return order_term<Derived, false>{self()}; }
  /// This expression as an `order_by` term, descending.
  auto desc() const { return order_term<Derived, true>{self()}; }
  /// `LIKE pattern` (SQLite: case-insensitive for ASCII); text columns only.
  template <class P>
  auto like(P&& pattern) const {
    return text_match<kw_like>(std::forward<P>(pattern));
  }
  /// `GLOB pattern` (case-sensitive, `*` and `?` wildcards); text columns only.
  template <class P>
  auto glob(P&& pattern) const {
    return text_match<kw_glob>(std::forward<P>(pattern));
  }
  /// `IS NULL`: only for optional columns.
  auto is_null() const { return null_test<kw_is_null>(); }
  /// `IS NOT NULL`: only for optional columns.
  auto is_not_null() const { return null_test<kw_is_not_null>(); }
  /// True when the value is in `values` (any range, of any length: one SQL text).
  template <value_range Range>
  auto in(const Range& values) const {
    return list_of<false>(values);
  }
  template <class V>
  auto in(std::initializer_list<V> values) const {
    return list_of<false>(values);
  }
  /// True when the value is not in `values`.
  template <value_range Range>
  auto not_in(const Range& values) const {
    return list_of<true>(values);
  }
  template <class V>
  auto not_in(std::initializer_list<V> values) const {
    return list_of<true>(values);
  }
  /// `BETWEEN low AND high` (both ends included).
  template <class A, class B>
  auto between(A&& low, B&& high) const {
    using AE = expression_of<A>;
    using BE = expression_of<B>;
    check_comparable<Derived, AE>();
    check_comparable<Derived, BE>();
    return detail::between<Derived, AE, BE>{
        {}, self(), to_expression(std::forward<A>(low)), to_expression(std::forward<B>(high))};
  }

 private:
  const Derived& self() const { return static_cast<const Derived&>(*this); }

  template <class Keyword, class P>
  auto text_match(P&& pattern) const {
    static_assert(std::is_same_v<unwrap_optional<typename Derived::value_type>, std::string> || involving<Derived>,
                  "ctorm: like() and glob() apply to text columns");
    using PE = expression_of<P>;
    static_assert(std::is_same_v<unwrap_optional<typename PE::value_type>, std::string> || involving<Derived, PE>,
                  "ctorm: a like() or glob() pattern is text");
    return postfix<Derived, Keyword, PE>{{}, self(), to_expression(std::forward<P>(pattern))};
  }

  template <class Keyword>
  auto null_test() const {
    static_assert(is_optional_v<typename Derived::value_type> || involving<Derived>,
                  "ctorm: is_null() and is_not_null() apply to optional columns - this one is never NULL");
    return postfix<Derived, Keyword, nothing>{{}, self(), {}};
  }

  template <bool Negate, class Range>
  auto list_of(const Range& values) const {
    using E = typename bound_type<range_element<Range>>::type;
    static_assert(are_comparable<typename Derived::value_type, E> || involving<Derived, E>,
                  "ctorm: in() and not_in() take values of the column's type");
    value_list<E> list;
    if constexpr (requires { values.size(); }) list.values.reserve(values.size());
    for (const auto& v : values) list.values.push_back(E(v));
    return membership<Derived, E, Negate>{{}, self(), std::move(list)};
  }
};

/// The assignment `column = value` of an UPDATE's SET list.
template <auto M, class E>
struct assignment {
  using owner = member_owner<M>;
  using expression = E;
  static constexpr std::size_t index = member_index<M>;
  static constexpr std::size_t parameters = E::parameters;
  E value;
  template <class B>
  void bind(B& b) const {
    value.bind(b);
  }
};

/// A column of table type `T` by its position: for a column no member pointer names, such as a
/// primary key found by its name.
template <class T, std::size_t Index>
struct indexed_column : expression_base<indexed_column<T, Index>> {
  using value_type = field_type<T, Index>;
  using owner = T;
  using owners = type_list<owner>;
  static constexpr int precedence = prec_atom;
  static constexpr std::size_t parameters = 0;
  template <class Ctx>
  static constexpr void write(auto& out, std::size_t&) {
    constexpr bool found = in_scope<owner, typename Ctx::scope>;
    check::column_is_in_query<owner, found>();
    if constexpr (found) {
      using E = typename find_scoped<owner, typename Ctx::scope>::type;
      Ctx::dialect::identifier(out, E::alias);
      out.put('.');
      Ctx::dialect::identifier(out, E::table::columns[Index]);
    }
  }
  template <class B>
  void bind(B&) const {}
};

/// A column of a table, by member pointer.
template <auto M>
struct column : expression_base<column<M>> {
  using value_type = member_type<M>;
  using owner = member_owner<M>;
  using owners = type_list<owner>;
  static constexpr int precedence = prec_atom;
  static constexpr std::size_t parameters = 0;
  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    indexed_column<owner, member_index<M>>::template write<Ctx>(out, next);
  }
  template <class B>
  void bind(B&) const {}

  /// `col<&Post::title> = "New"` inside `update<Post>().set(...)`.
  template <class V>
  auto operator=(V&& v) const {
    using E = expression_of<V>;
    if constexpr (std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>) {
      static_assert(is_optional_v<value_type> || involving<members<M>>, "ctorm: only an optional column can be set to NULL");
      return assignment<M, parameter<value_type>>{{{}, value_type{}}};
    } else if constexpr (!comparable_values<value_type, typename E::value_type>) {
      static_assert(are_comparable<value_type, typename E::value_type> || involving<members<M>, E>,
                    "ctorm: the value's type does not match the column's type");
      return assignment<M, parameter<value_type>>{{{}, value_type{}}};  // reported above, nothing more
    } else if constexpr (expression<std::remove_cvref_t<V>> && whole_number<unwrap_optional<value_type>> &&
                         std::floating_point<unwrap_optional<typename E::value_type>>) {
      // SQLite's STRICT column would refuse the value at run time, PostgreSQL round it unasked.
      static_assert(involving<members<M>, E>,
                    "ctorm: an integer column is not set from a floating-point expression - its fraction would be "
                    "cut or rounded");
      return assignment<M, parameter<value_type>>{{{}, value_type{}}};  // reported above, nothing more
    } else if constexpr (expression<std::remove_cvref_t<V>>) {
      return assignment<M, E>{to_expression(std::forward<V>(v))};
    } else {
      // A plain value is stored as the member's type, so it must fit it.
      return assignment<M, parameter<value_type>>{{{}, assigned_value<value_type>(std::forward<V>(v))}};
    }
  }

 private:
  template <class X, class V>
  static X assigned_value(V&& v) {
    using T = unwrap_optional<X>;
    using A = std::remove_cvref_t<V>;
    if constexpr (is_optional_v<A>) {
      if (!v) {
        if constexpr (!is_optional_v<X>)
          throw conversion_error({}, member_name<M>, 0, "an empty std::optional cannot be stored: the member is not optional");
        return X{};
      }
      return assigned_value<X>(*v);
    } else if constexpr (whole_number<T> && std::integral<A>) {
      if (!std::in_range<T>(v))
        throw conversion_error({}, member_name<M>, 0,
                               std::to_string(v) + " is out of range of the member's type");
      return static_cast<T>(v);
    } else if constexpr (whole_number<T> && std::floating_point<A>) {
      // 2.9 into an integer member would be cut to 2, 1e10 into an int32 undefined.
      if (!detail::converts_exactly<T>(v))
        throw conversion_error({}, member_name<M>, 0,
                               cat(detail::show_double(static_cast<double>(v)), " is not a whole number the member's type can hold"));
      return static_cast<T>(v);
    } else if constexpr (std::floating_point<T> && !std::same_as<T, A>) {
      const auto t = static_cast<T>(v);
      if (static_cast<long double>(t) != static_cast<long double>(v) && !detail::is_nan(static_cast<double>(v)))
        throw conversion_error({}, member_name<M>, 0, "the value cannot be held exactly by the member's type");
      return t;
    } else {
      return X(T(std::forward<V>(v)));
    }
  }

 public:
};

/// An ORDER BY term: the expression's text is in its type, the values it binds (if any) in
/// `expression_value`.
template <class E, bool Descending>
struct order_term {
  using expression = E;
  static constexpr bool descending = Descending;
  E expression_value{};
};

template <class X>
inline constexpr bool is_order_term = false;
template <class E, bool D>
inline constexpr bool is_order_term<order_term<E, D>> = true;

/// What `order_by` takes: an order term, or an expression (ascending).
template <class X>
concept order_by_argument = is_order_term<X> || expression<X>;

template <class X>
struct order_term_of {
  using type = order_term<X, false>;
};
template <class E, bool D>
struct order_term_of<order_term<E, D>> {
  using type = order_term<E, D>;
};
/// `X` as an order term: itself, or an expression ascending.
template <class X>
using as_order_term = typename order_term_of<X>::type;

}  // namespace detail

/// The column of member `M`, for use in conditions, projections and SET lists.
template <auto M>
  requires DataMember<M>
inline constexpr detail::column<M> col{};

/// `ORDER BY` the column of `M`, ascending.
template <auto M>
  requires DataMember<M>
inline constexpr detail::order_term<detail::column<M>, false> asc{};

/// `ORDER BY` the column of `M`, descending.
template <auto M>
  requires DataMember<M>
inline constexpr detail::order_term<detail::column<M>, true> desc{};

}  // namespace ctorm
