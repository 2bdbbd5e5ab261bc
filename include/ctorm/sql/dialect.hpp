#pragma once
/// \file
/// SQL dialects. Every SQL generator takes the dialect as a template parameter, so a second
/// backend supplies its own spelling of identifiers, parameters and types.

#include <cstddef>
#include <string_view>

#include "ctorm/types/value_traits.hpp"

namespace ctorm {

/// SQLite 3.37+: STRICT tables, `?N` parameters, INTEGER PRIMARY KEY as the rowid.
struct sqlite_dialect {
  /// Writes `id` as a quoted identifier; an embedded quote is doubled.
  static constexpr void identifier(auto& out, std::string_view id) {
    out.put('"');
    for (char c : id) {
      if (c == '"') out.put('"');
      out.put(c);
    }
    out.put('"');
  }
  /// Writes `text` as a string literal; an embedded quote is doubled. Only names from the
  /// schema are written this way (a morph type); values are always bound.
  static constexpr void string_literal(auto& out, std::string_view text) {
    out.put('\'');
    for (char c : text) {
      if (c == '\'') out.put('\'');
      out.put(c);
    }
    out.put('\'');
  }
  /// Writes the `n`-th (1-based) bound parameter.
  static constexpr void parameter(auto& out, std::size_t n) {
    out.put('?');
    out.put_number(n);
  }
  static constexpr std::string_view type_name(sql_type t) {
    switch (t) {
      case sql_type::integer: return "INTEGER";
      case sql_type::real: return "REAL";
      case sql_type::text: return "TEXT";
      case sql_type::blob: return "BLOB";
    }
    return "ANY";
  }
  /// How a single integer key column is declared (the rowid alias, assigned on insert).
  static constexpr std::string_view rowid_key = "INTEGER PRIMARY KEY";
  static constexpr std::string_view table_suffix = " STRICT";
};

}  // namespace ctorm
