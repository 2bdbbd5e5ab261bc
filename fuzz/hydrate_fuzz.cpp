// Hydration of arbitrary cells: any storage class, read into every member type ctorm supports.
//
// Input: byte 0 picks the storage class (NULL, INTEGER, REAL, TEXT, BLOB), byte 1 the member
// type, byte 2 the declared type of the column the value is written to (low nibble) and the way
// ctorm reads it (high nibble); the rest is the payload. The value is written with raw sqlite3
// calls into a table that is not STRICT, so any storage class reaches ctorm, and read back
// through ctorm's own paths. A reference model built from the documented rules says whether the
// member type holds the stored value exactly: ctorm must then return that value bit for bit,
// and otherwise throw `ctorm::conversion_error` naming the column and row, in a message without
// control bytes and of a bounded length whatever the cell holds.

#include <ctorm/ctorm.hpp>

#include <sqlite3.h>

#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace hydrate {

enum class Mood : std::int8_t { gloomy = -128, sad = -1, meh = 0, happy = 1, ecstatic = 127 };
enum class Level : std::uint64_t { low = 0, mid = 128, high = 255 };
enum class Wide : std::int64_t { far_below = -300, zero = 0, far_above = 300 };

}  // namespace hydrate

// A scan range wider than the default [-128, 255], so that the customised bounds are read too.
template <>
struct ctorm::enum_traits<hydrate::Wide> {
  static constexpr long long min = -300;
  static constexpr long long max = 300;
};

namespace hydrate {

using scalar_types =
    std::tuple<std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t, std::uint16_t,
               std::uint32_t, std::uint64_t, bool, float, double, std::string, std::vector<std::byte>,
               Mood, Level, Wide, std::chrono::sys_days, std::chrono::sys_seconds>;
constexpr std::size_t scalar_count = std::tuple_size_v<scalar_types>;
constexpr std::size_t column_count = 2 * scalar_count;  // each type, then std::optional of each

template <std::size_t I, bool = (I < scalar_count)>
struct column_type_of {
  using type = std::tuple_element_t<I, scalar_types>;
};
template <std::size_t I>
struct column_type_of<I, false> {
  using type = std::optional<std::tuple_element_t<I - scalar_count, scalar_types>>;
};
template <std::size_t I>
using column_type = typename column_type_of<I>::type;

// Every enumerator, for the reference model: which values an enum has is not taken from ctorm.
template <class E>
constexpr auto enumerators() {
  if constexpr (std::is_same_v<E, Mood>)
    return std::array{Mood::gloomy, Mood::sad, Mood::meh, Mood::happy, Mood::ecstatic};
  else if constexpr (std::is_same_v<E, Level>)
    return std::array{Level::low, Level::mid, Level::high};
  else
    return std::array{Wide::far_below, Wide::zero, Wide::far_above};
}

// One struct per member type, each mapped to its own view of the same stored cell.
template <std::size_t I>
struct Cell {
  std::int64_t id{};
  column_type<I> v{};
};

template <std::size_t I>
constexpr ctorm::fixed_string<4> cell_name = [] {
  ctorm::fixed_string<4> s;
  s.data[0] = 'c';
  s.data[1] = static_cast<char>('0' + I / 10);
  s.data[2] = static_cast<char>('0' + I % 10);
  return s;
}();

template <class Seq>
struct cell_schema;
template <std::size_t... I>
struct cell_schema<std::index_sequence<I...>> {
  using type = ctorm::Schema<ctorm::Table<Cell<I>, ctorm::Name<cell_name<I>>>...>;
};
using Schema = cell_schema<std::make_index_sequence<column_count>>::type;
using Db = ctorm::Database<Schema>;

// Declared types whose affinities change what a written value is stored as, as in databases
// ctorm did not create: none, INTEGER, REAL, NUMERIC, TEXT.
constexpr std::size_t affinity_count = 5;
constexpr const char* affinity_names[affinity_count] = {"", "INTEGER", "REAL", "NUMERIC", "TEXT"};

enum class path { get, all, projection, iteration, read_value, count };

// The stored cell, as raw sqlite3 calls report it.
struct Stored {
  int type = SQLITE_NULL;
  std::int64_t i = 0;
  double d = 0;
  std::string bytes;
};

[[noreturn]] void fail(std::size_t column, path how, const Stored& s, const std::string& what) {
  std::fprintf(stderr, "hydrate_fuzz: column c%02zu, read path %d, stored ", column, static_cast<int>(how));
  switch (s.type) {
    case SQLITE_INTEGER: std::fprintf(stderr, "INTEGER %lld", static_cast<long long>(s.i)); break;
    case SQLITE_FLOAT: std::fprintf(stderr, "REAL %a (%.17g)", s.d, s.d); break;
    case SQLITE_NULL: std::fprintf(stderr, "NULL"); break;
    default:
      std::fprintf(stderr, "%s of %zu bytes:", s.type == SQLITE_TEXT ? "TEXT" : "BLOB", s.bytes.size());
      for (unsigned char c : s.bytes) std::fprintf(stderr, " %02x", c);
  }
  std::fprintf(stderr, "\nhydrate_fuzz: %s\n", what.c_str());
  std::abort();
}

// ---- The reference model: what each member type must read from a stored value. ----

std::optional<std::int64_t> exact_integer(const Stored& s) {
  if (s.type == SQLITE_INTEGER) return s.i;
  if (s.type == SQLITE_FLOAT && std::isfinite(s.d) && std::floor(s.d) == s.d && s.d >= -0x1p63 &&
      s.d < 0x1p63)
    return static_cast<std::int64_t>(s.d);
  return std::nullopt;
}

// An integer is exact in a binary floating type when its odd part fits the significand.
bool integer_fits(std::int64_t i, int significand_bits) {
  const std::uint64_t magnitude = i < 0 ? 0 - static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(i);
  if (magnitude == 0) return true;
  return (magnitude >> std::countr_zero(magnitude)) < (std::uint64_t{1} << significand_bits);
}

// A double is exact in a float when its significand, scaled to float's precision at that
// exponent (fewer bits among the subnormals), is a whole number.
bool real_fits_float(double d) {
  if (!std::isfinite(d) || d == 0) return true;
  int e = 0;
  const double m = std::frexp(d, &e);  // d = m * 2^e, 0.5 <= |m| < 1
  if (e > 128) return false;
  const int bits = e >= -125 ? 24 : 24 - (-125 - e);
  if (bits <= 0) return false;
  const double scaled = std::ldexp(m, bits);
  return scaled == std::trunc(scaled);
}

bool read_number(std::string_view t, std::size_t at, std::size_t width, int& out) {
  out = 0;
  for (std::size_t k = at; k < at + width; ++k) {
    if (t[k] < '0' || t[k] > '9') return false;
    out = out * 10 + (t[k] - '0');
  }
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

std::optional<std::chrono::sys_days> model_date(std::string_view t) {
  int y = 0, m = 0, d = 0;
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !read_number(t, 0, 4, y) ||
      !read_number(t, 5, 2, m) || !read_number(t, 8, 2, d))
    return std::nullopt;
  static constexpr int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  if (m < 1 || m > 12 || d < 1 || d > month_days[m - 1] + (m == 2 && leap)) return std::nullopt;
  return std::chrono::sys_days{std::chrono::days{days_from_civil(y, m, d)}};
}

std::optional<std::chrono::sys_seconds> model_datetime(std::string_view t) {
  if (t.size() == 20 && t.back() == 'Z') t.remove_suffix(1);
  int h = 0, mi = 0, s = 0;
  if (t.size() != 19 || (t[10] != ' ' && t[10] != 'T') || t[13] != ':' || t[16] != ':' ||
      !read_number(t, 11, 2, h) || !read_number(t, 14, 2, mi) || !read_number(t, 17, 2, s) ||
      h > 23 || mi > 59 || s > 59)
    return std::nullopt;
  const auto day = model_date(t.substr(0, 10));
  if (!day) return std::nullopt;
  return std::chrono::sys_seconds{*day} + std::chrono::seconds{h * 3600 + mi * 60 + s};
}

template <class Y>
std::optional<Y> model_scalar(const Stored& s) {
  if constexpr (std::is_same_v<Y, bool>) {
    const auto i = exact_integer(s);
    if (!i || (*i != 0 && *i != 1)) return std::nullopt;
    return *i == 1;
  } else if constexpr (std::is_integral_v<Y>) {
    const auto i = exact_integer(s);
    if (!i || !std::in_range<Y>(*i)) return std::nullopt;
    return static_cast<Y>(*i);
  } else if constexpr (std::is_enum_v<Y>) {
    const auto i = exact_integer(s);
    if (!i) return std::nullopt;
    for (Y e : enumerators<Y>())
      if (static_cast<std::int64_t>(static_cast<std::underlying_type_t<Y>>(e)) == *i) return e;
    return std::nullopt;
  } else if constexpr (std::is_floating_point_v<Y>) {
    constexpr int significand = std::is_same_v<Y, float> ? 24 : 53;
    if (s.type == SQLITE_FLOAT) {
      if (std::is_same_v<Y, float> && !real_fits_float(s.d)) return std::nullopt;
      return static_cast<Y>(s.d);
    }
    if (s.type == SQLITE_INTEGER && integer_fits(s.i, significand)) return static_cast<Y>(s.i);
    return std::nullopt;
  } else if constexpr (std::is_same_v<Y, std::string>) {
    if (s.type != SQLITE_TEXT) return std::nullopt;
    return s.bytes;
  } else if constexpr (std::is_same_v<Y, std::vector<std::byte>>) {
    if (s.type != SQLITE_BLOB) return std::nullopt;
    const auto* p = reinterpret_cast<const std::byte*>(s.bytes.data());
    return std::vector<std::byte>(p, p + s.bytes.size());
  } else if constexpr (std::is_same_v<Y, std::chrono::sys_days>) {
    if (s.type != SQLITE_TEXT) return std::nullopt;
    return model_date(s.bytes);
  } else {
    static_assert(std::is_same_v<Y, std::chrono::sys_seconds>);
    if (s.type != SQLITE_TEXT) return std::nullopt;
    return model_datetime(s.bytes);
  }
}

/// The member's value, or nullopt when the member type cannot hold the stored value exactly.
template <class X>
std::optional<X> model(const Stored& s) {
  if constexpr (ctorm::column_traits<X>::nullable) {
    if (s.type == SQLITE_NULL) return X{};
    if (auto v = model_scalar<typename X::value_type>(s)) return X{std::move(*v)};
    return std::nullopt;
  } else {
    if (s.type == SQLITE_NULL) return std::nullopt;
    return model_scalar<X>(s);
  }
}

// Floating-point values compare by their bits: -0.0 is not 0.0.
template <class X>
bool same(const X& a, const X& b) {
  if constexpr (ctorm::column_traits<X>::nullable) {
    if (a.has_value() != b.has_value()) return false;
    return !a || same(*a, *b);
  } else if constexpr (std::is_same_v<X, float>) {
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
  } else if constexpr (std::is_same_v<X, double>) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
  } else {
    return a == b;
  }
}

// ---- The database: five tables, one per declared type, and a view per member type. ----

struct Fixture {
  Db db{":memory:"};
  sqlite3_stmt* insert[affinity_count]{};
  sqlite3_stmt* stored = nullptr;
  sqlite3_stmt* begin = nullptr;
  sqlite3_stmt* rollback = nullptr;

  Fixture() {
    std::string ddl, union_all;
    for (std::size_t a = 0; a < affinity_count; ++a) {
      const std::string table = "a" + std::to_string(a);
      ddl += "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, v " + affinity_names[a] + ");\n";
      if (a != 0) union_all += " UNION ALL ";
      union_all += "SELECT id, v FROM " + table;
    }
    ddl += "CREATE VIEW stored AS " + union_all + ";\n";
    for (std::size_t c = 0; c < column_count; ++c) {
      char name[8];
      std::snprintf(name, sizeof name, "c%02zu", c);
      ddl += std::string("CREATE VIEW ") + name + " AS SELECT id, v FROM stored;\n";
    }
    if (sqlite3_exec(db.native_handle(), ddl.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) die(ddl);
    for (std::size_t a = 0; a < affinity_count; ++a)
      prepare(insert[a], "INSERT INTO a" + std::to_string(a) + " (id, v) VALUES (1, ?1)");
    prepare(stored, "SELECT v FROM stored");
    prepare(begin, "BEGIN");
    prepare(rollback, "ROLLBACK");
  }

  ~Fixture() {
    for (sqlite3_stmt* s : insert) sqlite3_finalize(s);
    for (sqlite3_stmt* s : {stored, begin, rollback}) sqlite3_finalize(s);
  }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;

  void prepare(sqlite3_stmt*& s, const std::string& sql) {
    if (sqlite3_prepare_v2(db.native_handle(), sql.c_str(), -1, &s, nullptr) != SQLITE_OK) die(sql);
  }
  [[noreturn]] void die(const std::string& sql) {
    std::fprintf(stderr, "hydrate_fuzz: %s\n  in: %s\n", sqlite3_errmsg(db.native_handle()), sql.c_str());
    std::abort();
  }
  void run(sqlite3_stmt* s) {
    if (sqlite3_step(s) != SQLITE_DONE) die(sqlite3_sql(s));
    sqlite3_reset(s);
  }
};

// Little-endian, sign-extended from however many bytes there are (at most eight): short
// payloads give small integers, which is where the member types' bounds lie.
std::int64_t payload_integer(const std::uint8_t* p, std::size_t n) {
  n = n < 8 ? n : 8;
  if (n == 0) return 0;
  std::uint64_t u = 0;
  for (std::size_t k = 0; k < n; ++k) u |= static_cast<std::uint64_t>(p[k]) << (8 * k);
  if (n < 8 && (p[n - 1] & 0x80) != 0) u |= ~std::uint64_t{0} << (8 * n);
  return static_cast<std::int64_t>(u);
}

// Eight bytes are a double's bits and four a float's; other lengths give a whole number.
double payload_real(const std::uint8_t* p, std::size_t n) {
  if (n >= 8) {
    std::uint64_t u = 0;
    std::memcpy(&u, p, 8);
    return std::bit_cast<double>(u);
  }
  if (n == 4) {
    std::uint32_t u = 0;
    std::memcpy(&u, p, 4);
    return static_cast<double>(std::bit_cast<float>(u));
  }
  return static_cast<double>(payload_integer(p, n));
}

void bind_payload(Fixture& f, sqlite3_stmt* s, int storage, const std::uint8_t* p, std::size_t n) {
  int rc = SQLITE_OK;
  switch (storage) {
    case SQLITE_INTEGER: rc = sqlite3_bind_int64(s, 1, payload_integer(p, n)); break;
    case SQLITE_FLOAT: rc = sqlite3_bind_double(s, 1, payload_real(p, n)); break;
    case SQLITE_TEXT:
      rc = sqlite3_bind_text64(s, 1, reinterpret_cast<const char*>(p), n, SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case SQLITE_BLOB:
      // A zero-length blob bound from a pointer may come back as NULL; zeroblob(0) is a blob.
      rc = n == 0 ? sqlite3_bind_zeroblob(s, 1, 0) : sqlite3_bind_blob64(s, 1, p, n, SQLITE_TRANSIENT);
      break;
    default: rc = sqlite3_bind_null(s, 1);
  }
  if (rc != SQLITE_OK) f.die(sqlite3_sql(s));
}

// Reads the stored cell raw, touching only the accessor of its own storage class so that no
// conversion changes the value ctorm reads after it.
Stored read_stored(sqlite3_stmt* s) {
  Stored out;
  sqlite3_value* v = sqlite3_column_value(s, 0);
  out.type = sqlite3_value_type(v);
  if (out.type == SQLITE_INTEGER) out.i = sqlite3_value_int64(v);
  if (out.type == SQLITE_FLOAT) out.d = sqlite3_value_double(v);
  if (out.type == SQLITE_TEXT) {
    const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(v));
    out.bytes.assign(t, static_cast<std::size_t>(sqlite3_value_bytes(v)));
  }
  if (out.type == SQLITE_BLOB) {
    const auto* b = static_cast<const char*>(sqlite3_value_blob(v));
    out.bytes.assign(b, b + sqlite3_value_bytes(v));
  }
  return out;
}

template <std::size_t I>
column_type<I> read_through_ctorm(Fixture& f, path how, std::size_t column, const Stored& s) {
  using T = Cell<I>;
  switch (how) {
    case path::get: {
      auto row = f.db.get<T>(1);
      if (!row) fail(column, how, s, "get() found no row");
      return std::move(row->v);
    }
    case path::all: {
      auto rows = f.db.all<T>();
      if (rows.size() != 1) fail(column, how, s, "all() did not return the one row");
      return std::move(rows.front().v);
    }
    case path::projection: {
      auto row = f.db.select(ctorm::col<&T::v>).first();
      if (!row) fail(column, how, s, "a projection found no row");
      return std::move(std::get<0>(*row));
    }
    case path::iteration: {
      std::optional<column_type<I>> v;
      for (auto& row : f.db.select<T>().where(ctorm::col<&T::id> == 1)) {
        if (v) fail(column, how, s, "a query by key returned two rows");
        v = std::move(row.v);
      }
      if (!v) fail(column, how, s, "a query by key found no row");
      return std::move(*v);
    }
    default:
      return ctorm::sqlite_backend::read_value<column_type<I>>(f.stored, 0, ctorm::sqlite_backend::cell{cell_name<I>.view(), "v", 1});
  }
}

template <std::size_t I>
void check_column(Fixture& f, path how, const Stored& s) {
  using X = column_type<I>;
  const std::optional<X> expected = model<X>(s);
  std::optional<X> got;
  try {
    got = read_through_ctorm<I>(f, how, I, s);
  } catch (const ctorm::conversion_error& e) {
    if (expected) fail(I, how, s, std::string("refused a value the member holds exactly: ") + e.what());
    const std::string_view message = e.what();
    if (!message.starts_with("ctorm: ") || e.table() != cell_name<I>.view() || e.column() != "v" || e.row() != 1)
      fail(I, how, s, std::string("the error does not name table, column and row: ") + e.what());
    // The stored value may be anything: the message shows it escaped and cut short.
    if (message.size() > 400) fail(I, how, s, "the message is " + std::to_string(message.size()) + " bytes long");
    for (const char c : message)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) fail(I, how, s, "the message holds a control byte");
    return;
  }
  if (!expected) fail(I, how, s, "returned a value the member type cannot hold exactly");
  if (!same(*got, *expected)) fail(I, how, s, "returned a value other than the one stored");
}

using checker = void (*)(Fixture&, path, const Stored&);
constexpr auto checkers = []<std::size_t... I>(std::index_sequence<I...>) {
  return std::array<checker, sizeof...(I)>{&check_column<I>...};
}(std::make_index_sequence<column_count>{});

constexpr int storage_classes[5] = {SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB};

}  // namespace hydrate

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hydrate;
  if (size < 3) return -1;
  static Fixture f;
  const int storage = storage_classes[data[0] % 5];
  const std::size_t column = data[1] % column_count;
  const std::size_t affinity = (data[2] & 0x0f) % affinity_count;
  const auto how = static_cast<path>((data[2] >> 4) % static_cast<int>(path::count));

  f.run(f.begin);
  bind_payload(f, f.insert[affinity], storage, data + 3, size - 3);
  f.run(f.insert[affinity]);
  if (sqlite3_step(f.stored) != SQLITE_ROW) f.die("SELECT v FROM stored");
  const Stored s = read_stored(f.stored);
  try {
    checkers[column](f, how, s);
  } catch (const std::exception& e) {
    fail(column, how, s, std::string("threw something other than ctorm::conversion_error: ") + e.what());
  } catch (...) {
    fail(column, how, s, "threw something that is not a std::exception");
  }
  sqlite3_reset(f.stored);
  f.run(f.rollback);
  return 0;
}
