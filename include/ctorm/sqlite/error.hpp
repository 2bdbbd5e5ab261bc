#pragma once
/// \file
/// Turning SQLite result codes into `ctorm::database_error` and its subclasses.

#include <sqlite3.h>

#include <string>
#include <string_view>

#include "ctorm/error.hpp"

namespace ctorm::sqlite_backend::detail {

/// Throws the `database_error` subclass that fits the extended result code `code`.
[[noreturn]] inline void throw_code(std::string message, int code, std::string_view sql) {
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT: throw constraint_error(std::move(message), code, sql);
    case SQLITE_BUSY:
    case SQLITE_LOCKED: throw busy_error(std::move(message), code, sql);
    default: throw database_error(std::move(message), code, sql);
  }
}

/// Throws the exception that fits `rc`, with SQLite's message and the statement's SQL.
[[noreturn]] inline void throw_error(sqlite3* db, int rc, std::string_view sql) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  const int code = (extended & 0xff) == (rc & 0xff) ? extended : rc;
  std::string message = db != nullptr && (extended & 0xff) == (rc & 0xff) ? sqlite3_errmsg(db)
                                                                          : sqlite3_errstr(rc);
  throw_code(std::move(message), code, sql);
}

/// Binding fails only for a bad index or an oversized value; both name the statement.
inline void check(int rc, sqlite3_stmt* s) {
  if (rc != SQLITE_OK) throw_error(sqlite3_db_handle(s), rc, sqlite3_sql(s));
}

}  // namespace ctorm::sqlite_backend::detail
