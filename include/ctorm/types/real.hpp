#pragma once
/// \file
/// The tests of floating-point values that reading and binding make, written out instead of
/// taken from <cmath>: that header costs every translation unit that includes ctorm about
/// 10 MB of compiler memory (libstdc++ declares its special functions there), for five tests.

#include <bit>
#include <cstdint>
#include <limits>
#include <optional>

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

}  // namespace ctorm::detail
