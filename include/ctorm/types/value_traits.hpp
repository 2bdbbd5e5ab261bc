#pragma once
/// \file
/// Which C++ member types ctorm stores, and as what.

#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "ctorm/detail/chrono.hpp"
#include "ctorm/types/uuid.hpp"

namespace ctorm {

/// The SQL storage a member type maps to.
enum class sql_type { integer, real, text, blob };

/// How a member's value is represented; one reader and one writer per kind.
enum class value_kind { integer, boolean, real, text, blob, enumeration, timestamp, date, uuid };

namespace detail {

template <class X>
struct optional_traits {
  static constexpr bool is_optional = false;
  using value_type = X;
};
template <class X>
struct optional_traits<std::optional<X>> {
  static constexpr bool is_optional = true;
  using value_type = X;
};

template <class X>
concept char_like = std::same_as<X, char> || std::same_as<X, wchar_t> ||
                    std::same_as<X, char8_t> || std::same_as<X, char16_t> ||
                    std::same_as<X, char32_t>;

template <class X>
struct scalar_traits {
  static constexpr bool supported = false;
};

template <class X>
  requires(std::integral<X> && !std::same_as<X, bool> && !char_like<X>)
struct scalar_traits<X> {
  static constexpr bool supported = true;
  static constexpr value_kind kind = value_kind::integer;
  static constexpr sql_type type = sql_type::integer;
};
template <>
struct scalar_traits<bool> {
  static constexpr bool supported = true;
  static constexpr value_kind kind = value_kind::boolean;
  static constexpr sql_type type = sql_type::integer;
};
template <class X>
  requires(std::same_as<X, float> || std::same_as<X, double>)
struct scalar_traits<X> {
  static constexpr bool supported = true;
  static constexpr value_kind kind = value_kind::real;
  static constexpr sql_type type = sql_type::real;
};
template <>
struct scalar_traits<std::string> {
  static constexpr bool supported = true;
  static constexpr value_kind kind = value_kind::text;
  static constexpr sql_type type = sql_type::text;
};
template <>
struct scalar_traits<std::vector<std::byte>> {
  static constexpr bool supported = true;
  static constexpr value_kind kind = value_kind::blob;
  static constexpr sql_type type = sql_type::blob;
};
template <class X>
  requires std::is_enum_v<X>
struct scalar_traits<X> {
  static constexpr bool supported = std::integral<std::underlying_type_t<X>>;
  static constexpr value_kind kind = value_kind::enumeration;
  static constexpr sql_type type = sql_type::integer;
};
template <>
struct scalar_traits<std::chrono::sys_seconds> {
  static constexpr bool supported = true;
  static constexpr value_kind kind = value_kind::timestamp;
  static constexpr sql_type type = sql_type::text;
};
template <>
struct scalar_traits<std::chrono::sys_days> {
  static constexpr bool supported = true;
  static constexpr value_kind kind = value_kind::date;
  static constexpr sql_type type = sql_type::text;
};
template <>
struct scalar_traits<Uuid> {
  static constexpr bool supported = true;
  static constexpr value_kind kind = value_kind::uuid;
  static constexpr sql_type type = sql_type::blob;
};

}  // namespace detail

/// A member type ctorm can store: integers, bool, float/double, std::string,
/// std::vector<std::byte>, enums, std::chrono::sys_seconds/sys_days, ctorm::Uuid, and
/// std::optional of each.
template <class X>
concept ColumnValue =
    detail::scalar_traits<typename detail::optional_traits<X>::value_type>::supported &&
    !detail::optional_traits<typename detail::optional_traits<X>::value_type>::is_optional;

/// Facts about a member type that is a `ColumnValue`.
template <ColumnValue X>
struct column_traits {
  using value_type = typename detail::optional_traits<X>::value_type;
  static constexpr bool nullable = detail::optional_traits<X>::is_optional;
  static constexpr value_kind kind = detail::scalar_traits<value_type>::kind;
  static constexpr sql_type type = detail::scalar_traits<value_type>::type;
};

}  // namespace ctorm
