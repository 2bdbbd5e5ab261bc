// Bad input and bad surroundings, one case per test: values a member cannot hold, constraint
// violations, rows deleted by another connection, a moved-from Database, read-only, full and
// corrupt files. Each case checks the exception's type, that its message names what failed,
// and that the database is exactly as it was (see `expect_unchanged`).
//
// The tables are created with raw SQL, as another program would have made them: their value
// columns have no declared type, so a planted cell keeps the storage class it was written with,
// and they carry their own UNIQUE, FOREIGN KEY and CHECK constraints. ctorm maps them without
// create_all. Cases about single value types in ctorm's own tables are in bad_input_test.cpp;
// these read the planted cells through every path ctorm reads rows by.

#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <unistd.h>

#include <boost/pfr/ops.hpp>

#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ctorm/ctorm.hpp>

#include "sqlite_helpers.hpp"

// Clang finds the enumerators of an enum only outside anonymous namespaces (see types_test.cpp).
namespace ctorm_reliability_test {
enum class Grade : std::int16_t { low = 1, mid = 5, high = 9 };
}  // namespace ctorm_reliability_test

namespace {

using ctorm_reliability_test::Grade;

struct Account {
  std::int64_t id{};
  std::string email{};
  std::int64_t balance{};
};

struct Reading {
  std::int64_t id{};
  std::int64_t account_id{};
  std::int8_t i8{};
  std::int16_t i16{};
  std::int32_t i32{};
  std::int64_t i64{};
  std::uint8_t u8{};
  std::uint16_t u16{};
  std::uint32_t u32{};
  std::uint64_t u64{};
  double amount{};
  std::string label{};
  std::vector<std::byte> payload{};
  Grade grade{Grade::low};
  std::chrono::sys_days taken_on{};
  std::chrono::sys_seconds taken_at{};
};

using readings = ctorm::HasMany<Reading, &Reading::account_id>;
using account = ctorm::BelongsTo<Account, &Reading::account_id>;

using LedgerSchema = ctorm::Schema<ctorm::Table<Account, readings, ctorm::Unique<&Account::email>>,
                                   ctorm::Table<Reading, account>>;
using LedgerDb = ctorm::Database<LedgerSchema>;

constexpr const char* ledger_ddl = R"(
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  balance INTEGER NOT NULL CHECK (balance >= 0));
CREATE TABLE readings (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  i8, i16, i32, i64, u8, u16, u32, u64, amount, label, payload, grade, taken_on, taken_at);
CREATE INDEX readings_account_id_index ON readings (account_id);
)";

// ---------------------------------------------------------------------------------------------
// Raw access, independent of ctorm.

class raw_connection {
 public:
  explicit raw_connection(const std::string& path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    INFO(path << ": " << (db_ != nullptr ? sqlite3_errmsg(db_) : "no memory"));
    REQUIRE(rc == SQLITE_OK);
    sqlite3_busy_timeout(db_, 1000);
  }
  ~raw_connection() { sqlite3_close_v2(db_); }
  raw_connection(const raw_connection&) = delete;
  raw_connection& operator=(const raw_connection&) = delete;
  sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

/// A cell as an exact, readable string: every byte of text and blobs, every bit of a REAL.
std::string show_cell(sqlite3_stmt* s, int i) {
  static constexpr char hex[] = "0123456789abcdef";
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_NULL: return "NULL";
    case SQLITE_INTEGER: return std::to_string(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT: {
      const auto bits = std::bit_cast<std::uint64_t>(sqlite3_column_double(s, i));
      char buf[40];
      std::snprintf(buf, sizeof buf, "real 0x%016llx", static_cast<unsigned long long>(bits));
      return buf;
    }
    case SQLITE_TEXT: {
      const auto* p = sqlite3_column_text(s, i);
      std::string out = "'";
      for (int k = 0; k < sqlite3_column_bytes(s, i); ++k) {
        const unsigned char c = p[k];
        if (c >= 0x20 && c < 0x7f && c != '\\') {
          out += static_cast<char>(c);
        } else {
          out += "\\x";
          out += hex[c >> 4];
          out += hex[c & 15];
        }
      }
      return out + "'";
    }
    default: {
      const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(s, i));
      std::string out = "x'";
      for (int k = 0; k < sqlite3_column_bytes(s, i); ++k) {
        out += hex[p[k] >> 4];
        out += hex[p[k] & 15];
      }
      return out + "'";
    }
  }
}

/// Every row of `sql`, its cells joined by " | ".
std::vector<std::string> raw_rows(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  const int prepared = sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
  INFO(sql << ": " << sqlite3_errmsg(db));
  REQUIRE(prepared == SQLITE_OK);
  std::vector<std::string> out;
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(s); ++i) row += (i == 0 ? "" : " | ") + show_cell(s, i);
    out.push_back(std::move(row));
  }
  sqlite3_finalize(s);
  CHECK(rc == SQLITE_DONE);
  return out;
}

/// What a failed call must leave as it found it, read through a connection of its own.
struct db_state {
  std::vector<std::string> integrity;
  std::vector<std::string> foreign_key_violations;
  std::vector<std::string> schema;
  std::map<std::string, std::int64_t> counts;
  std::map<std::string, std::vector<std::string>> rows;
};

db_state read_state(const std::string& path) {
  const raw_connection raw(path);
  db_state s;
  s.integrity = raw_rows(raw.get(), "PRAGMA integrity_check");
  s.foreign_key_violations = raw_rows(raw.get(), "PRAGMA foreign_key_check");
  s.schema = raw_rows(raw.get(), "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
  for (const auto& row : test::rows(raw.get(), "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                               "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
    const std::string& t = row.at(0);
    s.counts[t] = std::stoll(test::scalar(raw.get(), "SELECT count(*) FROM \"" + t + "\""));
    s.rows[t] = raw_rows(raw.get(), "SELECT * FROM \"" + t + "\" ORDER BY rowid");
  }
  return s;
}

/// The database at `path` is sound (integrity and foreign keys check out) and holds exactly
/// the schema and rows it held in `before`.
void expect_unchanged(const std::string& path, const db_state& before) {
  const db_state after = read_state(path);
  CHECK(after.integrity == std::vector<std::string>{"'ok'"});
  CHECK(after.foreign_key_violations.empty());
  CHECK(after.schema == before.schema);
  CHECK(after.counts == before.counts);
  CHECK(after.rows == before.rows);
}

/// `before` without the row of `table` whose rowid is `id`.
db_state without_row(db_state s, const std::string& table, std::int64_t id) {
  auto& rows = s.rows.at(table);
  const std::string prefix = std::to_string(id) + " | ";
  std::erase_if(rows, [&](const std::string& r) { return r.starts_with(prefix); });
  s.counts.at(table) = static_cast<std::int64_t>(rows.size());
  return s;
}

using test::caught;

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void overwrite(const std::string& path, std::size_t offset, const std::string& bytes) {
  std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
  REQUIRE(f.good());
  f.seekp(static_cast<std::streamoff>(offset));
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(f.good());
}

// ---------------------------------------------------------------------------------------------
// The ledger: two accounts and four readings, written by ctorm into the raw tables.

Reading make_reading(std::int64_t account_id, int n) {
  Reading r;
  r.account_id = account_id;
  r.i8 = static_cast<std::int8_t>(-n);
  r.i16 = static_cast<std::int16_t>(1000 * n);
  r.i32 = -100000 * n;
  r.i64 = std::int64_t{1} << (40 + n);
  r.u8 = static_cast<std::uint8_t>(250 + n);
  r.u16 = static_cast<std::uint16_t>(60000 + n);
  r.u32 = 4000000000u + static_cast<std::uint32_t>(n);
  r.u64 = (std::uint64_t{1} << 62) + static_cast<std::uint64_t>(n);
  r.amount = 0.25 * n;
  r.label = "reading " + std::to_string(n);
  r.payload = {std::byte{0}, static_cast<std::byte>(n), std::byte{255}};
  r.grade = n % 2 == 1 ? Grade::mid : Grade::high;
  r.taken_on = std::chrono::sys_days{std::chrono::year{2024} / 3 / n};
  r.taken_at = std::chrono::sys_seconds{r.taken_on} + std::chrono::hours{n};
  return r;
}

class Ledger {
 public:
  explicit Ledger(std::string name, ctorm::open_options options = {}) : file_(std::move(name)), options_(options) {
    {
      const raw_connection raw(file_.path);
      test::exec(raw.get(), ledger_ddl);
    }
    LedgerDb db = open();
    db.insert(Account{0, "ann@example.org", 100});
    db.insert(Account{0, "bob@example.org", 0});
    for (int n = 1; n <= 4; ++n) db.insert(make_reading(n <= 3 ? 1 : 2, n));
  }

  LedgerDb open() const { return LedgerDb{file_.path, options_}; }
  const std::string& path() const { return file_.path; }

  /// Runs `sql` on a connection of its own.
  void exec(const std::string& sql) const {
    const raw_connection raw(file_.path);
    test::exec(raw.get(), sql);
  }

  /// Reading `n` as it was written.
  static Reading reading(int n) {
    Reading r = make_reading(n <= 3 ? 1 : 2, n);
    r.id = n;
    return r;
  }

 private:
  test::temp_file file_;
  ctorm::open_options options_;
};

void expect_reading(LedgerDb& db, int n) {
  const auto got = db.get<Reading>(std::int64_t{n});
  REQUIRE(got.has_value());
  CHECK(boost::pfr::eq(*got, Ledger::reading(n)));
}

/// Plants the SQL literal `literal` in `column` of reading 2, then reads it through every path
/// ctorm reads rows by: each throws conversion_error naming readings.column, the row and
/// `cause`. The other readings still read, and nothing in the file changes. Reading 2 is
/// written back afterwards.
template <auto M>
void expect_unreadable(const Ledger& ledger, const std::string& column, const std::string& literal,
                       const std::string& cause) {
  INFO("readings." << column << " = " << literal);
  ledger.exec("UPDATE readings SET " + column + " = " + literal + " WHERE id = 2");
  const db_state before = read_state(ledger.path());
  {
    LedgerDb db = ledger.open();
    const std::string at = "ctorm: readings." + column + ", row ";
    using ctorm::col;

    const auto by_key = caught<ctorm::conversion_error>([&] { db.get<Reading>(std::int64_t{2}); });
    CHECK(by_key.table() == "readings");
    CHECK(by_key.column() == column);
    CHECK(by_key.row() == 1);
    CHECK_THAT(by_key.what(), Catch::StartsWith(at + "1: ") && Catch::Contains(cause));

    const auto every = caught<ctorm::conversion_error>([&] { db.all<Reading>(); });
    CHECK_THAT(every.what(), Catch::StartsWith(at + "2: ") && Catch::Contains(cause));

    const auto filtered = caught<ctorm::conversion_error>([&] {
      db.select<Reading>().where(col<&Reading::account_id> == 1).order_by(ctorm::asc<&Reading::id>).all();
    });
    CHECK_THAT(filtered.what(), Catch::StartsWith(at + "2: ") && Catch::Contains(cause));

    // Row by row: the rows before the bad one arrive, then the loop throws.
    std::vector<std::int64_t> seen;
    {
      auto query = db.select<Reading>().order_by(ctorm::asc<&Reading::id>);
      const auto looped = caught<ctorm::conversion_error>([&] {
        for (const Reading& r : query) seen.push_back(r.id);
      });
      CHECK_THAT(looped.what(), Catch::StartsWith(at + "2: ") && Catch::Contains(cause));
    }
    CHECK(seen == std::vector<std::int64_t>{1});

    const auto projected = caught<ctorm::conversion_error>([&] {
      db.select(col<&Reading::id>, col<M>).where(col<&Reading::id> == 2).one();
    });
    CHECK_THAT(projected.what(), Catch::StartsWith(at + "1: ") && Catch::Contains(cause));

    const auto eager = caught<ctorm::conversion_error>([&] {
      db.select<Account>().where(col<&Account::id> == 1).template with<readings>().all();
    });
    CHECK_THAT(eager.what(), Catch::StartsWith(at) && Catch::Contains(cause));

    const auto ann = db.get<Account>(std::int64_t{1});
    REQUIRE(ann.has_value());
    const auto lazy = caught<ctorm::conversion_error>([&] { db.load<readings>(*ann); });
    CHECK_THAT(lazy.what(), Catch::StartsWith(at) && Catch::Contains(cause));

    // The connection and its cached statements still work.
    expect_reading(db, 1);
    expect_reading(db, 3);
    expect_reading(db, 4);
    CHECK(db.count<Reading>() == 4);
  }
  expect_unchanged(ledger.path(), before);
  ledger.open().upsert(Ledger::reading(2));  // the next case starts from good data
}

/// Writing `bad` (a reading whose member `column` cannot be stored) as a new row, over
/// reading 1, and by upsert and replace: each throws conversion_error "(value written)"
/// before anything runs.
void expect_unwritable(const Ledger& ledger, Reading bad, const std::string& column, const std::string& cause) {
  const db_state before = read_state(ledger.path());
  {
    LedgerDb db = ledger.open();
    const auto inserted = caught<ctorm::conversion_error>([&] { db.insert(bad); });
    CHECK(inserted.table() == "readings");
    CHECK(inserted.column() == column);
    CHECK(inserted.row() == 0);
    CHECK_THAT(inserted.what(),
               Catch::StartsWith("ctorm: readings." + column + " (value written): ") && Catch::Contains(cause));
    bad.id = 1;
    CHECK_THROWS_WITH(db.update(bad), Catch::Contains("readings." + column) && Catch::Contains(cause));
    CHECK_THROWS_AS(db.upsert(bad), ctorm::conversion_error);
    CHECK_THROWS_AS(db.replace(bad), ctorm::conversion_error);
    expect_reading(db, 1);
  }
  expect_unchanged(ledger.path(), before);
}

/// Runs `sql` on the other connection when `db` starts a statement whose text contains `marker`:
/// the other connection's work lands between two statements of one ctorm call.
struct interleaving {
  std::string marker;
  std::string sql;
  sqlite3* other = nullptr;
  bool ran = false;
  int rc = SQLITE_OK;

  void install(sqlite3* db) { sqlite3_trace_v2(db, SQLITE_TRACE_STMT, &interleaving::on_statement, this); }
  static void remove(sqlite3* db) { sqlite3_trace_v2(db, 0, nullptr, nullptr); }

  static int on_statement(unsigned, void* self, void*, void* text) {
    auto* w = static_cast<interleaving*>(self);
    if (!w->ran && std::string_view(static_cast<const char*>(text)).find(w->marker) != std::string_view::npos) {
      w->ran = true;
      w->rc = sqlite3_exec(w->other, w->sql.c_str(), nullptr, nullptr, nullptr);
    }
    return 0;
  }
};

}  // namespace

// =============================================================================================

TEST_CASE("NULL in a non-optional member", "[reliability][null]") {
  const Ledger ledger("ctorm_reliability_null.db");
  const std::string cause = "NULL in a non-optional member - make the member std::optional or fix the data";
  expect_unreadable<&Reading::label>(ledger, "label", "NULL", cause);
  expect_unreadable<&Reading::i32>(ledger, "i32", "NULL", cause);
  expect_unreadable<&Reading::amount>(ledger, "amount", "NULL", cause);
  expect_unreadable<&Reading::payload>(ledger, "payload", "NULL", cause);
  expect_unreadable<&Reading::grade>(ledger, "grade", "NULL", cause);
  expect_unreadable<&Reading::taken_at>(ledger, "taken_at", "NULL", cause);
}

TEST_CASE("an integer outside the member's width", "[reliability][integer]") {
  const Ledger ledger("ctorm_reliability_integer.db");
  SECTION("int8") {
    expect_unreadable<&Reading::i8>(ledger, "i8", "128", "INTEGER 128 is out of range [-128, 127] of the member type");
    expect_unreadable<&Reading::i8>(ledger, "i8", "-129", "INTEGER -129 is out of range [-128, 127]");
  }
  SECTION("int16") {
    expect_unreadable<&Reading::i16>(ledger, "i16", "32768", "INTEGER 32768 is out of range [-32768, 32767]");
    expect_unreadable<&Reading::i16>(ledger, "i16", "-32769", "INTEGER -32769 is out of range [-32768, 32767]");
  }
  SECTION("int32") {
    expect_unreadable<&Reading::i32>(ledger, "i32", "2147483648",
                                     "INTEGER 2147483648 is out of range [-2147483648, 2147483647]");
    expect_unreadable<&Reading::i32>(ledger, "i32", "-2147483649",
                                     "INTEGER -2147483649 is out of range [-2147483648, 2147483647]");
  }
  SECTION("int64: only a REAL can lie outside it") {
    // SQLite reads a literal beyond INT64_MAX as REAL.
    expect_unreadable<&Reading::i64>(ledger, "i64", "9223372036854775808",
                                     "REAL 9.2233720368547758e+18 is out of range for an integer member");
    expect_unreadable<&Reading::i64>(ledger, "i64", "-1e19", "REAL -1e+19 is out of range for an integer member");
  }
  SECTION("uint8") {
    expect_unreadable<&Reading::u8>(ledger, "u8", "300", "INTEGER 300 is out of range [0, 255] of the member type");
    expect_unreadable<&Reading::u8>(ledger, "u8", "-1", "INTEGER -1 is out of range [0, 255]");
  }
  SECTION("uint16") {
    expect_unreadable<&Reading::u16>(ledger, "u16", "65536", "INTEGER 65536 is out of range [0, 65535]");
    expect_unreadable<&Reading::u16>(ledger, "u16", "-1", "INTEGER -1 is out of range [0, 65535]");
  }
  SECTION("uint32") {
    expect_unreadable<&Reading::u32>(ledger, "u32", "4294967296", "INTEGER 4294967296 is out of range [0, 4294967295]");
    expect_unreadable<&Reading::u32>(ledger, "u32", "-1", "INTEGER -1 is out of range [0, 4294967295]");
  }
  SECTION("uint64: negative on read, above INT64_MAX on write") {
    expect_unreadable<&Reading::u64>(ledger, "u64", "-1", "INTEGER -1 is out of range [0, 18446744073709551615]");
    Reading big = Ledger::reading(1);
    big.u64 = std::numeric_limits<std::uint64_t>::max();
    expect_unwritable(ledger, big, "u64", "18446744073709551615 does not fit SQLite's signed 64-bit INTEGER");
  }
}

TEST_CASE("text in a number", "[reliability][storage]") {
  const Ledger ledger("ctorm_reliability_text_number.db");
  expect_unreadable<&Reading::i32>(ledger, "i32", "'42'", "TEXT cannot be read into an integer member");
  expect_unreadable<&Reading::u8>(ledger, "u8", "'7'", "TEXT cannot be read into an integer member");
  expect_unreadable<&Reading::amount>(ledger, "amount", "'0.5'", "TEXT cannot be read into a floating-point member");
  expect_unreadable<&Reading::grade>(ledger, "grade", "'5'", "TEXT cannot be read into an integer member");
}

TEST_CASE("a fraction in an integer", "[reliability][real]") {
  const Ledger ledger("ctorm_reliability_fraction.db");
  expect_unreadable<&Reading::i64>(ledger, "i64", "2.5",
                                   "REAL 2.5 has a fraction - an integer member cannot hold it");
  expect_unreadable<&Reading::u8>(ledger, "u8", "0.5", "REAL 0.5 has a fraction");
  expect_unreadable<&Reading::i8>(ledger, "i8", "-1e-300", "has a fraction");
}

TEST_CASE("an integer that names no enumerator", "[reliability][enum]") {
  const Ledger ledger("ctorm_reliability_enum.db");
  expect_unreadable<&Reading::grade>(ledger, "grade", "7", "INTEGER 7 is not a value of the member's enum");
  expect_unreadable<&Reading::grade>(ledger, "grade", "0", "INTEGER 0 is not a value of the member's enum");
  expect_unreadable<&Reading::grade>(ledger, "grade", "40000", "INTEGER 40000 is out of range [-32768, 32767]");
  Reading bad = Ledger::reading(1);
  bad.grade = static_cast<Grade>(7);
  expect_unwritable(ledger, bad, "grade", "7 is not a value of the member's enum");
}

TEST_CASE("malformed date and date-time text", "[reliability][chrono]") {
  const Ledger ledger("ctorm_reliability_date.db");
  expect_unreadable<&Reading::taken_on>(ledger, "taken_on", "'2023-02-29'",
                                        "TEXT '2023-02-29' is not an ISO-8601 date (YYYY-MM-DD)");
  expect_unreadable<&Reading::taken_on>(ledger, "taken_on", "'03/01/2024'",
                                        "TEXT '03/01/2024' is not an ISO-8601 date (YYYY-MM-DD)");
  expect_unreadable<&Reading::taken_at>(ledger, "taken_at", "'2024-03-01 24:00:00'",
                                        "TEXT '2024-03-01 24:00:00' is not an ISO-8601 date-time (YYYY-MM-DD HH:MM:SS)");
  expect_unreadable<&Reading::taken_at>(ledger, "taken_at", "'2024-03-01'",
                                        "TEXT '2024-03-01' is not an ISO-8601 date-time");
  expect_unreadable<&Reading::taken_at>(ledger, "taken_at", "1709251200",
                                        "INTEGER cannot be read into a text member");
  Reading late = Ledger::reading(1);
  late.taken_on = std::chrono::sys_days{std::chrono::year{10000} / 1 / 1};
  expect_unwritable(ledger, late, "taken_on", "the date lies outside the years 0000-9999");
}

TEST_CASE("a BLOB in a string, TEXT in a byte vector", "[reliability][storage]") {
  const Ledger ledger("ctorm_reliability_blob_text.db");
  expect_unreadable<&Reading::label>(ledger, "label", "X'6F6B'", "BLOB cannot be read into a text member");
  expect_unreadable<&Reading::label>(ledger, "label", "zeroblob(0)", "BLOB cannot be read into a text member");
  expect_unreadable<&Reading::payload>(ledger, "payload", "'ok'", "TEXT cannot be read into a BLOB member");
  expect_unreadable<&Reading::payload>(ledger, "payload", "''", "TEXT cannot be read into a BLOB member");
}

TEST_CASE("a row deleted by another connection after the statement was prepared", "[reliability][concurrency]") {
  using ctorm::col;
  SECTION("a cached statement sees what was committed before it steps") {
    const Ledger ledger("ctorm_reliability_deleted_cached.db");
    const db_state before = read_state(ledger.path());
    LedgerDb reader = ledger.open();
    expect_reading(reader, 3);  // prepares and caches the lookup by key
    ledger.exec("DELETE FROM readings WHERE id = 3");
    CHECK_FALSE(reader.get<Reading>(std::int64_t{3}).has_value());
    expect_unchanged(ledger.path(), without_row(before, "readings", 3));
  }
  SECTION("WAL: a loop keeps the snapshot it started with") {
    const Ledger ledger("ctorm_reliability_deleted_wal.db");
    const db_state before = read_state(ledger.path());
    LedgerDb reader = ledger.open();
    LedgerDb writer = ledger.open();
    std::vector<std::int64_t> seen;
    for (const Reading& r : reader.select<Reading>().order_by(ctorm::asc<&Reading::id>)) {
      if (seen.empty()) CHECK(writer.remove<Reading>(std::int64_t{3}));  // committed at once
      seen.push_back(r.id);
    }
    CHECK(seen == std::vector<std::int64_t>{1, 2, 3, 4});
    CHECK(reader.count<Reading>() == 3);  // the next statement reads the new state
    CHECK_FALSE(reader.get<Reading>(std::int64_t{3}).has_value());
    expect_unchanged(ledger.path(), without_row(before, "readings", 3));
  }
  SECTION("rollback journal: the writer waits out its busy timeout and fails") {
    ctorm::open_options options;
    options.wal = false;
    options.busy_timeout = std::chrono::milliseconds{50};
    const Ledger ledger("ctorm_reliability_deleted_journal.db", options);
    const db_state before = read_state(ledger.path());
    LedgerDb reader = ledger.open();
    LedgerDb writer = ledger.open();
    CHECK(test::scalar(reader.native_handle(), "PRAGMA journal_mode") == "delete");
    std::vector<std::int64_t> seen;
    std::optional<ctorm::busy_error> refused;
    for (const Reading& r : reader.select<Reading>().order_by(ctorm::asc<&Reading::id>)) {
      if (seen.empty()) refused = caught<ctorm::busy_error>([&] { writer.remove<Reading>(std::int64_t{3}); });
      seen.push_back(r.id);
    }
    REQUIRE(refused.has_value());
    CHECK(refused->code() == SQLITE_BUSY);
    CHECK_THAT(refused->what(), Catch::Contains("database is locked") && Catch::Contains("DELETE FROM \"readings\""));
    CHECK(seen == std::vector<std::int64_t>{1, 2, 3, 4});
    expect_reading(writer, 3);
    expect_unchanged(ledger.path(), before);
  }
  SECTION("eager loading outside a transaction: each level reads its own snapshot") {
    const Ledger ledger("ctorm_reliability_deleted_eager.db");
    const db_state before = read_state(ledger.path());
    LedgerDb reader = ledger.open();
    const raw_connection other(ledger.path());
    interleaving between{"FROM \"accounts\"", "DELETE FROM readings WHERE id = 4; DELETE FROM accounts WHERE id = 2",
                         other.get()};
    between.install(reader.native_handle());
    const auto rows = reader.select<Reading>().order_by(ctorm::asc<&Reading::id>).with<account>().all();
    interleaving::remove(reader.native_handle());
    REQUIRE(between.ran);
    CHECK(between.rc == SQLITE_OK);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].get<account>().email == "ann@example.org");
    // Reading 4 was read before its account was deleted; the account query came after.
    CHECK_THROWS_AS(rows[3].get<account>(), ctorm::not_found);
    CHECK_THROWS_WITH(rows[3].get<account>(),
                      "ctorm: get<R>() of a BelongsTo on foreign key account_id found no row - the key "
                      "references a row that does not exist");
    expect_unchanged(ledger.path(), without_row(without_row(before, "readings", 4), "accounts", 2));
  }
  SECTION("eager loading in a deferred transaction: one snapshot for every level") {
    const Ledger ledger("ctorm_reliability_deleted_snapshot.db");
    const db_state before = read_state(ledger.path());
    LedgerDb reader = ledger.open();
    const raw_connection other(ledger.path());
    interleaving between{"FROM \"accounts\"", "DELETE FROM readings WHERE id = 4; DELETE FROM accounts WHERE id = 2",
                         other.get()};
    between.install(reader.native_handle());
    auto tx = reader.transaction(ctorm::transaction_mode::deferred);
    const auto rows = reader.select<Reading>().order_by(ctorm::asc<&Reading::id>).with<account>().all();
    interleaving::remove(reader.native_handle());
    REQUIRE(between.ran);
    CHECK(between.rc == SQLITE_OK);  // WAL lets the writer commit beside the open reader
    REQUIRE(rows.size() == 4);
    CHECK(rows[3].get<account>().email == "bob@example.org");
    CHECK(reader.count<Account>() == 2);
    tx.commit();
    CHECK(reader.count<Account>() == 1);
    expect_unchanged(ledger.path(), without_row(without_row(before, "readings", 4), "accounts", 2));
  }
  SECTION("eager loading in an immediate transaction: the other writer is refused") {
    ctorm::open_options options;
    options.busy_timeout = std::chrono::milliseconds{50};
    const Ledger ledger("ctorm_reliability_deleted_immediate.db", options);
    const db_state before = read_state(ledger.path());
    LedgerDb reader = ledger.open();
    const raw_connection other(ledger.path());
    sqlite3_busy_timeout(other.get(), 50);
    interleaving between{"FROM \"accounts\"", "DELETE FROM readings WHERE id = 4; DELETE FROM accounts WHERE id = 2",
                         other.get()};
    between.install(reader.native_handle());
    auto tx = reader.transaction();
    const auto rows = reader.select<Reading>().order_by(ctorm::asc<&Reading::id>).with<account>().all();
    interleaving::remove(reader.native_handle());
    tx.commit();
    REQUIRE(between.ran);
    CHECK(between.rc == SQLITE_BUSY);
    REQUIRE(rows.size() == 4);
    CHECK(rows[3].get<account>().email == "bob@example.org");
    expect_unchanged(ledger.path(), before);
  }
  SECTION("a table dropped after its statements were prepared") {
    const Ledger ledger("ctorm_reliability_dropped.db");
    LedgerDb reader = ledger.open();
    expect_reading(reader, 1);
    ledger.exec("DROP TABLE readings");
    const db_state before = read_state(ledger.path());
    const auto e = caught<ctorm::database_error>([&] { reader.get<Reading>(std::int64_t{1}); });
    CHECK(e.code() == SQLITE_ERROR);
    CHECK(e.engine_message() == "no such table: readings");
    CHECK_THAT(e.what(), Catch::Contains("FROM \"readings\""));
    CHECK(reader.count<Account>() == 2);
    expect_unchanged(ledger.path(), before);
  }
}

TEST_CASE("UNIQUE, FOREIGN KEY and CHECK violations on insert and on update", "[reliability][constraint]") {
  using ctorm::col;
  const Ledger ledger("ctorm_reliability_constraints.db");
  const db_state before = read_state(ledger.path());
  {
    LedgerDb db = ledger.open();
    SECTION("UNIQUE") {
      const auto inserted = caught<ctorm::constraint_error>([&] { db.insert(Account{0, "ann@example.org", 1}); });
      CHECK(inserted.extended_code() == SQLITE_CONSTRAINT_UNIQUE);
      CHECK_THAT(inserted.what(), Catch::StartsWith("ctorm: UNIQUE constraint failed: accounts.email (code 2067) in: "
                                                    "INSERT INTO \"accounts\""));
      const auto updated = caught<ctorm::constraint_error>([&] { db.update(Account{2, "ann@example.org", 0}); });
      CHECK(updated.extended_code() == SQLITE_CONSTRAINT_UNIQUE);
      CHECK_THAT(updated.what(), Catch::Contains("UNIQUE constraint failed: accounts.email") &&
                                     Catch::Contains("UPDATE \"accounts\" SET"));
      const auto set = caught<ctorm::constraint_error>([&] {
        db.update<Account>().set(col<&Account::email> = "ann@example.org").where(col<&Account::id> == 2);
      });
      CHECK(set.extended_code() == SQLITE_CONSTRAINT_UNIQUE);
      CHECK_THAT(set.what(), Catch::Contains("UNIQUE constraint failed: accounts.email") &&
                                 Catch::Contains("UPDATE \"accounts\" SET \"email\" = ?1"));
      CHECK_THROWS_AS(db.upsert(Account{3, "bob@example.org", 0}), ctorm::constraint_error);
    }
    SECTION("FOREIGN KEY") {
      // SQLite names neither the table nor the key; the statement in the message names the table.
      Reading orphan = Ledger::reading(1);
      orphan.account_id = 99;
      const auto inserted = caught<ctorm::constraint_error>([&] { db.insert(orphan); });
      CHECK(inserted.extended_code() == SQLITE_CONSTRAINT_FOREIGNKEY);
      CHECK(inserted.engine_message() == "FOREIGN KEY constraint failed");
      CHECK_THAT(inserted.what(), Catch::StartsWith("ctorm: FOREIGN KEY constraint failed (code 787) in: "
                                                    "INSERT INTO \"readings\""));
      orphan.id = 1;
      const auto updated = caught<ctorm::constraint_error>([&] { db.update(orphan); });
      CHECK(updated.extended_code() == SQLITE_CONSTRAINT_FOREIGNKEY);
      CHECK_THAT(updated.what(), Catch::Contains("UPDATE \"readings\" SET \"account_id\" = ?1"));
      const auto set = caught<ctorm::constraint_error>([&] {
        db.update<Reading>().set(col<&Reading::account_id> = 99).where(col<&Reading::id> == 1);
      });
      CHECK(set.extended_code() == SQLITE_CONSTRAINT_FOREIGNKEY);
      CHECK_THAT(set.what(), Catch::Contains("UPDATE \"readings\" SET \"account_id\" = ?1"));
      const auto removed = caught<ctorm::constraint_error>([&] { db.remove<Account>(std::int64_t{1}); });
      CHECK(removed.extended_code() == SQLITE_CONSTRAINT_FOREIGNKEY);
      CHECK_THAT(removed.what(), Catch::Contains("DELETE FROM \"accounts\""));
    }
    SECTION("CHECK") {
      const auto inserted = caught<ctorm::constraint_error>([&] { db.insert(Account{0, "cid@example.org", -1}); });
      CHECK(inserted.extended_code() == SQLITE_CONSTRAINT_CHECK);
      CHECK_THAT(inserted.what(), Catch::StartsWith("ctorm: CHECK constraint failed: balance >= 0 (code 275) in: "
                                                    "INSERT INTO \"accounts\""));
      const auto updated = caught<ctorm::constraint_error>([&] { db.update(Account{1, "ann@example.org", -5}); });
      CHECK(updated.extended_code() == SQLITE_CONSTRAINT_CHECK);
      const auto set = caught<ctorm::constraint_error>([&] {
        db.update<Account>().set(col<&Account::balance> = col<&Account::balance> - 101).all_rows();
      });
      CHECK(set.extended_code() == SQLITE_CONSTRAINT_CHECK);
      CHECK_THAT(set.what(), Catch::Contains("CHECK constraint failed: balance >= 0") &&
                                 Catch::Contains("UPDATE \"accounts\" SET \"balance\""));
    }
    SECTION("a violation inside a transaction undoes the whole transaction when it escapes") {
      Reading orphan = Ledger::reading(1);
      orphan.account_id = 99;
      CHECK_THROWS_AS(([&] {
                        auto tx = db.transaction();
                        db.insert(Account{0, "cid@example.org", 5});
                        db.update(Account{1, "ann@example.org", 0});
                        db.insert(orphan);
                        tx.commit();
                      }()),
                      ctorm::constraint_error);
    }
    // The connection is still usable.
    CHECK(db.count<Account>() == 2);
    expect_reading(db, 4);
  }
  expect_unchanged(ledger.path(), before);
}

TEST_CASE("a moved-from Database", "[reliability][usage]") {
  using ctorm::col;
  const Ledger ledger("ctorm_reliability_moved.db");
  const db_state before = read_state(ledger.path());
  {
    LedgerDb first = ledger.open();
    auto query = first.select<Reading>().where(col<&Reading::account_id> == 2);
    LedgerDb second = std::move(first);

    const std::string message = "ctorm: this Database was moved from";
    CHECK_THROWS_MATCHES(first.get<Reading>(std::int64_t{1}), ctorm::usage_error, Catch::Message(message));
    CHECK_THROWS_MATCHES(first.insert(Ledger::reading(1)), ctorm::usage_error, Catch::Message(message));
    CHECK_THROWS_MATCHES(first.update(Ledger::reading(1)), ctorm::usage_error, Catch::Message(message));
    CHECK_THROWS_MATCHES(first.remove<Reading>(std::int64_t{1}), ctorm::usage_error, Catch::Message(message));
    CHECK_THROWS_MATCHES(first.all<Account>(), ctorm::usage_error, Catch::Message(message));
    CHECK_THROWS_MATCHES(first.count<Account>(), ctorm::usage_error, Catch::Message(message));
    CHECK_THROWS_MATCHES(first.select<Reading>(), ctorm::usage_error, Catch::Message(message));
    CHECK_THROWS_MATCHES(first.update<Account>(), ctorm::usage_error, Catch::Message(message));
    CHECK_THROWS_MATCHES(first.remove<Account>(), ctorm::usage_error, Catch::Message(message));
    CHECK_THROWS_MATCHES(first.transaction(), ctorm::usage_error, Catch::Message(message));
    CHECK_THROWS_MATCHES(first.create_all(), ctorm::usage_error, Catch::Message(message));
    CHECK(first.native_handle() == nullptr);
    CHECK(first.statements_run() == 0);

    // The connection moved with the object: a query built before the move still runs.
    const auto rows = query.all();
    REQUIRE(rows.size() == 1);
    CHECK(boost::pfr::eq(rows[0], Ledger::reading(4)));
    CHECK(second.count<Reading>() == 4);

    // Assigning a new Database makes the moved-from object usable again.
    first = ledger.open();
    expect_reading(first, 2);
  }
  expect_unchanged(ledger.path(), before);
}

TEST_CASE("a read-only database", "[reliability][file]") {
  const Ledger ledger("ctorm_reliability_read_only.db");
  const db_state before = read_state(ledger.path());

  const auto refuses_writes = [&](LedgerDb& db) {
    expect_reading(db, 1);
    CHECK(sqlite3_db_readonly(db.native_handle(), "main") == 1);
    const auto e = caught<ctorm::database_error>([&] { db.insert(Ledger::reading(1)); });
    CHECK(e.code() == SQLITE_READONLY);
    CHECK_THAT(e.what(), Catch::StartsWith("ctorm: attempt to write a readonly database (code 8) in: "
                                           "INSERT INTO \"readings\""));
    CHECK_THROWS_AS(db.update(Account{1, "changed@example.org", 1}), ctorm::database_error);
    CHECK_THROWS_AS(db.remove<Reading>(std::int64_t{4}), ctorm::database_error);
    CHECK_THROWS_AS(db.update<Account>().set(ctorm::col<&Account::balance> = 0).all_rows(), ctorm::database_error);
    CHECK(db.count<Reading>() == 4);
  };

  SECTION("URI mode=ro") {
    LedgerDb db{"file:" + ledger.path() + "?mode=ro"};
    refuses_writes(db);
  }
  SECTION("URI immutable=1") {
    LedgerDb db{"file:" + ledger.path() + "?immutable=1"};
    refuses_writes(db);
  }
  SECTION("a file without write permission") {
    std::filesystem::permissions(ledger.path(), std::filesystem::perms::owner_read | std::filesystem::perms::group_read |
                                                    std::filesystem::perms::others_read);
    // A privileged user (root) writes through permission bits; SQLite then opens read-write.
    const bool writable = ::access(ledger.path().c_str(), W_OK) == 0;
    {
      LedgerDb db = ledger.open();
      CHECK(sqlite3_db_readonly(db.native_handle(), "main") == (writable ? 0 : 1));
      if (!writable) refuses_writes(db);
    }
    std::filesystem::permissions(ledger.path(), std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
  }
  expect_unchanged(ledger.path(), before);
}

TEST_CASE("a full disk", "[reliability][file]") {
  const Ledger ledger("ctorm_reliability_full.db");
  const db_state before = read_state(ledger.path());
  Reading big = Ledger::reading(1);
  big.payload.assign(std::size_t{64} * 1024, std::byte{0x5a});
  {
    LedgerDb db = ledger.open();
    const std::string pages = test::scalar(db.native_handle(), "PRAGMA page_count");
    CHECK(test::scalar(db.native_handle(), "PRAGMA max_page_count = " + pages) == pages);

    const auto e = caught<ctorm::database_error>([&] { db.insert(big); });
    CHECK(e.code() == SQLITE_FULL);
    CHECK_THAT(e.what(), Catch::StartsWith("ctorm: database or disk is full (code 13) in: INSERT INTO \"readings\""));

    // Inside a transaction, the failure takes the transaction's earlier work with it.
    CHECK_THROWS_AS(([&] {
                      auto tx = db.transaction();
                      db.update(Account{1, "ann@example.org", 7});
                      db.insert(big);
                      tx.commit();
                    }()),
                    ctorm::database_error);
    CHECK(db.get<Account>(std::int64_t{1})->balance == 100);
    expect_unchanged(ledger.path(), before);

    // Once there is room again, the same connection writes.
    test::exec(db.native_handle(), "PRAGMA max_page_count = 1000000");
    big.id = db.insert(big);
    const auto got = db.get<Reading>(big.id);
    REQUIRE(got.has_value());
    CHECK(boost::pfr::eq(*got, big));
  }
}

TEST_CASE("a corrupt database file", "[reliability][file]") {
  SECTION("garbage over the header") {
    const Ledger ledger("ctorm_reliability_corrupt_header.db");
    overwrite(ledger.path(), 0, std::string(100, '\xa5'));
    const std::string corrupt = file_bytes(ledger.path());

    // Opening switches to WAL, which reads the header.
    const auto opened = caught<ctorm::database_error>([&] { ledger.open(); });
    CHECK(opened.code() == SQLITE_NOTADB);
    CHECK_THAT(opened.what(), Catch::StartsWith("ctorm: file is not a database") &&
                                  Catch::Contains(ledger.path()) && Catch::Contains("PRAGMA journal_mode"));

    // Without WAL the file is first read by the first statement.
    ctorm::open_options options;
    options.wal = false;
    {
      LedgerDb db{ledger.path(), options};
      const auto read = caught<ctorm::database_error>([&] { db.count<Reading>(); });
      CHECK(read.code() == SQLITE_NOTADB);
      CHECK_THAT(read.what(), Catch::StartsWith("ctorm: file is not a database (code 26) in: SELECT count(*)"));
      const auto written = caught<ctorm::database_error>([&] { db.insert(Ledger::reading(1)); });
      CHECK(written.code() == SQLITE_NOTADB);
    }
    CHECK(file_bytes(ledger.path()) == corrupt);  // ctorm wrote nothing
  }
  SECTION("garbage over a table's page") {
    const Ledger ledger("ctorm_reliability_corrupt_page.db");
    std::size_t page_size = 0, root = 0;
    {
      const raw_connection raw(ledger.path());
      page_size = std::stoul(test::scalar(raw.get(), "PRAGMA page_size"));
      root = std::stoul(test::scalar(raw.get(), "SELECT rootpage FROM sqlite_schema WHERE name = 'readings'"));
    }
    overwrite(ledger.path(), (root - 1) * page_size, std::string(page_size, '\xa5'));
    const std::string corrupt = file_bytes(ledger.path());
    {
      LedgerDb db = ledger.open();
      CHECK(db.count<Account>() == 2);  // other tables still read
      const auto all = caught<ctorm::database_error>([&] { db.all<Reading>(); });
      CHECK(all.code() == SQLITE_CORRUPT);
      CHECK_THAT(all.what(), Catch::StartsWith("ctorm: database disk image is malformed (code 11) in: SELECT") &&
                                 Catch::Contains("FROM \"readings\""));
      CHECK_THROWS_AS(db.get<Reading>(std::int64_t{1}), ctorm::database_error);
      const auto written = caught<ctorm::database_error>([&] { db.insert(Ledger::reading(1)); });
      CHECK(written.code() == SQLITE_CORRUPT);
      CHECK_THROWS_AS(db.update<Reading>().set(ctorm::col<&Reading::amount> = 1.0).all_rows(), ctorm::database_error);
      CHECK(db.count<Account>() == 2);
    }
    CHECK(file_bytes(ledger.path()) == corrupt);
    const raw_connection raw(ledger.path());
    CHECK(test::scalar(raw.get(), "PRAGMA integrity_check") != "ok");
  }
}
