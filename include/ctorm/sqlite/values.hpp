#pragma once
/// \file
/// Moving one value between a member and a SQLite cell, exactly or not at all.
///
/// A few non-template readers do the storage-class work; the per-type templates only check
/// ranges, so hydration instantiates little per struct.

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ctorm/detail/chrono.hpp"
#include "ctorm/error.hpp"
#include "ctorm/sqlite/error.hpp"
#include "ctorm/types/chrono.hpp"
#include "ctorm/types/enum.hpp"
#include "ctorm/types/real.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm::sqlite_backend {

using ctorm::detail::cell;

namespace detail {

[[noreturn]] inline void fail(const cell& c, std::string cause) {
  throw conversion_error(c.table, c.column, c.row, std::move(cause));
}

inline std::string_view storage_name(int type) noexcept {
  switch (type) {
    case SQLITE_INTEGER: return "INTEGER";
    case SQLITE_FLOAT: return "REAL";
    case SQLITE_TEXT: return "TEXT";
    case SQLITE_BLOB: return "BLOB";
    default: return "NULL";
  }
}

using ctorm::detail::show_double;

[[noreturn]] inline void fail_storage(const cell& c, int type, std::string_view wanted) {
  if (type == SQLITE_NULL)
    fail(c, "NULL in a non-optional member - make the member std::optional or fix the data");
  fail(c, ctorm::detail::cat(storage_name(type), " cannot be read into ", wanted));
}

// The readers take the cell's value once (sqlite3_column_value) and ask it for its type and
// contents: one statement call per cell, as hand-written code makes. A connection is used by
// one thread at a time, which is what reading an unprotected value requires.

/// INTEGER, or a REAL with no fraction inside the 64-bit range.
inline std::int64_t read_integer(sqlite3_value* v, const cell& c) {
  const int type = sqlite3_value_type(v);
  if (type == SQLITE_INTEGER) return sqlite3_value_int64(v);
  if (type == SQLITE_FLOAT) {
    const double d = sqlite3_value_double(v);
    if (ctorm::detail::has_fraction(d))  // also true for NaN
      fail(c, ctorm::detail::cat("REAL ", show_double(d), " has a fraction - an integer member cannot hold it"));
    if (d < -9223372036854775808.0 || d >= 9223372036854775808.0)
      fail(c, ctorm::detail::cat("REAL ", show_double(d), " is out of range for an integer member"));
    return static_cast<std::int64_t>(d);
  }
  fail_storage(c, type, "an integer member");
}

/// REAL, or an INTEGER that a double holds exactly.
inline double read_real(sqlite3_value* v, const cell& c) {
  const int type = sqlite3_value_type(v);
  if (type == SQLITE_FLOAT) return sqlite3_value_double(v);
  if (type == SQLITE_INTEGER) {
    const std::int64_t i = sqlite3_value_int64(v);
    const double d = static_cast<double>(i);
    if (d >= 9223372036854775808.0 || static_cast<std::int64_t>(d) != i)
      fail(c, ctorm::detail::cat("INTEGER ", std::to_string(i), " cannot be held exactly by a floating-point member"));
    return d;
  }
  fail_storage(c, type, "a floating-point member");
}

inline std::string_view read_text(sqlite3_value* v, const cell& c) {
  const int type = sqlite3_value_type(v);
  if (type != SQLITE_TEXT) fail_storage(c, type, "a text member");
  const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
  return {p, static_cast<std::size_t>(sqlite3_value_bytes(v))};
}

inline std::span<const std::byte> read_blob(sqlite3_value* v, const cell& c) {
  const int type = sqlite3_value_type(v);
  if (type != SQLITE_BLOB) fail_storage(c, type, "a BLOB member");
  const auto* p = static_cast<const std::byte*>(sqlite3_value_blob(v));
  return {p, static_cast<std::size_t>(sqlite3_value_bytes(v))};
}

/// Binds `n` bytes at `data` as a BLOB; an empty one stays an empty BLOB, where one bound from
/// a null pointer would become NULL.
inline void bind_blob(sqlite3_stmt* s, int idx, const void* data, std::size_t n, sqlite3_destructor_type keep) {
  if (n == 0) return check(sqlite3_bind_zeroblob(s, idx, 0), s);
  check(sqlite3_bind_blob64(s, idx, data, n, keep), s);
}

template <class I>
std::string integer_range() {
  return ctorm::detail::cat("[", std::to_string(std::numeric_limits<I>::min()), ", ",
                            std::to_string(std::numeric_limits<I>::max()), "]");
}

template <class I>
I narrow_integer(std::int64_t v, const cell& c) {
  if constexpr (std::is_signed_v<I>) {
    if (v < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
        v > static_cast<std::int64_t>(std::numeric_limits<I>::max()))
      fail(c, ctorm::detail::cat("INTEGER ", std::to_string(v), " is out of range ", integer_range<I>(),
                                 " of the member type"));
  } else {
    if (v < 0 || static_cast<std::uint64_t>(v) > std::numeric_limits<I>::max())
      fail(c, ctorm::detail::cat("INTEGER ", std::to_string(v), " is out of range ", integer_range<I>(),
                                 " of the member type"));
  }
  return static_cast<I>(v);
}

}  // namespace detail

/// Reads the cell value `s` into a member of type `X`, or throws `conversion_error` naming
/// table, column and row.
template <ColumnValue X>
X read_value(sqlite3_value* s, const cell& c) {
  using traits = column_traits<X>;
  using V = typename traits::value_type;
  if constexpr (traits::nullable) {
    if (sqlite3_value_type(s) == SQLITE_NULL) return std::nullopt;
    return read_value<V>(s, c);
  } else if constexpr (traits::kind == value_kind::integer) {
    if constexpr (std::is_same_v<V, std::int64_t>) return detail::read_integer(s, c);
    else return detail::narrow_integer<V>(detail::read_integer(s, c), c);
  } else if constexpr (traits::kind == value_kind::boolean) {
    const std::int64_t v = detail::read_integer(s, c);
    if (v != 0 && v != 1)
      detail::fail(c, ctorm::detail::cat("INTEGER ", std::to_string(v), " is not a boolean (0 or 1)"));
    return v == 1;
  } else if constexpr (traits::kind == value_kind::real) {
    const double d = detail::read_real(s, c);
    if constexpr (std::is_same_v<V, float>) {
      if (const auto f = ctorm::detail::exact_float(d)) return *f;
      detail::fail(c, ctorm::detail::cat("REAL ", detail::show_double(d), " cannot be held exactly by a float"));
    } else {
      return d;
    }
  } else if constexpr (traits::kind == value_kind::text) {
    return std::string(detail::read_text(s, c));
  } else if constexpr (traits::kind == value_kind::blob) {
    const auto b = detail::read_blob(s, c);
    return std::vector<std::byte>(b.begin(), b.end());
  } else if constexpr (traits::kind == value_kind::uuid) {
    const auto b = detail::read_blob(s, c);
    if (b.size() != 16)
      detail::fail(c, ctorm::detail::cat("BLOB of ", std::to_string(b.size()), " bytes is not a UUID (16 bytes)"));
    Uuid u;
    for (std::size_t i = 0; i < 16; ++i) u.bytes[i] = std::to_integer<std::uint8_t>(b[i]);
    return u;
  } else if constexpr (traits::kind == value_kind::enumeration) {
    using U = std::underlying_type_t<V>;
    const U u = detail::narrow_integer<U>(detail::read_integer(s, c), c);
    if (!is_enum_value<V>(u))
      detail::fail(c, ctorm::detail::cat("INTEGER ", std::to_string(u), " is not a value of the member's enum"));
    return static_cast<V>(u);
  } else if constexpr (traits::kind == value_kind::timestamp) {
    const std::string_view t = detail::read_text(s, c);
    if (auto v = ctorm::detail::parse_datetime(t)) return *v;
    detail::fail(c, ctorm::detail::cat("TEXT ", ctorm::detail::show_text(t), " is not an ISO-8601 date-time (YYYY-MM-DD HH:MM:SS)"));
  } else {
    const std::string_view t = detail::read_text(s, c);
    if (auto v = ctorm::detail::parse_date(t)) return *v;
    detail::fail(c, ctorm::detail::cat("TEXT ", ctorm::detail::show_text(t), " is not an ISO-8601 date (YYYY-MM-DD)"));
  }
}

/// Reads column `col` of the current row into a member of type `X`, or throws
/// `conversion_error` naming table, column and row.
template <ColumnValue X>
X read_value(sqlite3_stmt* s, int col, const cell& c) {
  return read_value<X>(sqlite3_column_value(s, col), c);
}

/// Binds `v` to parameter `idx` (1-based), or throws `conversion_error` when SQLite could not
/// give the same value back (NaN, an unsigned value above INT64_MAX, a year past 9999...).
/// Text and blobs are bound without copying: `v` must outlive the statement's execution.
template <ColumnValue X>
void bind_value(sqlite3_stmt* s, int idx, const X& v, const cell& c) {
  using traits = column_traits<X>;
  using V = typename traits::value_type;
  if constexpr (traits::nullable) {
    if (!v) return detail::check(sqlite3_bind_null(s, idx), s);
    bind_value<V>(s, idx, *v, c);
  } else if constexpr (traits::kind == value_kind::integer) {
    if constexpr (std::is_unsigned_v<V> && sizeof(V) >= sizeof(std::int64_t)) {
      if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        detail::fail(c, std::to_string(v) + " does not fit SQLite's signed 64-bit INTEGER");
    }
    detail::check(sqlite3_bind_int64(s, idx, static_cast<std::int64_t>(v)), s);
  } else if constexpr (traits::kind == value_kind::boolean) {
    detail::check(sqlite3_bind_int64(s, idx, v ? 1 : 0), s);
  } else if constexpr (traits::kind == value_kind::real) {
    if (ctorm::detail::is_nan(static_cast<double>(v))) detail::fail(c, "NaN cannot be stored - SQLite would turn it into NULL");
    // SQLite writes a REAL without a fraction as an integer on disk, which drops the sign of -0.0.
    if (v == 0 && ctorm::detail::sign_bit(static_cast<double>(v)))
      detail::fail(c, "-0.0 cannot be stored exactly - SQLite keeps a REAL zero without its sign; "
                      "write 0.0");
    detail::check(sqlite3_bind_double(s, idx, static_cast<double>(v)), s);
  } else if constexpr (traits::kind == value_kind::text) {
    detail::check(sqlite3_bind_text64(s, idx, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8), s);
  } else if constexpr (traits::kind == value_kind::blob) {
    detail::bind_blob(s, idx, v.data(), v.size(), SQLITE_STATIC);
  } else if constexpr (traits::kind == value_kind::uuid) {
    detail::bind_blob(s, idx, v.bytes.data(), v.bytes.size(), SQLITE_STATIC);
  } else if constexpr (traits::kind == value_kind::enumeration) {
    using U = std::underlying_type_t<V>;
    const auto u = static_cast<U>(v);
    if (!is_enum_value<V>(u))
      detail::fail(c, std::to_string(u) + " is not a value of the member's enum");
    bind_value<U>(s, idx, u, c);
  } else if constexpr (traits::kind == value_kind::timestamp) {
    char buf[ctorm::detail::iso_datetime_size];
    if (!ctorm::detail::format_datetime(v, buf))
      detail::fail(c, "the time lies outside the years 0000-9999 that ISO-8601 text can hold");
    detail::check(sqlite3_bind_text(s, idx, buf, sizeof buf, SQLITE_TRANSIENT), s);
  } else {
    char buf[ctorm::detail::iso_date_size];
    if (!ctorm::detail::format_date(v, buf))
      detail::fail(c, "the date lies outside the years 0000-9999 that ISO-8601 text can hold");
    detail::check(sqlite3_bind_text(s, idx, buf, sizeof buf, SQLITE_TRANSIENT), s);
  }
}

}  // namespace ctorm::sqlite_backend
