#pragma once
/// \file
/// The schema of a live SQLite database as its PRAGMAs report it: tables, columns, keys,
/// foreign keys and indexes. Comparing two such descriptions, rather than DDL text, makes
/// equivalent DDL compare equal.

#include <sqlite3.h>

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctorm/live_schema.hpp"
#include "ctorm/sqlite/error.hpp"

namespace ctorm::sqlite_backend {

using ctorm::detail::live::live_column;
using ctorm::detail::live::live_foreign_key;
using ctorm::detail::live::live_index;
using ctorm::detail::live::live_table;
using ctorm::detail::live::same_name;
using ctorm::detail::live::same_names;

// The free functions here are templates whose one parameter is never given: they are compiled
// only where a schema is read or compared, not in every includer.

/// SQLite's column affinity of a declared type (the rules of "Determination Of Column
/// Affinity"); STRICT types map to themselves.
template <class = void>
std::string affinity(std::string_view declared) {
  std::string t(declared);
  for (char& c : t) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (t == "ANY") return "ANY";
  if (t.find("INT") != std::string::npos) return "INTEGER";
  if (t.find("CHAR") != std::string::npos || t.find("CLOB") != std::string::npos ||
      t.find("TEXT") != std::string::npos)
    return "TEXT";
  if (t.empty() || t.find("BLOB") != std::string::npos) return "BLOB";
  if (t.find("REAL") != std::string::npos || t.find("FLOA") != std::string::npos ||
      t.find("DOUB") != std::string::npos)
    return "REAL";
  return "NUMERIC";
}

namespace detail {

/// A small forward-only reader for the introspection queries (not cached: they run rarely).
class pragma_query {
 public:
  pragma_query(sqlite3* db, std::string_view sql, std::string_view arg = {}) : db_(db), sql_(sql) {
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) throw_error(db, rc, sql);
    if (!arg.empty()) sqlite3_bind_text(stmt_, 1, arg.data(), static_cast<int>(arg.size()), SQLITE_TRANSIENT);
  }
  pragma_query(const pragma_query&) = delete;
  pragma_query& operator=(const pragma_query&) = delete;
  ~pragma_query() { sqlite3_finalize(stmt_); }

  bool next() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) throw_error(db_, rc, sql_);
    return false;
  }
  std::string text(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
  }
  std::optional<std::string> optional_text(int i) const {
    if (sqlite3_column_type(stmt_, i) == SQLITE_NULL) return std::nullopt;
    return text(i);
  }
  std::int64_t integer(int i) const { return sqlite3_column_int64(stmt_, i); }

 private:
  sqlite3* db_;
  std::string_view sql_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace detail

/// Every table of the main schema (SQLite's own `sqlite_*` tables excluded), in name order.
template <class = void>
std::vector<live_table> read_schema(sqlite3* db) {
  std::vector<live_table> tables;
  {
    detail::pragma_query q(db,
                           "SELECT name, strict, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                           "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    while (q.next()) {
      live_table t;
      t.name = q.text(0);
      t.strict = q.integer(1) != 0;
      t.without_rowid = q.integer(2) != 0;
      tables.push_back(std::move(t));
    }
  }
  for (auto& t : tables) {
    {
      detail::pragma_query q(db, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid", t.name);
      while (q.next())
        t.columns.push_back(live_column{q.text(0), q.text(1), affinity(q.text(1)), q.integer(2) != 0,
                                       static_cast<int>(q.integer(4)), q.optional_text(3)});
    }
    {
      detail::pragma_query q(db,
                             "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?1) "
                             "ORDER BY id, seq",
                             t.name);
      std::int64_t current = -1;
      while (q.next()) {
        if (q.integer(0) != current) {
          current = q.integer(0);
          t.foreign_keys.push_back(live_foreign_key{q.text(1), {}, {}, q.text(4), q.text(5), {}});
        }
        auto& fk = t.foreign_keys.back();
        fk.from.push_back(q.text(2));
        if (auto to = q.optional_text(3)) fk.to.push_back(*to);
      }
    }
    {
      detail::pragma_query q(db,
                             "SELECT il.name, il.\"unique\", il.origin, il.partial, coalesce(s.sql, '') "
                             "FROM pragma_index_list(?1) AS il LEFT JOIN sqlite_schema AS s "
                             "ON s.type = 'index' AND s.name = il.name ORDER BY il.name",
                             t.name);
      while (q.next()) {
        const std::string origin = q.text(2);
        t.indexes.push_back(live_index{q.text(0), {}, q.integer(1) != 0, origin.empty() ? 'c' : origin[0],
                                       q.integer(3) != 0, q.text(4)});
      }
    }
    for (auto& ix : t.indexes) {
      detail::pragma_query q(db, "SELECT coalesce(name, '') FROM pragma_index_info(?1) ORDER BY seqno", ix.name);
      while (q.next()) ix.columns.push_back(q.text(0));
    }
  }
  // REFERENCES t without columns means t's primary key.
  for (auto& t : tables)
    for (auto& fk : t.foreign_keys)
      if (fk.to.empty())
        for (const auto& target : tables)
          if (same_name(target.name, fk.table)) fk.to = target.primary_key();
  return tables;
}

}  // namespace ctorm::sqlite_backend
