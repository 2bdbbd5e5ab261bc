#pragma once
// Raw sqlite3 access for tests: checking what ctorm wrote without going through ctorm.

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace test {

/// Runs SQL that returns no rows, or throws.
inline void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error(m + " in " + sql);
  }
}

/// Every row of a query, each cell as text ("NULL" for NULL).
inline std::vector<std::vector<std::string>> rows(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string(sqlite3_errmsg(db)) + " in " + sql);
  std::vector<std::vector<std::string>> out;
  while (sqlite3_step(s) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(s); ++i) {
      if (sqlite3_column_type(s, i) == SQLITE_NULL) {
        row.emplace_back("NULL");
      } else {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
        row.emplace_back(t, static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
      }
    }
    out.push_back(std::move(row));
  }
  sqlite3_finalize(s);
  return out;
}

/// The first cell of a query, as text.
inline std::string scalar(sqlite3* db, const std::string& sql) {
  auto r = rows(db, sql);
  if (r.empty() || r[0].empty()) throw std::runtime_error("no row from " + sql);
  return r[0][0];
}

/// The exception of type `E` that `f` throws (anything else propagates and fails the test).
template <class E, class F>
E caught(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e;
  }
  FAIL("no exception was thrown");
  throw std::logic_error("unreachable");
}

/// A database file removed (with its WAL and shared-memory files) before and after use.
struct temp_file {
  std::string path;
  explicit temp_file(std::string name) : path(std::move(name)) { clean(); }
  ~temp_file() { clean(); }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  void clean() const {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix);
  }
};

}  // namespace test
