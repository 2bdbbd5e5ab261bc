// Exactness: a value comes back as the value written, bit for bit, whichever way it travels —
// insert and get, update, a bound WHERE value, an in() list (a JSON array), a projection, a
// key SQLite assigns. Where SQLite cannot keep a value (NaN, -0.0, an unsigned value above
// INT64_MAX) ctorm refuses it with conversion_error instead of storing something else.

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <ctorm/ctorm.hpp>

#include "sqlite_helpers.hpp"

namespace {

using ctorm::col;

struct Widths {
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

struct Reals {
  std::int64_t id{};
  double d{};
  float f{};
  std::optional<double> maybe{};
};

struct Node {
  std::int64_t id{};
  std::string name{};
};

struct Leaf {
  std::int64_t id{};
  std::int64_t node_id{};
  std::string name{};
};

struct Narrow {
  std::int32_t id{};
  std::string name{};
};

using leaves = ctorm::HasMany<Leaf, &Leaf::node_id>;
using node = ctorm::BelongsTo<Node, &Leaf::node_id>;

using ExactSchema =
    ctorm::Schema<ctorm::Table<Widths, ctorm::Name<"exact_widths">>, ctorm::Table<Reals, ctorm::Name<"exact_reals">>,
                  ctorm::Table<Node, ctorm::Name<"exact_nodes">, leaves>,
                  ctorm::Table<Leaf, ctorm::Name<"exact_leaves">, node>,
                  ctorm::Table<Narrow, ctorm::Name<"exact_narrow">>>;
using ExactDb = ctorm::Database<ExactSchema>;

template <class Row>
std::vector<std::int64_t> ids_of(const std::vector<Row>& rows) {
  std::vector<std::int64_t> out;
  for (const Row& r : rows) out.push_back(r.id);
  return out;
}

/// min, min + 1, 0, max - 1, max of `I`; for uint64_t the maximum SQLite can store, INT64_MAX.
template <class I>
std::vector<I> limits_of() {
  using L = std::numeric_limits<I>;
  const I max = std::is_same_v<I, std::uint64_t> ? static_cast<I>(std::numeric_limits<std::int64_t>::max()) : L::max();
  return {L::min(), static_cast<I>(L::min() + 1), I{0}, static_cast<I>(max - 1), max};
}

/// Row k holds the k-th limit of every width.
std::vector<Widths> limit_rows() {
  std::vector<Widths> rows(5);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    rows[k].i8 = limits_of<std::int8_t>()[k];
    rows[k].i16 = limits_of<std::int16_t>()[k];
    rows[k].i32 = limits_of<std::int32_t>()[k];
    rows[k].i64 = limits_of<std::int64_t>()[k];
    rows[k].u8 = limits_of<std::uint8_t>()[k];
    rows[k].u16 = limits_of<std::uint16_t>()[k];
    rows[k].u32 = limits_of<std::uint32_t>()[k];
    rows[k].u64 = limits_of<std::uint64_t>()[k];
  }
  return rows;
}

bool same_widths(const Widths& a, const Widths& b) {
  return a.id == b.id && a.i8 == b.i8 && a.i16 == b.i16 && a.i32 == b.i32 && a.i64 == b.i64 && a.u8 == b.u8 &&
         a.u16 == b.u16 && a.u32 == b.u32 && a.u64 == b.u64;
}

/// Every value of member `M` in `rows` finds exactly the rows holding it: by `==`, by `in()`,
/// and reads back exactly through a projection; `not_in()` of all of them finds nothing.
template <auto M>
void check_lookups(ExactDb& db, const std::vector<Widths>& rows) {
  using V = std::remove_cvref_t<decltype(rows[0].*M)>;
  std::vector<V> all;
  for (const Widths& r : rows) {
    const V v = r.*M;
    all.push_back(v);
    INFO("value " << +v);
    std::vector<std::int64_t> expected;
    for (const Widths& other : rows)
      if (other.*M == v) expected.push_back(other.id);
    CHECK(ids_of(db.select<Widths>().where(col<M> == v).order_by(ctorm::asc<&Widths::id>).all()) == expected);
    CHECK(ids_of(db.select<Widths>().where(col<M>.in(std::vector<V>{v})).order_by(ctorm::asc<&Widths::id>).all()) ==
          expected);
    CHECK(std::get<0>(db.select(col<M>).where(col<&Widths::id> == r.id).one()) == v);
  }
  CHECK(db.select<Widths>().where(col<M>.in(all)).count() == static_cast<std::int64_t>(rows.size()));
  CHECK(db.select<Widths>().where(col<M>.not_in(all)).count() == 0);
}

template <class F>
std::uint64_t bits_of(F v) {
  if constexpr (std::is_same_v<F, float>) return std::bit_cast<std::uint32_t>(v);
  else return std::bit_cast<std::uint64_t>(v);
}

/// Doubles that are hard to keep: denormals, the extremes, values SQLite stores as integers
/// on disk, infinities, and the decimal fractions that have no short binary form.
std::vector<double> hard_doubles() {
  return {0.0,
          1.0,
          -1.0,
          0.1,
          -0.1,
          1.0 / 3.0,
          DBL_MIN,
          -DBL_MIN,
          DBL_MAX,
          -DBL_MAX,
          DBL_EPSILON,
          1.0 + DBL_EPSILON,
          std::numeric_limits<double>::denorm_min(),
          -std::numeric_limits<double>::denorm_min(),
          std::nextafter(DBL_MIN, 0.0),
          std::numeric_limits<double>::infinity(),
          -std::numeric_limits<double>::infinity(),
          4611686018427387904.0,   // 2^62: SQLite writes it as the integer it equals
          -9223372036854775808.0,  // -2^63: the same, at the edge of the integer range
          9223372036854775808.0,   // 2^63: just outside it
          9007199254740992.0,      // 2^53
          9007199254740994.0,      // 2^53 + 2
          123456789012345.67,
          1e-310,
          1e308};
}

/// Doubles from random bit patterns (a fixed seed), NaN left out.
std::vector<double> random_doubles(std::size_t n) {
  std::mt19937_64 rng(0x5eed'c70f'2024ULL);
  std::vector<double> out;
  while (out.size() < n) {
    const double d = std::bit_cast<double>(rng());
    if (!std::isnan(d) && !(d == 0 && std::signbit(d))) out.push_back(d);
  }
  return out;
}

}  // namespace

// =============================================================================================

TEST_CASE("every integer width round-trips at its limits: insert, get, update, where, in()",
          "[exactness][integer]") {
  ExactDb db{":memory:"};
  db.create_all();
  std::vector<Widths> rows = limit_rows();
  for (Widths& r : rows) r.id = db.insert(r);
  for (const Widths& r : rows) {
    const auto got = db.get<Widths>(r.id);
    REQUIRE(got.has_value());
    CHECK(same_widths(*got, r));
  }
  const auto all = db.all<Widths>();
  REQUIRE(all.size() == rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) CHECK(same_widths(all[k], rows[k]));

  check_lookups<&Widths::i8>(db, rows);
  check_lookups<&Widths::i16>(db, rows);
  check_lookups<&Widths::i32>(db, rows);
  check_lookups<&Widths::i64>(db, rows);
  check_lookups<&Widths::u8>(db, rows);
  check_lookups<&Widths::u16>(db, rows);
  check_lookups<&Widths::u32>(db, rows);
  check_lookups<&Widths::u64>(db, rows);

  // update(row) turns each row into its mirror image; update<T>().set() turns it back.
  for (std::size_t k = 0; k < rows.size(); ++k) {
    Widths mirrored = rows[rows.size() - 1 - k];
    mirrored.id = rows[k].id;
    REQUIRE(db.update(mirrored));
    CHECK(same_widths(*db.get<Widths>(mirrored.id), mirrored));
  }
  for (const Widths& r : rows) {
    const auto changed = db.update<Widths>()
                             .set(col<&Widths::i8> = r.i8, col<&Widths::i16> = r.i16, col<&Widths::i32> = r.i32,
                                  col<&Widths::i64> = r.i64, col<&Widths::u8> = r.u8, col<&Widths::u16> = r.u16,
                                  col<&Widths::u32> = r.u32, col<&Widths::u64> = r.u64)
                             .where(col<&Widths::id> == r.id);
    CHECK(changed == 1);
    CHECK(same_widths(*db.get<Widths>(r.id), r));
  }

  // A value outside a member's range is refused where the assignment is written, before the
  // statement exists; the message names the member.
  CHECK_THROWS_MATCHES(db.update<Widths>().set(col<&Widths::u8> = 256).all_rows(), ctorm::conversion_error,
                       Catch::Message("ctorm: u8 (value written): 256 is out of range of the member's type"));
  CHECK_THROWS_AS(db.update<Widths>().set(col<&Widths::i32> = std::int64_t{1} << 31).all_rows(),
                  ctorm::conversion_error);
  CHECK(same_widths(*db.get<Widths>(rows[0].id), rows[0]));

  // SQLite stores plain INTEGERs: what another program reads is the same number.
  CHECK(test::scalar(db.native_handle(), "SELECT group_concat(i64 || '/' || u64, ' ') FROM exact_widths") ==
        "-9223372036854775808/0 -9223372036854775807/1 0/0 9223372036854775806/9223372036854775806 "
        "9223372036854775807/9223372036854775807");

  // Sums that leave the 64-bit range are an error, never a wrapped or rounded number.
  const auto e = [&] {
    try {
      db.select(ctorm::sum(col<&Widths::i64>)).where(col<&Widths::i64> > 0).one();
    } catch (const ctorm::database_error& err) {
      return std::string(err.what());
    }
    return std::string("no exception");
  }();
  CHECK_THAT(e, Catch::StartsWith("ctorm: integer overflow"));
}

TEST_CASE("uint64 values above INT64_MAX are refused or match nothing", "[exactness][integer]") {
  ExactDb db{":memory:"};
  db.create_all();
  Widths top;
  top.u64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  top.id = db.insert(top);
  const std::uint64_t above = top.u64 + 1;  // 2^63: as a double it is the nearest one to INT64_MAX

  // A bound value is range-checked like a written one.
  CHECK_THROWS_AS(db.select<Widths>().where(col<&Widths::u64> == above).all(), ctorm::conversion_error);
  CHECK_THROWS_WITH(db.select<Widths>().where(col<&Widths::u64> == std::numeric_limits<std::uint64_t>::max()).all(),
                    Catch::Contains("18446744073709551615 does not fit SQLite's signed 64-bit INTEGER"));
  // In an in() list it would become a JSON number that SQLite reads as a REAL, equal to the
  // REAL 2^63 a double column can hold: refused as well, whatever the column.
  CHECK_THROWS_WITH(db.select<Widths>().where(col<&Widths::u64>.in(std::vector<std::uint64_t>{above})).count(),
                    "ctorm: in() list (value written): 9223372036854775808 does not fit SQLite's signed 64-bit INTEGER");
  CHECK_THROWS_AS(db.select<Widths>()
                      .where(col<&Widths::u64>.in(std::vector<std::uint64_t>{std::numeric_limits<std::uint64_t>::max()}))
                      .count(),
                  ctorm::conversion_error);
  CHECK_THROWS_AS(db.select<Widths>().where(col<&Widths::u64>.not_in(std::vector<std::uint64_t>{above})).count(),
                  ctorm::conversion_error);
  // A write is refused before anything runs.
  Widths bad = top;
  bad.u64 = above;
  CHECK_THROWS_AS(db.update(bad), ctorm::conversion_error);
  CHECK_THROWS_MATCHES(db.update<Widths>().set(col<&Widths::u64> = above).all_rows(), ctorm::conversion_error,
                       Catch::Message("ctorm: exact_widths.u64 (value written): 9223372036854775808 does not fit "
                                      "SQLite's signed 64-bit INTEGER"));
  CHECK(db.get<Widths>(top.id)->u64 == top.u64);
  CHECK(db.count<Widths>() == 1);
}

TEST_CASE("64-bit keys and rowids are exact, and insert returns the key SQLite assigned", "[exactness][key]") {
  ExactDb db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  // 2^53 + 1 and its neighbours collapse into one value as doubles: a key that passed
  // through a double (or a JSON number read as REAL) would find the wrong row.
  const std::vector<std::int64_t> keys{5000000000,         9007199254740993, 9007199254740992, 9007199254740994,
                                       min,                min + 1,          -1,               max - 1,
                                       -9007199254740993};

  SECTION("explicit keys: upsert, replace, get, where, in(), remove") {
    for (std::int64_t k : keys) db.upsert(Node{k, "node " + std::to_string(k)});
    db.replace(Node{max, "top"});
    CHECK(test::scalar(raw, "SELECT count(*) FROM exact_nodes WHERE rowid = id") == std::to_string(keys.size() + 1));
    for (std::int64_t k : keys) {
      INFO("key " << k);
      const auto got = db.get<Node>(k);
      REQUIRE(got.has_value());
      CHECK(got->id == k);
      CHECK(got->name == "node " + std::to_string(k));
      CHECK(ids_of(db.select<Node>().where(col<&Node::id> == k).all()) == std::vector<std::int64_t>{k});
      CHECK(ids_of(db.select<Node>().where(col<&Node::id>.in(std::vector<std::int64_t>{k})).all()) ==
            std::vector<std::int64_t>{k});
      CHECK(test::scalar(raw, "SELECT name FROM exact_nodes WHERE id = " + std::to_string(k)) ==
            "node " + std::to_string(k));
    }
    CHECK(db.select<Node>().where(col<&Node::id>.in(keys)).count() == static_cast<std::int64_t>(keys.size()));
    CHECK(db.remove<Node>(std::int64_t{9007199254740993}));
    CHECK_FALSE(db.get<Node>(std::int64_t{9007199254740993}).has_value());
    CHECK(db.get<Node>(std::int64_t{9007199254740992}).has_value());
    CHECK(db.get<Node>(std::int64_t{9007199254740994}).has_value());
  }
  SECTION("eager loading groups children by the exact key") {
    for (std::int64_t k : keys) db.upsert(Node{k, "node " + std::to_string(k)});
    std::int64_t leaf = 1;
    for (std::int64_t k : keys) db.upsert(Leaf{leaf++, k, "leaf of " + std::to_string(k)});
    const auto loaded = db.select<Node>().with<leaves>().all();
    REQUIRE(loaded.size() == keys.size());
    for (const auto& n : loaded) {
      INFO("node " << n->id);
      REQUIRE(n.get<leaves>().size() == 1);
      CHECK(n.get<leaves>()[0].node_id == n->id);
      CHECK(n.get<leaves>()[0].name == "leaf of " + std::to_string(n->id));
    }
    const auto back = db.select<Leaf>().with<node>().all();
    REQUIRE(back.size() == keys.size());
    for (const auto& l : back) CHECK(l.get<node>().id == l->node_id);
  }
  SECTION("insert after 5000000000 returns 5000000001") {
    db.upsert(Node{5000000000, "big"});
    const std::int64_t id = db.insert(Node{0, "next"});
    CHECK(id == 5000000001);
    CHECK(test::scalar(raw, "SELECT max(rowid) FROM exact_nodes") == "5000000001");
    CHECK(db.get<Node>(id)->name == "next");
  }
  SECTION("insert after the smallest keys returns the next one") {
    db.upsert(Node{min + 1, "low"});
    db.upsert(Node{min, "lowest"});
    const std::int64_t id = db.insert(Node{0, "next"});
    CHECK(id == min + 2);
    CHECK(test::scalar(raw, "SELECT name FROM exact_nodes WHERE rowid = " + std::to_string(min + 2)) == "next");
  }
  SECTION("insert beside INT64_MAX returns the free key SQLite picked") {
    db.upsert(Node{max, "top"});
    db.upsert(Node{1, "one"});
    std::set<std::int64_t> seen{max, 1};
    for (int i = 0; i < 20; ++i) {
      const std::int64_t id = db.insert(Node{0, "random " + std::to_string(i)});
      CHECK(seen.insert(id).second);
      CHECK(test::scalar(raw, "SELECT name FROM exact_nodes WHERE rowid = " + std::to_string(id)) ==
            "random " + std::to_string(i));
      CHECK(db.get<Node>(id)->name == "random " + std::to_string(i));
    }
    CHECK(db.count<Node>() == 22);
  }
  SECTION("a narrow key SQLite assigns beyond the member's range is refused and not written") {
    db.upsert(Narrow{std::numeric_limits<std::int32_t>::max(), "top"});
    CHECK_THROWS_WITH(db.insert(Narrow{0, "over"}),
                      Catch::StartsWith("ctorm: exact_narrow.id, row 1: INTEGER 2147483648 is out of range "
                                        "[-2147483648, 2147483647]"));
    CHECK(db.count<Narrow>() == 1);
    CHECK(test::scalar(raw, "SELECT group_concat(name) FROM exact_narrow") == "top");
    // Inside a transaction only the refused row is undone.
    auto tx = db.transaction();
    db.upsert(Narrow{1, "one"});
    CHECK_THROWS_AS(db.insert(Narrow{0, "over"}), ctorm::conversion_error);
    tx.commit();
    CHECK(test::scalar(raw, "SELECT group_concat(id || ':' || name) FROM exact_narrow ORDER BY id") ==
          "1:one,2147483647:top");
  }
}

TEST_CASE("doubles and floats round-trip bit for bit", "[exactness][real]") {
  ExactDb db{":memory:"};
  db.create_all();
  std::vector<double> values = hard_doubles();
  const std::vector<double> random = random_doubles(2000);
  values.insert(values.end(), random.begin(), random.end());

  std::vector<std::int64_t> ids;
  {
    auto tx = db.transaction();
    for (const double d : values) {
      Reals r;
      r.d = d;
      r.f = static_cast<float>(d);  // the nearest float: itself a value that must come back
      r.maybe = d;
      if (std::isnan(r.f) || (r.f == 0 && std::signbit(r.f))) r.f = 0.0f;
      ids.push_back(db.insert(r));
    }
    tx.commit();
  }

  for (std::size_t k = 0; k < values.size(); ++k) {
    const double d = values[k];
    INFO("bits " << bits_of(d));
    const auto got = db.get<Reals>(ids[k]);
    REQUIRE(got.has_value());
    CHECK(bits_of(got->d) == bits_of(d));
    REQUIRE(got->maybe.has_value());
    CHECK(bits_of(*got->maybe) == bits_of(d));
    float f = static_cast<float>(d);
    if (f == 0 && std::signbit(f)) f = 0.0f;
    CHECK(bits_of(got->f) == bits_of(f));
    CHECK(std::memcmp(&got->d, &d, sizeof d) == 0);
  }

  // The same values find their rows as bound parameters and through in() lists (JSON text).
  for (std::size_t k = 0; k < values.size(); k += 7) {
    const double d = values[k];
    INFO("bits " << bits_of(d));
    std::vector<std::int64_t> expected;
    for (std::size_t j = 0; j < values.size(); ++j)
      if (values[j] == d) expected.push_back(ids[j]);
    CHECK(ids_of(db.select<Reals>().where(col<&Reals::d> == d).order_by(ctorm::asc<&Reals::id>).all()) == expected);
    CHECK(ids_of(db.select<Reals>()
                     .where(col<&Reals::d>.in(std::vector<double>{d}))
                     .order_by(ctorm::asc<&Reals::id>)
                     .all()) == expected);
    CHECK(ids_of(db.select<Reals>()
                     .where(col<&Reals::maybe>.in(std::vector<std::optional<double>>{d}))
                     .order_by(ctorm::asc<&Reals::id>)
                     .all()) == expected);
    const auto projected = db.select(col<&Reals::d>, col<&Reals::maybe>).where(col<&Reals::id> == ids[k]).one();
    CHECK(bits_of(std::get<0>(projected)) == bits_of(d));
    CHECK(bits_of(*std::get<1>(projected)) == bits_of(d));
  }
  CHECK(db.select<Reals>().where(col<&Reals::d>.in(values)).count() == static_cast<std::int64_t>(values.size()));

  // update(row) and update<T>().set() write the same bits.
  for (std::size_t k = 0; k + 1 < values.size(); k += 97) {
    Reals r = *db.get<Reals>(ids[k]);
    r.d = values[k + 1];
    REQUIRE(db.update(r));
    CHECK(bits_of(db.get<Reals>(ids[k])->d) == bits_of(values[k + 1]));
    CHECK(db.update<Reals>().set(col<&Reals::d> = values[k]).where(col<&Reals::id> == ids[k]) == 1);
    CHECK(bits_of(db.get<Reals>(ids[k])->d) == bits_of(values[k]));
  }
}

TEST_CASE("NaN and -0.0 are refused on write with conversion_error", "[exactness][real]") {
  ExactDb db{":memory:"};
  db.create_all();
  Reals kept;
  kept.d = 2.5;
  kept.id = db.insert(kept);
  const std::string state = test::scalar(db.native_handle(), "SELECT group_concat(quote(d) || quote(f) || quote(maybe)) "
                                                            "FROM exact_reals");

  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> refused{nan, -nan, std::numeric_limits<double>::signaling_NaN(),
                                    std::bit_cast<double>(std::uint64_t{0x7ff0000000000001}), -0.0};
  for (const double v : refused) {
    INFO("bits " << bits_of(v));
    const std::string cause = std::isnan(v) ? "NaN cannot be stored - SQLite would turn it into NULL"
                                            : "-0.0 cannot be stored exactly - SQLite keeps a REAL zero without "
                                              "its sign; write 0.0";
    Reals r;
    r.d = v;
    CHECK_THROWS_MATCHES(db.insert(r), ctorm::conversion_error,
                         Catch::Message("ctorm: exact_reals.d (value written): " + cause));
    r.d = 0;
    r.f = static_cast<float>(v);
    CHECK_THROWS_MATCHES(db.insert(r), ctorm::conversion_error,
                         Catch::Message("ctorm: exact_reals.f (value written): " + cause));
    r.f = 0;
    r.maybe = v;
    CHECK_THROWS_MATCHES(db.insert(r), ctorm::conversion_error,
                         Catch::Message("ctorm: exact_reals.maybe (value written): " + cause));
    r = kept;
    r.d = v;
    CHECK_THROWS_AS(db.update(r), ctorm::conversion_error);
    CHECK_THROWS_AS(db.upsert(r), ctorm::conversion_error);
    CHECK_THROWS_AS(db.replace(r), ctorm::conversion_error);
    CHECK_THROWS_WITH(db.update<Reals>().set(col<&Reals::d> = v).all_rows(),
                      Catch::Contains("exact_reals.d (value written): " + cause));
    // A bound comparison value goes through the same check.
    CHECK_THROWS_AS(db.select<Reals>().where(col<&Reals::d> == v).all(), ctorm::conversion_error);
  }
  // In an in() list NaN is refused; -0.0 is written "-0", which SQLite reads as 0.
  CHECK_THROWS_WITH(db.select<Reals>().where(col<&Reals::d>.in(std::vector<double>{1.0, nan})).all(),
                    Catch::Contains("NaN cannot be compared"));
  Reals zero;
  zero.id = db.insert(zero);
  CHECK(ids_of(db.select<Reals>().where(col<&Reals::d>.in(std::vector<double>{-0.0})).all()) ==
        std::vector<std::int64_t>{zero.id});
  CHECK(test::scalar(db.native_handle(), "SELECT count(*) FROM exact_reals") == "2");
  CHECK(test::scalar(db.native_handle(), "SELECT quote(d) || quote(f) || quote(maybe) FROM exact_reals WHERE id = " +
                                             std::to_string(kept.id)) == state);
}
