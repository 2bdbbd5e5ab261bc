#pragma once
/// \file
/// ISO-8601 text for `std::chrono::sys_seconds` ("2024-02-29 13:45:00", SQLite's own
/// date-time form) and `std::chrono::sys_days` ("2024-02-29"), exact both ways.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

namespace ctorm::detail {

inline constexpr std::size_t iso_date_size = 10;      // YYYY-MM-DD
inline constexpr std::size_t iso_datetime_size = 19;  // YYYY-MM-DD HH:MM:SS

inline void put_digits(char* out, unsigned value, std::size_t width) noexcept {
  for (std::size_t i = width; i-- > 0;) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

/// The first and last day ISO-8601 text holds: 0000-01-01 and 9999-12-31.
inline constexpr std::chrono::sys_days first_iso_day{std::chrono::year{0} / 1 / 1};
inline constexpr std::chrono::sys_days last_iso_day{std::chrono::year{9999} / 12 / 31};

/// Writes YYYY-MM-DD; false when the year is outside 0000..9999.
inline bool format_date(std::chrono::sys_days d, char* out) noexcept {
  // Checked on the day count: year_month_day keeps the year in a short and wraps far-out days
  // into the range.
  if (d < first_iso_day || d > last_iso_day) return false;
  const std::chrono::year_month_day ymd{d};
  const int y = static_cast<int>(ymd.year());
  put_digits(out, static_cast<unsigned>(y), 4);
  out[4] = '-';
  put_digits(out + 5, static_cast<unsigned>(ymd.month()), 2);
  out[7] = '-';
  put_digits(out + 8, static_cast<unsigned>(ymd.day()), 2);
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
  const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(y)},
                                        std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
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
