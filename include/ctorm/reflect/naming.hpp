#pragma once
/// \file
/// Naming conventions: struct `PostTag` -> table "post_tags".

#include <cstddef>
#include <string_view>

#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/reflect/type_name.hpp"

namespace ctorm {
namespace detail {

constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool is_vowel(char c) {
  c = to_lower(c);
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/// Writes `name` in snake_case: "PostTag" -> "post_tag", "HTTPRequest" -> "http_request".
template <class Sink>
constexpr void put_snake_case(Sink& out, std::string_view name) {
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (is_upper(c) && i > 0) {
      const char prev = name[i - 1];
      const bool word_start = is_lower(prev) || is_digit(prev);
      const bool acronym_end = is_upper(prev) && i + 1 < name.size() && is_lower(name[i + 1]);
      if (word_start || acronym_end) out.put('_');
    }
    out.put(to_lower(c));
  }
}

/// Writes the plural of `name` in snake_case by the regular English rules
/// (Category -> categories, Box -> boxes, Post -> posts). Irregular words take `Name<>`.
template <class Sink>
constexpr void put_plural_snake_case(Sink& out, std::string_view name) {
  const std::size_t n = name.size();
  const char last = n > 0 ? to_lower(name[n - 1]) : '\0';
  const char before = n > 1 ? to_lower(name[n - 2]) : '\0';
  if (last == 'y' && n > 1 && !is_vowel(before)) {
    put_snake_case(out, name.substr(0, n - 1));
    out.put("ies");
    return;
  }
  put_snake_case(out, name);
  const bool sibilant = last == 's' || last == 'x' || last == 'z' ||
                        ((before == 'c' || before == 's') && last == 'h');
  out.put(sibilant ? "es" : "s");
}

template <class T>
struct default_table_name_gen {
  static constexpr void write(auto& out) { put_plural_snake_case(out, type_name<T>); }
};

}  // namespace detail

/// The table name ctorm gives `T` by convention: plural snake_case of the struct name.
template <class T>
inline constexpr std::string_view default_table_name = static_text<detail::default_table_name_gen<T>>;

}  // namespace ctorm
