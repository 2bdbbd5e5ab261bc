#pragma once
/// \file
/// Moving one value between a member and PostgreSQL's binary wire format, exactly or not at
/// all. Parameters are encoded as the type the server inferred for them (from the statement's
/// description); result columns are decoded from the type the server reports. A few
/// non-template codecs do the wire work; the per-type templates only check ranges.

#include <libpq-fe.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <bit>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include "ctorm/detail/chrono.hpp"
#include "ctorm/error.hpp"
#include "ctorm/sql/value_concepts.hpp"
#include "ctorm/types/enum.hpp"
#include "ctorm/types/real.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm::postgresql_backend {

using ctorm::detail::cat;
using ctorm::detail::cell;

/// The type OIDs ctorm reads and writes (`pg_type.oid`, fixed for the built-in types).
namespace oid {
inline constexpr Oid boolean = 16, bytea = 17, name = 19, int8 = 20, int2 = 21, int4 = 23, text = 25,
                     float4 = 700, float8 = 701, unknown = 705, bpchar = 1042, varchar = 1043, date = 1082,
                     timestamp = 1114, timestamptz = 1184, numeric = 1700, uuid = 2950;
inline constexpr Oid boolean_array = 1000, bytea_array = 1001, int2_array = 1005, int4_array = 1007,
                     text_array = 1009, bpchar_array = 1014, varchar_array = 1015, int8_array = 1016,
                     float4_array = 1021, float8_array = 1022, timestamp_array = 1115, date_array = 1182,
                     timestamptz_array = 1185, numeric_array = 1231, uuid_array = 2951;
}  // namespace oid

namespace detail {

/// The element type of an array type, or 0.
inline Oid element_of(Oid array) noexcept {
  switch (array) {
    case oid::boolean_array: return oid::boolean;
    case oid::bytea_array: return oid::bytea;
    case oid::int2_array: return oid::int2;
    case oid::int4_array: return oid::int4;
    case oid::int8_array: return oid::int8;
    case oid::text_array: return oid::text;
    case oid::bpchar_array: return oid::bpchar;
    case oid::varchar_array: return oid::varchar;
    case oid::float4_array: return oid::float4;
    case oid::float8_array: return oid::float8;
    case oid::timestamp_array: return oid::timestamp;
    case oid::timestamptz_array: return oid::timestamptz;
    case oid::date_array: return oid::date;
    case oid::numeric_array: return oid::numeric;
    case oid::uuid_array: return oid::uuid;
    default: return 0;
  }
}

/// The SQL name of a type, for messages.
inline std::string_view type_name(Oid t) noexcept {
  switch (t) {
    case oid::boolean: return "BOOLEAN";
    case oid::bytea: return "BYTEA";
    case oid::name: return "NAME";
    case oid::int8: return "BIGINT";
    case oid::int2: return "SMALLINT";
    case oid::int4: return "INTEGER";
    case oid::text: return "TEXT";
    case oid::float4: return "REAL";
    case oid::float8: return "DOUBLE PRECISION";
    case oid::bpchar: return "CHAR";
    case oid::varchar: return "VARCHAR";
    case oid::date: return "DATE";
    case oid::timestamp: return "TIMESTAMP";
    case oid::timestamptz: return "TIMESTAMPTZ";
    case oid::numeric: return "NUMERIC";
    case oid::uuid: return "UUID";
    case oid::unknown: return "unknown";
    default: return "a type ctorm does not map";
  }
}

inline bool is_text_type(Oid t) noexcept {
  return t == oid::text || t == oid::varchar || t == oid::bpchar || t == oid::name || t == oid::unknown;
}

// Out of line and cold: the readers they are called from stay small enough to inline.
[[noreturn, gnu::cold, gnu::noinline]] inline void fail(const cell& c, std::string cause) {
  throw conversion_error(c.table, c.column, c.row, std::move(cause));
}
[[noreturn, gnu::cold, gnu::noinline]] inline void fail_into(const cell& c, Oid t, std::string_view what) {
  fail(c, cat(type_name(t), " cannot be read into ", what));
}
[[noreturn, gnu::cold, gnu::noinline]] inline void fail_null(const cell& c) {
  fail(c, "NULL in a non-optional member - make the member std::optional or fix the data");
}

// ---- the wire: big-endian integers and IEEE floats ----

/// `u` with its bytes in network order (big-endian), and back: the same swap both ways.
template <class U>
U network_order(U u) noexcept {
  static_assert(std::is_unsigned_v<U>);
  if constexpr (std::endian::native == std::endian::big || sizeof(U) == 1) {
    return u;
  } else if constexpr (std::endian::native == std::endian::little) {
    if constexpr (sizeof(U) == 2) return __builtin_bswap16(u);
    else if constexpr (sizeof(U) == 4) return __builtin_bswap32(u);
    else return __builtin_bswap64(u);
  } else {
    unsigned char b[sizeof(U)];
    for (std::size_t i = sizeof(U); i-- > 0; u = static_cast<U>(u >> 8)) b[i] = static_cast<unsigned char>(u & 0xff);
    U out;
    std::memcpy(&out, b, sizeof out);
    return out;
  }
}

/// Writes `v` big-endian at `p` (`sizeof(I)` bytes).
template <class I>
void store_be(char* p, I v) noexcept {
  const auto u = network_order(static_cast<std::make_unsigned_t<I>>(v));
  std::memcpy(p, &u, sizeof u);
}

template <class I>
void put_be(std::string& out, I v) {
  char bytes[sizeof(I)];
  store_be(bytes, v);
  out.append(bytes, sizeof(I));
}

template <class I>
I get_be(const char* p) noexcept {
  std::make_unsigned_t<I> u;
  std::memcpy(&u, p, sizeof u);
  return static_cast<I>(network_order(u));
}

/// Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01.
inline constexpr std::int64_t epoch_2000_seconds = 946684800;
inline constexpr std::int32_t epoch_2000_days = 10957;

inline std::string show_double(double d) {
  char buf[40];
  const auto r = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

// ---- NUMERIC: ndigits, weight, sign, dscale, then base-10000 digits ----

/// A NUMERIC's exact decimal text (as PostgreSQL prints it), or nothing for NaN/infinity.
inline std::optional<std::string> numeric_text(const char* p, int length) {
  if (length < 8) return std::nullopt;
  const int ndigits = get_be<std::int16_t>(p);
  const int weight = get_be<std::int16_t>(p + 2);
  const auto sign = get_be<std::uint16_t>(p + 4);
  const int dscale = get_be<std::int16_t>(p + 6);
  if (sign != 0x0000 && sign != 0x4000) return std::nullopt;  // NaN, infinities
  if (length < 8 + 2 * ndigits) return std::nullopt;
  std::string out = sign == 0x4000 ? "-" : "";
  // Integer part: digit groups 0..weight.
  if (weight < 0) {
    out += '0';
  } else {
    for (int g = 0; g <= weight; ++g) {
      const int d = g < ndigits ? get_be<std::int16_t>(p + 8 + 2 * g) : 0;
      char buf[8];
      std::snprintf(buf, sizeof buf, g == 0 ? "%d" : "%04d", d);
      out += buf;
    }
  }
  if (dscale > 0) {
    out += '.';
    std::string frac;
    for (int g = weight + 1; static_cast<int>(frac.size()) < dscale; ++g) {
      const int d = g >= 0 && g < ndigits ? get_be<std::int16_t>(p + 8 + 2 * g) : 0;
      char buf[8];
      std::snprintf(buf, sizeof buf, "%04d", d);
      frac += buf;
    }
    out.append(frac, 0, static_cast<std::size_t>(dscale));
  }
  return out;
}

/// The same number written without trailing fractional zeros or a lone point, and "-0" as "0".
inline std::string canonical_decimal(std::string s) {
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

/// Finite `d` in plain decimal notation (no exponent), from the shortest digits that read back
/// as `d`, placed by its exponent: 0.1 is "0.1" and 1.2345678901234568e29 is
/// "123456789012345680000000000000", so a NUMERIC is taken when it is the decimal a double
/// stands for, however large or small.
inline std::string plain_decimal(double d) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  const std::size_t e = s.find('e');
  std::string digits;
  for (const char ch : s.substr(0, e)) {
    if (ch != '.') digits += ch;
  }
  int exponent = 0;
  const std::string_view exp_text = s.substr(e + 1);
  std::from_chars(exp_text.data() + (exp_text.front() == '+' ? 1 : 0), exp_text.data() + exp_text.size(), exponent);
  const long point = static_cast<long>(exponent) + 1;  // digits before the decimal point
  const long count = static_cast<long>(digits.size());
  std::string out = negative ? "-" : "";
  if (point <= 0) {
    out.append("0.").append(static_cast<std::size_t>(-point), '0').append(digits);
  } else if (point >= count) {
    out.append(digits).append(static_cast<std::size_t>(point - count), '0');
  } else {
    const auto split = static_cast<std::size_t>(point);
    out.append(digits, 0, split).append(".").append(digits, split);
  }
  return canonical_decimal(out);
}

/// Encodes an integer as NUMERIC.
inline void put_numeric(std::string& out, std::int64_t v) {
  std::uint64_t u = v < 0 ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
  std::vector<std::int16_t> groups;
  while (u != 0) {
    groups.insert(groups.begin(), static_cast<std::int16_t>(u % 10000));
    u /= 10000;
  }
  put_be<std::int16_t>(out, static_cast<std::int16_t>(groups.size()));
  put_be<std::int16_t>(out, static_cast<std::int16_t>(groups.empty() ? 0 : groups.size() - 1));
  put_be<std::uint16_t>(out, v < 0 ? 0x4000 : 0x0000);
  put_be<std::int16_t>(out, 0);
  for (auto g : groups) put_be<std::int16_t>(out, g);
}

// ---- decoding a result cell (non-template: compiled once) ----

/// An integer from SMALLINT, INTEGER, BIGINT, or a NUMERIC or floating-point value without a
/// fraction inside the 64-bit range.
inline std::int64_t read_integer(Oid t, const char* p, int n, const cell& c) {
  switch (t) {
    case oid::int2: return get_be<std::int16_t>(p);
    case oid::int4: return get_be<std::int32_t>(p);
    case oid::int8: return get_be<std::int64_t>(p);
    case oid::float4:
    case oid::float8: {
      const double d = t == oid::float4 ? static_cast<double>(std::bit_cast<float>(get_be<std::uint32_t>(p)))
                                        : std::bit_cast<double>(get_be<std::uint64_t>(p));
      if (ctorm::detail::has_fraction(d))
        fail(c, cat(type_name(t), " ", show_double(d), " has a fraction - an integer member cannot hold it"));
      if (d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        fail(c, cat(type_name(t), " ", show_double(d), " is out of range for an integer member"));
      return static_cast<std::int64_t>(d);
    }
    case oid::numeric: {
      const auto text = numeric_text(p, n);
      if (!text) fail(c, "NUMERIC NaN or infinity cannot be read into an integer member");
      const std::string s = canonical_decimal(*text);
      std::int64_t v = 0;
      const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
      if (r.ec != std::errc{} || r.ptr != s.data() + s.size())
        fail(c, cat("NUMERIC ", ctorm::detail::show_text(*text), " is not an integer in the 64-bit range"));
      return v;
    }
    default: fail_into(c, t, "an integer member");
  }
}

/// A double from DOUBLE PRECISION or REAL, an integer a double holds exactly, or a NUMERIC
/// whose decimal value reads back the same from the nearest double.
/// `read_integer` with the common cases decoded in line: the callers are per cell.
inline std::int64_t integer_of(Oid t, const char* p, int n, const cell& c) {
  if (t == oid::int8) [[likely]]
    return get_be<std::int64_t>(p);
  if (t == oid::int4) return get_be<std::int32_t>(p);
  return read_integer(t, p, n, c);
}

inline double read_real(Oid t, const char* p, int n, const cell& c) {
  switch (t) {
    case oid::float8: return std::bit_cast<double>(get_be<std::uint64_t>(p));
    case oid::float4: return static_cast<double>(std::bit_cast<float>(get_be<std::uint32_t>(p)));
    case oid::int2:
    case oid::int4:
    case oid::int8: {
      const std::int64_t i = read_integer(t, p, n, c);
      const double d = static_cast<double>(i);
      if (d >= 9223372036854775808.0 || static_cast<std::int64_t>(d) != i)
        fail(c, cat(type_name(t), " ", std::to_string(i), " cannot be held exactly by a floating-point member"));
      return d;
    }
    case oid::numeric: {
      const auto text = numeric_text(p, n);
      if (!text) {
        const auto sign = get_be<std::uint16_t>(p + 4);
        if (sign == 0xC000) return std::numeric_limits<double>::quiet_NaN();
        if (sign == 0xD000) return std::numeric_limits<double>::infinity();
        return -std::numeric_limits<double>::infinity();
      }
      double d = 0;
      std::from_chars(text->data(), text->data() + text->size(), d);
      if (plain_decimal(d) != canonical_decimal(*text))
        fail(c, cat("NUMERIC ", ctorm::detail::show_text(*text), " cannot be held exactly by a floating-point member"));
      return d;
    }
    default: fail_into(c, t, "a floating-point member");
  }
}

/// `read_real` with DOUBLE PRECISION decoded in line.
inline double real_of(Oid t, const char* p, int n, const cell& c) {
  if (t == oid::float8) [[likely]]
    return std::bit_cast<double>(get_be<std::uint64_t>(p));
  return read_real(t, p, n, c);
}

/// Microseconds since 2000-01-01 UTC of a TIMESTAMPTZ, or of a TIMESTAMP read as UTC.
inline std::int64_t read_timestamp(Oid t, const char* p, const cell& c) {
  if (t != oid::timestamptz && t != oid::timestamp) fail_into(c, t, "a time point");
  const auto us = get_be<std::int64_t>(p);
  if (us == std::numeric_limits<std::int64_t>::max() || us == std::numeric_limits<std::int64_t>::min())
    fail(c, cat(type_name(t), " infinity cannot be held by a time point"));
  return us;
}

inline std::int32_t read_date(Oid t, const char* p, const cell& c) {
  if (t != oid::date) fail_into(c, t, "a date");
  const auto d = get_be<std::int32_t>(p);
  if (d == std::numeric_limits<std::int32_t>::max() || d == std::numeric_limits<std::int32_t>::min())
    fail(c, "DATE infinity cannot be held by a date");
  return d;
}

template <class I>
std::string integer_range() {
  return cat("[", std::to_string(std::numeric_limits<I>::min()), ", ", std::to_string(std::numeric_limits<I>::max()), "]");
}

template <class I>
I narrow(std::int64_t v, std::string_view from, const cell& c) {
  if (!std::in_range<I>(v))
    fail(c, cat(from, " ", std::to_string(v), " is out of range ", integer_range<I>(), " of the member type"));
  return static_cast<I>(v);
}

// ---- encoding a parameter (non-template where the wire work is) ----

/// Writes integer `v` as parameter type `t`.
inline void put_integer(std::string& out, Oid t, std::int64_t v, const cell& c) {
  switch (t) {
    case oid::int2:
      if (!std::in_range<std::int16_t>(v)) fail(c, cat(std::to_string(v), " does not fit the SMALLINT it is compared with or written to"));
      return put_be<std::int16_t>(out, static_cast<std::int16_t>(v));
    case oid::int4:
      if (!std::in_range<std::int32_t>(v)) fail(c, cat(std::to_string(v), " does not fit the INTEGER it is compared with or written to"));
      return put_be<std::int32_t>(out, static_cast<std::int32_t>(v));
    case oid::int8: return put_be<std::int64_t>(out, v);
    case oid::float4:
    case oid::float8: {
      const double d = static_cast<double>(v);
      if (d >= 9223372036854775808.0 || static_cast<std::int64_t>(d) != v)
        fail(c, cat(std::to_string(v), " cannot be held exactly by a ", type_name(t)));
      if (t == oid::float8) return put_be<std::uint64_t>(out, std::bit_cast<std::uint64_t>(d));
      const auto f = static_cast<float>(d);
      if (static_cast<double>(f) != d) fail(c, cat(std::to_string(v), " cannot be held exactly by a REAL"));
      return put_be<std::uint32_t>(out, std::bit_cast<std::uint32_t>(f));
    }
    case oid::numeric: return put_numeric(out, v);
    default: fail(c, cat("an integer cannot be sent as ", type_name(t)));
  }
}

inline void put_real(std::string& out, Oid t, double d, const cell& c) {
  switch (t) {
    case oid::float8: return put_be<std::uint64_t>(out, std::bit_cast<std::uint64_t>(d));
    case oid::float4: {
      const auto f = ctorm::detail::exact_float(d);
      if (!f) fail(c, cat(show_double(d), " cannot be held exactly by a REAL"));
      return put_be<std::uint32_t>(out, std::bit_cast<std::uint32_t>(*f));
    }
    case oid::numeric: {
      // NUMERIC's text input reads the shortest decimal that is this double.
      if (!ctorm::detail::is_finite(d)) fail(c, cat(show_double(d), " cannot be sent as NUMERIC"));
      fail(c, "a floating-point value is compared with a NUMERIC column: compare with a column of the same type");
    }
    default: fail(c, cat("a floating-point value cannot be sent as ", type_name(t)));
  }
}

/// The position of the first byte of `s` that PostgreSQL's text cannot take - a NUL, or a byte
/// that begins no well-formed UTF-8 sequence (the connection's client_encoding is UTF8, so the
/// server would refuse it) - or npos. Runs of ASCII are passed 32 bytes at a time with SSE2 (as
/// fast as the memchr for NUL it replaces), else eight.
inline std::size_t unstorable_text_at(std::string_view s) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
  std::size_t i = 0;
  while (i < s.size()) {
#if defined(__SSE2__)
    for (; i + 32 <= s.size(); i += 32) {
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + 16));
      // A byte of 0x80 or more sets its sign bit; a zero byte is the smallest unsigned value.
      const __m128i zero = _mm_cmpeq_epi8(_mm_min_epu8(a, b), _mm_setzero_si128());
      if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), zero)) != 0) break;
    }
#endif
    for (std::uint64_t w; i + 8 <= s.size(); i += 8) {
      std::memcpy(&w, s.data() + i, 8);
      if (((w | ((w - ones) & ~w)) & highs) != 0) break;  // a byte of 0x80 or more, or a zero byte
    }
    if (i + 8 > s.size() && s.size() >= 8) {  // the last bytes, as the word that ends the text
      std::uint64_t w;
      std::memcpy(&w, s.data() + s.size() - 8, 8);
      if (((w | ((w - ones) & ~w)) & highs) == 0) break;
    }
    while (i < s.size() && static_cast<unsigned char>(s[i] - 1) < 0x7f) ++i;  // ASCII, not NUL
    if (i == s.size()) break;
    const std::size_t n = ctorm::detail::utf8_length(s, i);
    if (n == 0 || s[i] == '\0') return i;
    i += n;
  }
  return std::string_view::npos;
}

inline void put_text(std::string& out, Oid t, std::string_view s, const cell& c) {
  if (!is_text_type(t) && t != oid::bytea) fail(c, cat("text cannot be sent as ", type_name(t)));
  if (t != oid::bytea) {
    if (const std::size_t at = unstorable_text_at(s); at != std::string_view::npos) {
      if (s[at] == '\0')
        fail(c, cat("text with a NUL byte cannot be stored - PostgreSQL's text cannot hold NUL: ",
                    ctorm::detail::show_text(s)));
      fail(c, cat("text that is not UTF-8 (at byte ", std::to_string(at), ") cannot be stored - PostgreSQL's text is "
                  "UTF-8 here; store bytes as std::vector<std::byte>: ", ctorm::detail::show_text(s)));
    }
  }
  out.append(s);
}

/// A UUID cell: a UUID, or text in its canonical form (a database ctorm did not create).
inline Uuid read_uuid(Oid t, const char* p, int n, const cell& c) {
  if (t == oid::uuid && n == 16) {
    Uuid u;
    for (std::size_t i = 0; i < 16; ++i) u.bytes[i] = static_cast<std::uint8_t>(p[i]);
    return u;
  }
  if (!is_text_type(t)) fail_into(c, t, "a UUID");
  const std::string_view text(p, static_cast<std::size_t>(n));
  if (auto u = Uuid::parse(text)) return *u;
  fail(c, cat(type_name(t), " ", ctorm::detail::show_text(text), " is not a UUID (8-4-4-4-12 hex digits)"));
}

inline void put_timestamp(std::string& out, Oid t, std::int64_t unix_seconds, const cell& c) {
  if (t != oid::timestamptz && t != oid::timestamp) fail(c, cat("a time point cannot be sent as ", type_name(t)));
  // PostgreSQL's range, 4714-11-24 BC up to (not including) 294277-01-01, in seconds since 2000
  // (MIN_TIMESTAMP and END_TIMESTAMP of its datatype/timestamp.h): checked here, so that a time
  // the server would refuse is a conversion_error naming the column.
  constexpr std::int64_t first = -211813488000, end = 9223371331200;
  if (unix_seconds < first + epoch_2000_seconds || unix_seconds >= end + epoch_2000_seconds)
    fail(c, "the time lies outside the range of a PostgreSQL timestamp (4714-11-24 BC to 294276 AD)");
  put_be<std::int64_t>(out, (unix_seconds - epoch_2000_seconds) * 1000000);
}

inline void put_date(std::string& out, Oid t, std::int64_t unix_days, const cell& c) {
  if (t != oid::date) fail(c, cat("a date cannot be sent as ", type_name(t)));
  // Julian day 0 (4714-11-24 BC) up to (not including) 5874898-01-01, in days since 2000, as
  // PostgreSQL's IS_VALID_DATE.
  constexpr std::int64_t first = -2451545, end = 2145031949;
  if (unix_days < first + epoch_2000_days || unix_days >= end + epoch_2000_days)
    fail(c, "the date lies outside the range of a PostgreSQL date (4714-11-24 BC to 5874897 AD)");
  const std::int64_t days = unix_days - epoch_2000_days;
  put_be<std::int32_t>(out, static_cast<std::int32_t>(days));
}

}  // namespace detail

/// Decodes the cell `p` (`n` bytes, binary format, of type `t`; null when `p` is null) into a
/// member of type `X`, or throws `conversion_error` naming table, column and row.
template <ColumnValue X>
X read_value(Oid t, const char* p, int n, const cell& c) {
  using traits = column_traits<X>;
  using V = typename traits::value_type;
  if constexpr (traits::nullable) {
    if (p == nullptr) return std::nullopt;
    return read_value<V>(t, p, n, c);
  } else {
    if (p == nullptr) [[unlikely]]
      detail::fail_null(c);
    if constexpr (traits::kind == value_kind::integer) {
      if constexpr (std::is_same_v<V, std::int64_t>) return detail::integer_of(t, p, n, c);
      else return detail::narrow<V>(detail::integer_of(t, p, n, c), detail::type_name(t), c);
    } else if constexpr (traits::kind == value_kind::boolean) {
      if (t == oid::boolean) return p[0] != 0;
      const std::int64_t v = detail::integer_of(t, p, n, c);
      if (v != 0 && v != 1) detail::fail(c, cat(detail::type_name(t), " ", std::to_string(v), " is not a boolean (0 or 1)"));
      return v == 1;
    } else if constexpr (traits::kind == value_kind::real) {
      const double d = detail::real_of(t, p, n, c);
      if constexpr (std::is_same_v<V, float>) {
        if (const auto f = ctorm::detail::exact_float(d)) return *f;
        detail::fail(c, cat(detail::type_name(t), " ", detail::show_double(d), " cannot be held exactly by a float"));
      } else {
        return d;
      }
    } else if constexpr (traits::kind == value_kind::text) {
      if (!detail::is_text_type(t)) detail::fail_into(c, t, "a text member");
      return std::string(p, static_cast<std::size_t>(n));
    } else if constexpr (traits::kind == value_kind::blob) {
      if (t != oid::bytea) detail::fail_into(c, t, "a byte vector");
      const auto* b = reinterpret_cast<const std::byte*>(p);
      return std::vector<std::byte>(b, b + n);
    } else if constexpr (traits::kind == value_kind::uuid) {
      return detail::read_uuid(t, p, n, c);
    } else if constexpr (traits::kind == value_kind::enumeration) {
      using U = std::underlying_type_t<V>;
      const U u = detail::narrow<U>(detail::integer_of(t, p, n, c), detail::type_name(t), c);
      if (!is_enum_value<V>(u))
        detail::fail(c, cat(detail::type_name(t), " ", std::to_string(u), " is not a value of the member's enum"));
      return static_cast<V>(u);
    } else if constexpr (traits::kind == value_kind::timestamp) {
      const std::int64_t us = detail::read_timestamp(t, p, c);
      if (us % 1000000 != 0)
        detail::fail(c, cat(detail::type_name(t), " with fractional seconds (", std::to_string(us % 1000000),
                            " microseconds) cannot be held by std::chrono::sys_seconds"));
      return std::chrono::sys_seconds{std::chrono::seconds{us / 1000000 + detail::epoch_2000_seconds}};
    } else {
      return std::chrono::sys_days{std::chrono::days{std::int64_t{detail::read_date(t, p, c)} + detail::epoch_2000_days}};
    }
  }
}

/// The bytes of `v` when they go to the server as they are (text as a text type or BYTEA,
/// bytes as BYTEA), checked as `encode` would; else null (a NULL, or a value to encode). The
/// statement then points at the member itself instead of copying it: bound values outlive the
/// statement's execution, as on SQLite.
template <ColumnValue X>
std::optional<std::string_view> borrow(Oid t, const X& v, const cell& c) {
  using traits = column_traits<X>;
  if constexpr (traits::nullable) {
    if (!v) return std::nullopt;
    return borrow<typename traits::value_type>(t, *v, c);
  } else if constexpr (traits::kind == value_kind::text || traits::kind == value_kind::blob) {
    if (v.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
      detail::fail(c, cat("a value of ", std::to_string(v.size()), " bytes is longer than a parameter can be (2 GiB)"));
    if constexpr (traits::kind == value_kind::text) {
      if (!detail::is_text_type(t) && t != oid::bytea) return std::nullopt;  // encode says why
      if (t != oid::bytea && detail::unstorable_text_at(v) != std::string_view::npos) return std::nullopt;
      return std::string_view(v);
    } else {
      if (t != oid::bytea) return std::nullopt;
      // An empty vector's data() may be null, which libpq reads as NULL.
      return v.empty() ? std::string_view("", 0) : std::string_view(reinterpret_cast<const char*>(v.data()), v.size());
    }
  } else if constexpr (traits::kind == value_kind::uuid) {
    if (t != oid::uuid) return std::nullopt;
    return std::string_view(reinterpret_cast<const char*>(v.bytes.data()), v.bytes.size());
  } else {
    return std::nullopt;
  }
}

/// The longest value `encode_fixed` writes.
inline constexpr std::size_t fixed_width = 8;

/// Whether `encode_fixed` can write a value of `X` (when the parameter's type fits it).
template <class X>
inline constexpr bool fixed_encodable = [] {
  using traits = column_traits<X>;
  using V = typename traits::value_type;
  if constexpr (traits::kind == value_kind::integer) return std::is_signed_v<V> || sizeof(V) < 8;
  else return std::is_same_v<V, double> || traits::kind == value_kind::boolean;
}();

/// Writes `v` into `out` when it is an integer, floating-point or bool value going to a
/// column of its own width (BIGINT, INTEGER, SMALLINT, DOUBLE PRECISION, BOOLEAN), which is
/// most parameters: the bytes written, 0 for NULL, or -1 when `encode` must do it (another
/// type, a value out of range: `encode` checks and says why).
template <ColumnValue X>
int encode_fixed(char* out, Oid t, const X& v) noexcept {
  using traits = column_traits<X>;
  if constexpr (traits::nullable) {
    if (!v) return 0;
    return encode_fixed<typename traits::value_type>(out, t, *v);
  } else if constexpr (!fixed_encodable<X>) {
    return -1;
  } else if constexpr (traits::kind == value_kind::integer) {
    const auto i = static_cast<std::int64_t>(v);
    if (t == oid::int8) [[likely]] {
      detail::store_be<std::int64_t>(out, i);
      return 8;
    }
    if (t == oid::int4 && std::in_range<std::int32_t>(i)) {
      detail::store_be<std::int32_t>(out, static_cast<std::int32_t>(i));
      return 4;
    }
    if (t == oid::int2 && std::in_range<std::int16_t>(i)) {
      detail::store_be<std::int16_t>(out, static_cast<std::int16_t>(i));
      return 2;
    }
    return -1;
  } else if constexpr (traits::kind == value_kind::real) {
    if (t != oid::float8) return -1;
    detail::store_be<std::uint64_t>(out, std::bit_cast<std::uint64_t>(v));
    return 8;
  } else {
    if (t != oid::boolean) return -1;
    out[0] = v ? '\1' : '\0';
    return 1;
  }
}

/// Encodes `v` as parameter type `t` into `out`; false when `v` is NULL (nothing written).
template <ColumnValue X>
bool encode(std::string& out, Oid t, const X& v, const cell& c) {
  using traits = column_traits<X>;
  using V = typename traits::value_type;
  if constexpr (traits::nullable) {
    if (!v) return false;
    return encode<V>(out, t, *v, c);
  } else {
    if constexpr (traits::kind == value_kind::integer) {
      if constexpr (std::is_unsigned_v<V> && sizeof(V) >= sizeof(std::int64_t)) {
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
          detail::fail(c, cat(std::to_string(v), " does not fit a signed 64-bit BIGINT"));
      }
      detail::put_integer(out, t, static_cast<std::int64_t>(v), c);
    } else if constexpr (traits::kind == value_kind::boolean) {
      if (t == oid::boolean) out.push_back(v ? '\1' : '\0');
      else detail::put_integer(out, t, v ? 1 : 0, c);
    } else if constexpr (traits::kind == value_kind::real) {
      detail::put_real(out, t, static_cast<double>(v), c);
    } else if constexpr (traits::kind == value_kind::text) {
      detail::put_text(out, t, v, c);
    } else if constexpr (traits::kind == value_kind::blob) {
      if (t != oid::bytea) detail::fail(c, cat("bytes cannot be sent as ", detail::type_name(t)));
      out.append(reinterpret_cast<const char*>(v.data()), v.size());
    } else if constexpr (traits::kind == value_kind::uuid) {
      if (t != oid::uuid) detail::fail(c, cat("a UUID cannot be sent as ", detail::type_name(t)));
      out.append(reinterpret_cast<const char*>(v.bytes.data()), v.bytes.size());
    } else if constexpr (traits::kind == value_kind::enumeration) {
      using U = std::underlying_type_t<V>;
      const auto u = static_cast<U>(v);
      if (!is_enum_value<V>(u)) detail::fail(c, cat(std::to_string(u), " is not a value of the member's enum"));
      detail::put_integer(out, t, static_cast<std::int64_t>(u), c);
    } else if constexpr (traits::kind == value_kind::timestamp) {
      detail::put_timestamp(out, t, v.time_since_epoch().count(), c);
    } else {
      detail::put_date(out, t, v.time_since_epoch().count(), c);
    }
    return true;
  }
}

/// One field of a binary COPY row or of an array: its length (-1 for NULL), then its bytes as
/// parameter type `t`; false for NULL.
template <ColumnValue X>
bool put_field(std::string& out, Oid t, const X& v, const cell& c) {
  if constexpr (fixed_encodable<X>) {
    char field[4 + fixed_width];
    if (const int n = encode_fixed(field + 4, t, v); n >= 0) [[likely]] {
      detail::store_be<std::int32_t>(field, n == 0 ? -1 : n);
      out.append(field, 4 + static_cast<std::size_t>(n));
      return n != 0;
    }
  }
  if (const auto bytes = borrow(t, v, c)) {
    detail::put_be<std::int32_t>(out, static_cast<std::int32_t>(bytes->size()));
    out.append(*bytes);
    return true;
  }
  const std::size_t length_at = out.size();
  out.append(4, '\0');
  const std::size_t start = out.size();
  const bool present = encode(out, t, v, c);
  if (!present) out.resize(start);
  if (out.size() - start > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    detail::fail(c, cat("a value of ", std::to_string(out.size() - start), " bytes is longer than a field can be (2 GiB)"));
  detail::store_be<std::int32_t>(out.data() + length_at, present ? static_cast<std::int32_t>(out.size() - start) : -1);
  return present;
}

}  // namespace ctorm::postgresql_backend
