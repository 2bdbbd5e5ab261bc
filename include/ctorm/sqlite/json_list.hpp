#pragma once
/// \file
/// How SQLite receives a run-time list (`in()`, eager-load keys): one JSON array bound to one
/// parameter and read with `json_each`, so one SQL text serves every length.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "ctorm/detail/chrono.hpp"
#include "ctorm/error.hpp"
#include "ctorm/sql/value_concepts.hpp"
#include "ctorm/types/chrono.hpp"
#include "ctorm/types/real.hpp"
#include "ctorm/types/uuid.hpp"

namespace ctorm::sqlite_backend {

/// A JSON array ready to bind.
struct json_list {
  std::string text;
};

/// Appends `s` as a JSON string. json_each ends a string at an escaped NUL, so NUL travels as
/// \x01\x03 and \x01 as \x01\x02, undone by the SQL `sqlite_dialect::in_list` writes.
inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 1) {
      out += u == 0 ? "\\u0001\\u0003" : "\\u0001\\u0002";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  out += '"';
}

/// Appends bytes as a JSON string of upper-case hex, as SQLite's hex() writes the BLOB column
/// it is compared with.
inline void append_json_hex(std::string& out, const unsigned char* bytes, std::size_t n) {
  static constexpr char hex[] = "0123456789ABCDEF";
  out += '"';
  for (std::size_t i = 0; i < n; ++i) {
    out += hex[bytes[i] >> 4];
    out += hex[bytes[i] & 15];
  }
  out += '"';
}

/// Appends `v` as the JSON value SQLite reads back as the value ctorm would bind for it.
template <class X>
void append_json_value(std::string& out, const X& v) {
  using ctorm::detail::is_optional_v;
  if constexpr (is_optional_v<X>) {
    if (!v) out += "null";
    else append_json_value(out, *v);
  } else if constexpr (std::is_enum_v<X>) {
    out += std::to_string(static_cast<std::underlying_type_t<X>>(v));
  } else if constexpr (std::same_as<X, bool>) {
    out += v ? "1" : "0";
  } else if constexpr (std::integral<X>) {
    if constexpr (std::is_unsigned_v<X> && sizeof(X) >= sizeof(std::int64_t)) {
      // JSON would carry it, and SQLite read it as a REAL that may equal a stored value.
      if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        throw conversion_error({}, "in() list", 0, std::to_string(v) + " does not fit SQLite's signed 64-bit INTEGER");
    }
    out += std::to_string(v);
  } else if constexpr (std::floating_point<X>) {
    const double d = static_cast<double>(v);
    if (ctorm::detail::is_nan(d)) throw conversion_error({}, "in() list", 0, "NaN cannot be compared - SQLite has no NaN");
    if (!ctorm::detail::is_finite(d)) {
      out += d > 0 ? "9e999" : "-9e999";  // JSON has no infinity; SQLite reads these as one
      return;
    }
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%.17g", d);
    out.append(buf, static_cast<std::size_t>(n));
  } else if constexpr (std::same_as<X, std::vector<std::byte>>) {
    append_json_hex(out, reinterpret_cast<const unsigned char*>(v.data()), v.size());
  } else if constexpr (std::same_as<X, Uuid>) {
    append_json_hex(out, v.bytes.data(), v.bytes.size());
  } else if constexpr (std::same_as<X, std::chrono::sys_days>) {
    char buf[ctorm::detail::iso_date_size];
    if (!ctorm::detail::format_date(v, buf)) throw conversion_error({}, "in() list", 0, "the date lies outside the years 0000-9999");
    append_json_string(out, std::string_view(buf, ctorm::detail::iso_date_size));
  } else if constexpr (std::same_as<X, std::chrono::sys_seconds>) {
    char buf[ctorm::detail::iso_datetime_size];
    if (!ctorm::detail::format_datetime(v, buf)) throw conversion_error({}, "in() list", 0, "the time lies outside the years 0000-9999");
    append_json_string(out, std::string_view(buf, ctorm::detail::iso_datetime_size));
  } else {
    append_json_string(out, std::string_view(v));
  }
}

/// The JSON array of a list's values.
template <class E>
json_list make_json_list(const ctorm::detail::value_list<E>& list) {
  json_list out{"["};
  bool first = true;
  for (const auto& v : list.values) {
    if (!first) out.text += ',';
    first = false;
    append_json_value(out.text, v);
  }
  out.text += ']';
  return out;
}

/// A list of UUIDs as one BLOB, 16 bytes each in order: what `sqlite_dialect::in_list` binds
/// for them.
template <class Range, class Get>
std::string uuid_blob(const Range& values, Get&& get) {
  std::string out;
  out.reserve(16 * values.size());
  for (const auto& v : values) {
    const Uuid& u = get(v);
    out.append(reinterpret_cast<const char*>(u.bytes.data()), u.bytes.size());
  }
  return out;
}

/// The JSON array of an eager load's distinct keys: integers, values, or arrays of values for
/// a composite key (`std::tuple`).
template <class Key>
std::string make_json_keys(const std::vector<Key>& keys) {
  std::string out = "[";
  for (const Key& k : keys) {
    if (out.size() > 1) out += ',';
    if constexpr (requires { std::tuple_size<Key>::value; }) {
      if constexpr (std::tuple_size_v<Key> == 1) {
        append_json_value(out, std::get<0>(k));
      } else {
        out += '[';
        std::apply([&](const auto&... v) {
          std::size_t i = 0;
          ((out += (i++ == 0 ? "" : ","), append_json_value(out, v)), ...);
        }, k);
        out += ']';
      }
    } else {
      append_json_value(out, k);
    }
  }
  out += ']';
  return out;
}

}  // namespace ctorm::sqlite_backend
