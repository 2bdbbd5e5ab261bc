// Bad input: values in the database that a member cannot hold exactly, constraint violations,
// read-only and missing files. Each case gets its exception, with a message naming the table,
// column and row, and leaves the database as it was.
//
// STRICT tables (which ctorm creates) refuse most bad values, so the cells are planted in a
// plain table created with raw SQL: "v" has no declared type, hence no affinity, and keeps
// exactly the storage class each literal has.

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <ctorm/ctorm.hpp>

// Enums live in a named namespace (Clang cannot see the enumerators of an enum in an anonymous
// namespace; see types_test.cpp).
namespace ctorm_bad_input_test {

enum class BadShade : std::int32_t { dark = -2, light = 1, bright = 3 };
enum class BadTiny : std::int8_t { off = 0, on = 1 };

}  // namespace ctorm_bad_input_test

namespace {

using ctorm_bad_input_test::BadShade;
using ctorm_bad_input_test::BadTiny;

// One struct per member type, all mapped onto the raw table "bad_cells" (id, v).
struct BadI8Cell {
  std::int64_t id{};
  std::int8_t v{};
};
struct BadI16Cell {
  std::int64_t id{};
  std::int16_t v{};
};
struct BadI32Cell {
  std::int64_t id{};
  std::int32_t v{};
};
struct BadI64Cell {
  std::int64_t id{};
  std::int64_t v{};
};
struct BadU8Cell {
  std::int64_t id{};
  std::uint8_t v{};
};
struct BadU16Cell {
  std::int64_t id{};
  std::uint16_t v{};
};
struct BadU32Cell {
  std::int64_t id{};
  std::uint32_t v{};
};
struct BadU64Cell {
  std::int64_t id{};
  std::uint64_t v{};
};
struct BadBoolCell {
  std::int64_t id{};
  bool v{};
};
struct BadFloatCell {
  std::int64_t id{};
  float v{};
};
struct BadDoubleCell {
  std::int64_t id{};
  double v{};
};
struct BadTextCell {
  std::int64_t id{};
  std::string v{};
};
struct BadBlobCell {
  std::int64_t id{};
  std::vector<std::byte> v{};
};
struct BadShadeCell {
  std::int64_t id{};
  BadShade v{BadShade::light};
};
struct BadTinyCell {
  std::int64_t id{};
  BadTiny v{BadTiny::off};
};
struct BadDayCell {
  std::int64_t id{};
  std::chrono::sys_days v{};
};
struct BadStampCell {
  std::int64_t id{};
  std::chrono::sys_seconds v{};
};
struct BadOptIntCell {
  std::int64_t id{};
  std::optional<std::int64_t> v{};
};
struct BadOptDayCell {
  std::int64_t id{};
  std::optional<std::chrono::sys_days> v{};
};

// Mapped onto a raw table with its own NOT NULL and CHECK constraints.
struct BadLegacy {
  std::int64_t id{};
  std::optional<std::string> name{};
};

template <class T>
using BadCellTable = ctorm::Table<T, ctorm::Name<"bad_cells">>;

// Tables created with raw SQL: create_all is never called for these schemas. A schema maps each
// table name once, so each cell type has its own schema over the one shared "bad_cells" table.
template <class T>
struct BadSchemaOf {
  using type = ctorm::Schema<BadCellTable<T>>;
};
template <>
struct BadSchemaOf<BadLegacy> {
  using type = ctorm::Schema<ctorm::Table<BadLegacy, ctorm::Name<"bad_legacy">>>;
};
template <class T>
using BadCellDb = ctorm::Database<typename BadSchemaOf<T>::type>;

// Tables created by ctorm (STRICT, with its NOT NULL and CHECK constraints).
struct BadUser {
  std::int64_t id{};
  std::string email{};
  bool active{};
  std::optional<std::string> nick{};
};
struct BadPair {
  std::int32_t a{};
  std::int32_t b{};
  std::string note{};
};

using BadSchema = ctorm::Schema<
    ctorm::Table<BadUser, ctorm::Name<"bad_users">, ctorm::Unique<&BadUser::email>>,
    ctorm::Table<BadPair, ctorm::Name<"bad_pairs">, ctorm::PrimaryKey<&BadPair::a, &BadPair::b>>>;
using BadDb = ctorm::Database<BadSchema>;

// ---------------------------------------------------------------------------------------------
// Raw SQLite helpers.

struct BadStmtCloser {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

/// Every row of `sql`: columns joined by '|', rows by '\n', NULL as "NULL".
std::string bad_rows(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  const int prepared = sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, BadStmtCloser> st(raw);
  INFO(sql << " -> " << sqlite3_errmsg(db));
  REQUIRE(prepared == SQLITE_OK);
  std::string out;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    if (!out.empty()) out += '\n';
    for (int i = 0; i < sqlite3_column_count(st.get()); ++i) {
      if (i != 0) out += '|';
      if (sqlite3_column_type(st.get(), i) == SQLITE_NULL) {
        out += "NULL";
      } else {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), i));
        out.append(p, static_cast<std::size_t>(sqlite3_column_bytes(st.get(), i)));
      }
    }
  }
  REQUIRE(rc == SQLITE_DONE);
  return out;
}

struct BadExecResult {
  int code{};  // extended result code; SQLITE_OK on success
  std::string message{};
};

BadExecResult bad_try_exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  BadExecResult r;
  r.code = rc == SQLITE_OK ? SQLITE_OK : sqlite3_extended_errcode(db);
  r.message = message != nullptr ? message : "";
  sqlite3_free(message);
  return r;
}

void bad_exec(sqlite3* db, const std::string& sql) {
  const BadExecResult r = bad_try_exec(db, sql);
  INFO(sql << " -> " << r.message);
  REQUIRE(r.code == SQLITE_OK);
}

std::string bad_integrity(sqlite3* db) { return bad_rows(db, "PRAGMA integrity_check"); }

/// The exception of type `E` that `f` throws, or nullopt.
template <class E, class F>
std::optional<E> bad_thrown(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e;
  }
  return std::nullopt;
}

/// A unique file name in the current directory; the file and its companions are removed.
class BadTempFile {
 public:
  BadTempFile() {
    static unsigned counter = 0;
    std::random_device rd;
    path_ = "ctorm_bad_input_test_" + std::to_string(rd()) + "_" + std::to_string(++counter) + ".db";
    remove();
  }
  ~BadTempFile() { remove(); }
  BadTempFile(const BadTempFile&) = delete;
  BadTempFile& operator=(const BadTempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  void remove() const {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ec;
      std::filesystem::remove(path_ + suffix, ec);
    }
  }
  std::string path_;
};

/// A shared in-memory database with the raw tables "bad_cells" (id, v without a type) and
/// "bad_legacy" (a NOT NULL name with a CHECK). `of<T>()` opens it mapped for the struct `T`.
class BadCells {
 public:
  BadCells() {
    bad_exec(raw(), "CREATE TABLE bad_cells(id INTEGER PRIMARY KEY, v)");
    bad_exec(raw(), "CREATE TABLE bad_legacy(id INTEGER PRIMARY KEY, name TEXT NOT NULL CHECK (length(name) > 0))");
  }

  /// A connection to the same database, whose schema maps `T`.
  template <class T>
  BadCellDb<T> of() const {
    return BadCellDb<T>{uri_};
  }

  sqlite3* raw() const { return keeper_.native_handle(); }

  /// Stores the SQL literal `literal` in row `id`.
  void put(std::int64_t id, const std::string& literal) {
    bad_exec(raw(),
             "INSERT INTO bad_cells(id, v) VALUES (" + std::to_string(id) + ", " + literal + ")");
  }

  /// Every row with its storage class and exact value.
  std::string snapshot() { return bad_rows(raw(), "SELECT id, typeof(v), quote(v) FROM bad_cells ORDER BY id"); }

  void check_unchanged(const std::string& before) {
    CHECK(snapshot() == before);
    CHECK(bad_integrity(raw()) == "ok");
  }

  static std::string next_uri() {
    static int counter = 0;
    return "file:bad_cells_" + std::to_string(++counter) + "?mode=memory&cache=shared";
  }
  std::string uri_ = next_uri();
  BadCellDb<BadLegacy> keeper_{uri_};  // keeps the shared in-memory database alive
};

/// Row 1 holds `good`, row 2 `bad`. Reading all rows fails at row 2, reading row 2 by key fails
/// at row 1 of that result, both with `cause` in the message; the good row still reads and the
/// table is unchanged.
template <class T>
void bad_expect_rejected(const std::string& good, const std::string& bad, const std::string& cause) {
  INFO("good " << good << ", bad " << bad);
  BadCells cells;
  cells.put(1, good);
  cells.put(2, bad);
  const std::string before = cells.snapshot();

  REQUIRE_THROWS_AS(cells.of<T>().template all<T>(), ctorm::conversion_error);
  REQUIRE_THROWS_WITH(cells.of<T>().template all<T>(),
                      Catch::StartsWith("ctorm: bad_cells.v, row 2: ") && Catch::Contains(cause));
  REQUIRE_THROWS_AS(cells.of<T>().template get<T>(2), ctorm::conversion_error);
  REQUIRE_THROWS_WITH(cells.of<T>().template get<T>(2),
                      Catch::StartsWith("ctorm: bad_cells.v, row 1: ") && Catch::Contains(cause));

  CHECK(cells.of<T>().template get<T>(1).has_value());
  CHECK(cells.of<T>().template count<T>() == 2);
  cells.check_unchanged(before);
}

/// Row 1 holds `literal`, which reads as `expected` both by key and through all().
template <class T>
void bad_expect_accepted(const std::string& literal, const decltype(T::v)& expected) {
  INFO("literal " << literal);
  BadCells cells;
  cells.put(1, literal);
  const auto got = cells.of<T>().template get<T>(1);
  REQUIRE(got.has_value());
  CHECK(got->id == 1);
  CHECK((got->v == expected));
  const auto rows = cells.of<T>().template all<T>();
  REQUIRE(rows.size() == 1);
  CHECK((rows[0].v == expected));
}

/// Rows 1 and 3 hold the extremes `lowest` and `highest`, which read fine; each of
/// `outside` (row 2 first, then 4, 5, ...) is refused as out of `range`.
template <class T>
void bad_check_range(std::int64_t lowest, std::int64_t highest, const std::vector<std::string>& outside,
                     const std::string& range) {
  using V = decltype(T::v);
  BadCells cells;
  cells.put(1, std::to_string(lowest));
  cells.put(2, outside.at(0));
  cells.put(3, std::to_string(highest));
  for (std::size_t i = 1; i < outside.size(); ++i) cells.put(static_cast<std::int64_t>(i) + 3, outside[i]);
  const std::string before = cells.snapshot();

  REQUIRE_THROWS_AS(cells.of<T>().template all<T>(), ctorm::conversion_error);
  REQUIRE_THROWS_WITH(cells.of<T>().template all<T>(), Catch::StartsWith("ctorm: bad_cells.v, row 2: ") &&
                                             Catch::Contains("INTEGER " + outside[0] + " is out of range " + range));
  for (std::size_t i = 0; i < outside.size(); ++i) {
    const std::int64_t id = i == 0 ? 2 : static_cast<std::int64_t>(i) + 3;
    INFO("row id " << id << " holds " << outside[i]);
    REQUIRE_THROWS_AS(cells.of<T>().template get<T>(id), ctorm::conversion_error);
    REQUIRE_THROWS_WITH(cells.of<T>().template get<T>(id), Catch::StartsWith("ctorm: bad_cells.v, row 1: ") &&
                                                 Catch::Contains("INTEGER " + outside[i] + " is out of range " + range));
  }

  const auto low = cells.of<T>().template get<T>(1);
  REQUIRE(low.has_value());
  CHECK(low->v == static_cast<V>(lowest));
  const auto high = cells.of<T>().template get<T>(3);
  REQUIRE(high.has_value());
  CHECK(high->v == static_cast<V>(highest));
  cells.check_unchanged(before);
}

std::chrono::sys_days bad_date(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

std::chrono::sys_seconds bad_time(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return std::chrono::sys_seconds{bad_date(y, m, d)} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
         std::chrono::seconds{ss};
}

}  // namespace

// =============================================================================================

TEST_CASE("NULL in a non-optional member is rejected", "[bad_input][null]") {
  const std::string cause = "NULL in a non-optional member";
  SECTION("int64") { bad_expect_rejected<BadI64Cell>("5", "NULL", cause); }
  SECTION("int8") { bad_expect_rejected<BadI8Cell>("5", "NULL", cause); }
  SECTION("uint64") { bad_expect_rejected<BadU64Cell>("5", "NULL", cause); }
  SECTION("bool") { bad_expect_rejected<BadBoolCell>("1", "NULL", cause); }
  SECTION("float") { bad_expect_rejected<BadFloatCell>("0.5", "NULL", cause); }
  SECTION("double") { bad_expect_rejected<BadDoubleCell>("1.5", "NULL", cause); }
  SECTION("string") { bad_expect_rejected<BadTextCell>("'ok'", "NULL", cause); }
  SECTION("blob") { bad_expect_rejected<BadBlobCell>("X'00'", "NULL", cause); }
  SECTION("enum") { bad_expect_rejected<BadShadeCell>("3", "NULL", cause); }
  SECTION("sys_days") { bad_expect_rejected<BadDayCell>("'2024-01-01'", "NULL", cause); }
  SECTION("sys_seconds") { bad_expect_rejected<BadStampCell>("'2024-01-01 00:00:00'", "NULL", cause); }

  SECTION("the exception names table, column and row") {
    BadCells cells;
    cells.put(1, "1");
    cells.put(2, "NULL");
    const auto e = bad_thrown<ctorm::conversion_error>([&] { cells.of<BadI64Cell>().all<BadI64Cell>(); });
    REQUIRE(e.has_value());
    CHECK(e->table() == "bad_cells");
    CHECK(e->column() == "v");
    CHECK(e->row() == 2);
    CHECK_THAT(e->cause(), Catch::StartsWith(cause));
    CHECK(std::string(e->what()) == "ctorm: bad_cells.v, row 2: " + e->cause());
  }
  SECTION("an optional member reads NULL as nullopt") {
    BadCells cells;
    cells.put(1, "NULL");
    cells.put(2, "7");
    const auto rows = cells.of<BadOptIntCell>().all<BadOptIntCell>();
    REQUIRE(rows.size() == 2);
    CHECK_FALSE(rows[0].v.has_value());
    CHECK(rows[1].v == std::optional<std::int64_t>(7));
    const auto day = cells.of<BadOptDayCell>().get<BadOptDayCell>(1);
    REQUIRE(day.has_value());
    CHECK_FALSE(day->v.has_value());
  }
  SECTION("an optional member still checks a value that is there") {
    bad_expect_rejected<BadOptIntCell>("NULL", "'7'", "TEXT cannot be read into an integer member");
    bad_expect_rejected<BadOptDayCell>("NULL", "'yesterday'", "TEXT 'yesterday' is not an ISO-8601 date");
  }
}

TEST_CASE("an integer outside a member's range is rejected", "[bad_input][integer]") {
  SECTION("int8") {
    bad_check_range<BadI8Cell>(-128, 127, {"128", "-129", "9223372036854775807"}, "[-128, 127]");
  }
  SECTION("int16") { bad_check_range<BadI16Cell>(-32768, 32767, {"32768", "-32769"}, "[-32768, 32767]"); }
  SECTION("int32") {
    bad_check_range<BadI32Cell>(std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max(),
                                {"2147483648", "-2147483649"}, "[-2147483648, 2147483647]");
  }
  SECTION("uint8") { bad_check_range<BadU8Cell>(0, 255, {"256", "-1"}, "[0, 255]"); }
  SECTION("uint16") { bad_check_range<BadU16Cell>(0, 65535, {"-1", "65536"}, "[0, 65535]"); }
  SECTION("uint32") {
    bad_check_range<BadU32Cell>(0, 4294967295, {"4294967296", "-1"}, "[0, 4294967295]");
  }
  SECTION("uint64: negative values") {
    bad_check_range<BadU64Cell>(0, std::numeric_limits<std::int64_t>::max(),
                                {"-1", "-9223372036854775808"}, "[0, 18446744073709551615]");
  }
  SECTION("an enum's underlying type") {
    bad_expect_rejected<BadTinyCell>("1", "1000", "INTEGER 1000 is out of range [-128, 127]");
  }
}

TEST_CASE("a value of the wrong storage class is rejected", "[bad_input][storage]") {
  SECTION("TEXT '42' into integers") {
    bad_expect_rejected<BadI64Cell>("42", "'42'", "TEXT cannot be read into an integer member");
    bad_expect_rejected<BadI32Cell>("42", "'42'", "TEXT cannot be read into an integer member");
    bad_expect_rejected<BadU8Cell>("42", "'42'", "TEXT cannot be read into an integer member");
    bad_expect_rejected<BadBoolCell>("1", "'1'", "TEXT cannot be read into an integer member");
    bad_expect_rejected<BadShadeCell>("1", "'1'", "TEXT cannot be read into an integer member");
  }
  SECTION("TEXT into floating point") {
    bad_expect_rejected<BadDoubleCell>("1.5", "'1.5'", "TEXT cannot be read into a floating-point member");
    bad_expect_rejected<BadFloatCell>("1.5", "'1.5'", "TEXT cannot be read into a floating-point member");
  }
  SECTION("BLOB into a string") {
    bad_expect_rejected<BadTextCell>("'ok'", "X'6F6B'", "BLOB cannot be read into a text member");
  }
  SECTION("numbers into a string") {
    bad_expect_rejected<BadTextCell>("'ok'", "42", "INTEGER cannot be read into a text member");
    bad_expect_rejected<BadTextCell>("'ok'", "4.5", "REAL cannot be read into a text member");
  }
  SECTION("TEXT into a blob") {
    bad_expect_rejected<BadBlobCell>("X'00'", "'ok'", "TEXT cannot be read into a BLOB member");
  }
  SECTION("BLOB into an integer") {
    bad_expect_rejected<BadI64Cell>("1", "X'2A'", "BLOB cannot be read into an integer member");
  }
  SECTION("a number into a date") {
    bad_expect_rejected<BadStampCell>("'2024-01-01 00:00:00'", "1704067200",
                                      "INTEGER cannot be read into a text member");
    bad_expect_rejected<BadDayCell>("'2024-01-01'", "2460310.5", "REAL cannot be read into a text member");
  }
}

TEST_CASE("REAL and INTEGER convert only when the value is kept exactly", "[bad_input][real]") {
  SECTION("REAL 2.5 into an integer is rejected") {
    bad_expect_rejected<BadI64Cell>("3", "2.5", "REAL 2.5 has a fraction");
    bad_expect_rejected<BadI8Cell>("3", "-0.5", "REAL -0.5 has a fraction");
  }
  SECTION("a REAL beyond the 64-bit range into an integer is rejected") {
    bad_expect_rejected<BadI64Cell>("3", "1e19", "REAL 1e+19 is out of range for an integer member");
    bad_expect_rejected<BadI64Cell>("3", "9223372036854775808.0", "is out of range for an integer member");
  }
  SECTION("REAL 3.0 into an integer is accepted") {
    bad_expect_accepted<BadI64Cell>("3.0", 3);
    bad_expect_accepted<BadI8Cell>("-128.0", -128);
    bad_expect_accepted<BadI64Cell>("-9223372036854775808.0", std::numeric_limits<std::int64_t>::min());
  }
  SECTION("a REAL whole number outside a narrow type is rejected") {
    bad_expect_rejected<BadI8Cell>("3", "300.0", "INTEGER 300 is out of range [-128, 127]");
  }
  SECTION("INTEGER 3 into a double is accepted") {
    bad_expect_accepted<BadDoubleCell>("3", 3.0);
    bad_expect_accepted<BadDoubleCell>("9007199254740992", 9007199254740992.0);
    bad_expect_accepted<BadDoubleCell>("-9223372036854775808", -9223372036854775808.0);
  }
  SECTION("INTEGER 9007199254740993 into a double is rejected") {
    bad_expect_rejected<BadDoubleCell>("3", "9007199254740993",
                                       "INTEGER 9007199254740993 cannot be held exactly by a floating-point member");
    bad_expect_rejected<BadDoubleCell>("3", "9223372036854775807",
                                       "INTEGER 9223372036854775807 cannot be held exactly");
  }
  SECTION("REAL 0.1 into a float is rejected") {
    bad_expect_rejected<BadFloatCell>("0.5", "0.1", "REAL 0.10000000000000001 cannot be held exactly by a float");
    bad_expect_rejected<BadFloatCell>("0.5", "16777217", "REAL 16777217 cannot be held exactly by a float");
    bad_expect_rejected<BadFloatCell>("0.5", "1e300", "cannot be held exactly by a float");
  }
  SECTION("REAL 0.5 into a float is accepted") {
    bad_expect_accepted<BadFloatCell>("0.5", 0.5f);
    bad_expect_accepted<BadFloatCell>("16777216", 16777216.0f);
    bad_expect_accepted<BadFloatCell>("-1e300 * 1e300", -std::numeric_limits<float>::infinity());
  }
}

TEST_CASE("only 0 and 1 are booleans", "[bad_input][bool]") {
  SECTION("INTEGER 2 into bool is rejected") {
    bad_expect_rejected<BadBoolCell>("1", "2", "INTEGER 2 is not a boolean (0 or 1)");
    bad_expect_rejected<BadBoolCell>("0", "-1", "INTEGER -1 is not a boolean (0 or 1)");
    bad_expect_rejected<BadBoolCell>("0", "0.5", "REAL 0.5 has a fraction");
  }
  SECTION("0 and 1 are accepted") {
    bad_expect_accepted<BadBoolCell>("0", false);
    bad_expect_accepted<BadBoolCell>("1", true);
  }
}

TEST_CASE("an integer that names no enumerator is rejected", "[bad_input][enum]") {
  SECTION("invalid values") {
    bad_expect_rejected<BadShadeCell>("3", "7", "INTEGER 7 is not a value of the member's enum");
    bad_expect_rejected<BadShadeCell>("-2", "0", "INTEGER 0 is not a value of the member's enum");
    bad_expect_rejected<BadShadeCell>("1", "2", "INTEGER 2 is not a value of the member's enum");
    bad_expect_rejected<BadTinyCell>("0", "-1", "INTEGER -1 is not a value of the member's enum");
  }
  SECTION("every enumerator is accepted") {
    bad_expect_accepted<BadShadeCell>("-2", BadShade::dark);
    bad_expect_accepted<BadShadeCell>("1", BadShade::light);
    bad_expect_accepted<BadShadeCell>("3", BadShade::bright);
    bad_expect_accepted<BadTinyCell>("0", BadTiny::off);
    bad_expect_accepted<BadTinyCell>("1.0", BadTiny::on);
  }
}

TEST_CASE("malformed dates and times are rejected", "[bad_input][chrono]") {
  SECTION("sys_days") {
    for (const std::string bad : {"2024-02-30", "2024-13-01", "yesterday", "2023-02-29", "2024-2-01", "2024-01-00",
                                  "", "2024-01-01 00:00:00", "2024/01/01", "+2024-01-01"}) {
      bad_expect_rejected<BadDayCell>("'2024-02-29'", "'" + bad + "'",
                                      "TEXT '" + bad + "' is not an ISO-8601 date (YYYY-MM-DD)");
    }
  }
  SECTION("sys_seconds") {
    for (const std::string bad : {"2024-01-01 12:00:00.5", "2024-02-30 00:00:00", "2024-13-01 00:00:00",
                                  "2024-01-01 24:00:00", "2024-01-01 12:60:00", "2024-01-01 12:00:60", "yesterday",
                                  "2024-01-01", "2024-01-01T12:00:00+01:00", "2024-01-01 12:00"}) {
      bad_expect_rejected<BadStampCell>("'2024-01-01 12:00:00'", "'" + bad + "'",
                                        "TEXT '" + bad + "' is not an ISO-8601 date-time");
    }
  }
  SECTION("the forms SQLite's date functions write are accepted") {
    bad_expect_accepted<BadStampCell>("'2024-01-01T12:00:00Z'", bad_time(2024, 1, 1, 12, 0, 0));
    bad_expect_accepted<BadStampCell>("'2024-01-01T12:00:00'", bad_time(2024, 1, 1, 12, 0, 0));
    bad_expect_accepted<BadStampCell>("'2024-01-01 12:00:00Z'", bad_time(2024, 1, 1, 12, 0, 0));
    bad_expect_accepted<BadStampCell>("datetime('2024-02-29 23:59:59')", bad_time(2024, 2, 29, 23, 59, 59));
    bad_expect_accepted<BadDayCell>("date('2024-02-28', '+1 day')", bad_date(2024, 2, 29));
    bad_expect_accepted<BadDayCell>("'0000-01-01'", bad_date(0, 1, 1));
  }
}

TEST_CASE("a UNIQUE violation throws constraint_error and changes nothing", "[bad_input][constraint]") {
  BadDb db{":memory:"};
  db.create_all();
  sqlite3* h = db.native_handle();
  BadUser a;
  a.email = "a@example.com";
  a.active = true;
  a.id = db.insert(a);
  BadUser b;
  b.email = "b@example.com";
  b.nick = "bee";
  b.id = db.insert(b);
  const std::string users = "SELECT id, email, active, quote(nick) FROM bad_users ORDER BY id";
  const std::string before = bad_rows(h, users);
  REQUIRE(before == "1|a@example.com|1|NULL\n2|b@example.com|0|'bee'");

  BadUser dup;
  dup.email = "a@example.com";
  SECTION("insert") {
    REQUIRE_THROWS_AS(db.insert(dup), ctorm::constraint_error);
    REQUIRE_THROWS_AS(db.insert(dup), ctorm::database_error);
    REQUIRE_THROWS_WITH(db.insert(dup), Catch::Contains("UNIQUE constraint failed: bad_users.email") &&
                                            Catch::Contains("(code 2067)") && Catch::Contains("INSERT INTO"));
    const auto e = bad_thrown<ctorm::constraint_error>([&] { db.insert(dup); });
    REQUIRE(e.has_value());
    CHECK(e->extended_code() == SQLITE_CONSTRAINT_UNIQUE);
    CHECK(e->extended_code() == 2067);
    CHECK(e->code() == SQLITE_CONSTRAINT);
    CHECK(e->engine_message() == "UNIQUE constraint failed: bad_users.email");
    CHECK_THAT(e->sql(), Catch::StartsWith("INSERT INTO \"bad_users\""));
  }
  SECTION("update") {
    BadUser moved = b;
    moved.email = a.email;
    REQUIRE_THROWS_AS(db.update(moved), ctorm::constraint_error);
    const auto e = bad_thrown<ctorm::constraint_error>([&] { db.update(moved); });
    REQUIRE(e.has_value());
    CHECK(e->extended_code() == SQLITE_CONSTRAINT_UNIQUE);
    CHECK_THAT(e->sql(), Catch::StartsWith("UPDATE \"bad_users\""));
  }
  SECTION("upsert of another key") {
    dup.id = 99;
    REQUIRE_THROWS_AS(db.upsert(dup), ctorm::constraint_error);
    const auto e = bad_thrown<ctorm::constraint_error>([&] { db.upsert(dup); });
    REQUIRE(e.has_value());
    CHECK(e->extended_code() == SQLITE_CONSTRAINT_UNIQUE);
    CHECK_THAT(e->sql(), Catch::Contains("INSERT INTO") && Catch::Contains("ON CONFLICT"));
  }
  SECTION("inside a transaction, which the caller can still commit") {
    auto tx = db.transaction();
    REQUIRE_THROWS_AS(db.insert(dup), ctorm::constraint_error);
    BadUser c;
    c.email = "c@example.com";
    CHECK(db.insert(c) == 3);
    tx.commit();
    CHECK(db.count<BadUser>() == 3);
    CHECK(bad_rows(h, "SELECT email FROM bad_users WHERE id = 3") == "c@example.com");
    bad_exec(h, "DELETE FROM bad_users WHERE id = 3");
  }

  CHECK(db.count<BadUser>() == 2);
  CHECK(bad_rows(h, users) == before);
  CHECK(bad_integrity(h) == "ok");
  // The connection is still fine.
  BadUser c;
  c.email = "c@example.com";
  CHECK(db.insert(c) == 3);
}

TEST_CASE("a duplicate composite primary key throws constraint_error", "[bad_input][constraint]") {
  BadDb db{":memory:"};
  db.create_all();
  BadPair p;
  p.a = 1;
  p.b = 2;
  p.note = "first";
  db.insert(p);
  const std::string before = bad_rows(db.native_handle(), "SELECT a, b, note FROM bad_pairs");

  BadPair again = p;
  again.note = "second";
  REQUIRE_THROWS_AS(db.insert(again), ctorm::constraint_error);
  const auto e = bad_thrown<ctorm::constraint_error>([&] { db.insert(again); });
  REQUIRE(e.has_value());
  CHECK(e->extended_code() == SQLITE_CONSTRAINT_PRIMARYKEY);
  CHECK(e->engine_message() == "UNIQUE constraint failed: bad_pairs.a, bad_pairs.b");
  CHECK_THAT(e->sql(), Catch::StartsWith("INSERT INTO \"bad_pairs\""));

  CHECK(db.count<BadPair>() == 1);
  CHECK(bad_rows(db.native_handle(), "SELECT a, b, note FROM bad_pairs") == before);
  const auto got = db.get<BadPair>(1, 2);
  REQUIRE(got.has_value());
  CHECK(got->note == "first");
  CHECK(bad_integrity(db.native_handle()) == "ok");
}

TEST_CASE("NOT NULL, CHECK and STRICT constraints of ctorm's tables hold", "[bad_input][constraint]") {
  BadDb db{":memory:"};
  db.create_all();
  sqlite3* h = db.native_handle();
  BadUser a;
  a.email = "a@example.com";
  a.id = db.insert(a);
  const std::string users = "SELECT id, email, active, quote(nick) FROM bad_users ORDER BY id";
  const std::string before = bad_rows(h, users);

  // ctorm's DDL declares them.
  const std::string ddl = bad_rows(h, "SELECT sql FROM sqlite_schema WHERE name = 'bad_users'");
  CHECK_THAT(ddl, Catch::Contains("\"email\" TEXT NOT NULL") && Catch::Contains("CHECK (\"active\" IN (0, 1))") &&
                      Catch::Contains("UNIQUE (\"email\")") && Catch::EndsWith("STRICT"));

  SECTION("NOT NULL") {
    const auto r = bad_try_exec(h, "INSERT INTO bad_users(email, active) VALUES (NULL, 0)");
    CHECK(r.code == SQLITE_CONSTRAINT_NOTNULL);
    CHECK_THAT(r.message, Catch::Contains("NOT NULL constraint failed: bad_users.email"));
  }
  SECTION("CHECK on a bool column") {
    const auto r = bad_try_exec(h, "INSERT INTO bad_users(email, active) VALUES ('c@example.com', 2)");
    CHECK(r.code == SQLITE_CONSTRAINT_CHECK);
    CHECK_THAT(r.message, Catch::Contains("CHECK constraint failed"));
    const auto u = bad_try_exec(h, "UPDATE bad_users SET active = 2");
    CHECK(u.code == SQLITE_CONSTRAINT_CHECK);
  }
  SECTION("STRICT column types") {
    const auto r = bad_try_exec(h, "INSERT INTO bad_users(email, active) VALUES ('c@example.com', 'yes')");
    CHECK(r.code == SQLITE_CONSTRAINT_DATATYPE);
    CHECK_THAT(r.message, Catch::Contains("cannot store TEXT value in INTEGER column bad_users.active"));
  }
  CHECK(bad_rows(h, users) == before);
  CHECK(bad_integrity(h) == "ok");
}

TEST_CASE("NOT NULL and CHECK violations through ctorm throw constraint_error", "[bad_input][constraint]") {
  BadCells cells;
  sqlite3* h = cells.raw();
  BadLegacy ok;
  ok.name = "kept";
  ok.id = cells.of<BadLegacy>().insert(ok);
  const std::string before = bad_rows(h, "SELECT id, quote(name) FROM bad_legacy ORDER BY id");

  SECTION("NOT NULL") {
    BadLegacy none;  // nullopt binds NULL, which the legacy table refuses
    REQUIRE_THROWS_AS(cells.of<BadLegacy>().insert(none), ctorm::constraint_error);
    const auto e = bad_thrown<ctorm::constraint_error>([&] { cells.of<BadLegacy>().insert(none); });
    REQUIRE(e.has_value());
    CHECK(e->extended_code() == SQLITE_CONSTRAINT_NOTNULL);
    CHECK(e->engine_message() == "NOT NULL constraint failed: bad_legacy.name");
    CHECK_THAT(e->sql(), Catch::StartsWith("INSERT INTO \"bad_legacy\""));
    none.id = ok.id;
    REQUIRE_THROWS_AS(cells.of<BadLegacy>().update(none), ctorm::constraint_error);
  }
  SECTION("CHECK") {
    BadLegacy empty;
    empty.name = std::string();
    REQUIRE_THROWS_AS(cells.of<BadLegacy>().insert(empty), ctorm::constraint_error);
    const auto e = bad_thrown<ctorm::constraint_error>([&] { cells.of<BadLegacy>().insert(empty); });
    REQUIRE(e.has_value());
    CHECK(e->extended_code() == SQLITE_CONSTRAINT_CHECK);
    CHECK_THAT(e->engine_message(), Catch::Contains("CHECK constraint failed"));
    empty.id = ok.id;
    REQUIRE_THROWS_AS(cells.of<BadLegacy>().replace(empty), ctorm::constraint_error);
  }
  CHECK(bad_rows(h, "SELECT id, quote(name) FROM bad_legacy ORDER BY id") == before);
  CHECK(bad_integrity(h) == "ok");
}

TEST_CASE("writing through a read-only Database throws database_error", "[bad_input][file]") {
  const BadTempFile file;
  BadUser a;
  a.email = "a@example.com";
  a.active = true;
  {
    BadDb writer{file.path()};
    writer.create_all();
    a.id = writer.insert(a);
  }

  ctorm::open_options o;
  o.read_only = true;
  BadDb ro{file.path(), o};
  const auto got = ro.get<BadUser>(a.id);
  REQUIRE(got.has_value());
  CHECK(got->email == a.email);

  BadUser b;
  b.email = "b@example.com";
  REQUIRE_THROWS_AS(ro.insert(b), ctorm::database_error);
  const auto e = bad_thrown<ctorm::database_error>([&] { ro.insert(b); });
  REQUIRE(e.has_value());
  CHECK(e->code() == SQLITE_READONLY);
  CHECK_THAT(e->sql(), Catch::StartsWith("INSERT INTO \"bad_users\""));
  CHECK_THAT(e->what(), Catch::Contains("readonly"));

  BadUser changed = a;
  changed.email = "changed@example.com";
  REQUIRE_THROWS_AS(ro.update(changed), ctorm::database_error);
  REQUIRE_THROWS_AS(ro.upsert(changed), ctorm::database_error);
  REQUIRE_THROWS_AS(ro.replace(changed), ctorm::database_error);
  REQUIRE_THROWS_AS(ro.remove<BadUser>(a.id), ctorm::database_error);
  CHECK_NOTHROW(ro.create_all());  // every table exists already: nothing to write, no error

  CHECK(ro.count<BadUser>() == 1);
  BadDb rw{file.path()};
  CHECK(rw.count<BadUser>() == 1);
  const auto still = rw.get<BadUser>(a.id);
  REQUIRE(still.has_value());
  CHECK(still->email == "a@example.com");
  CHECK(still->active);
  CHECK(bad_integrity(rw.native_handle()) == "ok");
}

TEST_CASE("opening a missing file without create throws database_error", "[bad_input][file]") {
  const BadTempFile file;
  REQUIRE_FALSE(std::filesystem::exists(file.path()));

  ctorm::open_options o;
  o.create = false;
  REQUIRE_THROWS_AS(BadDb(file.path(), o), ctorm::database_error);
  const auto e = bad_thrown<ctorm::database_error>([&] { BadDb db(file.path(), o); });
  REQUIRE(e.has_value());
  CHECK(e->code() == SQLITE_CANTOPEN);
  CHECK_THAT(e->what(), Catch::Contains(file.path()));
  CHECK(e->sql().empty());

  ctorm::open_options ro;
  ro.read_only = true;
  REQUIRE_THROWS_AS(BadDb(file.path(), ro), ctorm::database_error);

  CHECK_FALSE(std::filesystem::exists(file.path()));
}

TEST_CASE("a hydration error in the middle of all() loses nothing", "[bad_input][all]") {
  BadCells cells;
  cells.put(1, "10");
  cells.put(2, "20");
  cells.put(3, "'thirty'");
  cells.put(4, "40");
  cells.put(5, "50");
  const std::string before = cells.snapshot();

  REQUIRE_THROWS_AS(cells.of<BadI64Cell>().all<BadI64Cell>(), ctorm::conversion_error);
  REQUIRE_THROWS_WITH(cells.of<BadI64Cell>().all<BadI64Cell>(), Catch::StartsWith("ctorm: bad_cells.v, row 3: ") &&
                                                      Catch::Contains("TEXT cannot be read into an integer member"));
  const auto e = bad_thrown<ctorm::conversion_error>([&] { cells.of<BadI64Cell>().all<BadI64Cell>(); });
  REQUIRE(e.has_value());
  CHECK(e->row() == 3);

  // Every row is still in the table, and the statements are usable again.
  CHECK(cells.of<BadI64Cell>().count<BadI64Cell>() == 5);
  cells.check_unchanged(before);
  const auto fourth = cells.of<BadI64Cell>().get<BadI64Cell>(4);
  REQUIRE(fourth.has_value());
  CHECK(fourth->v == 40);

  // Once the bad value is fixed, all() returns every row.
  bad_exec(cells.raw(), "UPDATE bad_cells SET v = 30 WHERE id = 3");
  const auto rows = cells.of<BadI64Cell>().all<BadI64Cell>();
  REQUIRE(rows.size() == 5);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i].id == static_cast<std::int64_t>(i) + 1);
    CHECK(rows[i].v == 10 * (static_cast<std::int64_t>(i) + 1));
  }
}
