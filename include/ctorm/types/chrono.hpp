#pragma once
/// \file
/// ISO-8601 text for `std::chrono::sys_seconds` ("2024-02-29 13:45:00", SQLite's own
/// date-time form) and `std::chrono::sys_days` ("2024-02-29"), exact both ways.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "ctorm/detail/chrono.hpp"

namespace ctorm::detail {

inline constexpr std::size_t iso_date_size = 10;      // YYYY-MM-DD
inline constexpr std::size_t iso_datetime_size = 19;  // YYYY-MM-DD HH:MM:SS

inline void put_digits(char* out, unsigned value, std::size_t width) noexcept {
  for (std::size_t i = width; i-- > 0;) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

// The proleptic Gregorian calendar by day count, as std::chrono::year_month_day computes it
// (H. Hinnant's days_from_civil and civil_from_days), without the calendar half of <chrono>.

struct civil_date {
  std::int64_t year;
  unsigned month, day;
};

constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);             // [0, 399]
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          // [0, 146096]
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

constexpr civil_date civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);                   // [0, 146096]
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const unsigned mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, doy - (153 * mp + 2) / 5 + 1};
}

constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
  if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
  return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
}

/// The first and last day ISO-8601 text holds: 0000-01-01 and 9999-12-31.
inline constexpr std::int64_t first_iso_day = days_from_civil(0, 1, 1);
inline constexpr std::int64_t last_iso_day = days_from_civil(9999, 12, 31);

/// Writes YYYY-MM-DD; false when the year is outside 0000..9999.
inline bool format_date(std::chrono::sys_days d, char* out) noexcept {
  const std::int64_t n = d.time_since_epoch().count();
  if (n < first_iso_day || n > last_iso_day) return false;
  const civil_date c = civil_from_days(n);
  put_digits(out, static_cast<unsigned>(c.year), 4);
  out[4] = '-';
  put_digits(out + 5, c.month, 2);
  out[7] = '-';
  put_digits(out + 8, c.day, 2);
  return true;
}

/// Writes YYYY-MM-DD HH:MM:SS; false when the year is outside 0000..9999.
inline bool format_datetime(std::chrono::sys_seconds t, char* out) noexcept {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  if (!format_date(day, out)) return false;
  const auto secs = static_cast<unsigned>((t - day).count());
  out[10] = ' ';
  put_digits(out + 11, secs / 3600, 2);
  out[13] = ':';
  put_digits(out + 14, secs / 60 % 60, 2);
  out[16] = ':';
  put_digits(out + 17, secs % 60, 2);
  return true;
}

inline bool read_digits(std::string_view s, std::size_t at, std::size_t width, unsigned& v) noexcept {
  v = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return true;
}

/// Parses exactly YYYY-MM-DD with a real calendar date.
inline std::optional<std::chrono::sys_days> parse_date(std::string_view s) noexcept {
  if (s.size() != iso_date_size || s[4] != '-' || s[7] != '-') return std::nullopt;
  unsigned y, m, d;
  if (!read_digits(s, 0, 4, y) || !read_digits(s, 5, 2, m) || !read_digits(s, 8, 2, d))
    return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return std::chrono::sys_days{std::chrono::days{days_from_civil(y, m, d)}};
}

/// Parses YYYY-MM-DD HH:MM:SS, also with 'T' for the space and a trailing 'Z' (UTC),
/// as SQLite's date functions accept them. Fractional seconds are refused: they would be lost.
inline std::optional<std::chrono::sys_seconds> parse_datetime(std::string_view s) noexcept {
  if (s.size() == iso_datetime_size + 1 && s.back() == 'Z') s.remove_suffix(1);
  if (s.size() != iso_datetime_size || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' ||
      s[16] != ':')
    return std::nullopt;
  const auto day = parse_date(s.substr(0, iso_date_size));
  unsigned h, mi, se;
  if (!day || !read_digits(s, 11, 2, h) || !read_digits(s, 14, 2, mi) ||
      !read_digits(s, 17, 2, se) || h > 23 || mi > 59 || se > 59)
    return std::nullopt;
  return std::chrono::sys_seconds{*day} + std::chrono::hours{h} + std::chrono::minutes{mi} +
         std::chrono::seconds{se};
}

}  // namespace ctorm::detail
