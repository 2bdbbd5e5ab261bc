#pragma once
/// \file
/// A live database's schema as its catalogue describes it — tables, columns, keys, foreign keys
/// and indexes — and the differences between two such descriptions. Each backend reads its own
/// catalogue into these structs, for the database and for the schema's own DDL run in a scratch
/// space, so equivalent DDL compares equal; `SchemaReport` lists what differs.

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ctorm/error.hpp"
#include "ctorm/migration.hpp"

namespace ctorm::detail::live {

// The functions here are templates whose one parameter is never given: they are compiled only
// where a schema is read or compared, not in every includer.

struct live_column {
  std::string name;
  std::string declared_type;  ///< as the database reports it, e.g. "INTEGER", "nvarchar(20)"
  std::string type_key;       ///< what is compared: SQLite's affinity, PostgreSQL's full type
  bool not_null = false;
  int primary_key = 0;  ///< 1-based position in the primary key, 0 when not part of it
  std::optional<std::string> default_value;
};

struct live_foreign_key {
  std::string table;
  std::vector<std::string> from;
  std::vector<std::string> to;  ///< resolved to the target's primary key when the DDL omits it
  std::string on_update;
  std::string on_delete;
  /// What else makes it behave otherwise than the schema's: `NOT VALID` (rows already there
  /// were never checked), `DEFERRABLE` (checked at commit). Empty for ctorm's own.
  std::string attributes{};
};

struct live_index {
  std::string name;
  std::vector<std::string> columns;
  bool unique = false;
  char origin = 'c';     ///< 'c' CREATE INDEX, 'u' UNIQUE constraint, 'pk' PRIMARY KEY ('p')
  bool partial = false;
  std::string sql;       ///< the CREATE INDEX text; empty for constraint indexes
};

struct live_table {
  std::string name;
  bool strict = false;
  bool without_rowid = false;
  /// Names compare byte for byte (PostgreSQL's quoted identifiers), else without regard to
  /// ASCII case (SQLite's).
  bool exact_names = false;
  std::vector<live_column> columns;
  std::vector<live_foreign_key> foreign_keys;
  std::vector<live_index> indexes;

  /// The column named `n` (see `exact_names`).
  const live_column* column(std::string_view n) const;
  std::vector<std::string> primary_key() const;
};

/// Equality of identifiers: byte for byte when `exact` (PostgreSQL, where "Users" and users are
/// two tables), else without regard to ASCII case (SQLite's rule).
template <class = void>
bool same_name(std::string_view a, std::string_view b, bool exact = false) noexcept {
  if (a.size() != b.size()) return false;
  if (exact) return a == b;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

template <class = void>
bool same_names(const std::vector<std::string>& a, const std::vector<std::string>& b, bool exact = false) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_name(a[i], b[i], exact)) return false;
  return true;
}

inline const live_column* live_table::column(std::string_view n) const {
  for (const auto& c : columns)
    if (same_name(c.name, n, exact_names)) return &c;
  return nullptr;
}

inline std::vector<std::string> live_table::primary_key() const {
  // pk is the column's 1-based position in the key.
  std::vector<std::string> out;
  for (int k = 1;; ++k) {
    const live_column* found = nullptr;
    for (const auto& c : columns)
      if (c.primary_key == k) found = &c;
    if (found == nullptr) return out;
    out.push_back(found->name);
  }
}

template <class = void>
std::string quote(std::string_view id) {
  std::string q = "\"";
  for (char c : id) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + '"';
}

template <class = void>
std::string join(const std::vector<std::string>& v, std::string_view separator = ", ") {
  std::string s;
  for (const auto& x : v) s.append(s.empty() ? "" : separator).append(x);
  return s;
}

template <class = void>
std::string quoted_list(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s.append(s.empty() ? "" : ", ").append(quote(x));
  return s;
}

template <class = void>
std::string column_text(const live_column& c) {
  return cat(c.type_key, c.not_null ? " NOT NULL" : " NULL");
}

template <class = void>
std::string foreign_key_text(const live_foreign_key& fk) {
  return "(" + join(fk.from) + ") REFERENCES " + fk.table + " (" + join(fk.to) + ") ON UPDATE " + fk.on_update +
         " ON DELETE " + fk.on_delete + (fk.attributes.empty() ? "" : " " + fk.attributes);
}

template <class = void>
bool same_foreign_key(const live_foreign_key& a, const live_foreign_key& b, bool exact) {
  return same_name(a.table, b.table, exact) && same_names(a.from, b.from, exact) && same_names(a.to, b.to, exact) &&
         same_name(a.on_update, b.on_update) && same_name(a.on_delete, b.on_delete) && a.attributes == b.attributes;
}

template <class = void>
const live_table* find_table(const std::vector<live_table>& ts, std::string_view name) {
  for (const auto& t : ts)
    if (same_name(t.name, name, t.exact_names)) return &t;
  return nullptr;
}

template <class = void>
const live_foreign_key* find_foreign_key(const live_table& t, const std::vector<std::string>& from) {
  for (const auto& fk : t.foreign_keys)
    if (same_names(fk.from, from, t.exact_names)) return &fk;
  return nullptr;
}

/// Indexes that matter for equivalence: every one except the primary key's own.
template <class = void>
std::vector<const live_index*> secondary_indexes(const live_table& t) {
  std::vector<const live_index*> out;
  for (const auto& ix : t.indexes)
    if (ix.origin != 'p') out.push_back(&ix);
  return out;
}

template <class = void>
const live_index* find_index(const live_table& t, const std::vector<std::string>& columns) {
  for (const auto* ix : secondary_indexes(t))
    if (same_names(ix->columns, columns, t.exact_names) && !ix->partial) return ix;
  return nullptr;
}

template <class = void>
std::string index_text(const live_index& ix) {
  return std::string(ix.unique ? "UNIQUE " : "") + "(" + join(ix.columns) + ")";
}

/// The differences of one table that exists on both sides.
template <class = void>
void compare_table(const live_table& want, const live_table& have, std::vector<Difference>& out) {
  const std::string& t = want.name;
  if (want.strict && !have.strict) out.push_back({Drift::not_strict, t, {}, "STRICT", "not STRICT"});
  const auto want_key = want.primary_key();
  const auto have_key = have.primary_key();
  for (const auto& c : want.columns) {
    const auto* h = have.column(c.name);
    if (h == nullptr) {
      out.push_back({Drift::missing_column, t, c.name, column_text(c), {}});
      continue;
    }
    if (c.type_key != h->type_key) out.push_back({Drift::column_type, t, c.name, c.type_key, h->type_key});
    // A single-column primary key is never NULL whatever its declaration says (SQLite's
    // INTEGER PRIMARY KEY may declare nothing).
    const bool rowid_key = want_key.size() == 1 && c.primary_key == 1;
    if (c.not_null != h->not_null && !rowid_key)
      out.push_back({Drift::column_nullability, t, c.name, c.not_null ? "NOT NULL" : "NULL", h->not_null ? "NOT NULL" : "NULL"});
    // A default the schema gives (`Default<>`) must be there: OnDelete::SetDefault relies on
    // it. One the schema does not give is harmless: ctorm's inserts write every column.
    if (c.default_value && c.default_value != h->default_value)
      out.push_back({Drift::column_default, t, c.name, "DEFAULT " + *c.default_value,
                     h->default_value ? "DEFAULT " + *h->default_value : std::string()});
  }
  for (const auto& h : have.columns)
    if (want.column(h.name) == nullptr) out.push_back({Drift::extra_column, t, h.name, {}, column_text(h)});
  if (!same_names(want_key, have_key, want.exact_names))
    out.push_back({Drift::primary_key, t, {}, "(" + join(want_key) + ")", "(" + join(have_key) + ")"});

  for (const auto& fk : want.foreign_keys) {
    const auto* h = find_foreign_key(have, fk.from);
    if (h == nullptr)
      out.push_back({Drift::missing_foreign_key, t, join(fk.from), foreign_key_text(fk), {}});
    else if (!same_foreign_key(fk, *h, want.exact_names))
      out.push_back({Drift::foreign_key_changed, t, join(fk.from), foreign_key_text(fk), foreign_key_text(*h)});
  }
  for (const auto& fk : have.foreign_keys)
    if (find_foreign_key(want, fk.from) == nullptr)
      out.push_back({Drift::extra_foreign_key, t, join(fk.from), {}, foreign_key_text(fk)});

  for (const auto* ix : secondary_indexes(want)) {
    const auto* h = find_index(have, ix->columns);
    if (h == nullptr)
      out.push_back({Drift::missing_index, t, ix->name, index_text(*ix), {}});
    else if (h->unique != ix->unique)
      out.push_back({Drift::index_uniqueness, t, h->name, index_text(*ix), index_text(*h)});
  }
  for (const auto* h : secondary_indexes(have))
    if (h->partial || find_index(want, h->columns) == nullptr)
      out.push_back({Drift::extra_index, t, h->name, {}, index_text(*h)});
}

template <class = void>
SchemaReport compare(const std::vector<live_table>& want, const std::vector<live_table>& have) {
  SchemaReport r;
  for (const auto& w : want) {
    if (const auto* h = find_table(have, w.name))
      compare_table(w, *h, r.differences);
    else
      r.differences.push_back({Drift::missing_table, w.name, {}, {}, {}});
  }
  for (const auto& h : have)
    if (find_table(want, h.name) == nullptr) r.differences.push_back({Drift::extra_table, h.name, {}, {}, {}});
  return r;
}

/// The schema side of a plan: the live description of ctorm's own DDL, each table's CREATE
/// TABLE text and each column's definition (for ALTER TABLE ADD COLUMN).
struct target {
  std::vector<live_table> tables;
  struct table_ddl {
    std::string_view name;
    std::string_view create;  // CREATE TABLE IF NOT EXISTS "name" (...)
    std::vector<std::pair<std::string_view, std::string_view>> columns;  // name, definition
  };
  std::vector<table_ddl> ddl;

  const table_ddl& of(std::string_view name) const {
    for (const auto& d : ddl)
      if (same_name(d.name, name)) return d;
    throw usage_error("ctorm: no DDL for table " + std::string(name));
  }
};

}  // namespace ctorm::detail::live
