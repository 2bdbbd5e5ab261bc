// What is PostgreSQL's own: connecting, SQLSTATEs as exceptions, aborted transactions, lost
// connections, serialization failures and their retries, streaming, the types of databases
// ctorm did not create, NaN and -0.0, NUL bytes, identity keys, and the binary protocol's edges.
#include <catch2/catch.hpp>

#include <libpq-fe.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "../both/backends.hpp"

namespace pgonly {
struct Account {
  std::int64_t id{};
  std::string owner{};
  std::int64_t balance{};
};
struct Reading {
  std::int64_t id{};
  double value{};
  float small{};
};
struct Event {
  std::int64_t id{};
  std::chrono::sys_seconds at{};
  std::optional<std::chrono::sys_days> on{};
};
using Bank = ctorm::Schema<ctorm::Table<Account, ctorm::Unique<&Account::owner>>>;
using Lab = ctorm::Schema<ctorm::Table<Reading>>;
using Calendar = ctorm::Schema<ctorm::Table<Event>>;
using Db = ctorm::Database<Bank, ctorm::postgresql>;
// Keys of floating-point values: PostgreSQL's NaN equals NaN, and -0.0 equals 0.0.
struct Grade {
  std::int64_t id{};
  double level{};
};
struct Pupil {
  std::int64_t id{};
  double grade_level{};
};
using pupils = ctorm::HasMany<Pupil, &Pupil::grade_level>;
using grade = ctorm::BelongsTo<Grade, &Pupil::grade_level, ctorm::References<&Grade::level>>;
using School = ctorm::Schema<ctorm::Table<Grade, pupils, ctorm::Unique<&Grade::level>>, ctorm::Table<Pupil, grade>>;

/// A schema and a connection string to it; the tables of a foreign program are made with
/// raw SQL there.
struct fresh {
  std::string conninfo = test::pg_fresh_schema();
  void exec(const std::string& sql) const { test::pg_exec(conninfo, sql); }
};
}  // namespace pgonly

using namespace pgonly;
using ctorm::col;
using test::caught;

TEST_CASE("PostgreSQL: a bad connection string or an unreachable server is one clear error", "[postgresql]") {
  const auto bad = caught<ctorm::database_error>([] { Db db{"host=/nonexistent/socket/dir port=1 user=nobody"}; });
  CHECK(bad.sqlstate() == "08001");
  CHECK_THAT(bad.what(), Catch::StartsWith("ctorm: connection to server on socket") &&
                             Catch::Contains("check the connection string"));
  const auto syntax = caught<ctorm::database_error>([] { Db db{"this is not = a 'conninfo"}; });
  CHECK(syntax.sqlstate() == "08001");
  // An address nobody answers: libpq's connect timeout, not a hang (TEST-NET-1, RFC 5737).
  ctorm::postgresql_options quick;
  quick.connect_timeout = std::chrono::seconds{2};
  const auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_AS((Db{"host=192.0.2.1 port=5432 user=nobody", quick}), ctorm::database_error);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds{10});
}

TEST_CASE("PostgreSQL: SQLSTATE classes map to ctorm's exceptions", "[postgresql]") {
  Db db{test::pg_fresh_schema()};
  db.create_all();
  db.insert(Account{.owner = "ann", .balance = 10});
  const auto unique = caught<ctorm::constraint_error>([&] { db.insert(Account{.owner = "ann"}); });
  CHECK(unique.sqlstate() == "23505");
  CHECK(unique.constraint() == "accounts_owner_key");
  CHECK_THAT(unique.what(), Catch::Contains("(SQLSTATE 23505) in: INSERT INTO \"accounts\""));
  // A statement the server refuses for another reason: a plain database_error with its state.
  PQclear(PQexec(db.native_handle(), "DROP TABLE accounts"));
  const auto missing = caught<ctorm::database_error>([&] { db.get<Account>(std::int64_t{1}); });
  CHECK(missing.sqlstate() == "42P01");
  CHECK_THAT(missing.what(), Catch::StartsWith("ctorm: relation \"accounts\" does not exist (SQLSTATE 42P01) in: SELECT"));
}

TEST_CASE("PostgreSQL: after an error a transaction is refused until it is rolled back", "[postgresql]") {
  Db db{test::pg_fresh_schema()};
  db.create_all();
  db.insert(Account{.owner = "ann"});
  {
    auto tx = db.transaction();
    db.insert(Account{.owner = "bob"});
    CHECK_THROWS_AS(db.insert(Account{.owner = "ann"}), ctorm::constraint_error);
    const auto refused = caught<ctorm::usage_error>([&] { db.insert(Account{.owner = "cat"}); });
    CHECK_THAT(refused.what(), Catch::StartsWith("ctorm: the transaction already ended (PostgreSQL aborted it after: "
                                                 "duplicate key value violates unique constraint"));
    CHECK_THROWS_AS(tx.commit(), ctorm::usage_error);
  }
  CHECK(db.count<Account>() == 1);
  db.insert(Account{.owner = "dan"});  // the connection works again
  CHECK(db.count<Account>() == 2);
}

TEST_CASE("PostgreSQL: a lost connection is a clear database_error", "[postgresql]") {
  const std::string conninfo = test::pg_fresh_schema();
  Db db{conninfo};
  db.create_all();
  const int pid = PQbackendPID(db.native_handle());
  test::pg_exec(test::pg_conninfo(), "SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
  const auto lost = caught<ctorm::database_error>([&] { db.count<Account>(); });
  CHECK_THAT(lost.sqlstate(), Catch::StartsWith("57") || Catch::StartsWith("08"));
  CHECK_THROWS_AS(db.count<Account>(), ctorm::database_error);  // and stays an error, no crash
}

TEST_CASE("PostgreSQL: a server that stops is a lost connection from the first statement that fails",
          "[postgresql]") {
  // A server of its own, stopped at once (as a crash would) under open connections.
  const std::string file = __FILE__;
  const std::string script = file.substr(0, file.rfind('/')) + "/server.sh";
  std::string state = std::filesystem::temp_directory_path() / "ctorm-lost-XXXXXX";
  REQUIRE(mkdtemp(state.data()) != nullptr);
  REQUIRE(std::system((script + " start " + state + " >/dev/null").c_str()) == 0);
  std::string conninfo;
  std::getline(std::ifstream(state + "/conninfo"), conninfo);
  Db idle{conninfo}, busy{conninfo};
  idle.create_all();
  auto tx = busy.transaction();
  busy.insert(Account{.owner = "unsaved"});
  REQUIRE(std::system((script + " stop " + state).c_str()) == 0);
  std::filesystem::remove_all(state);
  for (auto* db : {&idle, &busy}) {
    const auto lost = caught<ctorm::database_error>([&] { (void)db->get<Account>(std::int64_t{1}); });
    CHECK(lost.sqlstate() == "08006");
    CHECK_THAT(lost.what(), Catch::EndsWith("the connection to the server is lost"));
  }
  CHECK_THROWS_WITH(tx.commit(), Catch::Contains("the transaction already ended"));
}

TEST_CASE("PostgreSQL: a nested transaction runs at the outer one's level and cannot ask for a stricter one",
          "[postgresql]") {
  Db db{test::pg_fresh_schema()};
  db.create_all();
  {
    auto outer = db.transaction();
    CHECK_THROWS_WITH(db.transaction(ctorm::isolation::serializable),
                      "ctorm: a nested transaction cannot ask for SERIALIZABLE inside a READ COMMITTED transaction - "
                      "the isolation level is set for a whole transaction: begin the outermost one at it");
    CHECK_THROWS_AS(db.transact([] {}, {.mode = ctorm::isolation::repeatable_read}), ctorm::usage_error);
    db.insert(Account{.owner = "still usable"});
    outer.commit();
  }
  {
    auto outer = db.transaction(ctorm::isolation::serializable);
    auto inner = db.transaction(ctorm::isolation::repeatable_read);  // SERIALIZABLE, as the outer one
    auto innermost = db.transaction();
    innermost.commit();
    inner.commit();
    outer.commit();
  }
  CHECK(db.count<Account>() == 1);
}

TEST_CASE("PostgreSQL: SERIALIZABLE conflicts are serialization_errors that transact retries", "[postgresql]") {
  const std::string conninfo = test::pg_fresh_schema();
  {
    Db db{conninfo};
    db.create_all();
    db.insert(Account{.owner = "a", .balance = 1000});
    db.insert(Account{.owner = "b", .balance = 1000});
  }
  // Two transactions read and then write the same row: the second to commit fails with 40001.
  {
    Db one{conninfo}, two{conninfo};
    auto t1 = one.transaction(ctorm::isolation::serializable);
    auto t2 = two.transaction(ctorm::isolation::serializable);
    auto a1 = one.get<Account>(std::int64_t{1}).value();
    auto a2 = two.get<Account>(std::int64_t{1}).value();
    a1.balance += 1;
    one.update(a1);
    t1.commit();
    a2.balance += 1;
    const auto e = caught<ctorm::serialization_error>([&] {
      two.update(a2);
      t2.commit();
    });
    CHECK(e.sqlstate() == "40001");
  }
  // Eight threads move money from one account to another under SERIALIZABLE through transact:
  // every transfer lands once, none is lost.
  const auto balance = [&](std::int64_t id) { return Db{conninfo}.get<Account>(id)->balance; };
  const std::int64_t from_before = balance(1), to_before = balance(2);
  constexpr int threads = 8;
  constexpr int transfers = 40;
  std::atomic<std::uint64_t> retries{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      try {
        Db db{conninfo};
        ctorm::retry_policy<ctorm::isolation> policy;
        policy.mode = ctorm::isolation::serializable;
        policy.attempts = 200;
        for (int i = 0; i < transfers; ++i)
          db.transact(
              [&](Db& d) {
                auto from = d.get<Account>(std::int64_t{1}).value();
                auto to = d.get<Account>(std::int64_t{2}).value();
                from.balance -= 1;
                to.balance += 1;
                d.update(from);
                d.update(to);
              },
              policy);
        retries += db.retries();
      } catch (...) {
        ++failures;
      }
    });
  for (auto& th : pool) th.join();
  CHECK(failures == 0);
  CHECK(balance(1) == from_before - threads * transfers);
  CHECK(balance(2) == to_before + threads * transfers);
  WARN(threads << " threads x " << transfers << " SERIALIZABLE transfers: " << retries.load() << " retries by transact");
}

TEST_CASE("PostgreSQL: a loop over a query streams its rows; the connection is busy meanwhile", "[postgresql]") {
  Db db{test::pg_fresh_schema()};
  db.create_all();
  std::vector<Account> many;
  for (int i = 0; i < 5000; ++i) many.push_back(Account{.owner = std::string("o").append(std::to_string(i)), .balance = i});
  db.insert_all(many);
  std::int64_t sum = 0, n = 0;
  for (const auto& a : db.select<Account>()) {
    sum += a.balance;
    ++n;
    if (n == 1) CHECK_THROWS_WITH(db.count<Account>(), Catch::Contains("a loop over a query is still reading rows"));
  }
  CHECK(n == 5000);
  CHECK(sum == 4999LL * 5000 / 2);
  for (const auto& a : db.select<Account>()) {
    (void)a;
    break;  // the rest is cancelled
  }
  CHECK(db.count<Account>() == 5000);
}

TEST_CASE("PostgreSQL: a loop left early frees the connection; a rollback ends a loop still reading", "[postgresql]") {
  Db db{test::pg_fresh_schema()};
  db.create_all();
  std::vector<Account> many;
  for (int i = 0; i < 3000; ++i) many.push_back(Account{.owner = std::string("o").append(std::to_string(i)), .balance = i});
  db.insert_all(many);
  // A query kept in a variable: leaving its loop ends the query, and it can be run again.
  auto q = db.select<Account>().order_by(ctorm::asc<&Account::id>);
  for (const auto& a : q) {
    CHECK(a.balance == 0);
    break;
  }
  CHECK(db.count<Account>() == 3000);
  std::int64_t n = 0;
  for (const auto& a : q) n += a.id > 0;
  CHECK(n == 3000);
  {
    auto tx = db.transaction();
    for (const auto& a : q) {
      (void)a;
      break;  // inside a transaction the rest is read, not cancelled: the transaction goes on
    }
    db.insert(Account{.owner = "kept"});
    tx.commit();
  }
  CHECK(db.count<Account>() == 3001);
  // A transaction that ends, not committed, while a loop still reads: its work is rolled back
  // and the loop's next step says why; what follows runs outside it.
  auto reading = db.select<Account>();
  {
    auto tx = db.transaction();
    db.insert(Account{.owner = "never"});
    auto it = reading.begin();
    CHECK(it != reading.end());
    {
      auto inner = std::move(tx);  // ends here, uncommitted
    }
    CHECK_THROWS_WITH(++it, Catch::Contains("rows were dropped when its transaction rolled back"));
  }
  CHECK_FALSE(db.select<Account>().where(col<&Account::owner> == "never").exists());
  {
    auto tx = db.transaction();
    db.insert(Account{.owner = "later"});
    tx.commit();
  }
  CHECK(db.count<Account>() == 3002);
  CHECK_FALSE(db.select<Account>().where(col<&Account::owner> == "never").exists());
}

TEST_CASE("PostgreSQL: a loop inside a transaction: another statement, a commit, the Transaction's end", "[postgresql]") {
  fresh f;
  Db db{f.conninfo};
  db.create_all();
  std::vector<Account> some;
  for (int i = 0; i < 50; ++i) some.push_back(Account{.owner = std::string("o").append(std::to_string(i)), .balance = i});
  db.insert_all(some);
  {
    // Refused while the loop reads, the transaction itself untouched.
    auto tx = db.transaction();
    db.insert(Account{.owner = "in"});
    for (const auto& a : db.select<Account>().where(col<&Account::id> < 3)) {
      CHECK_THROWS_WITH(db.get<Account>(a.id), Catch::Contains("a loop over a query is still reading rows"));
      CHECK_THROWS_WITH(tx.commit(), Catch::Contains("a loop over a query is still reading rows"));
    }
    db.insert(Account{.owner = "after"});
    tx.commit();
  }
  CHECK(db.count<Account>() == 52);
  {
    // A Transaction that ends while its loop reads rolls back and ends the loop: what runs after
    // it is committed on its own, as every other session sees.
    std::optional<ctorm::PgTransaction> tx;
    tx.emplace(db.transaction());
    db.insert(Account{.owner = "undone"});
    int k = 0;
    CHECK_THROWS_WITH(
        [&] {
          for (const auto& a : db.select<Account>()) {
            (void)a;
            if (++k == 2) tx.reset();
          }
        }(),
        Catch::Contains("rows were dropped when its transaction rolled back"));
  }
  db.insert(Account{.owner = "seen"});
  Db other{f.conninfo};
  CHECK(other.select<Account>().where(col<&Account::owner> == "seen").exists());
  CHECK_FALSE(other.select<Account>().where(col<&Account::owner> == "undone").exists());
}

TEST_CASE("PostgreSQL: a loop whose first row cannot be read lets the connection go", "[postgresql]") {
  fresh f;
  Db db{f.conninfo};
  db.create_all();
  db.insert(Account{.owner = "a", .balance = 1});
  f.exec("ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(30, 1); UPDATE accounts SET balance = 1.5");
  auto q = db.select<Account>();
  CHECK_THROWS_AS([&] { for (const auto& a : q) (void)a; }(), ctorm::conversion_error);
  CHECK(db.count<Account>() == 1);
}

TEST_CASE("PostgreSQL: insert_all reads the columns' types with the COPY: a type changed by another session is "
          "written as that type",
          "[postgresql]") {
  fresh f;
  ctorm::Database<Lab, ctorm::postgresql> db{f.conninfo};
  db.create_all();
  db.insert_all(std::vector<Reading>{{.value = 1.5, .small = 7.0F}});
  // The statement that described the table was prepared before these changes.
  f.exec("ALTER TABLE readings ALTER COLUMN small TYPE double precision");
  db.insert_all(std::vector<Reading>{{.value = 2.0, .small = 3.0F}});
  const auto rows = db.select<Reading>().order_by(ctorm::asc<&Reading::id>).all();
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].small == 3.0F);
  // A double is never sent as the bits of a BIGINT: refused, nothing written.
  f.exec("ALTER TABLE readings ALTER COLUMN value TYPE bigint USING value::bigint");
  CHECK_THROWS_WITH(db.insert_all(std::vector<Reading>{{.value = 2.0, .small = 1.0F}}),
                    Catch::Contains("readings.value") && Catch::Contains("cannot be sent as BIGINT"));
  CHECK(db.count<Reading>() == 2);
  // A domain is written as its base type.
  f.exec("CREATE DOMAIN positive AS double precision CHECK (VALUE > 0); "
         "ALTER TABLE readings ALTER COLUMN value TYPE positive");
  db.insert_all(std::vector<Reading>{{.value = 4.0, .small = 1.0F}});
  CHECK(db.count<Reading>() == 3);
}

TEST_CASE("PostgreSQL: insert_all inside a transaction: a value that cannot be sent leaves the transaction usable",
          "[postgresql]") {
  Db db{test::pg_fresh_schema()};
  db.create_all();
  auto tx = db.transaction();
  db.insert(Account{.owner = "first"});
  const std::vector<Account> bad{Account{.owner = "ok"}, Account{.owner = std::string("a\0b", 3)}};
  CHECK_THROWS_AS(db.insert_all(bad), ctorm::conversion_error);
  db.insert(Account{.owner = "second"});
  tx.commit();
  CHECK(db.count<Account>() == 2);
}

namespace pgonly {
struct Counter {
  std::int64_t id{};
};
}  // namespace pgonly

TEST_CASE("PostgreSQL: insert_all into a table of nothing but its generated key", "[postgresql]") {
  ctorm::Database<ctorm::Schema<ctorm::Table<Counter>>, ctorm::postgresql> db{test::pg_fresh_schema()};
  db.create_all();
  CHECK(db.insert_all(std::vector<Counter>(3)) == 3);
  CHECK(db.count<Counter>() == 3);
  CHECK(db.insert(Counter{}) == 4);
}

TEST_CASE("PostgreSQL: a statement whose table changed a column's type is prepared anew", "[postgresql]") {
  fresh f;
  Db db{f.conninfo};
  db.create_all();
  const auto ann = db.insert(Account{.owner = "ann", .balance = 5});
  CHECK(db.get<Account>(ann)->balance == 5);  // prepared, then the column changes under it
  f.exec("ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(30, 0)");
  CHECK(db.get<Account>(ann)->balance == 5);  // outside a transaction: prepared again and run
  f.exec("ALTER TABLE accounts ALTER COLUMN balance TYPE bigint");
  {
    // Inside a transaction the server's refusal aborts it; the statement is prepared anew for
    // the next run.
    auto tx = db.transaction();
    const auto stale = caught<ctorm::database_error>([&] { (void)db.get<Account>(ann); });
    CHECK(stale.sqlstate() == "0A000");
    CHECK(std::string(stale.what()).find('\n') == std::string::npos);
  }
  CHECK(db.get<Account>(ann)->balance == 5);
  CHECK(db.select<Account>().where(col<&Account::owner> == "ann").one().id == ann);
  // A loop too: its rows come as they arrive, and the refusal comes before the first.
  const auto loop = [&] {
    std::int64_t sum = 0;
    for (const auto& a : db.select<Account>().where(col<&Account::id> == ann)) sum += a.balance;
    return sum;
  };
  CHECK(loop() == 5);
  f.exec("ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(30, 0)");
  CHECK(loop() == 5);
}

TEST_CASE("PostgreSQL: columns whose types are domains are written and read as their base types", "[postgresql]") {
  fresh f;
  f.exec("CREATE DOMAIN email_t AS varchar(40);"
         "CREATE DOMAIN money_t AS bigint CHECK (VALUE >= 0);"
         "CREATE DOMAIN small_money_t AS money_t CHECK (VALUE < 1000);"
         "CREATE TABLE accounts (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, owner email_t NOT NULL UNIQUE,"
         " balance small_money_t NOT NULL)");
  Db db{f.conninfo};
  const auto ann = db.insert(Account{.owner = "ann", .balance = 5});
  db.upsert(Account{.id = ann, .owner = "ann", .balance = 7});
  CHECK(db.update<Account>().set(col<&Account::owner> = std::string("ann@example.org")).where(col<&Account::id> == ann) ==
        1);
  const auto back = db.get<Account>(ann);
  REQUIRE(back);
  CHECK(back->owner == "ann@example.org");
  CHECK(back->balance == 7);
  CHECK(db.select<Account>().where(col<&Account::owner> == "ann@example.org").count() == 1);
  CHECK_THROWS_AS(db.insert(Account{.owner = "bob", .balance = 1000}), ctorm::constraint_error);  // the domain's CHECK
}

TEST_CASE("PostgreSQL: a time or date outside PostgreSQL's range is refused before it is sent", "[postgresql]") {
  using namespace std::chrono;
  ctorm::Database<Calendar, ctorm::postgresql> db{test::pg_fresh_schema()};
  db.create_all();
  // 4714-11-24 BC 00:00 and the last second before 294277-01-01, in seconds since 1970.
  const sys_seconds first{seconds{-210866803200}}, last{seconds{9224318015999}};
  const auto a = db.insert(Event{.at = first, .on = sys_days{days{-2440588}}});
  const auto b = db.insert(Event{.at = last, .on = sys_days{days{2145042905}}});
  CHECK(db.get<Event>(a)->at == first);
  CHECK(db.get<Event>(a)->on == sys_days{days{-2440588}});
  CHECK(db.get<Event>(b)->at == last);
  CHECK(db.get<Event>(b)->on == sys_days{days{2145042905}});
  const auto early = caught<ctorm::conversion_error>([&] { db.insert(Event{.at = first - seconds{1}}); });
  CHECK_THAT(early.what(), Catch::StartsWith("ctorm: events.at (value written): the time lies outside the range of a "
                                             "PostgreSQL timestamp"));
  CHECK_THROWS_AS(db.insert(Event{.at = last + seconds{1}}), ctorm::conversion_error);
  CHECK_THROWS_AS(db.insert(Event{.at = first, .on = sys_days{days{-2440589}}}), ctorm::conversion_error);
  const auto late = caught<ctorm::conversion_error>([&] { db.insert(Event{.at = first, .on = sys_days{days{2145042906}}}); });
  CHECK_THAT(late.what(), Catch::StartsWith("ctorm: events.on (value written): the date lies outside the range"));
  CHECK(db.count<Event>() == 2);
}

TEST_CASE("PostgreSQL: NaN and -0.0 are stored exactly; text cannot hold a NUL byte", "[postgresql]") {
  ctorm::Database<Lab, ctorm::postgresql> db{test::pg_fresh_schema()};
  db.create_all();
  const auto nan = db.insert(Reading{.value = std::numeric_limits<double>::quiet_NaN(), .small = -0.0f});
  const auto zero = db.insert(Reading{.value = -0.0, .small = std::numeric_limits<float>::infinity()});
  CHECK(std::isnan(db.get<Reading>(nan)->value));
  CHECK(std::signbit(db.get<Reading>(nan)->small));
  CHECK(std::signbit(db.get<Reading>(zero)->value));
  CHECK(std::isinf(db.get<Reading>(zero)->small));
  Db bank{test::pg_fresh_schema()};
  bank.create_all();
  const auto nul = caught<ctorm::conversion_error>([&] { bank.insert(Account{.owner = std::string("a\0b", 3)}); });
  CHECK_THAT(nul.what(), Catch::StartsWith("ctorm: accounts.owner (value written): text with a NUL byte cannot be stored") &&
                             Catch::Contains("'a\\x00b'"));
  CHECK(bank.count<Account>() == 0);
}

TEST_CASE("PostgreSQL: an eager load groups by a floating-point key as the server compares it (NaN equals NaN)",
          "[postgresql]") {
  ctorm::Database<School, ctorm::postgresql> db{test::pg_fresh_schema()};
  db.create_all();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  db.insert(Grade{.level = nan});
  db.insert(Grade{.level = 0.0});
  db.insert(Pupil{.grade_level = nan});
  db.insert(Pupil{.grade_level = -std::numeric_limits<double>::quiet_NaN()});
  db.insert(Pupil{.grade_level = -0.0});
  const auto grades = db.select<Grade>().order_by(ctorm::asc<&Grade::id>).with<pupils>().all();
  REQUIRE(grades.size() == 2);
  CHECK(grades[0].get<pupils>().size() == 2);
  CHECK(grades[1].get<pupils>().size() == 1);
  for (const auto& p : db.select<Pupil>().with<grade>().all()) CHECK(p.get<grade>().id != 0);
}

TEST_CASE("PostgreSQL: text that is not UTF-8 is refused before it is sent, naming the column", "[postgresql]") {
  using ctorm::postgresql_backend::detail::unstorable_text_at;
  constexpr auto none = std::string_view::npos;
  CHECK(unstorable_text_at("") == none);
  CHECK(unstorable_text_at("plain ascii text, longer than eight bytes") == none);
  CHECK(unstorable_text_at("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x99\x82 \xf4\x8f\xbf\xbf") == none);
  CHECK(unstorable_text_at("abcdefg\xff") == 7);                      // the last byte of the first eight
  CHECK(unstorable_text_at("abcdefgh\xc3") == 8);                     // a sequence cut at the end
  CHECK(unstorable_text_at(std::string_view("abcdefghi\0j", 11)) == 9);  // NUL in the second eight
  CHECK(unstorable_text_at("\xc0\x80") == 0);                        // an overlong NUL
  CHECK(unstorable_text_at("xx\xed\xa0\x80") == 2);                 // a surrogate
  CHECK(unstorable_text_at("\xf4\x90\x80\x80") == 0);              // beyond U+10FFFF
  CHECK(unstorable_text_at("\xe2\x82x") == 0);                       // a continuation missing
  const std::string ascii = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";  // 62 bytes
  for (std::size_t at = 0; at < ascii.size(); ++at) {
    CHECK(unstorable_text_at(std::string_view(ascii).substr(0, at + 1)) == none);
    std::string bad = ascii;
    bad[at] = '\xff';  // found wherever it is: in 32-byte blocks, 8-byte words or the last word
    CHECK(unstorable_text_at(bad) == at);
    bad[at] = '\0';
    CHECK(unstorable_text_at(bad) == at);
    bad.replace(at, 1, "\xc3\xa9");  // and a valid sequence anywhere is passed
    CHECK(unstorable_text_at(bad) == none);
  }
  Db db{test::pg_fresh_schema()};
  db.create_all();
  const std::string latin1 = "Jos\xe9";
  const auto bad = caught<ctorm::conversion_error>([&] { db.insert(Account{.owner = latin1}); });
  CHECK_THAT(bad.what(), Catch::StartsWith("ctorm: accounts.owner (value written): text that is not UTF-8 (at byte 3) "
                                           "cannot be stored") &&
                             Catch::Contains("'Jos\\xe9'"));
  CHECK_THROWS_AS(db.insert_all(std::vector<Account>{Account{.owner = "ok"}, Account{.owner = latin1}}),
                  ctorm::conversion_error);
  CHECK_THROWS_AS(db.select<Account>().where(col<&Account::owner> == latin1).count(), ctorm::conversion_error);
  const std::string utf8 = "Jos\xc3\xa9 \xf0\x9f\x99\x82";
  const auto id = db.insert(Account{.owner = utf8});
  CHECK(db.get<Account>(id)->owner == utf8);
  CHECK(db.count<Account>() == 1);
}

TEST_CASE("PostgreSQL: tables ctorm did not create map by their values", "[postgresql]") {
  using namespace std::chrono;
  fresh f;
  f.exec("CREATE TABLE accounts (id integer PRIMARY KEY, owner varchar(20) NOT NULL, balance numeric(12, 0) NOT NULL);"
         "INSERT INTO accounts VALUES (1, 'ann', 100), (2, 'bob', 12345678901)");
  Db db{f.conninfo};
  const auto all = db.select<Account>().order_by(ctorm::asc<&Account::id>).all();
  REQUIRE(all.size() == 2);
  CHECK(all[0].owner == "ann");
  CHECK(all[1].balance == 12345678901);
  CHECK(db.select<Account>().where(col<&Account::owner> == "bob").count() == 1);
  f.exec("CREATE TABLE readings (id bigint PRIMARY KEY, value numeric NOT NULL, small real NOT NULL);"
         "INSERT INTO readings VALUES (1, 0.1, 1.5), (2, 0.123456789012345678901, 2),"
         "(3, 123456789012345680000000000000, 3), (4, 123456789012345678000000000000, 4), (5, -0.0000001, 5)");
  ctorm::Database<Lab, ctorm::postgresql> lab{f.conninfo};
  CHECK(lab.get<Reading>(std::int64_t{1})->value == 0.1);
  // A NUMERIC is taken when it is the decimal a double's shortest digits stand for, at any scale.
  CHECK(lab.get<Reading>(std::int64_t{3})->value == 1.2345678901234568e29);
  CHECK_THROWS_AS(lab.get<Reading>(std::int64_t{4}), ctorm::conversion_error);
  CHECK(lab.get<Reading>(std::int64_t{5})->value == -1e-7);
  const auto inexact = caught<ctorm::conversion_error>([&] { lab.get<Reading>(std::int64_t{2}); });
  CHECK(std::string(inexact.what()) == "ctorm: readings.value, row 1: NUMERIC '0.123456789012345678901' cannot be held "
                                       "exactly by a floating-point member");
  f.exec("CREATE TABLE events (id bigint PRIMARY KEY, at timestamp NOT NULL, \"on\" date);"
         "INSERT INTO events VALUES (1, '2024-03-01 12:00:00', '2024-02-29'), (2, '2024-03-01 12:00:00.5', NULL),"
         "(3, 'infinity', NULL)");
  ctorm::Database<Calendar, ctorm::postgresql> cal{f.conninfo};
  const auto e1 = cal.get<Event>(std::int64_t{1}).value();
  CHECK(e1.at == sys_days{year{2024} / 3 / 1} + hours{12});  // TIMESTAMP read as UTC
  CHECK(e1.on == sys_days{year{2024} / 2 / 29});
  CHECK(cal.select<Event>().where(col<&Event::at> == e1.at).count() == 1);
  CHECK_THROWS_WITH(cal.get<Event>(std::int64_t{2}), Catch::Contains("fractional seconds"));
  CHECK_THROWS_WITH(cal.get<Event>(std::int64_t{3}), Catch::Contains("infinity cannot be held"));
}

TEST_CASE("PostgreSQL: a floating-point cell a member cannot hold exactly is refused", "[postgresql]") {
  fresh f;
  f.exec("CREATE TABLE accounts (id integer PRIMARY KEY, owner text NOT NULL, balance double precision NOT NULL);"
         "INSERT INTO accounts VALUES (1, 'ann', 3), (2, 'bob', 2.5), (3, 'cy', 1e300), (4, 'di', -0.0)");
  Db db{f.conninfo};
  CHECK(db.get<Account>(std::int64_t{1})->balance == 3);
  CHECK(db.get<Account>(std::int64_t{4})->balance == 0);
  CHECK_THROWS_WITH(db.get<Account>(std::int64_t{2}), Catch::Contains("2.5 has a fraction - an integer member cannot hold it"));
  CHECK_THROWS_WITH(db.get<Account>(std::int64_t{3}), Catch::Contains("is out of range for an integer member"));
  f.exec("CREATE TABLE readings (id bigint PRIMARY KEY, value double precision NOT NULL, small double precision NOT NULL);"
         "INSERT INTO readings VALUES (1, 0, 0.5), (2, 0, 0.1), (3, 0, 1e39), (4, 0, '-Infinity')");
  ctorm::Database<Lab, ctorm::postgresql> lab{f.conninfo};
  CHECK(lab.get<Reading>(std::int64_t{1})->small == 0.5f);
  CHECK(lab.get<Reading>(std::int64_t{4})->small == -std::numeric_limits<float>::infinity());
  CHECK_THROWS_WITH(lab.get<Reading>(std::int64_t{2}), Catch::Contains("cannot be held exactly by a float"));
  CHECK_THROWS_WITH(lab.get<Reading>(std::int64_t{3}), Catch::Contains("cannot be held exactly by a float"));
}

TEST_CASE("PostgreSQL: an out-of-range cell names table, column and row", "[postgresql]") {
  struct Small {
    std::int64_t id{};
    std::int16_t value{};
  };
  using Smalls = ctorm::Schema<ctorm::Table<Small, ctorm::Name<"wide">>>;
  fresh f;
  f.exec("CREATE TABLE wide (id bigint PRIMARY KEY, value integer NOT NULL); INSERT INTO wide VALUES (1, 5), (2, 70000)");
  ctorm::Database<Smalls, ctorm::postgresql> db{f.conninfo};
  CHECK(db.get<Small>(std::int64_t{1})->value == 5);
  const auto e = caught<ctorm::conversion_error>([&] { db.select<Small>().order_by(ctorm::asc<&Small::id>).all(); });
  CHECK(std::string(e.what()) == "ctorm: wide.value, row 2: INTEGER 70000 is out of range [-32768, 32767] of the member type");
  // A comparison value wider than the column is compared, not refused: it matches nothing.
  CHECK(db.select<Small>().where(col<&Small::value> == 5000000000LL).count() == 0);
}

namespace pgonly {
/// The names of the statements prepared on `db`'s connection, in order.
std::vector<std::string> prepared_names(Db& db) {
  PGresult* r = PQexec(db.native_handle(), "SELECT name FROM pg_prepared_statements ORDER BY name");
  std::vector<std::string> names;
  for (int i = 0; i < PQntuples(r); ++i) names.emplace_back(PQgetvalue(r, i, 0));
  PQclear(r);
  return names;
}
}  // namespace pgonly

TEST_CASE("PostgreSQL: each statement is prepared once, under a name derived from its text", "[postgresql]") {
  const std::string where = test::pg_fresh_schema();
  Db a{where};
  a.create_all();
  Db b{where};
  const auto run = [](Db& db) {
    db.insert(Account{.owner = "o" + std::to_string(db.count<Account>())});
    CHECK(db.get<Account>(std::int64_t{1}).has_value());
  };
  run(a);
  const auto names = prepared_names(a);
  REQUIRE(names.size() == 3);  // count, insert, get
  for (const auto& n : names) CHECK_THAT(n, Catch::Matches("ctorm_[0-9a-f]{16}"));
  const auto before = a.statements_run();
  run(a);  // the same statements again: nothing new prepared
  CHECK(prepared_names(a) == names);
  CHECK(a.statements_run() == before + 3);
  run(b);
  CHECK(prepared_names(b) == names);  // the same names on another connection
}

namespace pgonly {
struct Writer {
  std::int64_t id{};
  std::string name{};
};
struct Book {
  std::int64_t id{};
  std::int64_t writer_id{};
  std::int64_t pages{};
};
struct Note {
  std::int64_t id{};
  std::int64_t writer_id{};
  std::string text{};
};
using books = ctorm::HasMany<Book, &Book::writer_id>;
using notes = ctorm::HasMany<Note, &Note::writer_id>;
using Shelf = ctorm::Schema<ctorm::Table<Writer, books, notes>,
                            ctorm::Table<Book, ctorm::BelongsTo<Writer, &Book::writer_id>>,
                            ctorm::Table<Note, ctorm::BelongsTo<Writer, &Note::writer_id>>>;
using ShelfDb = ctorm::Database<Shelf, ctorm::postgresql>;

/// The protocol messages libpq sends while `fn` runs that end a round trip (Sync), read from
/// libpq's trace.
template <class F>
int syncs_during(ShelfDb& db, F&& fn) {
  std::FILE* trace = std::tmpfile();
  REQUIRE(trace != nullptr);
  PQtrace(db.native_handle(), trace);
  fn();
  PQuntrace(db.native_handle());
  std::rewind(trace);
  int syncs = 0;
  char line[4096];
  while (std::fgets(line, sizeof line, trace) != nullptr)
    if (std::strstr(line, "\tF\t") != nullptr && std::strstr(line, "\tSync") != nullptr) ++syncs;
  std::fclose(trace);
  return syncs;
}

void fill_shelf(ShelfDb& db, int writers, int per_writer) {
  db.create_all();
  std::vector<Writer> ws;
  std::vector<Book> bs;
  std::vector<Note> ns;
  for (int w = 1; w <= writers; ++w) {
    ws.push_back(Writer{.id = w, .name = "w" + std::to_string(w)});
    for (int k = 0; k < per_writer; ++k) {
      bs.push_back(Book{.writer_id = w, .pages = k});
      ns.push_back(Note{.writer_id = w, .text = std::string(40, static_cast<char>('a' + k % 26))});
    }
  }
  db.insert_all(ws);
  db.insert_all(bs);
  db.insert_all(ns);
}
}  // namespace pgonly

TEST_CASE("PostgreSQL: the relations of one level of an eager load cost one round trip together", "[postgresql]") {
  ShelfDb db{test::pg_fresh_schema()};
  fill_shelf(db, 20, 3);
  const auto load = [&] { return db.select<Writer>().order_by(ctorm::asc<&Writer::id>).with<books, notes>().all(); };
  const auto load_books = [&] { return db.select<Writer>().with<books>().all(); };
  (void)load();  // each statement is prepared on its first run: a round trip of its own
  (void)load_books();
  std::vector<ctorm::Loaded<Writer, books, notes>> loaded;
  const auto before = db.statements_run();
  // One round trip for the writers, one for their books and notes together.
  CHECK(syncs_during(db, [&] { loaded = load(); }) == 2);
  CHECK(db.statements_run() == before + 3);
  REQUIRE(loaded.size() == 20);
  for (const auto& w : loaded) {
    CHECK(w.get<books>().size() == 3);
    CHECK(w.get<notes>().size() == 3);
    for (const auto& b : w.get<books>()) CHECK(b.writer_id == w->id);
  }
  // A single relation is run on its own, as before.
  CHECK(syncs_during(db, [&] { (void)load_books(); }) == 2);
}

TEST_CASE("PostgreSQL: a batch of large results neither deadlocks nor loses rows", "[postgresql]") {
  ShelfDb db{test::pg_fresh_schema()};
  fill_shelf(db, 30000, 3);  // 240 KB of keys per statement, 90000 rows of each relation
  const auto loaded = db.select<Writer>().with<books, notes>().all();
  std::size_t books_seen = 0, notes_seen = 0;
  for (const auto& w : loaded) {
    books_seen += w.get<books>().size();
    notes_seen += w.get<notes>().size();
  }
  CHECK(books_seen == 90000);
  CHECK(notes_seen == 90000);
}

TEST_CASE("PostgreSQL: an error in a batch is thrown once the connection is idle again", "[postgresql]") {
  ShelfDb db{test::pg_fresh_schema()};
  fill_shelf(db, 5, 2);
  const auto zero = std::int64_t{0};
  // The notes' condition divides by zero on the server: the books' statement succeeded first.
  const auto e = caught<ctorm::database_error>([&] {
    (void)db.select<Writer>().with<books>(col<&Book::pages> >= 0).with<notes>(col<&Note::id> / zero == 1).all();
  });
  CHECK(e.sqlstate() == "22012");
  CHECK(std::string(e.sql()).find("\"notes\"") != std::string::npos);
  CHECK(db.count<Writer>() == 5);  // usable again
  {
    auto tx = db.transaction();
    CHECK_THROWS_AS(db.select<Writer>().with<books>().with<notes>(col<&Note::id> / zero == 1).all(),
                    ctorm::database_error);
    CHECK_THROWS_WITH(db.count<Writer>(), Catch::Contains("the transaction already ended"));
  }
  CHECK(db.select<Writer>().with<books, notes>().all().size() == 5);
}

namespace pgonly {
// Static storage: a statement is named after its text's address.
constexpr std::string_view echo_few =
    "SELECT $1::INT8, $2::INT4, $3::INT2, $4::FLOAT8, $5::BOOL, $6::TEXT, $7::INT8, $8::TIMESTAMPTZ, $9::INT8[]";
constexpr std::string_view echo_many =
    "SELECT $1::INT8, $2::INT8, $3::INT8, $4::INT8, $5::INT8, $6::INT8, $7::INT8, $8::INT8, $9::INT8, $10::INT8, "
    "$11::INT8, $12::INT8, $13::INT8, $14::INT8, $15::INT8, $16::INT8, $17::INT8, $18::TEXT, $19::INT8, $20::INT4";
}  // namespace pgonly

TEST_CASE("PostgreSQL: bound values survive a move of their statement; long statements bind through the connection", "[postgresql]") {
  using ctorm::postgresql_backend::connection;
  using ctorm::postgresql_backend::statement;
  connection conn(test::pg_fresh_schema(), ctorm::postgresql_options{});
  const ctorm::detail::cell where{"t", "c", 0};
  const std::string text = "text, borrowed";
  const std::optional<std::int64_t> none;
  const auto at = std::chrono::sys_seconds{std::chrono::seconds{1700000000}};
  const auto check_few = [&](statement& st) {
    REQUIRE(st.step());
    CHECK(st.read<std::int64_t>(0, where) == -5000000000);
    CHECK(st.read<std::int32_t>(1, where) == -7);
    CHECK(st.read<std::int16_t>(2, where) == 300);
    CHECK(st.read<double>(3, where) == 2.5);
    CHECK(st.read<bool>(4, where));
    CHECK(st.read<std::string>(5, where) == text);
    CHECK_FALSE(st.read<std::optional<std::int64_t>>(6, where).has_value());
    CHECK(st.read<std::chrono::sys_seconds>(7, where) == at);
    CHECK_FALSE(st.step());
  };
  const auto bind_few = [&](statement& st) {
    st.bind(std::int64_t{-5000000000}, where);  // in the statement's own slots
    st.bind(std::int64_t{-7}, where);           // written as the INT4 the server expects
    st.bind(std::int16_t{300}, where);
    st.bind(2.5, where);
    st.bind(true, where);
    st.bind(text, where);                       // the caller's bytes
    st.bind(none, where);                       // NULL
    st.bind(at, where);                         // encoded in the arena
    st.bind(ctorm::detail::value_list<std::int64_t>{{1, 2, 3}}, where);
  };
  {
    statement st(conn, echo_few);
    bind_few(st);
    check_few(st);
  }
  {
    std::optional<statement> first;
    first.emplace(conn, echo_few);
    bind_few(*first);
    statement moved(std::move(*first));
    // Another statement in the same place writes other values where the first one's were.
    first.emplace(conn, echo_few);
    for (int i = 0; i < 4; ++i) first->bind(std::int64_t{99}, where);
    check_few(moved);
  }
  // An INT4 parameter given a value it cannot hold: refused by ctorm, not truncated.
  {
    statement st(conn, echo_few);
    st.bind(std::int64_t{1}, where);
    CHECK_THROWS_WITH(st.bind(std::int64_t{5000000000}, where), Catch::Contains("does not fit the INTEGER"));
  }
  for (int round = 0; round < 2; ++round) {  // the second time on the buffers the first gave back
    statement st(conn, echo_many);
    for (std::int64_t i = 1; i <= 17; ++i) st.bind(i * 1000000000000, where);
    st.bind(text, where);
    st.bind(none, where);
    st.bind(std::int64_t{round}, where);
    REQUIRE(st.step());
    for (int i = 0; i < 17; ++i) CHECK(st.read<std::int64_t>(i, where) == (i + 1) * 1000000000000);
    CHECK(st.read<std::string>(17, where) == text);
    CHECK_FALSE(st.read<std::optional<std::int64_t>>(18, where).has_value());
    CHECK(st.read<std::int32_t>(19, where) == round);
  }
}
