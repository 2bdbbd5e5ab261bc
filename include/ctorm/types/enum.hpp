#pragma once
/// \file
/// Which integers are values of an enum, so that an unknown value read from the database
/// is an error instead of an enum holding a value no enumerator names.

#include <array>
#include <concepts>
#include <cstddef>
#include <limits>
#include <string_view>
#include <type_traits>
#include <utility>

namespace ctorm {

/// Customisation point. By default ctorm finds the named enumerators of `E` whose values lie
/// in [`min`, `max`]. Specialise it to widen the range, or give
/// `static constexpr bool is_valid(std::underlying_type_t<E>)` to accept other values
/// (for example flag combinations).
template <class E>
struct enum_traits {
  static constexpr long long min = -128;
  static constexpr long long max = 255;
};

namespace detail {

template <auto V>
consteval bool is_named_enumerator() {
  // A named value prints as "V = Color::red"; an unnamed one as "V = (Color)5". Clang
  // spells a named value of an enum in an anonymous namespace "(anonymous namespace)::E::x".
  constexpr std::string_view sig = __PRETTY_FUNCTION__;
  std::string_view value = sig.substr(sig.find("V = ") + 4);
  constexpr std::string_view anonymous = "(anonymous namespace)::";
  if (value.starts_with(anonymous)) value.remove_prefix(anonymous.size());
  const char c = value[0];
  return c != '(' && !(c >= '0' && c <= '9') && c != '-';
}

template <class E>
consteval long long enum_scan_min() {
  using U = std::underlying_type_t<E>;
  constexpr long long lowest = static_cast<long long>(std::numeric_limits<U>::min());
  return enum_traits<E>::min < lowest ? lowest : enum_traits<E>::min;
}

template <class E>
consteval long long enum_scan_max() {
  using U = std::underlying_type_t<E>;
  constexpr auto highest = std::numeric_limits<U>::max();
  if constexpr (static_cast<unsigned long long>(highest) >
                static_cast<unsigned long long>(std::numeric_limits<long long>::max()))
    return enum_traits<E>::max;
  else
    return enum_traits<E>::max > static_cast<long long>(highest) ? static_cast<long long>(highest)
                                                                 : enum_traits<E>::max;
}

template <class E>
inline constexpr auto enum_value_table = []<std::size_t... I>(std::index_sequence<I...>) {
  using U = std::underlying_type_t<E>;
  return std::array<bool, sizeof...(I)>{
      is_named_enumerator<static_cast<E>(static_cast<U>(enum_scan_min<E>() + static_cast<long long>(I)))>()...};
}(std::make_index_sequence<static_cast<std::size_t>(enum_scan_max<E>() - enum_scan_min<E>() + 1)>{});

template <class E>
concept custom_enum_validity = requires(std::underlying_type_t<E> v) {
  { enum_traits<E>::is_valid(v) } -> std::convertible_to<bool>;
};

}  // namespace detail

/// True when `v` is a value of `E` (see `enum_traits`).
template <class E>
  requires std::is_enum_v<E>
constexpr bool is_enum_value(std::underlying_type_t<E> v) noexcept {
  if constexpr (detail::custom_enum_validity<E>) {
    return enum_traits<E>::is_valid(v);
  } else {
    constexpr long long lo = detail::enum_scan_min<E>();
    constexpr long long hi = detail::enum_scan_max<E>();
    if constexpr (std::is_unsigned_v<std::underlying_type_t<E>>) {
      if (static_cast<unsigned long long>(v) > static_cast<unsigned long long>(hi)) return false;
    } else {
      if (static_cast<long long>(v) > hi) return false;
    }
    if (static_cast<long long>(v) < lo) return false;
    return detail::enum_value_table<E>[static_cast<std::size_t>(static_cast<long long>(v) - lo)];
  }
}

}  // namespace ctorm
