// Every column type round-trips exactly, at its limits, on every backend; a value that does
// not fit is the same clear exception.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "backends.hpp"

namespace both_types {
enum class Mood : std::int16_t { sad = -1, calm = 0, glad = 1 };
struct Everything {
  std::int64_t id{};
  std::int8_t i8{};
  std::int16_t i16{};
  std::int32_t i32{};
  std::int64_t i64{};
  std::uint8_t u8{};
  std::uint16_t u16{};
  std::uint32_t u32{};
  std::uint64_t u64{};
  bool flag{};
  float small{};
  double real{};
  std::string text{};
  std::vector<std::byte> bytes{};
  Mood mood{};
  std::chrono::sys_seconds at{};
  std::chrono::sys_days on{};
  std::optional<std::int32_t> maybe_int{};
  std::optional<std::string> maybe_text{};
  std::optional<std::chrono::sys_seconds> maybe_at{};
  std::optional<std::vector<std::byte>> maybe_bytes{};
};
using Schema = ctorm::Schema<ctorm::Table<Everything>>;

template <class I>
using lim = std::numeric_limits<I>;

Everything at_low() {
  using namespace std::chrono;
  std::vector<std::byte> all(256);
  for (int i = 0; i < 256; ++i) all[static_cast<std::size_t>(i)] = static_cast<std::byte>(i);
  return Everything{.i8 = lim<std::int8_t>::min(), .i16 = lim<std::int16_t>::min(), .i32 = lim<std::int32_t>::min(),
                    .i64 = lim<std::int64_t>::min(), .u8 = 0, .u16 = 0, .u32 = 0, .u64 = 0, .flag = false,
                    .small = -lim<float>::max(), .real = lim<double>::denorm_min(),
                    .text = "héllo \"quoted\" 'x' ; -- \x01\x7f", .bytes = all, .mood = Mood::sad,
                    .at = sys_days{year{1} / 1 / 1} + seconds{1}, .on = sys_days{year{1} / 1 / 1},
                    .maybe_int = lim<std::int32_t>::min(), .maybe_text = "", .maybe_at = std::nullopt,
                    .maybe_bytes = std::vector<std::byte>{}};
}
Everything at_high() {
  using namespace std::chrono;
  return Everything{.i8 = lim<std::int8_t>::max(), .i16 = lim<std::int16_t>::max(), .i32 = lim<std::int32_t>::max(),
                    .i64 = lim<std::int64_t>::max(), .u8 = lim<std::uint8_t>::max(), .u16 = lim<std::uint16_t>::max(),
                    .u32 = lim<std::uint32_t>::max(), .u64 = static_cast<std::uint64_t>(lim<std::int64_t>::max()),
                    .flag = true, .small = lim<float>::max(), .real = -lim<double>::infinity(), .text = std::string(70000, 'x'),
                    .bytes = {}, .mood = Mood::glad, .at = sys_days{year{9999} / 12 / 31} + seconds{86399},
                    .on = sys_days{year{9999} / 12 / 31}, .maybe_int = std::nullopt, .maybe_text = std::nullopt,
                    .maybe_at = sys_days{year{2024} / 2 / 29} + hours{13}, .maybe_bytes = std::nullopt};
}

bool same(const Everything& a, const Everything& b) {
  return a.i8 == b.i8 && a.i16 == b.i16 && a.i32 == b.i32 && a.i64 == b.i64 && a.u8 == b.u8 && a.u16 == b.u16 &&
         a.u32 == b.u32 && a.u64 == b.u64 && a.flag == b.flag && a.small == b.small && a.real == b.real &&
         a.text == b.text && a.bytes == b.bytes && a.mood == b.mood && a.at == b.at && a.on == b.on &&
         a.maybe_int == b.maybe_int && a.maybe_text == b.maybe_text && a.maybe_at == b.maybe_at &&
         a.maybe_bytes == b.maybe_bytes;
}
}  // namespace both_types

using namespace both_types;
using ctorm::col;

TEMPLATE_TEST_CASE("every column type round-trips at its limits, and finds its row", "[both][types]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  for (Everything e : {at_low(), at_high()}) {
    e.id = db.insert(e);
    const auto got = db.template get<Everything>(e.id);
    REQUIRE(got);
    CHECK(same(*got, e));
    // Each value, bound as a condition, finds exactly its row.
    CHECK(db.template select<Everything>()
              .where(col<&Everything::i64> == e.i64 && col<&Everything::u32> == e.u32 && col<&Everything::text> == e.text &&
                     col<&Everything::bytes> == e.bytes && col<&Everything::at> == e.at && col<&Everything::on> == e.on &&
                     col<&Everything::mood> == e.mood && col<&Everything::real> == e.real && col<&Everything::flag> == e.flag)
              .count() == 1);
    CHECK(db.template select<Everything>().where(col<&Everything::bytes>.in(std::vector<std::vector<std::byte>>{e.bytes})).count() == 1);
    CHECK(db.template select<Everything>().where(col<&Everything::at>.in({e.at})).count() == 1);
    CHECK(db.template select<Everything>().where(col<&Everything::u64>.in({e.u64})).count() == 1);
  }
  CHECK(db.template count<Everything>() == 2);
  // The same rows through insert_all (binary COPY on PostgreSQL) read back as they were written.
  const std::vector<Everything> bulk{at_low(), at_high()};
  CHECK(db.insert_all(bulk) == 2);
  for (const Everything& e : bulk) {
    const auto rows = db.template select<Everything>().where(col<&Everything::i64> == e.i64).all();
    REQUIRE(rows.size() == 2);
    for (const Everything& r : rows) CHECK(same(r, e));
  }
}

TEMPLATE_TEST_CASE("values that cannot be stored are refused before anything runs", "[both][types]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  Everything e = at_low();
  e.u64 = static_cast<std::uint64_t>(lim<std::int64_t>::max()) + 1;
  CHECK_THROWS_AS(db.insert(e), ctorm::conversion_error);
  CHECK_THROWS_AS(db.insert_all(std::vector<Everything>{at_high(), e}), ctorm::conversion_error);  // neither row
  CHECK_THROWS_AS(db.template select<Everything>().where(col<&Everything::u64> == e.u64).count(), ctorm::conversion_error);
  e = at_low();
  e.mood = static_cast<Mood>(7);
  CHECK_THROWS_WITH(db.insert(e), Catch::Contains("everythings.mood (value written): 7 is not a value of the member's enum"));
  CHECK(db.template count<Everything>() == 0);
  // A computed update past a narrow member's range is refused by the table's CHECK.
  e = at_high();
  e.id = db.insert(e);
  CHECK_THROWS_AS(db.template update<Everything>().set(col<&Everything::u8> = col<&Everything::u8> + 1).all_rows(),
                  ctorm::constraint_error);
  CHECK_THROWS_AS(db.template update<Everything>().set(col<&Everything::i8> = col<&Everything::i8> + 1).all_rows(),
                  ctorm::constraint_error);
  CHECK(db.template get<Everything>(e.id)->u8 == 255);
}

TEMPLATE_TEST_CASE("values of every size in turn each reach the database as they are", "[both][types]",
                   test::on_sqlite, test::on_postgresql) {
  // Statements in a row share their parameter buffers on PostgreSQL: a long value, a long list
  // or a NULL must leave nothing behind for the next one.
  auto db = TestType::template open<Schema>();
  db.create_all();
  std::vector<Everything> written;
  for (const std::size_t size : {std::size_t{0}, std::size_t{200000}, std::size_t{3}, std::size_t{70000}, std::size_t{1}}) {
    Everything e = size % 2 == 0 ? at_low() : at_high();
    e.text = std::string(size, static_cast<char>('a' + size % 26));
    e.bytes.assign(size / 2, std::byte{0x5a});
    e.maybe_text = size == 3 ? std::nullopt : std::optional<std::string>(std::string(size / 3, 'q'));
    e.id = db.insert(e);
    written.push_back(e);
  }
  for (const Everything& e : written) {
    const auto got = db.template get<Everything>(e.id);
    REQUIRE(got);
    CHECK(same(*got, e));
    CHECK(db.template select<Everything>().where(col<&Everything::text> == e.text).count() == 1);
  }
  std::vector<std::int64_t> many(20000);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = static_cast<std::int64_t>(i) + 1;
  CHECK(db.template select<Everything>().where(col<&Everything::id>.in(many)).count() == 5);
  CHECK(db.template select<Everything>().where(col<&Everything::text> == std::string(3, 'd')).count() == 1);
  CHECK(db.template select<Everything>().where(col<&Everything::maybe_text>.is_null()).count() == 1);
}

TEMPLATE_TEST_CASE("a float column set from a double expression holds the nearest float, on every backend",
                   "[both][types]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  Everything e = at_low();
  e.small = 0.1F;
  e.real = 0.3;
  e.i64 = 16777217;  // 2^24 + 1: no float holds it
  e.id = db.insert(e);
  // Computed in double; the float column keeps the nearest float, and the row reads back.
  db.template update<Everything>().set(col<&Everything::small> = col<&Everything::small> * 3).all_rows();
  CHECK(db.template get<Everything>(e.id)->small == static_cast<float>(static_cast<double>(0.1F) * 3));
  db.template update<Everything>().set(col<&Everything::small> = col<&Everything::real>).all_rows();
  CHECK(db.template get<Everything>(e.id)->small == 0.3F);
  db.template update<Everything>().set(col<&Everything::small> = col<&Everything::i64>).all_rows();
  CHECK(db.template get<Everything>(e.id)->small == 16777216.0F);
  db.template update<Everything>().set(col<&Everything::small> = col<&Everything::real> - 0.3).all_rows();
  CHECK(db.template get<Everything>(e.id)->small == 0.0F);
  // Beyond float's range, or a non-zero value that would become 0, is an error, as PostgreSQL
  // has it; the row keeps its value.
  CHECK_THROWS_WITH(db.template update<Everything>().set(col<&Everything::small> = col<&Everything::real> * 1e300).all_rows(),
                    Catch::Contains("overflow"));
  CHECK_THROWS_WITH(db.template update<Everything>().set(col<&Everything::small> = col<&Everything::real> * 1e-300).all_rows(),
                    Catch::Contains("underflow"));
  CHECK(db.template get<Everything>(e.id)->small == 0.0F);
  // float with float is computed in double on both backends (PostgreSQL would keep REAL).
  db.template update<Everything>().set(col<&Everything::small> = 1.0F).all_rows();
  db.template update<Everything>()
      .set(col<&Everything::small> = col<&Everything::small> + 0x1p-24F + 0x1p-24F, col<&Everything::real> = col<&Everything::small> / 3.0F)
      .all_rows();
  CHECK(db.template get<Everything>(e.id)->small == 0x1.000002p0F);
  CHECK(db.template get<Everything>(e.id)->real == 1.0 / 3.0);
  // An empty optional is no value for a member that is not optional.
  CHECK_THROWS_AS(db.template update<Everything>().set(col<&Everything::small> = std::optional<double>{}).all_rows(),
                  ctorm::conversion_error);
  CHECK(db.template get<Everything>(e.id)->small == 0x1.000002p0F);
  db.template update<Everything>().set(col<&Everything::small> = 0.0F).all_rows();
  // Infinity is a float.
  db.template update<Everything>().set(col<&Everything::real> = -lim<double>::infinity()).all_rows();
  db.template update<Everything>().set(col<&Everything::small> = col<&Everything::real>).all_rows();
  CHECK(db.template get<Everything>(e.id)->small == -lim<float>::infinity());
}
