// Round-trips of every column type ctorm supports, through insert + get and update + get,
// on a private in-memory database and on a real file, plus checks of what SQLite stores.

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <boost/pfr/core.hpp>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctorm/ctorm.hpp>

namespace ctorm_types_test {

enum class RtMood : std::int8_t { sad = -1, meh = 0, happy = 1, ecstatic = 100 };
enum class RtLevel : std::uint8_t { low = 0, mid = 128, high = 255 };
enum class RtWide : std::int64_t { minus = -100, zero = 0, plus = 200 };

}  // namespace ctorm_types_test

namespace {

using ctorm_types_test::RtLevel;
using ctorm_types_test::RtMood;
using ctorm_types_test::RtWide;

enum class RtAnonymous : std::int8_t { first = 1, second = 2 };

struct RtInts {
  std::int64_t id{};
  std::int8_t i8{};
  std::int16_t i16{};
  std::int32_t i32{};
  std::int64_t i64{};
  std::uint8_t u8{};
  std::uint16_t u16{};
  std::uint32_t u32{};
  std::uint64_t u64{};
};

struct RtReals {
  std::int64_t id{};
  bool flag{};
  float f{};
  double d{};
};

struct RtTexts {
  std::int64_t id{};
  std::string s{};
};

struct RtBlobs {
  std::int64_t id{};
  std::vector<std::byte> b{};
};

struct RtEnums {
  std::int64_t id{};
  RtMood mood{RtMood::meh};
  RtLevel level{RtLevel::low};
  RtWide wide{RtWide::zero};
};

struct RtTimes {
  std::int64_t id{};
  std::chrono::sys_seconds at{};
  std::chrono::sys_days on{};  // "on" is an SQL keyword: ctorm must quote it
};

struct RtOptionals {
  std::int64_t id{};
  std::optional<std::int8_t> i8{};
  std::optional<std::int16_t> i16{};
  std::optional<std::int32_t> i32{};
  std::optional<std::int64_t> i64{};
  std::optional<std::uint8_t> u8{};
  std::optional<std::uint16_t> u16{};
  std::optional<std::uint32_t> u32{};
  std::optional<std::uint64_t> u64{};
  std::optional<bool> flag{};
  std::optional<float> f{};
  std::optional<double> d{};
  std::optional<std::string> s{};
  std::optional<std::vector<std::byte>> b{};
  std::optional<RtMood> mood{};
  std::optional<std::chrono::sys_seconds> at{};
  std::optional<std::chrono::sys_days> on{};
};

struct RtKeyed {
  std::int64_t id{};
  std::string name{};
  double score{};
};

struct RtCode {
  std::string code{};
  std::int32_t n{};
  std::optional<std::string> note{};
};

struct RtAnonEnums {
  std::int64_t id{};
  RtAnonymous value{RtAnonymous::first};
};

using RtSchema = ctorm::Schema<ctorm::Table<RtInts, ctorm::Name<"rt_ints">>,
                               ctorm::Table<RtReals, ctorm::Name<"rt_reals">>,
                               ctorm::Table<RtTexts, ctorm::Name<"rt_texts">>,
                               ctorm::Table<RtBlobs, ctorm::Name<"rt_blobs">>,
                               ctorm::Table<RtEnums, ctorm::Name<"rt_enums">>,
                               ctorm::Table<RtTimes, ctorm::Name<"rt_times">>,
                               ctorm::Table<RtOptionals, ctorm::Name<"rt_optionals">>,
                               ctorm::Table<RtKeyed, ctorm::Name<"rt_keyed">>,
                               ctorm::Table<RtCode, ctorm::Name<"rt_codes">, ctorm::PrimaryKey<&RtCode::code>>,
                               ctorm::Table<RtAnonEnums, ctorm::Name<"rt_anon_enums">>>;
using RtDb = ctorm::Database<RtSchema>;

// ---------------------------------------------------------------------------------------------
// Where the database lives: ":memory:" or a uniquely named file in the current directory that
// is removed (with its -wal, -shm and -journal companions) when the place goes away.

void rt_remove_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec;
    std::filesystem::remove(path + suffix, ec);
  }
}

std::string rt_unique_path() {
  static unsigned counter = 0;
  std::random_device rd;
  return "ctorm_types_test_" + std::to_string(rd()) + "_" + std::to_string(++counter) + ".db";
}

class RtPlace {
 public:
  explicit RtPlace(bool on_disk) : on_disk_(on_disk), path_(on_disk ? rt_unique_path() : ":memory:") {
    if (on_disk_) rt_remove_files(path_);
  }
  ~RtPlace() {
    if (on_disk_) rt_remove_files(path_);
  }
  RtPlace(const RtPlace&) = delete;
  RtPlace& operator=(const RtPlace&) = delete;

  bool on_disk() const { return on_disk_; }
  const std::string& path() const { return path_; }
  std::string describe() const { return on_disk_ ? "file database " + path_ : "in-memory database"; }

 private:
  bool on_disk_;
  std::string path_;
};

// ---------------------------------------------------------------------------------------------
// Raw SQLite access, to see what was really stored.

struct RtStmtCloser {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

/// The first row of `sql`, each column as text ("NULL" for NULL).
std::vector<std::string> rt_raw_row(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  const int prepared = sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, RtStmtCloser> st(raw);
  INFO(sql << " -> " << sqlite3_errmsg(db));
  REQUIRE(prepared == SQLITE_OK);
  REQUIRE(sqlite3_step(st.get()) == SQLITE_ROW);
  std::vector<std::string> out;
  for (int i = 0; i < sqlite3_column_count(st.get()); ++i) {
    if (sqlite3_column_type(st.get(), i) == SQLITE_NULL) {
      out.emplace_back("NULL");
    } else {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), i));
      out.emplace_back(p, static_cast<std::size_t>(sqlite3_column_bytes(st.get(), i)));
    }
  }
  return out;
}

std::string rt_raw_value(sqlite3* db, const std::string& sql) {
  const auto row = rt_raw_row(db, sql);
  REQUIRE(row.size() == 1);
  return row[0];
}

void rt_exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  const std::string text = message != nullptr ? message : "";
  sqlite3_free(message);
  INFO(sql << " -> " << text);
  REQUIRE(rc == SQLITE_OK);
}

// ---------------------------------------------------------------------------------------------
// Exact comparison and readable printing of rows, field by field.

template <class X>
struct rt_is_optional : std::false_type {};
template <class X>
struct rt_is_optional<std::optional<X>> : std::true_type {};

std::string rt_escape(std::string_view bytes) {
  if (bytes.size() > 64) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a, to tell big values apart in messages
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
    return "<" + std::to_string(bytes.size()) + " bytes, fnv1a " + std::to_string(h) + ">";
  }
  std::string out = "\"";
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out + "\"";
}

template <class X>
std::string rt_show(const X& v) {
  if constexpr (rt_is_optional<X>::value) {
    return v ? "some(" + rt_show(*v) + ")" : std::string("nullopt");
  } else if constexpr (std::is_same_v<X, bool>) {
    return v ? "true" : "false";
  } else if constexpr (std::is_floating_point_v<X>) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%a", static_cast<double>(v));  // exact, shows -0 and denormals
    return buf;
  } else if constexpr (std::is_enum_v<X>) {
    return "enum " + std::to_string(static_cast<long long>(v));
  } else if constexpr (std::is_integral_v<X>) {
    return std::to_string(v);
  } else if constexpr (std::is_same_v<X, std::string>) {
    return rt_escape(v);
  } else if constexpr (std::is_same_v<X, std::vector<std::byte>>) {
    return "blob " + rt_escape({reinterpret_cast<const char*>(v.data()), v.size()});
  } else {
    return std::to_string(v.time_since_epoch().count()) +
           (std::is_same_v<X, std::chrono::sys_days> ? " days" : " s");
  }
}

template <class T>
std::string rt_show_row(const T& row) {
  std::string out = "{";
  boost::pfr::for_each_field(row, [&](const auto& field) {
    if (out.size() > 1) out += ", ";
    out += rt_show(field);
  });
  return out + "}";
}

/// Equal, with floating-point values compared bit for bit (-0.0 differs from 0.0).
template <class X>
bool rt_same_value(const X& a, const X& b) {
  if constexpr (rt_is_optional<X>::value) {
    return a.has_value() == b.has_value() && (!a || rt_same_value(*a, *b));
  } else if constexpr (std::is_floating_point_v<X>) {
    return std::signbit(a) == std::signbit(b) && (a == b || (std::isnan(a) && std::isnan(b)));
  } else {
    return a == b;
  }
}

template <class T>
bool rt_same(const T& a, const T& b) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return (rt_same_value(boost::pfr::get<I>(a), boost::pfr::get<I>(b)) && ...);
  }(std::make_index_sequence<boost::pfr::tuple_size_v<T>>{});
}

template <class T>
void rt_check_row(RtDb& db, std::int64_t id, const T& expected) {
  const std::optional<T> got = db.get<T>(id);
  REQUIRE(got.has_value());
  CHECK(got->id == id);
  CHECK(rt_show_row(*got) == rt_show_row(expected));
  CHECK(rt_same(*got, expected));
}

/// Writes `value` with insert and reads it back; then turns another row holding default values
/// into `value` with update and reads that back. On a file database both rows are also read
/// through a second connection, so they really reached the file.
template <class T>
void rt_round_trip(RtDb& db, const RtPlace& place, T value) {
  INFO(place.describe() << ", value " << rt_show_row(value));

  const std::int64_t inserted = db.insert(value);
  value.id = inserted;
  rt_check_row(db, inserted, value);

  const std::int64_t updated = db.insert(T{});
  CHECK(updated != inserted);
  T changed = value;
  changed.id = updated;
  REQUIRE(db.update(changed));
  rt_check_row(db, updated, changed);
  rt_check_row(db, inserted, value);  // the update touched only its own row

  if (place.on_disk()) {
    RtDb second{place.path()};
    rt_check_row(second, inserted, value);
    rt_check_row(second, updated, changed);
  }
}

// ---------------------------------------------------------------------------------------------
// Values.

std::vector<std::byte> rt_blob(std::initializer_list<int> bytes) {
  std::vector<std::byte> out;
  for (int b : bytes) out.push_back(static_cast<std::byte>(b));
  return out;
}

std::chrono::sys_days rt_date(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

std::chrono::sys_seconds rt_time(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return std::chrono::sys_seconds{rt_date(y, m, d)} + std::chrono::hours{hh} +
         std::chrono::minutes{mm} + std::chrono::seconds{ss};
}

/// A time and a date with the text ctorm must store for them.
struct RtTimeCase {
  std::chrono::sys_seconds at{};
  std::chrono::sys_days on{};
  const char* at_text{};
  const char* on_text{};
};

std::string rt_mebibyte_string() {
  std::string s(std::size_t{1} << 20, '\0');
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<char>((i * 7 + i / 256) % 256);
  return s;
}

std::vector<std::byte> rt_mebibyte_blob() {
  std::vector<std::byte> b(std::size_t{1} << 20);
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::byte>((i * 13 + i / 512) % 256);
  return b;
}

RtInts rt_int_limits(bool highest) {
  RtInts r;
  if (highest) {
    r.i8 = std::numeric_limits<std::int8_t>::max();
    r.i16 = std::numeric_limits<std::int16_t>::max();
    r.i32 = std::numeric_limits<std::int32_t>::max();
    r.i64 = std::numeric_limits<std::int64_t>::max();
    r.u8 = std::numeric_limits<std::uint8_t>::max();
    r.u16 = std::numeric_limits<std::uint16_t>::max();
    r.u32 = std::numeric_limits<std::uint32_t>::max();
    r.u64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  } else {
    r.i8 = std::numeric_limits<std::int8_t>::min();
    r.i16 = std::numeric_limits<std::int16_t>::min();
    r.i32 = std::numeric_limits<std::int32_t>::min();
    r.i64 = std::numeric_limits<std::int64_t>::min();
    r.u8 = 0;
    r.u16 = 0;
    r.u32 = 0;
    r.u64 = 0;
  }
  return r;
}

}  // namespace

// =============================================================================================

TEST_CASE("integer members round-trip at the limits of every width", "[types][integer]") {
  const RtPlace place(GENERATE(false, true));
  RtDb db{place.path()};
  db.create_all();

  SECTION("minimum values") { rt_round_trip(db, place, rt_int_limits(false)); }
  SECTION("maximum values (uint64 up to INT64_MAX)") { rt_round_trip(db, place, rt_int_limits(true)); }
  SECTION("values next to zero") {
    RtInts r;
    r.i8 = -1;
    r.i16 = 1;
    r.i32 = -1;
    r.i64 = -1;
    r.u8 = 1;
    r.u16 = 1;
    r.u32 = 1;
    r.u64 = 1;
    rt_round_trip(db, place, r);
  }
  SECTION("a row updated from the minimums to the maximums and back") {
    const auto id = db.insert(rt_int_limits(false));
    RtInts high = rt_int_limits(true);
    high.id = id;
    REQUIRE(db.update(high));
    rt_check_row(db, id, high);
    RtInts low = rt_int_limits(false);
    low.id = id;
    REQUIRE(db.update(low));
    rt_check_row(db, id, low);
    CHECK(db.count<RtInts>() == 1);
  }
  SECTION("stored as plain INTEGER values") {
    const auto low = db.insert(rt_int_limits(false));
    const auto high = db.insert(rt_int_limits(true));
    CHECK(rt_raw_row(db.native_handle(),
                     "SELECT typeof(i8), i8, typeof(i64), i64, typeof(u64), u64 FROM rt_ints WHERE id = " +
                         std::to_string(low)) ==
          std::vector<std::string>{"integer", "-128", "integer", "-9223372036854775808", "integer", "0"});
    CHECK(rt_raw_row(db.native_handle(),
                     "SELECT i16, i32, u8, u16, u32, typeof(u64), u64 FROM rt_ints WHERE id = " +
                         std::to_string(high)) ==
          std::vector<std::string>{"32767", "2147483647", "255", "65535", "4294967295", "integer",
                                   "9223372036854775807"});
  }
}

TEST_CASE("uint64 values above INT64_MAX are rejected on write and change nothing", "[types][integer]") {
  const RtPlace place(GENERATE(false, true));
  RtDb db{place.path()};
  db.create_all();

  RtInts kept = rt_int_limits(true);
  kept.id = db.insert(kept);
  REQUIRE(db.count<RtInts>() == 1);

  for (const std::uint64_t too_big : {std::uint64_t{9223372036854775808ull}, std::numeric_limits<std::uint64_t>::max()}) {
    INFO(place.describe() << ", u64 = " << too_big);
    RtInts bad = rt_int_limits(false);
    bad.u64 = too_big;

    REQUIRE_THROWS_AS(db.insert(bad), ctorm::conversion_error);
    REQUIRE_THROWS_WITH(db.insert(bad), Catch::Contains("rt_ints.u64 (value written)") &&
                                            Catch::Contains(std::to_string(too_big) + " does not fit"));
    try {
      db.insert(bad);
      FAIL("insert of an unsigned value above INT64_MAX did not throw");
    } catch (const ctorm::conversion_error& e) {
      CHECK(e.table() == "rt_ints");
      CHECK(e.column() == "u64");
      CHECK(e.row() == 0);
      CHECK_THAT(e.cause(), Catch::Contains("signed 64-bit INTEGER"));
    }

    bad.id = kept.id;  // an update of an existing row is refused as well...
    REQUIRE_THROWS_AS(db.update(bad), ctorm::conversion_error);
    REQUIRE_THROWS_AS(db.upsert(bad), ctorm::conversion_error);
    REQUIRE_THROWS_AS(db.replace(bad), ctorm::conversion_error);

    CHECK(db.count<RtInts>() == 1);  // ...and the table is unchanged
    rt_check_row(db, kept.id, kept);
  }
}

TEST_CASE("bool, float and double members round-trip bit for bit", "[types][real]") {
  const RtPlace place(GENERATE(false, true));
  RtDb db{place.path()};
  db.create_all();

  // -0.0 is left out here: SQLite turns it into +0.0 (see "negative zero ..." below).
  const std::vector<float> floats{0.0f,
                                  1.0f,
                                  0.1f,  // the float nearest 0.1 is exact as a double
                                  -3.5f,
                                  FLT_MIN,
                                  FLT_MAX,
                                  -FLT_MAX,
                                  std::numeric_limits<float>::denorm_min(),
                                  -std::numeric_limits<float>::denorm_min(),
                                  std::nextafter(FLT_MIN, 0.0f),  // largest float denormal
                                  std::numeric_limits<float>::infinity(),
                                  -std::numeric_limits<float>::infinity()};
  const std::vector<double> doubles{0.0,
                                    1.0,
                                    0.1,
                                    1.0 / 3.0,
                                    -2.5e-300,
                                    DBL_MIN,
                                    DBL_MAX,
                                    -DBL_MAX,
                                    std::numeric_limits<double>::denorm_min(),
                                    -std::numeric_limits<double>::denorm_min(),
                                    std::nextafter(DBL_MIN, 0.0),  // largest double denormal
                                    std::numeric_limits<double>::infinity(),
                                    -std::numeric_limits<double>::infinity(),
                                    9007199254740993.0 /* rounds to 2^53 */,
                                    std::numeric_limits<double>::epsilon()};
  const std::size_t n = std::max(floats.size(), doubles.size());
  for (std::size_t i = 0; i < n; ++i) {
    RtReals r;
    r.flag = i % 2 == 1;
    r.f = floats[i % floats.size()];
    r.d = doubles[i % doubles.size()];
    rt_round_trip(db, place, r);
  }

  // bool is stored as INTEGER 0/1, float and double as REAL; infinities keep their sign.
  RtReals negative;
  negative.flag = true;
  negative.f = -std::numeric_limits<float>::denorm_min();
  negative.d = -std::numeric_limits<double>::infinity();
  const auto id = db.insert(negative);
  RtReals positive;
  positive.flag = false;
  positive.f = std::numeric_limits<float>::infinity();
  positive.d = 0.5;
  const auto other = db.insert(positive);
  CHECK(rt_raw_row(db.native_handle(), "SELECT typeof(flag), flag, typeof(f), f < 0, typeof(d), d < -1e308 FROM rt_reals WHERE id = " +
                                           std::to_string(id)) ==
        std::vector<std::string>{"integer", "1", "real", "1", "real", "1"});
  CHECK(rt_raw_row(db.native_handle(), "SELECT typeof(flag), flag, typeof(f), f > 1e308, typeof(d), d FROM rt_reals WHERE id = " +
                                           std::to_string(other)) ==
        std::vector<std::string>{"integer", "0", "real", "1", "real", "0.5"});
  const auto got = db.get<RtReals>(id);
  REQUIRE(got);
  CHECK(got->flag);
  CHECK(got->f == -std::numeric_limits<float>::denorm_min());
  CHECK(std::isinf(got->d));
  CHECK(got->d < 0);
}

// SQLite writes a REAL without a fraction as an integer on disk, which loses the sign of -0.0;
// ctorm refuses -0.0 on write, as it refuses NaN, instead of reading back +0.0.
TEST_CASE("negative zero is refused on write and nothing changes", "[types][real]") {
  RtDb db{":memory:"};
  db.create_all();

  RtReals r;
  r.d = -0.0;
  REQUIRE_THROWS_WITH(db.insert(r), Catch::Contains("rt_reals.d (value written): -0.0 cannot be stored exactly"));
  r.d = 0.0;
  r.f = -0.0f;
  REQUIRE_THROWS_AS(db.insert(r), ctorm::conversion_error);
  CHECK(db.count<RtReals>() == 0);

  r.f = 0.0f;
  const auto id = db.insert(r);
  const auto got = db.get<RtReals>(id);
  REQUIRE(got);
  CHECK_FALSE(std::signbit(got->d));
  CHECK_FALSE(std::signbit(got->f));

  RtOptionals o;
  o.d = -0.0;
  try {
    db.insert(o);
    FAIL("-0.0 was accepted");
  } catch (const ctorm::conversion_error& e) {
    CHECK(e.column() == "d");
    CHECK(e.row() == 0);
  }
  CHECK(db.count<RtOptionals>() == 0);
}

// NaN is rejected on write: SQLite turns a bound NaN into NULL, so it could never be read back
// as the value written. ctorm throws conversion_error before running the statement instead.
TEST_CASE("NaN is rejected on write with conversion_error and nothing changes", "[types][real]") {
  const RtPlace place(GENERATE(false, true));
  RtDb db{place.path()};
  db.create_all();

  RtReals kept;
  kept.flag = true;
  kept.f = 1.5f;
  kept.d = -2.25;
  kept.id = db.insert(kept);

  const double nans[] = {std::numeric_limits<double>::quiet_NaN(), -std::numeric_limits<double>::quiet_NaN(),
                         std::numeric_limits<double>::signaling_NaN()};
  for (const double nan : nans) {
    INFO(place.describe() << ", NaN " << rt_show(nan));
    RtReals bad_d;
    bad_d.d = nan;
    REQUIRE_THROWS_AS(db.insert(bad_d), ctorm::conversion_error);
    REQUIRE_THROWS_WITH(db.insert(bad_d), Catch::Contains("rt_reals.d (value written)") && Catch::Contains("NaN"));

    RtReals bad_f;
    bad_f.f = static_cast<float>(nan);
    REQUIRE_THROWS_AS(db.insert(bad_f), ctorm::conversion_error);
    REQUIRE_THROWS_WITH(db.insert(bad_f), Catch::Contains("rt_reals.f (value written)") && Catch::Contains("NaN"));

    bad_d.id = kept.id;
    REQUIRE_THROWS_AS(db.update(bad_d), ctorm::conversion_error);
    REQUIRE_THROWS_AS(db.upsert(bad_d), ctorm::conversion_error);
    REQUIRE_THROWS_AS(db.replace(bad_d), ctorm::conversion_error);

    RtOptionals bad_opt;
    bad_opt.d = nan;
    REQUIRE_THROWS_WITH(db.insert(bad_opt), Catch::Contains("rt_optionals.d (value written)"));
    bad_opt.d.reset();
    bad_opt.f = static_cast<float>(nan);
    REQUIRE_THROWS_WITH(db.insert(bad_opt), Catch::Contains("rt_optionals.f (value written)"));
  }
  CHECK(db.count<RtReals>() == 1);
  CHECK(db.count<RtOptionals>() == 0);
  rt_check_row(db, kept.id, kept);
}

TEST_CASE("string members round-trip byte for byte", "[types][text]") {
  const RtPlace place(GENERATE(false, true));
  RtDb db{place.path()};
  db.create_all();
  rt_exec(db.native_handle(), "CREATE TABLE x(y INTEGER)");

  const std::vector<std::string> values{
      "",
      "plain",
      "it's \"quoted\" `twice`",
      "'); DROP TABLE x; --",
      "\"); DROP TABLE rt_texts; --",
      std::string("a\0b\0\0c", 6),
      std::string("\0", 1),
      std::string("trailing NUL\0", 13),
      "\xff\xfe\x80 not UTF-8 \xc3\x28 \xed\xa0\x80",
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",  // valid multi-byte UTF-8
      "line\nbreak\ttab\r\n",
      rt_mebibyte_string(),
  };
  for (const auto& v : values) {
    RtTexts t;
    t.s = v;
    rt_round_trip(db, place, t);
  }

  // The injection attempts were stored as data and ran no SQL.
  CHECK(rt_raw_value(db.native_handle(), "SELECT count(*) FROM sqlite_schema WHERE name IN ('x', 'rt_texts')") == "2");

  // Embedded NULs and invalid UTF-8 are stored as TEXT with every byte.
  RtTexts nul;
  nul.s = std::string("a\0\xff", 3);
  const auto id = db.insert(nul);
  CHECK(rt_raw_row(db.native_handle(), "SELECT typeof(s), length(CAST(s AS BLOB)), hex(s) FROM rt_texts WHERE id = " +
                                           std::to_string(id)) ==
        std::vector<std::string>{"text", "3", "6100FF"});

  // The empty string is TEXT, not NULL.
  RtTexts empty;
  const auto empty_id = db.insert(empty);
  CHECK(rt_raw_row(db.native_handle(), "SELECT typeof(s), length(s) FROM rt_texts WHERE id = " + std::to_string(empty_id)) ==
        std::vector<std::string>{"text", "0"});
}

TEST_CASE("blob members round-trip byte for byte; an empty blob stays an empty blob", "[types][blob]") {
  const RtPlace place(GENERATE(false, true));
  RtDb db{place.path()};
  db.create_all();

  std::vector<std::byte> every_byte;
  for (int i = 0; i < 256; ++i) every_byte.push_back(static_cast<std::byte>(i));

  const std::vector<std::vector<std::byte>> values{
      {}, rt_blob({0}), rt_blob({0, 0, 0}), rt_blob({0x27, 0x29, 0x3b, 0x00, 0x2d, 0x2d}), every_byte,
      rt_mebibyte_blob()};
  for (const auto& v : values) {
    RtBlobs b;
    b.b = v;
    rt_round_trip(db, place, b);
  }

  RtBlobs empty;
  const auto id = db.insert(empty);
  const auto got = db.get<RtBlobs>(id);
  REQUIRE(got);
  CHECK(got->b.empty());
  // Stored as a zero-length BLOB, not as NULL (the column is NOT NULL anyway).
  CHECK(rt_raw_row(db.native_handle(), "SELECT typeof(b), length(b), b IS NULL FROM rt_blobs WHERE id = " + std::to_string(id)) ==
        std::vector<std::string>{"blob", "0", "0"});

  RtBlobs nuls;
  nuls.b = rt_blob({0, 1, 0});
  const auto nul_id = db.insert(nuls);
  CHECK(rt_raw_row(db.native_handle(), "SELECT typeof(b), hex(b) FROM rt_blobs WHERE id = " + std::to_string(nul_id)) ==
        std::vector<std::string>{"blob", "000100"});
}

TEST_CASE("enum members round-trip as their underlying integers", "[types][enum]") {
  const RtPlace place(GENERATE(false, true));
  RtDb db{place.path()};
  db.create_all();

  const RtMood moods[] = {RtMood::sad, RtMood::meh, RtMood::happy, RtMood::ecstatic};
  const RtLevel levels[] = {RtLevel::low, RtLevel::mid, RtLevel::high};
  const RtWide wides[] = {RtWide::minus, RtWide::zero, RtWide::plus};
  for (std::size_t i = 0; i < 4; ++i) {
    RtEnums e;
    e.mood = moods[i];
    e.level = levels[(i + 1) % 3];
    e.wide = wides[i % 3];
    rt_round_trip(db, place, e);
  }

  RtEnums stored;
  stored.mood = RtMood::sad;
  stored.level = RtLevel::high;
  stored.wide = RtWide::minus;
  const auto id = db.insert(stored);
  CHECK(rt_raw_row(db.native_handle(),
                   "SELECT typeof(mood), mood, typeof(level), level, typeof(wide), wide FROM rt_enums WHERE id = " +
                       std::to_string(id)) ==
        std::vector<std::string>{"integer", "-1", "integer", "255", "integer", "-100"});

  // A value that names no enumerator is refused on write, and nothing is written.
  const auto before = db.count<RtEnums>();
  RtEnums bad;
  bad.mood = static_cast<RtMood>(7);
  REQUIRE_THROWS_AS(db.insert(bad), ctorm::conversion_error);
  REQUIRE_THROWS_WITH(db.insert(bad), Catch::Contains("rt_enums.mood (value written)") &&
                                          Catch::Contains("7 is not a value of the member's enum"));
  bad.id = id;
  REQUIRE_THROWS_AS(db.update(bad), ctorm::conversion_error);
  CHECK(db.count<RtEnums>() == before);
  stored.id = id;
  rt_check_row(db, id, stored);
}

TEST_CASE("sys_seconds and sys_days members round-trip as ISO-8601 text", "[types][chrono]") {
  const RtPlace place(GENERATE(false, true));
  RtDb db{place.path()};
  db.create_all();

  const RtTimeCase cases[] = {
      {rt_time(1970, 1, 1, 0, 0, 0), rt_date(1970, 1, 1), "1970-01-01 00:00:00", "1970-01-01"},
      {rt_time(0, 1, 1, 0, 0, 0), rt_date(0, 1, 1), "0000-01-01 00:00:00", "0000-01-01"},
      {rt_time(9999, 12, 31, 23, 59, 59), rt_date(9999, 12, 31), "9999-12-31 23:59:59", "9999-12-31"},
      {rt_time(2024, 2, 29, 13, 45, 0), rt_date(2024, 2, 29), "2024-02-29 13:45:00", "2024-02-29"},
      {rt_time(2000, 2, 29, 12, 0, 1), rt_date(2000, 2, 29), "2000-02-29 12:00:01", "2000-02-29"},
      {rt_time(1969, 12, 31, 23, 59, 59), rt_date(1600, 2, 29), "1969-12-31 23:59:59", "1600-02-29"},
      {rt_time(1900, 3, 1, 0, 0, 0), rt_date(1900, 2, 28), "1900-03-01 00:00:00", "1900-02-28"},
  };
  for (const RtTimeCase& c : cases) {
    RtTimes t;
    t.at = c.at;
    t.on = c.on;
    rt_round_trip(db, place, t);

    const auto id = db.insert(t);
    CHECK(rt_raw_row(db.native_handle(),
                     "SELECT typeof(at), at, typeof(\"on\"), \"on\" FROM rt_times WHERE id = " + std::to_string(id)) ==
          std::vector<std::string>{"text", c.at_text, "text", c.on_text});
  }
  // The stored text is what SQLite's own date functions read.
  RtTimes leap;
  leap.at = rt_time(2024, 2, 29, 23, 59, 59);
  leap.on = rt_date(2024, 2, 29);
  const auto id = db.insert(leap);
  CHECK(rt_raw_row(db.native_handle(), "SELECT unixepoch(at), date(\"on\", '+1 day') FROM rt_times WHERE id = " +
                                           std::to_string(id)) ==
        std::vector<std::string>{std::to_string(leap.at.time_since_epoch().count()), "2024-03-01"});
}

TEST_CASE("dates outside the years 0000-9999 are rejected on write", "[types][chrono]") {
  RtDb db{":memory:"};
  db.create_all();
  RtTimes kept;
  kept.at = rt_time(2024, 2, 29, 1, 2, 3);
  kept.on = rt_date(2024, 2, 29);
  kept.id = db.insert(kept);

  SECTION("year 10000 in a sys_days") {
    RtTimes bad = kept;
    bad.on = rt_date(10000, 1, 1);
    REQUIRE_THROWS_AS(db.insert(bad), ctorm::conversion_error);
    REQUIRE_THROWS_WITH(db.insert(bad), Catch::Contains("rt_times.on (value written)") &&
                                            Catch::Contains("outside the years 0000-9999"));
    REQUIRE_THROWS_AS(db.update(bad), ctorm::conversion_error);
  }
  SECTION("one second after 9999-12-31 23:59:59 in a sys_seconds") {
    RtTimes bad = kept;
    bad.at = rt_time(9999, 12, 31, 23, 59, 59) + std::chrono::seconds{1};
    REQUIRE_THROWS_AS(db.insert(bad), ctorm::conversion_error);
    REQUIRE_THROWS_WITH(db.insert(bad), Catch::Contains("rt_times.at (value written)") &&
                                            Catch::Contains("outside the years 0000-9999"));
    REQUIRE_THROWS_AS(db.upsert(bad), ctorm::conversion_error);
  }
  SECTION("before year 0000") {
    RtTimes bad = kept;
    bad.at = rt_time(0, 1, 1, 0, 0, 0) - std::chrono::seconds{1};
    REQUIRE_THROWS_WITH(db.insert(bad), Catch::Contains("rt_times.at (value written)"));
    bad.at = kept.at;
    bad.on = rt_date(-1, 12, 31);
    REQUIRE_THROWS_WITH(db.insert(bad), Catch::Contains("rt_times.on (value written)"));
  }
  SECTION("an optional holding year 10000") {
    RtOptionals bad;
    bad.on = rt_date(10000, 6, 1);
    REQUIRE_THROWS_WITH(db.insert(bad), Catch::Contains("rt_optionals.on (value written)"));
    CHECK(db.count<RtOptionals>() == 0);
  }
  CHECK(db.count<RtTimes>() == 1);
  rt_check_row(db, kept.id, kept);
}

TEST_CASE("optional members: nullopt is NULL, engaged values round-trip", "[types][optional]") {
  const RtPlace place(GENERATE(false, true));
  RtDb db{place.path()};
  db.create_all();

  RtOptionals edges;  // engaged with the values most easily confused with "no value"
  edges.i8 = std::int8_t{0};
  edges.i16 = std::numeric_limits<std::int16_t>::min();
  edges.i32 = std::int32_t{0};
  edges.i64 = std::numeric_limits<std::int64_t>::min();
  edges.u8 = std::numeric_limits<std::uint8_t>::max();
  edges.u16 = std::uint16_t{0};
  edges.u32 = std::numeric_limits<std::uint32_t>::max();
  edges.u64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  edges.flag = false;
  edges.f = -std::numeric_limits<float>::denorm_min();
  edges.d = std::numeric_limits<double>::denorm_min();
  edges.s = std::string{};
  edges.b = std::vector<std::byte>{};
  edges.mood = RtMood::sad;
  edges.at = rt_time(0, 1, 1, 0, 0, 0);
  edges.on = rt_date(9999, 12, 31);

  RtOptionals typical;
  typical.i8 = std::int8_t{-5};
  typical.i16 = std::int16_t{300};
  typical.i32 = std::int32_t{-70000};
  typical.i64 = std::int64_t{1} << 40;
  typical.u8 = std::uint8_t{7};
  typical.u16 = std::uint16_t{60000};
  typical.u32 = std::uint32_t{4000000000u};
  typical.u64 = std::uint64_t{1} << 62;
  typical.flag = true;
  typical.f = 2.5f;
  typical.d = -DBL_MAX;
  typical.s = std::string("x\0y", 3);
  typical.b = rt_blob({0, 255});
  typical.mood = RtMood::ecstatic;
  typical.at = rt_time(2024, 2, 29, 12, 0, 0);
  typical.on = rt_date(2024, 2, 29);

  rt_round_trip(db, place, RtOptionals{});
  rt_round_trip(db, place, edges);
  rt_round_trip(db, place, typical);

  // nullopt is stored as NULL in every column.
  const auto none = db.insert(RtOptionals{});
  CHECK(rt_raw_value(db.native_handle(),
                     "SELECT count(*) FROM rt_optionals WHERE id = " + std::to_string(none) +
                         " AND i8 IS NULL AND i16 IS NULL AND i32 IS NULL AND i64 IS NULL AND u8 IS NULL"
                         " AND u16 IS NULL AND u32 IS NULL AND u64 IS NULL AND flag IS NULL AND f IS NULL"
                         " AND d IS NULL AND s IS NULL AND b IS NULL AND mood IS NULL AND at IS NULL"
                         " AND \"on\" IS NULL") == "1");

  // Engaged "empty" values are real values, not NULL.
  const auto some = db.insert(edges);
  CHECK(rt_raw_row(db.native_handle(),
                   "SELECT typeof(i8), typeof(flag), flag, typeof(f), typeof(s), typeof(b), typeof(mood), mood,"
                   " typeof(at), at, \"on\" FROM rt_optionals WHERE id = " +
                       std::to_string(some)) ==
        std::vector<std::string>{"integer", "integer", "0", "real", "text", "blob", "integer", "-1", "text",
                                 "0000-01-01 00:00:00", "9999-12-31"});

  // update can engage and disengage every member.
  RtOptionals engage = typical;
  engage.id = none;
  REQUIRE(db.update(engage));
  rt_check_row(db, none, engage);
  RtOptionals clear;
  clear.id = some;
  REQUIRE(db.update(clear));
  rt_check_row(db, some, clear);
  CHECK(rt_raw_value(db.native_handle(), "SELECT count(*) FROM rt_optionals WHERE id = " + std::to_string(some) +
                                             " AND coalesce(i8, i16, i32, i64, u8, u16, u32, u64, flag, f, d, s, b,"
                                             " mood, at, \"on\") IS NULL") == "1");
}

TEST_CASE("values written to a file survive closing and reopening it", "[types][file]") {
  const RtPlace place(true);
  RtOptionals full;
  full.i8 = std::int8_t{-128};
  full.u64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  full.flag = true;
  full.f = std::numeric_limits<float>::denorm_min();
  full.d = -std::numeric_limits<double>::denorm_min();
  full.s = rt_mebibyte_string();
  full.b = rt_mebibyte_blob();
  full.mood = RtMood::happy;
  full.at = rt_time(9999, 12, 31, 23, 59, 59);
  full.on = rt_date(0, 1, 1);
  RtReals reals;
  reals.f = -std::numeric_limits<float>::infinity();
  reals.d = DBL_MIN;

  std::int64_t full_id = 0, reals_id = 0;
  {
    RtDb db{place.path()};
    db.create_all();
    full_id = db.insert(full);
    reals_id = db.insert(reals);
  }
  CHECK(std::filesystem::exists(place.path()));
  full.id = full_id;
  reals.id = reals_id;
  RtDb reopened{place.path()};
  rt_check_row(reopened, full_id, full);
  rt_check_row(reopened, reals_id, reals);
  CHECK(reopened.count<RtOptionals>() == 1);
  CHECK(rt_raw_value(reopened.native_handle(), "PRAGMA journal_mode") == "wal");
}

TEST_CASE("upsert keeps the key it is given", "[types][upsert]") {
  const RtPlace place(GENERATE(false, true));
  RtDb db{place.path()};
  db.create_all();

  SECTION("integer key") {
    RtKeyed first;
    first.id = 42;
    first.name = "first";
    first.score = 1.5;
    db.upsert(first);  // no row 42 yet: inserted with key 42
    CHECK(db.count<RtKeyed>() == 1);
    rt_check_row(db, 42, first);

    RtKeyed second;
    second.id = 42;
    second.name = "second";
    second.score = -0.5;
    db.upsert(second);  // row 42 exists: updated in place
    CHECK(db.count<RtKeyed>() == 1);
    rt_check_row(db, 42, second);
    CHECK(rt_raw_value(db.native_handle(), "SELECT rowid FROM rt_keyed") == "42");

    // insert continues after the largest key; upsert of that key updates it.
    const auto next = db.insert(first);
    CHECK(next == 43);
    RtKeyed third = second;
    third.id = next;
    third.name = "third";
    db.upsert(third);
    CHECK(db.count<RtKeyed>() == 2);
    rt_check_row(db, 43, third);
    rt_check_row(db, 42, second);
  }
  SECTION("text key") {
    RtCode a;
    a.code = "a'b\"c";
    a.n = 1;
    db.upsert(a);
    a.n = 2;
    a.note = "changed";
    db.upsert(a);
    CHECK(db.count<RtCode>() == 1);
    const auto got = db.get<RtCode>(std::string("a'b\"c"));
    REQUIRE(got);
    CHECK(got->code == "a'b\"c");
    CHECK(got->n == 2);
    CHECK(got->note == std::optional<std::string>("changed"));
  }
}

TEST_CASE("replace keeps the key it is given", "[types][replace]") {
  const RtPlace place(GENERATE(false, true));
  RtDb db{place.path()};
  db.create_all();

  SECTION("integer key") {
    RtKeyed a;
    a.id = 7;
    a.name = "a";
    a.score = 1.0;
    db.replace(a);
    CHECK(db.count<RtKeyed>() == 1);
    rt_check_row(db, 7, a);

    RtKeyed b;
    b.id = 7;
    b.name = "b";
    b.score = std::numeric_limits<double>::infinity();
    db.replace(b);
    CHECK(db.count<RtKeyed>() == 1);
    rt_check_row(db, 7, b);
    CHECK(rt_raw_value(db.native_handle(), "SELECT group_concat(rowid) FROM rt_keyed") == "7");
    CHECK_FALSE(db.get<RtKeyed>(8).has_value());
  }
  SECTION("text key") {
    RtCode a;
    a.code = "";
    a.n = -1;
    a.note = "old";
    db.replace(a);
    RtCode b;
    b.code = "";
    b.n = 5;
    db.replace(b);
    CHECK(db.count<RtCode>() == 1);
    const auto got = db.get<RtCode>(std::string());
    REQUIRE(got);
    CHECK(got->code.empty());
    CHECK(got->n == 5);
    CHECK_FALSE(got->note.has_value());
  }
}

// Clang spells such an enumerator "(anonymous namespace)::RtAnonymous::first", GCC
// "<unnamed>::RtAnonymous::first"; both must count as named.
TEST_CASE("an enum declared in an anonymous namespace round-trips", "[types][enum]") {
  RtDb db{":memory:"};
  db.create_all();
  CHECK(ctorm::is_enum_value<RtAnonymous>(1));
  CHECK(ctorm::is_enum_value<RtAnonymous>(2));
  CHECK_FALSE(ctorm::is_enum_value<RtAnonymous>(3));
  RtAnonEnums e;
  e.value = RtAnonymous::second;
  const auto id = db.insert(e);
  const auto got = db.get<RtAnonEnums>(id);
  REQUIRE(got);
  CHECK(got->value == RtAnonymous::second);
}
