#pragma once
/// \file
/// A floating-point literal of the schema (a `Default<>` value) written by the compiler: the
/// shortest decimal that reads back as the same `float` or `double`, found with exact
/// arithmetic on the value's binary expansion (no library, no rounding of its own).

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace ctorm::detail {

/// A natural number of up to 84 32-bit limbs: `2^55 × 5^1076`, the largest number the exact
/// expansion of a double needs, takes 80.
struct big_natural {
  static constexpr std::size_t capacity = 84;
  std::uint32_t limbs[capacity]{};
  std::size_t size = 0;

  constexpr explicit big_natural(std::uint64_t n) noexcept {
    for (; n != 0; n >>= 32) limbs[size++] = static_cast<std::uint32_t>(n);
  }
  constexpr void multiply(std::uint32_t f) noexcept {
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < size; ++i) {
      const std::uint64_t x = std::uint64_t{limbs[i]} * f + carry;
      limbs[i] = static_cast<std::uint32_t>(x);
      carry = x >> 32;
    }
    if (carry != 0) limbs[size++] = static_cast<std::uint32_t>(carry);
  }
  /// Divides in place and returns the remainder.
  constexpr std::uint32_t divide(std::uint32_t d) noexcept {
    std::uint64_t rest = 0;
    for (std::size_t i = size; i-- > 0;) {
      const std::uint64_t x = (rest << 32) | limbs[i];
      limbs[i] = static_cast<std::uint32_t>(x / d);
      rest = x % d;
    }
    while (size != 0 && limbs[size - 1] == 0) --size;
    return static_cast<std::uint32_t>(rest);
  }
};

/// A positive decimal, `digits × 10^exponent`, with no leading or trailing zero digit.
struct decimal {
  char digits[800]{};  // a double's exact expansion has at most 769 significant digits
  std::size_t size = 0;
  int exponent = 0;
  /// The number of digits before the decimal point (zero or less below 1).
  constexpr int point() const noexcept { return static_cast<int>(size) + exponent; }
};

/// `n × 2^e` exactly (`n` > 0).
constexpr decimal exact_decimal(std::uint64_t n, int e) noexcept {
  big_natural b(n);
  decimal d;
  if (e >= 0) {
    for (; e >= 31; e -= 31) b.multiply(std::uint32_t{1} << 31);
    b.multiply(std::uint32_t{1} << e);
  } else {
    d.exponent = e;  // n × 2^e = n × 5^-e × 10^e
    for (int k = -e; k > 0; k -= 13) {
      std::uint32_t p = 1;
      for (int i = 0; i < (k < 13 ? k : 13); ++i) p *= 5;
      b.multiply(p);
    }
  }
  char reversed[810]{};
  std::size_t n_digits = 0;
  while (b.size != 0) {
    std::uint32_t chunk = b.divide(1000000000u);
    for (int i = 0; i < 9; ++i, chunk /= 10) reversed[n_digits++] = static_cast<char>('0' + chunk % 10);
  }
  while (n_digits != 0 && reversed[n_digits - 1] == '0') --n_digits;
  std::size_t low = 0;
  for (; low < n_digits && reversed[low] == '0'; ++low) ++d.exponent;
  for (std::size_t i = n_digits; i-- > low;) d.digits[d.size++] = reversed[i];
  return d;
}

constexpr int compare(const decimal& a, const decimal& b) noexcept {
  if (a.point() != b.point()) return a.point() < b.point() ? -1 : 1;
  for (std::size_t i = 0; i < a.size || i < b.size; ++i) {
    const char x = i < a.size ? a.digits[i] : '0';
    const char y = i < b.size ? b.digits[i] : '0';
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

/// `v` rounded to `p` significant digits (half up), `p` < `v.size`.
constexpr decimal rounded(const decimal& v, std::size_t p) noexcept {
  decimal r;
  for (std::size_t i = 0; i < p; ++i) r.digits[i] = v.digits[i];
  r.size = p;
  r.exponent = v.exponent + static_cast<int>(v.size - p);
  if (v.digits[p] >= '5') {
    std::size_t i = p;
    for (; i != 0 && r.digits[i - 1] == '9'; --i) r.digits[i - 1] = '0';
    if (i == 0) {  // 99.9 -> 100
      r.digits[0] = '1';
      r.size = 1;
      r.exponent += static_cast<int>(p);
      return r;
    }
    ++r.digits[i - 1];
  }
  for (; r.size > 1 && r.digits[r.size - 1] == '0'; --r.size) ++r.exponent;
  return r;
}

/// The shortest decimal that reads back as `v` (finite, > 0): the fewest digits strictly
/// between the midpoints to `v`'s neighbours.
template <class F>
constexpr decimal shortest_decimal(F v) noexcept {
  using bits_type = std::conditional_t<sizeof(F) == sizeof(std::uint32_t), std::uint32_t, std::uint64_t>;
  constexpr int fraction_bits = std::numeric_limits<F>::digits - 1;
  constexpr int bias = std::numeric_limits<F>::max_exponent - 1;
  constexpr int exponent_bits = static_cast<int>(sizeof(F)) * 8 - 1 - fraction_bits;
  const auto bits = std::bit_cast<bits_type>(v);
  const int biased = static_cast<int>((bits >> fraction_bits) & ((bits_type{1} << exponent_bits) - 1));
  const std::uint64_t fraction = bits & ((bits_type{1} << fraction_bits) - 1);
  const std::uint64_t m = biased == 0 ? fraction : fraction | (std::uint64_t{1} << fraction_bits);
  const int e = (biased == 0 ? 1 : biased) - bias - fraction_bits;
  // In units of 2^(e-2): the value is 4m, the midpoint above 4m+2, the one below 4m-2, or
  // 4m-1 where the gap below is half as wide (m a power of two above the subnormals).
  const bool narrow_below = fraction == 0 && biased > 1;
  const decimal exact = exact_decimal(4 * m, e - 2);
  const decimal above = exact_decimal(4 * m + 2, e - 2);
  const decimal below = exact_decimal(4 * m - (narrow_below ? 1 : 2), e - 2);
  for (std::size_t p = 1; p < exact.size; ++p) {
    const decimal candidate = rounded(exact, p);
    if (compare(below, candidate) < 0 && compare(candidate, above) < 0) return candidate;
  }
  return exact;
}

/// Writes the finite `v` as a SQL numeric literal both SQLite and PostgreSQL read back as
/// `v`: `0.5`, `-2.0`, `0.1`, `0.0001`; from `1e+17` and below `1e-4` with an exponent (`1e-5`).
template <class F>
constexpr void write_real(auto& out, F v) {
  static_assert(std::is_same_v<F, float> || std::is_same_v<F, double>);
  if (v == 0) {
    out.put("0.0");
    return;
  }
  if (v < 0) {
    out.put('-');
    v = -v;
  }
  const decimal d = shortest_decimal(v);
  const int point = d.point();
  const auto digit = [&](int i) { return i >= 0 && static_cast<std::size_t>(i) < d.size ? d.digits[i] : '0'; };
  if (point > -4 && point <= 17) {  // positional
    if (point <= 0) {
      out.put("0.");
      for (int i = point; i < static_cast<int>(d.size); ++i) out.put(digit(i));
    } else {
      for (int i = 0; i < point; ++i) out.put(digit(i));
      out.put('.');
      if (static_cast<std::size_t>(point) >= d.size) out.put('0');
      for (int i = point; i < static_cast<int>(d.size); ++i) out.put(digit(i));
    }
  } else {
    out.put(d.digits[0]);
    if (d.size > 1) {
      out.put('.');
      for (std::size_t i = 1; i < d.size; ++i) out.put(d.digits[i]);
    }
    const int exponent = point - 1;
    out.put(exponent < 0 ? "e-" : "e+");
    out.put_number(static_cast<std::size_t>(exponent < 0 ? -exponent : exponent));
  }
}

}  // namespace ctorm::detail
