#pragma once
/// \file
/// Which C++ values a query can bind and compare, and as what type each is bound.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "ctorm/detail/chrono.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm::detail {

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

/// `comparable_values` as a constant, for assertions: Clang explains a failed concept in an
/// assertion with a note per alternative.
template <class A, class B>
inline constexpr bool are_comparable = comparable_values<A, B>;
template <class X>
inline constexpr bool is_numeric = numeric_value<X>;

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

/// A run-time list of values bound as one parameter (`in()`, `not_in()`): each backend encodes
/// it its own way (a JSON array for SQLite, an array for PostgreSQL), so one SQL text serves
/// every length.
template <class E>
struct value_list {
  std::vector<E> values;
};

}  // namespace ctorm::detail
