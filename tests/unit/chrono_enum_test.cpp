#include <catch2/catch.hpp>

#include <ctorm/types/chrono.hpp>
#include <ctorm/types/enum.hpp>
#include <ctorm/types/value_traits.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enums {
enum class Color : std::int8_t { red = -1, green = 0, blue = 5 };
enum class Big : std::uint16_t { low = 1, high = 1000 };
enum Plain { plain_a, plain_b };
enum class Flags : unsigned { a = 1, b = 2, c = 4 };
}  // namespace enums

namespace {
enum class Hidden { first = 1, second = 2 };
}  // namespace

template <>
struct ctorm::enum_traits<enums::Big> {
  static constexpr long long min = 0;
  static constexpr long long max = 1000;
};
template <>
struct ctorm::enum_traits<enums::Flags> {
  static constexpr bool is_valid(unsigned v) { return v < 8; }
};

TEST_CASE("enum values are the named enumerators", "[enum]") {
  using enums::Color;
  STATIC_REQUIRE(ctorm::is_enum_value<Color>(-1));
  STATIC_REQUIRE(ctorm::is_enum_value<Color>(0));
  STATIC_REQUIRE(ctorm::is_enum_value<Color>(5));
  STATIC_REQUIRE_FALSE(ctorm::is_enum_value<Color>(1));
  STATIC_REQUIRE_FALSE(ctorm::is_enum_value<Color>(-128));
  STATIC_REQUIRE(ctorm::is_enum_value<enums::Plain>(1));
  STATIC_REQUIRE_FALSE(ctorm::is_enum_value<enums::Plain>(2));
  // Clang prints these "(anonymous namespace)::Hidden::first".
  STATIC_REQUIRE(ctorm::is_enum_value<Hidden>(1));
  STATIC_REQUIRE_FALSE(ctorm::is_enum_value<Hidden>(0));
}

TEST_CASE("enum_traits widens the scan or replaces the test", "[enum]") {
  STATIC_REQUIRE(ctorm::is_enum_value<enums::Big>(1000));
  STATIC_REQUIRE_FALSE(ctorm::is_enum_value<enums::Big>(999));
  STATIC_REQUIRE_FALSE(ctorm::is_enum_value<enums::Big>(1001));
  STATIC_REQUIRE(ctorm::is_enum_value<enums::Flags>(7));
  STATIC_REQUIRE_FALSE(ctorm::is_enum_value<enums::Flags>(8));
}

TEST_CASE("column traits classify member types", "[types]") {
  using ctorm::column_traits;
  using ctorm::sql_type;
  STATIC_REQUIRE(column_traits<std::uint16_t>::type == sql_type::integer);
  STATIC_REQUIRE(column_traits<bool>::kind == ctorm::value_kind::boolean);
  STATIC_REQUIRE(column_traits<std::optional<double>>::nullable);
  STATIC_REQUIRE(column_traits<std::optional<double>>::type == sql_type::real);
  STATIC_REQUIRE(column_traits<std::vector<std::byte>>::type == sql_type::blob);
  STATIC_REQUIRE(column_traits<std::chrono::sys_days>::type == sql_type::text);
  STATIC_REQUIRE(column_traits<enums::Color>::type == sql_type::integer);
  STATIC_REQUIRE_FALSE(ctorm::ColumnValue<char>);
  STATIC_REQUIRE_FALSE(ctorm::ColumnValue<std::optional<std::optional<int>>>);
  STATIC_REQUIRE_FALSE(ctorm::ColumnValue<long double>);
  STATIC_REQUIRE_FALSE(ctorm::ColumnValue<const char*>);
}

TEST_CASE("ISO-8601 text for dates and times", "[chrono]") {
  using namespace std::chrono;
  char buf[19];
  REQUIRE(ctorm::detail::format_datetime(sys_days{2024y / 2 / 29} + 13h + 5min + 9s, buf));
  CHECK(std::string(buf, 19) == "2024-02-29 13:05:09");
  REQUIRE(ctorm::detail::format_date(sys_days{0y / 1 / 1}, buf));
  CHECK(std::string(buf, 10) == "0000-01-01");
  CHECK_FALSE(ctorm::detail::format_date(sys_days{10000y / 1 / 1}, buf));
  CHECK_FALSE(ctorm::detail::format_date(sys_days{-1y / 12 / 31}, buf));

  CHECK(ctorm::detail::parse_date("2024-02-29") == sys_days{2024y / 2 / 29});
  CHECK_FALSE(ctorm::detail::parse_date("2023-02-29"));
  CHECK_FALSE(ctorm::detail::parse_date("2024-2-29"));
  CHECK_FALSE(ctorm::detail::parse_date("2024-02-29 "));
  CHECK(ctorm::detail::parse_datetime("1970-01-01 00:00:00") == sys_seconds{});
  CHECK(ctorm::detail::parse_datetime("1970-01-01T00:00:01Z") == sys_seconds{1s});
  CHECK_FALSE(ctorm::detail::parse_datetime("1970-01-01 24:00:00"));
  CHECK_FALSE(ctorm::detail::parse_datetime("1970-01-01 00:00:00.5"));
  CHECK_FALSE(ctorm::detail::parse_datetime("1970-01-01+00:00:00"));
}

TEST_CASE("the calendar arithmetic agrees with std::chrono::year_month_day", "[chrono]") {
  using namespace std::chrono;
  STATIC_REQUIRE(ctorm::detail::first_iso_day == sys_days{0y / 1 / 1}.time_since_epoch().count());
  STATIC_REQUIRE(ctorm::detail::last_iso_day == sys_days{9999y / 12 / 31}.time_since_epoch().count());
  STATIC_REQUIRE(ctorm::detail::days_from_civil(1970, 1, 1) == 0);
  STATIC_REQUIRE(ctorm::detail::days_from_civil(-1, 12, 31) == sys_days{-1y / 12 / 31}.time_since_epoch().count());
  // Every day of 0000-9999 and a margin each side: both directions, and the month lengths.
  char buf[ctorm::detail::iso_date_size];
  std::int64_t wrong = 0;
  for (std::int64_t n = ctorm::detail::first_iso_day - 800; n <= ctorm::detail::last_iso_day + 800; ++n) {
    const year_month_day ymd{sys_days{days{n}}};
    const auto c = ctorm::detail::civil_from_days(n);
    const bool same = c.year == static_cast<int>(ymd.year()) && c.month == static_cast<unsigned>(ymd.month()) &&
                      c.day == static_cast<unsigned>(ymd.day()) &&
                      ctorm::detail::days_from_civil(c.year, c.month, c.day) == n &&
                      (c.day != static_cast<unsigned>(year_month_day_last{ymd.year(), month_day_last{ymd.month()}}.day()) ||
                       ctorm::detail::days_in_month(c.year, c.month) == c.day);
    if (!same) ++wrong;
    const bool inside = n >= ctorm::detail::first_iso_day && n <= ctorm::detail::last_iso_day;
    if (ctorm::detail::format_date(sys_days{days{n}}, buf) != inside) ++wrong;
    if (inside && ctorm::detail::parse_date(std::string_view(buf, sizeof buf)) != sys_days{days{n}}) ++wrong;
  }
  CHECK(wrong == 0);
  CHECK_FALSE(ctorm::detail::parse_date("2100-02-29"));
  CHECK(ctorm::detail::parse_date("2000-02-29") == sys_days{2000y / 2 / 29});
  CHECK_FALSE(ctorm::detail::parse_date("2024-04-31"));
  CHECK_FALSE(ctorm::detail::parse_date("2024-00-10"));
  CHECK_FALSE(ctorm::detail::parse_date("2024-13-10"));
  CHECK_FALSE(ctorm::detail::parse_date("2024-01-00"));
}
