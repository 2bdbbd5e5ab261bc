#pragma once
/// \file
/// Turning libpq results and SQLSTATEs into `ctorm::database_error` and its subclasses.

#include <libpq-fe.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "ctorm/error.hpp"

namespace ctorm::postgresql_backend::detail {

/// Throws the `database_error` subclass that fits `sqlstate` (class 23: constraint_error,
/// naming the constraint; 40001, 40P01: serialization_error; 55P03, a lock not available:
/// busy_error; anything else: database_error).
[[noreturn]] inline void throw_state(std::string message, std::string sqlstate, std::string constraint,
                                     std::string_view sql) {
  if (sqlstate.starts_with("23"))
    throw constraint_error(std::move(message), std::move(sqlstate), std::move(constraint), sql);
  if (sqlstate == "40001" || sqlstate == "40P01")
    throw serialization_error(std::move(message), std::move(sqlstate), std::move(constraint), sql,
                              "the transaction conflicted with another and must run again (db.transact does)");
  if (sqlstate == "55P03")
    throw busy_error(std::move(message), std::move(sqlstate), std::move(constraint), sql);
  if (sqlstate.starts_with("08"))
    throw database_error(std::move(message), std::move(sqlstate), std::move(constraint), sql,
                         "the connection to the server is lost");
  throw database_error(std::move(message), std::move(sqlstate), std::move(constraint), sql);
}

/// The message of `r` (or of the connection when `r` has none), without libpq's line breaks.
inline std::string message_of(const PGresult* r, PGconn* c) {
  const char* primary = r != nullptr ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string m = primary != nullptr ? primary : (c != nullptr ? PQerrorMessage(c) : "out of memory");
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  // One line: a line break inside (libpq's "\n\tIs the server running...") becomes a space.
  std::string line;
  line.reserve(m.size());
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] != '\n') {
      line += m[i];
      continue;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    while (i + 1 < m.size() && (m[i + 1] == ' ' || m[i + 1] == '\t')) ++i;
    line += ' ';
  }
  return line;
}

/// Throws the error result `r` (or the connection's error when `r` is null) carries.
[[noreturn]] inline void throw_result(const PGresult* r, PGconn* c, std::string_view sql) {
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const char* constraint = r != nullptr ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  std::string message = message_of(r, c);
  // No SQLSTATE: the error is libpq's own, a lost connection most often. libpq may notice the
  // closed socket only when it next reads: it reads now (after the message is taken, which the
  // read would repeat), so the first failure says so too.
  if (state == nullptr && c != nullptr && PQstatus(c) != CONNECTION_BAD) PQconsumeInput(c);
  std::string sqlstate = state != nullptr ? state : (c != nullptr && PQstatus(c) == CONNECTION_BAD ? "08006" : "XX000");
  throw_state(std::move(message), std::move(sqlstate), constraint != nullptr ? constraint : "", sql);
}

}  // namespace ctorm::postgresql_backend::detail
