#include <catch2/catch.hpp>

#include <ctorm/types/real.hpp>

#include <limits>

namespace {
constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double most = std::numeric_limits<double>::max();
constexpr double least = std::numeric_limits<double>::denorm_min();
}  // namespace

using ctorm::detail::exact_float;
using ctorm::detail::has_fraction;
using ctorm::detail::is_finite;
using ctorm::detail::is_nan;
using ctorm::detail::sign_bit;

TEST_CASE("floating-point tests agree with their <cmath> meaning at the edges", "[unit][real]") {
  STATIC_REQUIRE(is_nan(not_a_number));
  STATIC_REQUIRE(!is_nan(inf));
  STATIC_REQUIRE(!is_nan(0.0));

  STATIC_REQUIRE(is_finite(most));
  STATIC_REQUIRE(is_finite(-most));
  STATIC_REQUIRE(is_finite(least));
  STATIC_REQUIRE(!is_finite(inf));
  STATIC_REQUIRE(!is_finite(-inf));
  STATIC_REQUIRE(!is_finite(not_a_number));

  STATIC_REQUIRE(sign_bit(-0.0));
  STATIC_REQUIRE(!sign_bit(0.0));
  STATIC_REQUIRE(sign_bit(-inf));
  STATIC_REQUIRE(!sign_bit(least));
}

TEST_CASE("has_fraction is true exactly where std::trunc would change the value", "[unit][real]") {
  STATIC_REQUIRE(has_fraction(0.5));
  STATIC_REQUIRE(has_fraction(-0.5));
  STATIC_REQUIRE(has_fraction(least));
  STATIC_REQUIRE(has_fraction(4503599627370495.5));   // 2^52 - 0.5: the last values with a fraction
  STATIC_REQUIRE(has_fraction(-4503599627370495.5));
  STATIC_REQUIRE(has_fraction(not_a_number));                   // NaN is refused as an integer too
  STATIC_REQUIRE(!has_fraction(0.0));
  STATIC_REQUIRE(!has_fraction(-0.0));
  STATIC_REQUIRE(!has_fraction(-3.0));
  STATIC_REQUIRE(!has_fraction(4503599627370496.0));  // 2^52
  STATIC_REQUIRE(!has_fraction(9223372036854775808.0));  // 2^63: beyond int64, still whole
  STATIC_REQUIRE(!has_fraction(most));
  STATIC_REQUIRE(!has_fraction(-most));
  STATIC_REQUIRE(!has_fraction(inf));  // the range check refuses it
}

TEST_CASE("exact_float keeps the values a float holds and refuses the others", "[unit][real]") {
  STATIC_REQUIRE(exact_float(0.5) == 0.5f);
  STATIC_REQUIRE(exact_float(-0.0).has_value());
  STATIC_REQUIRE(sign_bit(static_cast<double>(*exact_float(-0.0))));
  STATIC_REQUIRE(exact_float(static_cast<double>(std::numeric_limits<float>::max())).has_value());
  STATIC_REQUIRE(exact_float(static_cast<double>(std::numeric_limits<float>::denorm_min())).has_value());
  STATIC_REQUIRE(exact_float(inf) == std::numeric_limits<float>::infinity());
  STATIC_REQUIRE(exact_float(-inf) == -std::numeric_limits<float>::infinity());
  STATIC_REQUIRE(!exact_float(0.1));   // rounds
  STATIC_REQUIRE(!exact_float(1e39));  // beyond float's range: converting would be undefined
  STATIC_REQUIRE(!exact_float(-most));
  STATIC_REQUIRE(!exact_float(least));  // underflows to 0
  const auto n = exact_float(not_a_number);      // NaN is kept as NaN (and refused where it is stored)
  REQUIRE(n.has_value());
  REQUIRE(*n != *n);
}
