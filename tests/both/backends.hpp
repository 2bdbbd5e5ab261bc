#pragma once
// The backends the shared suite runs on, as Catch2 template parameters: each opens a fresh,
// empty database for a test. PostgreSQL's is a new schema on the test server (started by the
// ctest fixture, or named by CTORM_PG_CONNINFO), made the connection's search_path.

#include <catch2/catch.hpp>

#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include <ctorm/ctorm.hpp>
#include <ctorm/postgresql.hpp>

#include "../sqlite/sqlite_helpers.hpp"

namespace test {

/// The test server's connection string: CTORM_PG_CONNINFO, else what the server fixture wrote
/// to $CTORM_PG_STATE/conninfo. A test that needs PostgreSQL fails, with what to do, when
/// neither is there: it is never skipped.
inline std::string pg_conninfo() {
  if (const char* given = std::getenv("CTORM_PG_CONNINFO")) return given;
  const char* state = std::getenv("CTORM_PG_STATE");
  if (state != nullptr) {
    std::ifstream in(std::string(state) + "/conninfo");
    std::string line;
    if (std::getline(in, line) && !line.empty()) return line;
  }
  throw std::runtime_error(
      "no PostgreSQL test server: run the tests with ctest (its fixture starts one), or set CTORM_PG_CONNINFO");
}

/// Runs `sql` on a connection of its own (to make schemas, plant rows...), or throws.
inline void pg_exec(const std::string& conninfo, const std::string& sql) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string m = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot connect to the PostgreSQL test server: " + m);
  }
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
  PGresult* r = PQexec(c, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  std::string m = ok ? "" : PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (!ok) throw std::runtime_error(m + " in: " + sql);
}

/// Runs SQL that returns no rows on a Database's own connection (`db.native_handle()`): to
/// plant rows or tables that ctorm would refuse to write.
inline void raw(sqlite3* c, const std::string& sql) { exec(c, sql); }
inline void raw(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string m = ok ? "" : PQresultErrorMessage(r);
  PQclear(r);
  if (!ok) throw std::runtime_error(m + " in: " + sql);
}

/// The schemas this process made, dropped when it ends (a server named by CTORM_PG_CONNINFO
/// is not the tests' own).
struct pg_schemas {
  std::mutex lock;
  std::vector<std::string> names;
  ~pg_schemas() {
    try {
      for (const auto& n : names) pg_exec(pg_conninfo(), "DROP SCHEMA IF EXISTS " + n + " CASCADE");
    } catch (...) {
    }
  }
};
inline pg_schemas& schemas() {
  static pg_schemas s;
  return s;
}

/// A connection string to a new, empty schema of its own.
inline std::string pg_fresh_schema() {
  static std::atomic<int> counter{0};
  const std::string name = "ctorm_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  const std::string base = pg_conninfo();
  pg_exec(base, "CREATE SCHEMA " + name);
  {
    std::lock_guard<std::mutex> g(schemas().lock);
    schemas().names.push_back(name);
  }
  return base + " options='-csearch_path=" + name + "'";
}

struct on_sqlite {
  using backend = ctorm::sqlite;
  static constexpr std::string_view name = "sqlite";
  template <class S>
  static ctorm::Database<S> open() {
    return ctorm::Database<S>{":memory:"};
  }
};

struct on_postgresql {
  using backend = ctorm::postgresql;
  static constexpr std::string_view name = "postgresql";
  template <class S>
  static ctorm::Database<S, ctorm::postgresql> open() {
    return ctorm::Database<S, ctorm::postgresql>{pg_fresh_schema()};
  }
};

template <class On>
inline constexpr bool is_postgresql = std::is_same_v<On, on_postgresql>;

/// One database that a test opens more than once: a new schema on PostgreSQL, a file on SQLite
/// (`:memory:` is a new database per connection), removed at the end.
template <class On>
struct place {
  std::string target = pg_fresh_schema();
};
template <>
struct place<on_sqlite> {
  temp_file file{(std::filesystem::temp_directory_path() / ("ctorm_place_" + std::to_string(::getpid()) + ".db")).string()};
  std::string target = file.path;
};

/// The type of a database of schema `S` on the backend of `On`.
template <class On, class S>
using db_of = decltype(On::template open<S>());

}  // namespace test
