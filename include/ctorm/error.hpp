#pragma once
/// \file
/// The `ctorm::error` family. Every message starts with "ctorm:" and names what failed.

#include <cstddef>
#include <cstdio>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ctorm {

namespace detail {

/// Where a value comes from or goes to, for error messages. `row` is the 1-based row of the
/// result being read, or 0 for a value being written.
struct cell {
  std::string_view table;
  std::string_view column;
  std::size_t row;
};

/// The concatenation of `parts` (anything a `std::string_view` is made from), built by
/// appending. Messages are built with it rather than `"text" + std::string`, whose inlined
/// insert at the front GCC 12 at -O3 wrongly reports as an overlapping copy (-Wrestrict).
/// The parts go as views to one function compiled once for every message, instead of a copy
/// of the loop per list of part types inlined where a message is built (mostly where one is
/// thrown).
[[gnu::noinline]] inline std::string cat_views(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (std::string_view p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  for (std::string_view p : parts) out.append(p);
  return out;
}
template <class... Parts>
std::string cat(const Parts&... parts) {
  return cat_views({std::string_view(parts)...});
}

/// `d` for an error message, with the 17 significant digits that tell every double apart.
inline std::string show_double(double d) {
  char buf[40];
  const int n = std::snprintf(buf, sizeof buf, "%.17g", d);
  return std::string(buf, static_cast<std::size_t>(n));
}

/// The length of the well-formed UTF-8 sequence that starts at `text[i]` (1 for ASCII), or 0
/// when none does (a stray continuation byte, an overlong form, a surrogate, a cut sequence).
inline std::size_t utf8_length(std::string_view text, std::size_t i) noexcept {
  const auto c = static_cast<unsigned char>(text[i]);
  std::size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n > 1) {
    if (i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
    const auto c1 = static_cast<unsigned char>(text[i + 1]);
    if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0) || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90))
      return 0;
  }
  return n;
}

/// `text` for an error message: quoted, control bytes, backslashes and bytes that are not
/// UTF-8 escaped as `\xNN`, and cut after about `limit` bytes with its full length, so a
/// hostile or huge value can neither hide the cause (a NUL ends `what()`) nor bury it.
inline std::string show_text(std::string_view text, std::size_t limit = 100) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "'";
  std::size_t i = 0;
  while (i < text.size() && out.size() <= limit) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = utf8_length(text, i);
    if (n == 1 && c >= 0x20 && c != 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else if (n > 1) {
      out.append(text.substr(i, n));
      i += n;
      continue;
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
    ++i;
  }
  out += '\'';
  if (i < text.size()) out.append("... (").append(std::to_string(text.size())).append(" bytes)");
  return out;
}

}  // namespace detail

/// Base of every exception ctorm throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A value that cannot pass exactly between a member and a column: NULL into a
/// non-optional member, out of range, text into a number, a fraction into an integer,
/// an unknown enum value, a malformed date, or a value SQLite cannot store (NaN).
class conversion_error : public error {
 public:
  /// `row` is the 1-based row of the result being read, or 0 for a value being written.
  conversion_error(std::string_view table, std::string_view column, std::size_t row,
                   std::string cause)
      : error(describe(table, column, row, cause)),
        table_(table), column_(column), row_(row), cause_(std::move(cause)) {}

  const std::string& table() const noexcept { return table_; }
  const std::string& column() const noexcept { return column_; }
  std::size_t row() const noexcept { return row_; }
  const std::string& cause() const noexcept { return cause_; }

 private:
  static std::string describe(std::string_view table, std::string_view column, std::size_t row,
                              const std::string& cause) {
    std::string m = "ctorm: ";
    if (!table.empty()) m.append(table).append(".");
    m.append(column);
    if (row != 0) m.append(", row ").append(std::to_string(row));
    else m.append(" (value written)");
    m.append(": ").append(cause);
    return m;
  }
  std::string table_, column_;
  std::size_t row_;
  std::string cause_;
};

/// An error reported by the database engine, with the statement that caused it.
class database_error : public error {
 public:
  /// SQLite's form: its message and extended result code.
  database_error(std::string engine_message, int extended_code, std::string_view sql)
      : database_error(std::move(engine_message), extended_code, sql, {}) {}
  /// As above, with `advice` (what to do about it) after the statement.
  database_error(std::string engine_message, int extended_code, std::string_view sql, std::string_view advice)
      : error(describe(engine_message, detail::cat("code ", std::to_string(extended_code)), sql, advice)),
        engine_message_(std::move(engine_message)), extended_code_(extended_code), sql_(sql) {}
  /// PostgreSQL's form: its message, SQLSTATE and (for constraint violations) the constraint.
  database_error(std::string engine_message, std::string sqlstate, std::string constraint, std::string_view sql,
                 std::string_view advice = {})
      : error(describe(engine_message, detail::cat("SQLSTATE ", sqlstate), sql, advice)),
        engine_message_(std::move(engine_message)), extended_code_(0), sql_(sql), sqlstate_(std::move(sqlstate)),
        constraint_(std::move(constraint)) {}

  /// The engine's own message, e.g. "UNIQUE constraint failed: users.email".
  const std::string& engine_message() const noexcept { return engine_message_; }
  /// SQLite's extended result code, e.g. 2067 (SQLITE_CONSTRAINT_UNIQUE); 0 on PostgreSQL.
  int extended_code() const noexcept { return extended_code_; }
  /// The primary result code (the low byte of the extended one).
  int code() const noexcept { return extended_code_ & 0xff; }
  /// PostgreSQL's SQLSTATE, e.g. "23505" (unique_violation); empty on SQLite.
  const std::string& sqlstate() const noexcept { return sqlstate_; }
  /// The constraint that refused a write, where the engine names it (PostgreSQL).
  const std::string& constraint() const noexcept { return constraint_; }
  /// The SQL text being run, empty when the error is not tied to a statement.
  const std::string& sql() const noexcept { return sql_; }

 private:
  static std::string describe(const std::string& msg, std::string_view code, std::string_view sql,
                              std::string_view advice) {
    std::string m = detail::cat("ctorm: ", msg, " (", code, ")");
    if (!sql.empty()) m.append(" in: ").append(sql);
    if (!advice.empty()) m.append(" - ").append(advice);
    return m;
  }
  std::string engine_message_;
  int extended_code_;
  std::string sql_;
  std::string sqlstate_;
  std::string constraint_;
};

/// A UNIQUE, NOT NULL, CHECK, PRIMARY KEY or FOREIGN KEY constraint refused a write.
class constraint_error : public database_error {
 public:
  using database_error::database_error;
};

/// The database stayed locked by another connection past the busy timeout. Running the work
/// again may succeed: `Database::transact` does so.
class busy_error : public database_error {
 public:
  using database_error::database_error;
};

/// The transaction conflicts with another one and cannot go on: only running the whole
/// transaction again can succeed (SQLite: a stale snapshot in WAL mode). `Database::transact`
/// retries it.
class serialization_error : public busy_error {
 public:
  using busy_error::busy_error;
};

/// A query that must return a row (`one()`) returned none.
class not_found : public error {
 public:
  using error::error;
};

/// The API was used in a way that cannot work (e.g. committing an outer transaction
/// while an inner one is open, or using a moved-from Database).
class usage_error : public error {
 public:
  using error::error;
};

}  // namespace ctorm
