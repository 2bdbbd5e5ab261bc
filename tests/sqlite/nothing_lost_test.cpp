// Ways a program could lose or silently change data through ctorm, tried as an adversarial user
// would, each refused: transactions ended out of order or by SQLite itself, unsigned values
// that would wrap, dates beyond what text holds, computed updates beyond a member's range,
// migrations that would change values or drop triggers, read-only files, lists of every type,
// hostile values in messages, and timestamps written by other programs.

#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <ctorm/ctorm.hpp>

#include "sqlite_helpers.hpp"

namespace lost {
struct Account {
  std::int64_t id{};
  std::string owner{};
  std::int64_t balance{};
};
struct Attachment {
  std::int64_t id{};
  std::vector<std::byte> data{};
};
using Bank = ctorm::Schema<ctorm::Table<Account>, ctorm::Table<Attachment>>;
using BankDb = ctorm::Database<Bank>;

struct Gauge {
  std::int64_t id{};
  std::int64_t signed_value{};
  double real_value{};
  std::uint8_t level{};
  std::int8_t offset{};
  std::uint64_t counter{};
  unsigned long long wide{};  // not std::uint64_t (unsigned long) on LP64
};
using Gauges = ctorm::Schema<ctorm::Table<Gauge>>;

struct Parent {
  std::uint64_t id{};
};
struct Child {
  std::int64_t id{};
  std::uint64_t parent_id{};
};
using children = ctorm::HasMany<Child, &Child::parent_id>;
using Family = ctorm::Schema<ctorm::Table<Parent, children>, ctorm::Table<Child, ctorm::BelongsTo<Parent, &Child::parent_id>>>;

enum class Mood : std::int8_t { sad = -1, calm = 0, glad = 1 };
struct Everything {
  std::int64_t id{};
  std::int8_t i8{};
  std::uint32_t u32{};
  bool flag{};
  double real{};
  float small{};
  std::string text{};
  std::vector<std::byte> bytes{};
  Mood mood{};
  std::chrono::sys_days day{};
  std::chrono::sys_seconds at{};
  std::optional<std::vector<std::byte>> maybe_bytes{};
  std::optional<std::chrono::sys_seconds> maybe_at{};
};
using Lists = ctorm::Schema<ctorm::Table<Everything>>;

struct Event {
  std::int64_t id{};
  std::chrono::sys_seconds at{};
  std::optional<std::chrono::sys_days> on{};
};
using Events = ctorm::Schema<ctorm::Table<Event>>;

struct Item {
  std::int64_t id{};
  std::int64_t code{};
  double weight{};
  std::string label{};
};
struct Note {
  std::int64_t id{};
  std::string body{};
};
using Stock = ctorm::Schema<ctorm::Table<Item>>;
using Notes = ctorm::Schema<ctorm::Table<Note>>;

std::vector<std::byte> bytes(std::initializer_list<int> v) {
  std::vector<std::byte> out;
  for (int b : v) out.push_back(static_cast<std::byte>(b));
  return out;
}
using test::caught;
}  // namespace lost

using namespace lost;
using ctorm::col;

// ---- transactions ------------------------------------------------------------------------

TEST_CASE("an outer transaction destroyed before its inner one rolls both back; later writes are kept",
          "[nothing_lost][transaction]") {
  test::temp_file file{"lost_out_of_order.db"};
  {
    BankDb db{file.path};
    db.create_all();
    std::optional<ctorm::Transaction> outer, inner;
    outer.emplace(db.transaction());
    db.insert(Account{.owner = "ann"});
    inner.emplace(db.transaction());
    db.insert(Account{.owner = "bob"});
    outer.reset();  // the misuse: the outer scope ends first

    CHECK(sqlite3_get_autocommit(db.native_handle()) != 0);
    CHECK(db.count<Account>() == 0);
    CHECK_FALSE(inner->active());
    CHECK_THROWS_MATCHES(inner->commit(), ctorm::usage_error,
                         Catch::Message("ctorm: cannot commit a transaction whose enclosing transaction already ended "
                                        "(and rolled it back)"));
    inner.reset();  // ends quietly

    // Later work, in autocommit and in a new transaction, is kept.
    db.insert(Account{.owner = "cat"});
    auto tx = db.transaction();
    db.insert(Account{.owner = "dan"});
    tx.commit();
  }
  BankDb reopened{file.path};
  CHECK(test::rows(reopened.native_handle(), "SELECT owner FROM accounts ORDER BY id") ==
        std::vector<std::vector<std::string>>{{"cat"}, {"dan"}});
}

TEST_CASE("an outer transaction destroyed before two inner levels rolls back to its own start",
          "[nothing_lost][transaction]") {
  BankDb db{":memory:"};
  db.create_all();
  auto outermost = db.transaction();
  db.insert(Account{.owner = "kept"});
  {
    std::optional<ctorm::Transaction> middle, inner;
    middle.emplace(db.transaction());
    db.insert(Account{.owner = "middle"});
    inner.emplace(db.transaction());
    db.insert(Account{.owner = "inner"});
    middle.reset();
    CHECK(db.count<Account>() == 1);
    CHECK_FALSE(inner->active());
    CHECK(outermost.active());
    // A new savepoint at the inner one's depth is not the inner one.
    auto again = db.transaction();
    db.insert(Account{.owner = "again"});
    again.commit();
    CHECK_THROWS_AS(inner->rollback(), ctorm::usage_error);
  }
  outermost.commit();
  CHECK(test::rows(db.native_handle(), "SELECT owner FROM accounts ORDER BY id") ==
        std::vector<std::vector<std::string>>{{"kept"}, {"again"}});
}

TEST_CASE("a transaction that outlives its Database ends without touching it", "[nothing_lost][transaction]") {
  test::temp_file file{"lost_outlived.db"};
  {
    BankDb db{file.path};
    db.create_all();
  }
  std::optional<BankDb> db;
  db.emplace(file.path);
  auto tx = db->transaction();
  db->insert(Account{.owner = "gone"});
  db.reset();  // closing the connection rolls back what is open
  CHECK_FALSE(tx.active());
  CHECK_THROWS_WITH(tx.commit(), "ctorm: cannot commit a transaction whose Database is closed");
  BankDb reopened{file.path};
  CHECK(reopened.count<Account>() == 0);
}

TEST_CASE("after SQLite rolls a transaction back (disk full), its scope runs nothing more",
          "[nothing_lost][transaction]") {
  test::temp_file file{"lost_full.db"};
  BankDb db{file.path};
  db.create_all();
  const auto ann = db.insert(Account{.owner = "ann", .balance = 100});
  const std::string pages = test::scalar(db.native_handle(), "PRAGMA page_count");
  test::exec(db.native_handle(), "PRAGMA max_page_count = " + pages);
  const Attachment big{.data = std::vector<std::byte>(std::size_t{256} * 1024, std::byte{0x5a})};

  bool left = false;
  try {
    auto tx = db.transaction();
    db.update(Account{.id = ann, .owner = "ann", .balance = 7});
    const auto full = caught<ctorm::database_error>([&] { db.insert(big); });
    CHECK(full.code() == SQLITE_FULL);
    CHECK(sqlite3_get_autocommit(db.native_handle()) != 0);  // SQLite ended the transaction

    // The program goes on as if its transaction were open: every statement is refused.
    const auto refused = caught<ctorm::usage_error>([&] { db.insert(Account{.owner = "later"}); });
    CHECK_THAT(refused.what(), Catch::StartsWith("ctorm: the transaction already ended (SQLite rolled it back after: "
                                                 "database or disk is full); nothing more runs in it"));
    CHECK_THROWS_AS(db.update(Account{.id = ann, .owner = "ann", .balance = 8}), ctorm::usage_error);
    CHECK_THROWS_AS(db.update<Account>().set(col<&Account::balance> = 9).all_rows(), ctorm::usage_error);
    CHECK_THROWS_AS(db.count<Account>(), ctorm::usage_error);
    CHECK_THROWS_AS(db.transaction(), ctorm::usage_error);  // no savepoint in it either
    CHECK_THROWS_WITH(tx.commit(), "ctorm: cannot commit: the transaction already ended (SQLite rolled it back "
                                   "after: database or disk is full)");
    throw std::runtime_error("leave the scope by exception");
  } catch (const std::runtime_error&) {
    left = true;
  }
  CHECK(left);
  test::exec(db.native_handle(), "PRAGMA max_page_count = 1000000");
  // The whole scope's work is undone, and nothing it tried after the error happened.
  CHECK(test::rows(db.native_handle(), "SELECT owner, balance FROM accounts") ==
        std::vector<std::vector<std::string>>{{"ann", "100"}});
  // Once the scope ended the connection works again, inside transactions too.
  auto tx = db.transaction();
  db.insert(Account{.owner = "bob"});
  tx.commit();
  CHECK(db.count<Account>() == 2);
}

TEST_CASE("a transaction ended behind ctorm's back is noticed", "[nothing_lost][transaction]") {
  BankDb db{":memory:"};
  db.create_all();
  auto tx = db.transaction();
  db.insert(Account{.owner = "ann"});
  test::exec(db.native_handle(), "COMMIT");
  CHECK_THROWS_WITH(db.insert(Account{.owner = "bob"}), Catch::Contains("(it was ended outside ctorm)"));
  CHECK_THROWS_AS(tx.commit(), ctorm::usage_error);
  tx.rollback();  // ends the scope: nothing left to undo
  db.insert(Account{.owner = "cat"});
  CHECK(db.count<Account>() == 2);
}

// ---- values ------------------------------------------------------------------------------

TEST_CASE("unsigned values above INT64_MAX never wrap, whatever their type and path", "[nothing_lost][integer]") {
  ctorm::Database<Gauges> db{":memory:"};
  db.create_all();
  const auto minus_one = db.insert(Gauge{.signed_value = -1, .real_value = 9223372036854775808.0});
  const unsigned long long max_ull = std::numeric_limits<unsigned long long>::max();
  const std::uint64_t above = std::uint64_t{1} << 63;
  const std::string written = "ctorm: query parameter (value written): 18446744073709551615 does not fit SQLite's "
                              "signed 64-bit INTEGER";

  // Conditions: before, `== max_ull` bound -1 and matched the row holding -1.
  CHECK_THROWS_WITH(db.remove<Gauge>().where(col<&Gauge::signed_value> == max_ull), written);
  CHECK_THROWS_AS(db.select<Gauge>().where(col<&Gauge::signed_value> >= 18446744073709551615ULL).all(),
                  ctorm::conversion_error);
  CHECK_THROWS_AS(db.select<Gauge>().where(col<&Gauge::real_value> == above).count(), ctorm::conversion_error);
  // in() on a REAL column: 2^63 as a JSON number is the REAL the row holds.
  CHECK_THROWS_AS(db.select<Gauge>().where(col<&Gauge::real_value>.in(std::vector<unsigned long long>{above})).count(),
                  ctorm::conversion_error);
  CHECK_THROWS_AS(db.select<Gauge>().where(col<&Gauge::signed_value>.not_in({max_ull})).count(), ctorm::conversion_error);
  // SET, inserts and updates.
  CHECK_THROWS_AS(db.update<Gauge>().set(col<&Gauge::wide> = max_ull).all_rows(), ctorm::conversion_error);
  CHECK_THROWS_AS(db.update<Gauge>().set(col<&Gauge::counter> = above).all_rows(), ctorm::conversion_error);
  CHECK_THROWS_WITH(db.insert(Gauge{.wide = max_ull}), Catch::Contains("gauges.wide (value written)"));
  CHECK_THROWS_AS(db.update(Gauge{.id = minus_one, .counter = above}), ctorm::conversion_error);
  // Nothing changed.
  CHECK(db.count<Gauge>() == 1);
  CHECK(db.get<Gauge>(minus_one)->signed_value == -1);
  CHECK(db.get<Gauge>(minus_one)->real_value == 9223372036854775808.0);

  // Values that fit pass every path.
  const unsigned long long fits = 9223372036854775807ULL;
  db.update<Gauge>().set(col<&Gauge::wide> = fits).all_rows();
  CHECK(db.select<Gauge>().where(col<&Gauge::wide> == fits).count() == 1);
  CHECK(db.select<Gauge>().where(col<&Gauge::wide>.in({fits})).count() == 1);
}

TEST_CASE("eager-load keys above INT64_MAX are refused, not wrapped", "[nothing_lost][integer]") {
  ctorm::Database<Family> db{":memory:"};
  db.create_all();
  const auto kept = db.insert(Parent{});
  db.insert(Child{.parent_id = static_cast<std::uint64_t>(kept)});
  CHECK(db.load<children>(Parent{.id = static_cast<std::uint64_t>(kept)}).get<children>().size() == 1);
  CHECK_THROWS_AS(db.load<children>(Parent{.id = std::numeric_limits<std::uint64_t>::max()}), ctorm::conversion_error);
}

TEST_CASE("dates beyond 32 bits of days are refused, not wrapped into range", "[nothing_lost][chrono]") {
  using namespace std::chrono;
  ctorm::Database<Events> db{":memory:"};
  db.create_all();
  // 2^32 days after a real date: year_month_day would keep only the low bits of the year.
  const sys_days far{days{(std::int64_t{1} << 32) + 19723}};
  const sys_days near{days{19723}};  // 2024-01-01
  CHECK_THROWS_WITH(db.insert(Event{.at = sys_seconds{near}, .on = far}),
                    "ctorm: events.on (value written): the date lies outside the years 0000-9999 that ISO-8601 text "
                    "can hold");
  CHECK_THROWS_WITH(db.insert(Event{.at = sys_seconds{far}}),
                    "ctorm: events.at (value written): the time lies outside the years 0000-9999 that ISO-8601 text "
                    "can hold");
  CHECK_THROWS_AS(db.select<Event>().where(col<&Event::on> == far).count(), ctorm::conversion_error);
  CHECK_THROWS_AS(db.select<Event>().where(col<&Event::on>.in({far})).count(), ctorm::conversion_error);
  CHECK_THROWS_AS(db.select<Event>().where(col<&Event::at>.in({sys_seconds{far}})).count(), ctorm::conversion_error);
  CHECK_THROWS_AS(db.update<Event>().set(col<&Event::on> = far).all_rows(), ctorm::conversion_error);
  CHECK(db.count<Event>() == 0);
  // The last and first days text holds still pass.
  const sys_days last{year{9999} / 12 / 31};
  const sys_days first{year{0} / 1 / 1};
  db.insert(Event{.at = sys_seconds{last} + hours{23} + minutes{59} + seconds{59}, .on = first});
  CHECK(db.select<Event>().where(col<&Event::on> == first).one().at == sys_seconds{last} + seconds{86399});
}

TEST_CASE("a computed update beyond the member's range is refused by the table's CHECK", "[nothing_lost][integer]") {
  ctorm::Database<Gauges> db{":memory:"};
  db.create_all();
  const auto id = db.insert(Gauge{.level = 255, .offset = -128});
  const auto e = caught<ctorm::constraint_error>(
      [&] { db.update<Gauge>().set(col<&Gauge::level> = col<&Gauge::level> + 1).all_rows(); });
  CHECK(e.extended_code() == SQLITE_CONSTRAINT_CHECK);
  CHECK(e.engine_message() == "CHECK constraint failed: level");
  CHECK_THROWS_AS(db.update<Gauge>().set(col<&Gauge::offset> = col<&Gauge::offset> - 1).all_rows(),
                  ctorm::constraint_error);
  CHECK_THROWS_AS(db.update<Gauge>().set(col<&Gauge::counter> = col<&Gauge::counter> - 1).all_rows(),
                  ctorm::constraint_error);
  // Other programs writing the table are held to the same range.
  CHECK_THROWS_AS(test::exec(db.native_handle(), "UPDATE gauges SET level = 256"), std::runtime_error);
  const auto g = db.get<Gauge>(id).value();
  CHECK(g.level == 255);
  CHECK(g.offset == -128);
  // In range, the computation runs.
  db.update<Gauge>().set(col<&Gauge::level> = col<&Gauge::level> - 5).all_rows();
  CHECK(db.get<Gauge>(id)->level == 250);
}

TEST_CASE("a table ctorm did not create has no CHECK: an out-of-range value is refused when read",
          "[nothing_lost][integer]") {
  ctorm::Database<Gauges> db{":memory:"};
  test::exec(db.native_handle(),
             "CREATE TABLE gauges (id INTEGER PRIMARY KEY, signed_value INTEGER NOT NULL, real_value REAL NOT NULL, "
             "level INTEGER NOT NULL, \"offset\" INTEGER NOT NULL, counter INTEGER NOT NULL, wide INTEGER NOT NULL)");
  const auto id = db.insert(Gauge{.level = 255});
  db.update<Gauge>().set(col<&Gauge::level> = col<&Gauge::level> + 1).all_rows();  // nothing stops it here
  CHECK_THROWS_WITH(db.get<Gauge>(id), "ctorm: gauges.level, row 1: INTEGER 256 is out of range [0, 255] of the member type");
  CHECK_THROWS_AS(db.all<Gauge>(), ctorm::conversion_error);
}

TEST_CASE("in() and not_in() take every column type", "[nothing_lost][query]") {
  using namespace std::chrono;
  ctorm::Database<Lists> db{":memory:"};
  db.create_all();
  const sys_days day{year{2024} / 2 / 29};
  const sys_seconds at = sys_seconds{day} + hours{13} + minutes{45};
  Everything a{.i8 = -5, .u32 = 4000000000U, .flag = true, .real = 0.5, .small = 1.5f, .text = std::string("a\0b", 3),
               .bytes = bytes({0, 1, 0xff}), .mood = Mood::sad, .day = day, .at = at,
               .maybe_bytes = bytes({0x10}), .maybe_at = at};
  Everything b{.i8 = 7, .text = "b", .bytes = {}, .mood = Mood::glad, .day = day + days{1}, .at = at + seconds{1}};
  a.id = db.insert(a);
  b.id = db.insert(b);
  const auto ids = [&](auto condition) {
    std::vector<std::int64_t> out;
    for (const auto& e : db.select<Everything>().where(condition).order_by(ctorm::asc<&Everything::id>).all())
      out.push_back(e.id);
    return out;
  };
  using V = std::vector<std::int64_t>;
  CHECK(ids(col<&Everything::i8>.in({-5})) == V{a.id});
  CHECK(ids(col<&Everything::u32>.in({4000000000U})) == V{a.id});
  CHECK(ids(col<&Everything::flag>.in({false})) == V{b.id});
  CHECK(ids(col<&Everything::real>.in({0.5})) == V{a.id});
  CHECK(ids(col<&Everything::small>.in({1.5f})) == V{a.id});
  CHECK(ids(col<&Everything::text>.in({std::string("a\0b", 3)})) == V{a.id});
  CHECK(ids(col<&Everything::mood>.in({Mood::glad})) == V{b.id});
  CHECK(ids(col<&Everything::day>.in({day})) == V{a.id});
  CHECK(ids(col<&Everything::at>.in(std::vector<sys_seconds>{at, at + seconds{1}})) == V{a.id, b.id});
  CHECK(ids(col<&Everything::at>.not_in({at})) == V{b.id});
  CHECK(ids(col<&Everything::maybe_at>.in({at})) == V{a.id});
  CHECK(ids(col<&Everything::bytes>.in(std::vector<std::vector<std::byte>>{bytes({0, 1, 0xff})})) == V{a.id});
  const std::vector<std::vector<std::byte>> empty{std::vector<std::byte>{}};
  CHECK(ids(col<&Everything::bytes>.in(empty)) == V{b.id});  // an empty blob, not NULL
  CHECK(ids(col<&Everything::bytes>.not_in(empty)) == V{a.id});
  // A NULL blob is neither in nor not in a list, as SQL has it for every type.
  CHECK(ids(col<&Everything::maybe_bytes>.in(std::vector<std::vector<std::byte>>{{}, bytes({0x10})})) == V{a.id});
  CHECK(ids(col<&Everything::maybe_bytes>.not_in(empty)) == V{a.id});
  CHECK(ids(!col<&Everything::maybe_bytes>.in(std::vector<std::vector<std::byte>>{bytes({0x10})})) == V{});
  STATIC_REQUIRE(decltype(db.select<Everything>().where(
                     col<&Everything::bytes>.in(std::vector<std::vector<std::byte>>{})))::sql
                     .ends_with(R"(WHERE CASE WHEN "everythings"."bytes" IS NOT NULL THEN hex("everythings"."bytes") END IN )"
                                R"((SELECT value FROM json_each(?1)))"));
}

TEST_CASE("a hostile value in a conversion_error is escaped and bounded", "[nothing_lost][message]") {
  ctorm::Database<Events> db{":memory:"};
  db.create_all();
  test::exec(db.native_handle(), "CREATE TABLE raw (id INTEGER PRIMARY KEY, at, \"on\")");
  test::exec(db.native_handle(), "DROP TABLE events");
  test::exec(db.native_handle(), "ALTER TABLE raw RENAME TO events");
  test::exec(db.native_handle(), "INSERT INTO events VALUES (1, 'bad' || char(0) || 'hidden' || char(10) || 'é\\', NULL)");
  const auto nul = caught<ctorm::conversion_error>([&] { db.get<Event>(std::int64_t{1}); });
  CHECK(std::string(nul.what()) ==
        "ctorm: events.at, row 1: TEXT 'bad\\x00hidden\\x0aé\\x5c' is not an ISO-8601 date-time (YYYY-MM-DD HH:MM:SS)");
  // Not UTF-8: shown byte by byte.
  test::exec(db.native_handle(), "UPDATE events SET at = CAST(x'41ff80c3' AS TEXT)");
  CHECK_THAT(caught<ctorm::conversion_error>([&] { db.get<Event>(std::int64_t{1}); }).what(),
             Catch::Contains("TEXT 'A\\xff\\x80\\xc3' is not"));
  // A megabyte of it: about a hundred bytes shown, and the length.
  test::exec(db.native_handle(), "UPDATE events SET at = replace(hex(zeroblob(524288)), '0', 'x')");
  const auto huge = caught<ctorm::conversion_error>([&] { db.get<Event>(std::int64_t{1}); });
  const std::string what = huge.what();
  CHECK(what.size() < 300);
  CHECK_THAT(what, Catch::StartsWith("ctorm: events.at, row 1: TEXT 'xxxxxxxx") &&
                       Catch::Contains("'... (1048576 bytes) is not an ISO-8601 date-time"));
}

TEST_CASE("a timestamp another program wrote as 2024-03-01T12:00:00Z reads, but compares as its text",
          "[nothing_lost][chrono]") {
  using namespace std::chrono;
  ctorm::Database<Events> db{":memory:"};
  test::exec(db.native_handle(), "CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, \"on\" TEXT)");
  test::exec(db.native_handle(), "INSERT INTO events (at) VALUES ('2024-03-01T12:00:00Z')");
  const Event e = db.all<Event>().at(0);
  CHECK(e.at == sys_days{year{2024} / 3 / 1} + hours{12});
  // ctorm binds its own form, '2024-03-01 12:00:00': SQLite compares text, and the row's differs.
  CHECK(db.select<Event>().where(col<&Event::at> == e.at).count() == 0);
  // Normalised once (SQLite's datetime() writes ctorm's form), the column compares as expected.
  test::exec(db.native_handle(), "UPDATE events SET at = datetime(at) WHERE at <> datetime(at)");
  CHECK(db.select<Event>().where(col<&Event::at> == e.at).count() == 1);
  CHECK(db.select<Event>().where(col<&Event::at> > e.at - seconds{1}).count() == 1);
}

// ---- migrations --------------------------------------------------------------------------

TEST_CASE("migrate refuses a type change that would change values, and changes nothing", "[nothing_lost][migration]") {
  test::temp_file file{"lost_migrate_values.db"};
  ctorm::Database<Stock> db{file.path};
  test::exec(db.native_handle(),
             "CREATE TABLE items (id INTEGER PRIMARY KEY, code TEXT NOT NULL, weight TEXT NOT NULL, label INTEGER NOT NULL) STRICT");
  test::exec(db.native_handle(),
             "INSERT INTO items (code, weight, label) VALUES ('007', '1.5', 1), (' 42', '2.5', 2), ('1e3', '1.50', 3), "
             "('12', '2', 4)");
  const auto before = test::rows(db.native_handle(), "SELECT * FROM items ORDER BY id");
  const ctorm::Permit rebuild{.rebuild = true};
  const auto plan = db.plan_migration(rebuild);
  REQUIRE(plan.blocked.size() == 2);
  CHECK(plan.blocked[0] == "items.code: 3 of 4 values would not come through the change to INTEGER unchanged "
                           "(e.g. text '007'); convert them first");
  CHECK(plan.blocked[1] == "items.weight: 2 of 4 values would not come through the change to REAL unchanged "
                           "(e.g. text '1.50'); convert them first");
  CHECK_THROWS_AS(db.migrate(rebuild), ctorm::migration_error);
  CHECK(test::rows(db.native_handle(), "SELECT * FROM items ORDER BY id") == before);

  // Values written the way the new type reads them back come through.
  test::exec(db.native_handle(), "UPDATE items SET code = CAST(CAST(code AS REAL) AS INTEGER), weight = '2.0' "
                                 "WHERE id IN (1, 2, 3)");
  test::exec(db.native_handle(), "UPDATE items SET code = '7' WHERE id = 1");
  test::exec(db.native_handle(), "UPDATE items SET code = '42', weight = '2.5' WHERE id = 2");
  test::exec(db.native_handle(), "UPDATE items SET weight = '3.0' WHERE id = 4");
  db.migrate(rebuild);
  CHECK(test::rows(db.native_handle(), "SELECT id, code, typeof(code), weight, label FROM items ORDER BY id") ==
        std::vector<std::vector<std::string>>{{"1", "7", "integer", "2.0", "1"},
                                              {"2", "42", "integer", "2.5", "2"},
                                              {"3", "1000", "integer", "2.0", "3"},
                                              {"4", "12", "integer", "3.0", "4"}});
  CHECK(db.verify().ok());
}

TEST_CASE("migrate keeps numbers exact across INTEGER and REAL", "[nothing_lost][migration]") {
  ctorm::Database<Stock> db{":memory:"};
  test::exec(db.native_handle(),
             "CREATE TABLE items (id INTEGER PRIMARY KEY, code REAL NOT NULL, weight INTEGER NOT NULL, label TEXT NOT NULL) STRICT");
  // 2^53 + 1 has no double; 0.1 + 0.2 has no 15-digit text.
  test::exec(db.native_handle(), "INSERT INTO items (code, weight, label) VALUES (3.0, 9007199254740993, 'a')");
  auto plan = db.plan_migration(ctorm::Permit{.rebuild = true});
  REQUIRE(plan.blocked.size() == 1);
  CHECK_THAT(plan.blocked[0], Catch::StartsWith("items.weight: 1 of 1 values") &&
                                  Catch::Contains("(e.g. integer '9007199254740993')"));
  test::exec(db.native_handle(), "UPDATE items SET weight = 5, code = 3.5");
  plan = db.plan_migration(ctorm::Permit{.rebuild = true});
  REQUIRE(plan.blocked.size() == 1);
  CHECK_THAT(plan.blocked[0], Catch::StartsWith("items.code: 1 of 1 values") && Catch::Contains("(e.g. real '3.5')"));
}

TEST_CASE("migrate keeps the triggers of views over a rebuilt table", "[nothing_lost][migration]") {
  ctorm::Database<Notes> db{":memory:"};
  test::exec(db.native_handle(), "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT) STRICT");  // nullable
  test::exec(db.native_handle(), "INSERT INTO notes (body) VALUES ('one')");
  test::exec(db.native_handle(), "CREATE VIEW note_view AS SELECT id, body FROM notes");
  test::exec(db.native_handle(),
             "CREATE TRIGGER note_view_insert INSTEAD OF INSERT ON note_view BEGIN "
             "INSERT INTO notes (body) VALUES (upper(NEW.body)); END");
  db.migrate(ctorm::Permit{.rebuild = true});
  CHECK(db.verify().ok());
  CHECK(test::scalar(db.native_handle(), "SELECT count(*) FROM sqlite_schema WHERE name = 'note_view_insert'") == "1");
  test::exec(db.native_handle(), "INSERT INTO note_view (body) VALUES ('two')");
  CHECK(test::rows(db.native_handle(), "SELECT body FROM notes ORDER BY id") ==
        std::vector<std::vector<std::string>>{{"one"}, {"TWO"}});
}

// ---- files -------------------------------------------------------------------------------

TEST_CASE("a read-only database in rollback-journal mode opens and reads", "[nothing_lost][file]") {
  test::temp_file file{"lost_read_only_journal.db"};
  {
    ctorm::open_options journal;
    journal.wal = false;
    BankDb db{file.path, journal};
    db.create_all();
    db.insert(Account{.owner = "ann", .balance = 5});
    CHECK(test::scalar(db.native_handle(), "PRAGMA journal_mode") == "delete");
  }
  const auto reads_not_writes = [&](BankDb& db) {
    CHECK(db.get<Account>(std::int64_t{1})->owner == "ann");
    CHECK(db.select<Account>().where(col<&Account::balance> == 5).count() == 1);
    const auto e = caught<ctorm::database_error>([&] { db.insert(Account{.owner = "bob"}); });
    CHECK(e.code() == SQLITE_READONLY);
    CHECK(test::scalar(db.native_handle(), "PRAGMA journal_mode") == "delete");
  };
  SECTION("a mode=ro URI") {
    BankDb db{"file:" + file.path + "?mode=ro"};
    reads_not_writes(db);
  }
  SECTION("the read_only option") {
    ctorm::open_options ro;
    ro.read_only = true;
    BankDb db{file.path, ro};
    reads_not_writes(db);
  }
  SECTION("a file without write permission") {
    namespace fs = std::filesystem;
    fs::permissions(file.path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    // A privileged user (root) writes through permission bits: SQLite then opens read-write.
    if (::access(file.path.c_str(), W_OK) != 0) {
      BankDb db{file.path};
      reads_not_writes(db);
    }
    fs::permissions(file.path, fs::perms::owner_write, fs::perm_options::add);
  }
}
