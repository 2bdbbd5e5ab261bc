#pragma once
/// \file
/// The tests of floating-point values that reading and binding make, written out instead of
/// taken from <cmath>: that header costs every translation unit that includes ctorm about
/// 10 MB of compiler memory (libstdc++ declares its special functions there), for five tests.

#include <bit>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

namespace ctorm::detail {

constexpr bool is_nan(double d) noexcept { return d != d; }

/// Neither NaN nor an infinity.
constexpr bool is_finite(double d) noexcept {
  constexpr double most = std::numeric_limits<double>::max();
  return d <= most && d >= -most;  // false for NaN too
}

/// The sign bit, which tells -0.0 from 0.0.
constexpr bool sign_bit(double d) noexcept { return (std::bit_cast<std::uint64_t>(d) >> 63) != 0; }

/// True when `d` is not a whole number (NaN included; infinities are whole, as for std::trunc).
constexpr bool has_fraction(double d) noexcept {
  if (is_nan(d)) return true;
  // From 2^52 up every double is a whole number; below, the int64 conversion is exact.
  constexpr double whole_from = 4503599627370496.0;
  if (!(d > -whole_from && d < whole_from)) return false;
  return static_cast<double>(static_cast<std::int64_t>(d)) != d;
}

/// `d` as a float when a float holds it exactly (NaN and infinities included), else nothing.
/// A finite double beyond float's range is refused before the conversion, which would be
/// undefined.
constexpr std::optional<float> exact_float(double d) noexcept {
  constexpr double most = static_cast<double>(std::numeric_limits<float>::max());
  if (is_finite(d) && !(d <= most && d >= -most)) return std::nullopt;
  const auto f = static_cast<float>(d);
  if (static_cast<double>(f) != d && !is_nan(d)) return std::nullopt;
  return f;
}

/// 2 to the power of `T`'s value bits, as a double: one past the largest value of an integer
/// type `T` (exact for every integer type up to 64 bits).
template <class T>
constexpr double integer_limit() noexcept {
  double d = 1.0;
  for (int i = 0; i < std::numeric_limits<T>::digits; ++i) d *= 2.0;
  return d;
}

/// Whether number `v` converts to arithmetic type `X` without change: no fraction or range
/// lost, no sign flipped, no NaN. Conversions that would be undefined are never made.
template <class X, class V>
constexpr bool converts_exactly(V v) noexcept {
  if constexpr (std::is_integral_v<V> && std::is_integral_v<X>) {
    return static_cast<V>(static_cast<X>(v)) == v && ((v < V{}) == (static_cast<X>(v) < X{}));
  } else if constexpr (std::is_integral_v<X>) {  // from a floating-point number
    const auto d = static_cast<double>(v);
    if (static_cast<V>(d) != v || has_fraction(d)) return false;
    constexpr double top = integer_limit<X>();
    return d < top && d >= (std::is_signed_v<X> ? -top : 0.0);
  } else if constexpr (std::is_integral_v<V>) {  // an integer into a floating-point type
    const auto x = static_cast<double>(static_cast<X>(v));
    constexpr double top = integer_limit<V>();
    if (!(x < top && x >= (std::is_signed_v<V> ? -top : 0.0))) return false;
    return static_cast<V>(x) == v;
  } else {
    const auto d = static_cast<double>(v);
    if (static_cast<V>(d) != v || is_nan(d)) return false;  // a long double beyond double, NaN
    if constexpr (sizeof(X) < sizeof(double)) return exact_float(d).has_value();
    else return true;
  }
}

}  // namespace ctorm::detail
