#pragma once
/// \file
/// Typed SQL expressions: `col<&Post::title>.like("C++%") && col<&Post::author_id> == uid`.
///
/// An expression is a type that knows its SQL text (written by the compiler) and holds only the
/// values to bind, in the order their `?N` parameters appear.

#include <chrono>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <utility>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ctorm/detail/type_list.hpp"
#include "ctorm/error.hpp"
#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/reflect/member.hpp"
#include "ctorm/schema/checks.hpp"
#include "ctorm/types/chrono.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/sql/dialect.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm {
namespace detail {

struct expression_tag {};

template <class E>
concept expression = std::derived_from<E, expression_tag>;

template <class X>
using unwrap_optional = typename optional_traits<X>::value_type;

template <class X>
inline constexpr bool is_optional_v = optional_traits<X>::is_optional;

template <class X>
concept numeric_value = (std::integral<X> && !std::same_as<X, bool> && !char_like<X>) || std::floating_point<X>;

/// Values SQL can compare: numbers with numbers, otherwise the same type (after optional).
template <class A, class B>
concept comparable_values = (numeric_value<unwrap_optional<A>> && numeric_value<unwrap_optional<B>>) ||
                            std::same_as<unwrap_optional<A>, unwrap_optional<B>>;

/// Anything a range-for loop can walk (containers, arrays, spans). Spelled out rather than
/// `std::ranges::input_range`: `<ranges>` costs every includer more than the rest of this file.
template <class R>
concept value_range = requires(const R& r) {
  std::begin(r) != std::end(r);
  *std::begin(r);
};
/// The element type of a `value_range`.
template <value_range R>
using range_element = std::iter_value_t<decltype(std::begin(std::declval<const R&>()))>;

template <class X>
concept text_like = std::same_as<std::remove_cvref_t<X>, std::string> ||
                    std::same_as<std::remove_cvref_t<X>, std::string_view> ||
                    std::same_as<std::decay_t<X>, const char*> || std::same_as<std::decay_t<X>, char*>;

/// The type a value is bound as: text of any kind as std::string, the rest as it is.
template <class V>
struct bound_type {
  using type = std::remove_cvref_t<V>;
};
// Integers bind as 64-bit and floats as double, so `== 1` and `== std::int64_t{1}` are one
// statement. An unsigned type as wide as 64 bits (`unsigned long` and `unsigned long long`
// alike) binds as std::uint64_t, whose binding refuses values above INT64_MAX.
template <class V>
  requires(std::integral<std::remove_cvref_t<V>> && !std::same_as<std::remove_cvref_t<V>, bool> &&
           !char_like<std::remove_cvref_t<V>>)
struct bound_type<V> {
  using type = std::conditional_t<std::is_unsigned_v<std::remove_cvref_t<V>> &&
                                      sizeof(std::remove_cvref_t<V>) >= sizeof(std::int64_t),
                                  std::uint64_t, std::int64_t>;
};
template <class V>
  requires std::same_as<std::remove_cvref_t<V>, float>
struct bound_type<V> {
  using type = double;
};
template <text_like V>
struct bound_type<V> {
  using type = std::string;
};
template <class V>
struct bound_type<std::optional<V>> {
  using type = std::optional<typename bound_type<V>::type>;
};

/// Where an expression is written: the schema, the tables in the query, and the dialect.
template <class S, class Scope, class D>
struct query_context {
  using schema = S;
  using scope = Scope;
  using dialect = D;
};

// ---- scopes: the tables a statement can name, each with the alias it goes by ----

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

template <class T, class Scope>
struct find_scoped {
  using type = void;
};
template <class T, class E, class... Es>
struct find_scoped<T, type_list<E, Es...>>
    : std::conditional_t<std::is_same_v<typename E::table::type, T>, std::type_identity<E>,
                         find_scoped<T, type_list<Es...>>> {};

template <class T, class Scope>
inline constexpr bool scope_has = !std::is_void_v<typename find_scoped<T, Scope>::type>;

template <class T, class Scope>
inline constexpr bool in_scope = scope_has<T, Scope>;

}  // namespace detail

namespace check {
/// Fires when a column's table is neither the query's table nor one it joins.
template <class Table, bool InScope>
consteval void column_is_in_query() {
  static_assert(InScope, "ctorm: this column's table is not in the query — join it through a relation "
                         "(.join<relation>()) or use a column of the selected table");
}
}  // namespace check

namespace detail {

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
    Ctx::dialect::parameter(out, next++);
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
  L left;
  R right;
  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    write_operand<Ctx, L>(out, next, precedence, false);
    out.put(Op::sql);
    write_operand<Ctx, R>(out, next, precedence, !associative);
  }
  template <class B>
  void bind(B& b) const {
    left.bind(b);
    right.bind(b);
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

/// `L LIKE ?`, `L GLOB ?`, `L IS NULL`, `L IN (...)`: an operand, a keyword, maybe a parameter.
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
    if constexpr (requires { Keyword::blob; }) {
      // SQLite 3.40 has no unhex(): the list holds hex text, and each value is compared as
      // hex text that stays NULL for NULL (hex(NULL) is '', like an empty blob's).
      static_assert(L::parameters == 0);
      out.put("CASE WHEN ");
      L::template write<Ctx>(out, next);
      out.put(" IS NOT NULL THEN hex(");
      L::template write<Ctx>(out, next);
      out.put(") END");
    } else {
      write_operand<Ctx, L>(out, next, precedence, true);
    }
    out.put(Keyword::before);
    P::template write<Ctx>(out, next);
    out.put(Keyword::after);
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

struct kw_like { static constexpr std::string_view before = " LIKE ", after = ""; };
struct kw_glob { static constexpr std::string_view before = " GLOB ", after = ""; };
struct kw_is_null { static constexpr std::string_view before = " IS NULL", after = ""; };
struct kw_is_not_null { static constexpr std::string_view before = " IS NOT NULL", after = ""; };
// A run-time list is one JSON array bound to one parameter: one SQL text for every length.
struct kw_in { static constexpr std::string_view before = " IN (SELECT value FROM json_each(", after = "))"; };
struct kw_not_in { static constexpr std::string_view before = " NOT IN (SELECT value FROM json_each(", after = "))"; };
// json_each ends a string at an escaped NUL, so text lists carry NUL as \x01\x03 (and \x01 as
// \x01\x02), undone here: every byte string comes back exactly.
struct kw_in_text {
  static constexpr std::string_view
      before = " IN (SELECT replace(replace(value, char(1, 3), char(0)), char(1, 2), char(1)) FROM json_each(",
      after = "))";
};
struct kw_not_in_text {
  static constexpr std::string_view
      before = " NOT IN (SELECT replace(replace(value, char(1, 3), char(0)), char(1, 2), char(1)) FROM json_each(",
      after = "))";
};
// A BLOB list is a JSON array of upper-case hex strings.
struct kw_in_blob : kw_in {
  static constexpr bool blob = true;
};
struct kw_not_in_blob : kw_not_in {
  static constexpr bool blob = true;
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
    write_operand<Ctx, L>(out, next, precedence, true);
    out.put(" BETWEEN ");
    write_operand<Ctx, A>(out, next, precedence, true);
    out.put(" AND ");
    write_operand<Ctx, B>(out, next, precedence, true);
  }
  template <class B2>
  void bind(B2& b) const {
    operand.bind(b);
    low.bind(b);
    high.bind(b);
  }
};

/// A JSON array of the values of a range, for `IN` with one parameter.
struct json_list {
  std::string text;
};

inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 1) {
      out += u == 0 ? "\\u0001\\u0003" : "\\u0001\\u0002";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  out += '"';
}

template <class X>
void append_json_value(std::string& out, const X& v) {
  if constexpr (is_optional_v<X>) {
    if (!v) out += "null";
    else append_json_value(out, *v);
  } else if constexpr (std::is_enum_v<X>) {
    out += std::to_string(static_cast<std::underlying_type_t<X>>(v));
  } else if constexpr (std::same_as<X, bool>) {
    out += v ? "1" : "0";
  } else if constexpr (std::integral<X>) {
    if constexpr (std::is_unsigned_v<X> && sizeof(X) >= sizeof(std::int64_t)) {
      // JSON would carry it, and SQLite read it as a REAL that may equal a stored value.
      if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        throw conversion_error({}, "in() list", 0, std::to_string(v) + " does not fit SQLite's signed 64-bit INTEGER");
    }
    out += std::to_string(v);
  } else if constexpr (std::floating_point<X>) {
    const double d = static_cast<double>(v);
    if (std::isnan(d)) throw conversion_error({}, "in() list", 0, "NaN cannot be compared — SQLite has no NaN");
    if (std::isinf(d)) {
      out += d > 0 ? "9e999" : "-9e999";  // JSON has no infinity; SQLite reads these as one
      return;
    }
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%.17g", d);
    out.append(buf, static_cast<std::size_t>(n));
  } else if constexpr (std::same_as<X, std::vector<std::byte>>) {
    static constexpr char hex[] = "0123456789ABCDEF";
    out += '"';
    for (const std::byte b : v) {
      out += hex[std::to_integer<unsigned>(b) >> 4];
      out += hex[std::to_integer<unsigned>(b) & 15];
    }
    out += '"';
  } else if constexpr (std::same_as<X, std::chrono::sys_days>) {
    char buf[iso_date_size];
    if (!format_date(v, buf)) throw conversion_error({}, "in() list", 0, "the date lies outside the years 0000-9999");
    append_json_string(out, std::string_view(buf, iso_date_size));
  } else if constexpr (std::same_as<X, std::chrono::sys_seconds>) {
    char buf[iso_datetime_size];
    if (!format_datetime(v, buf)) throw conversion_error({}, "in() list", 0, "the time lies outside the years 0000-9999");
    append_json_string(out, std::string_view(buf, iso_datetime_size));
  } else {
    append_json_string(out, std::string_view(v));
  }
}

template <class Range>
json_list make_json_list(const Range& values) {
  json_list list{"["};
  bool first = true;
  for (const auto& v : values) {
    if (!first) list.text += ',';
    first = false;
    append_json_value(list.text, v);
  }
  list.text += ']';
  return list;
}

template <class E>
struct owner_of_expression {};
template <class E>
  requires requires { typename E::owner; }
struct owner_of_expression<E> {
  using owner = typename E::owner;
};

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
    out.put(Fn::name);
    out.put('(');
    if constexpr (std::is_same_v<E, nothing>) out.put('*');
    else E::template write<Ctx>(out, next);
    out.put(')');
  }
  template <class B>
  void bind(B& b) const {
    operand.bind(b);
  }
};

struct fn_count { static constexpr std::string_view name = "count"; };
struct fn_sum { static constexpr std::string_view name = "sum"; };
struct fn_avg { static constexpr std::string_view name = "avg"; };
struct fn_min { static constexpr std::string_view name = "min"; };
struct fn_max { static constexpr std::string_view name = "max"; };

template <class L, class R>
consteval void check_comparable() {
  static_assert(comparable_values<typename L::value_type, typename R::value_type>,
                "ctorm: these two sides cannot be compared — a column compares with a value or "
                "column of its own type (numbers with numbers, std::optional<X> with X)");
}

template <class Op, class L, class R>
auto compare(L&& l, R&& r) {
  using LE = expression_of<L>;
  using RE = expression_of<R>;
  check_comparable<LE, RE>();
  return binary<Op, LE, RE, bool>{{}, to_expression(std::forward<L>(l)), to_expression(std::forward<R>(r))};
}

template <class E>
consteval void check_predicate() {
  static_assert(std::same_as<typename E::value_type, bool>,
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

template <class Op, class L, class R>
auto arithmetic(L&& l, R&& r) {
  using LE = expression_of<L>;
  using RE = expression_of<R>;
  static_assert(numeric_value<unwrap_optional<typename LE::value_type>> &&
                    numeric_value<unwrap_optional<typename RE::value_type>>,
                "ctorm: arithmetic needs numeric columns and values");
  using V = arithmetic_result<typename LE::value_type, typename RE::value_type>;
  return binary<Op, LE, RE, V>{{}, to_expression(std::forward<L>(l)), to_expression(std::forward<R>(r))};
}

/// What every expression offers as members: `.like()`, `.in()`, `.is_null()`...
template <class Derived>
struct expression_base : expression_tag {
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
    return membership<kw_in>(values);
  }
  template <class V>
  auto in(std::initializer_list<V> values) const {
    return membership<kw_in>(values);
  }
  /// True when the value is not in `values`.
  template <value_range Range>
  auto not_in(const Range& values) const {
    return membership<kw_not_in>(values);
  }
  template <class V>
  auto not_in(std::initializer_list<V> values) const {
    return membership<kw_not_in>(values);
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
    static_assert(std::same_as<unwrap_optional<typename Derived::value_type>, std::string>,
                  "ctorm: like() and glob() apply to text columns");
    using PE = expression_of<P>;
    static_assert(std::same_as<unwrap_optional<typename PE::value_type>, std::string>,
                  "ctorm: a like() or glob() pattern is text");
    return postfix<Derived, Keyword, PE>{{}, self(), to_expression(std::forward<P>(pattern))};
  }

  template <class Keyword>
  auto null_test() const {
    static_assert(is_optional_v<typename Derived::value_type>,
                  "ctorm: is_null() and is_not_null() apply to optional columns — this one is never NULL");
    return postfix<Derived, Keyword, nothing>{{}, self(), {}};
  }

  template <class Keyword, class Range>
  auto membership(const Range& values) const {
    using element = range_element<Range>;
    static_assert(comparable_values<typename Derived::value_type, typename bound_type<element>::type>,
                  "ctorm: in() and not_in() take values of the column's type");
    constexpr bool in = std::is_same_v<Keyword, kw_in>;
    constexpr bool blob = std::same_as<unwrap_optional<typename Derived::value_type>, std::vector<std::byte>>;
    constexpr bool text = std::same_as<unwrap_optional<typename bound_type<element>::type>, std::string>;
    using K = std::conditional_t<blob, std::conditional_t<in, kw_in_blob, kw_not_in_blob>,
                                 std::conditional_t<text, std::conditional_t<in, kw_in_text, kw_not_in_text>, Keyword>>;
    return postfix<Derived, K, parameter<json_list>>{{}, self(), {{}, make_json_list(values)}};
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

/// A column of a table, by member pointer.
template <auto M>
struct column : expression_base<column<M>> {
  using value_type = member_type<M>;
  using owner = member_owner<M>;
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
      Ctx::dialect::identifier(out, E::table::columns[member_index<M>]);
    }
  }
  template <class B>
  void bind(B&) const {}

  /// `col<&Post::title> = "New"` inside `update<Post>().set(...)`.
  template <class V>
  auto operator=(V&& v) const {
    using E = expression_of<V>;
    if constexpr (std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>) {
      static_assert(is_optional_v<value_type>, "ctorm: only an optional column can be set to NULL");
      return assignment<M, parameter<value_type>>{{{}, value_type{}}};
    } else if constexpr (expression<std::remove_cvref_t<V>>) {
      static_assert(comparable_values<value_type, typename E::value_type>,
                    "ctorm: the value's type does not match the column's type");
      return assignment<M, E>{to_expression(std::forward<V>(v))};
    } else {
      static_assert(comparable_values<value_type, typename E::value_type>,
                    "ctorm: the value's type does not match the column's type");
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
      if (!v) return X{};
      return assigned_value<X>(*v);
    } else if constexpr (std::integral<T> && std::integral<A> && !std::same_as<T, bool>) {
      if (!std::in_range<T>(v))
        throw conversion_error({}, member_name<M>, 0,
                               std::to_string(v) + " is out of range of the member's type");
      return static_cast<T>(v);
    } else if constexpr (std::floating_point<T> && !std::same_as<T, A>) {
      const auto t = static_cast<T>(v);
      if (static_cast<long double>(t) != static_cast<long double>(v) && !std::isnan(static_cast<double>(v)))
        throw conversion_error({}, member_name<M>, 0, "the value cannot be held exactly by the member's type");
      return t;
    } else {
      return X(T(std::forward<V>(v)));
    }
  }

 public:
};

/// An ORDER BY term.
template <class E, bool Descending>
struct order_term {
  using expression = E;
  static constexpr bool descending = Descending;
};

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
  static_assert(detail::numeric_value<V>, "ctorm: sum() needs a numeric column");
  using R = std::conditional_t<std::floating_point<V>, double, std::int64_t>;
  return detail::aggregate<detail::fn_sum, E, std::optional<R>>{{}, {}, e};
}

/// `avg(e)`: NULL (nullopt) when there are no rows.
template <detail::expression E>
auto avg(const E& e) {
  static_assert(detail::numeric_value<detail::unwrap_optional<typename E::value_type>>,
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
  return arithmetic<op_mod>(std::forward<L>(l), std::forward<R>(r));
}


}  // namespace detail

}  // namespace ctorm
