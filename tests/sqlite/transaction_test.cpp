#include <catch2/catch.hpp>

#include <ctorm/ctorm.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "sqlite_helpers.hpp"

namespace tx {
struct Account {
  std::int64_t id{};
  std::string owner{};
  std::int64_t balance{};
};
using Schema = ctorm::Schema<ctorm::Table<Account>>;
using Db = ctorm::Database<Schema>;

std::int64_t balance(Db& db, std::int64_t id) { return db.get<Account>(id).value().balance; }
}  // namespace tx

using namespace tx;

TEST_CASE("a committed transaction keeps its work", "[transaction]") {
  test::temp_file file{"tx_commit.db"};
  Db db{file.path};
  db.create_all();
  {
    auto t = db.transaction();
    db.insert(Account{.owner = "ann", .balance = 10});
    db.insert(Account{.owner = "bob", .balance = 20});
    CHECK(t.active());
    t.commit();
    CHECK_FALSE(t.active());
  }
  CHECK(db.count<Account>() == 2);
  Db other{file.path};
  CHECK(other.count<Account>() == 2);
}

TEST_CASE("an uncommitted transaction rolls back when it ends", "[transaction]") {
  test::temp_file file{"tx_rollback.db"};
  Db db{file.path};
  db.create_all();
  db.insert(Account{.owner = "ann", .balance = 10});
  {
    auto t = db.transaction();
    db.insert(Account{.owner = "bob"});
    db.update(Account{.id = 1, .owner = "ann", .balance = 0});
    // Another connection does not see uncommitted work.
    Db other{file.path};
    CHECK(other.count<Account>() == 1);
    CHECK(balance(other, 1) == 10);
  }
  CHECK(db.count<Account>() == 1);
  CHECK(balance(db, 1) == 10);
  CHECK(test::scalar(db.native_handle(), "PRAGMA integrity_check") == "ok");
}

TEST_CASE("an exception rolls the transaction back", "[transaction]") {
  Db db{":memory:"};
  db.create_all();
  const auto ann = db.insert(Account{.owner = "ann", .balance = 100});
  const auto bob = db.insert(Account{.owner = "bob", .balance = 0});
  const auto transfer = [&](std::int64_t amount) {
    auto t = db.transaction();
    auto from = *db.get<Account>(ann);
    auto to = *db.get<Account>(bob);
    from.balance -= amount;
    to.balance += amount;
    db.update(from);
    if (from.balance < 0) throw std::runtime_error("insufficient funds");
    db.update(to);
    t.commit();
  };
  transfer(30);
  REQUIRE_THROWS_WITH(transfer(500), "insufficient funds");
  CHECK(balance(db, ann) == 70);
  CHECK(balance(db, bob) == 30);
  CHECK(sqlite3_get_autocommit(db.native_handle()) != 0);
}

TEST_CASE("nested transactions are savepoints", "[transaction]") {
  Db db{":memory:"};
  db.create_all();
  auto outer = db.transaction();
  db.insert(Account{.owner = "ann"});
  {
    auto inner = db.transaction();
    db.insert(Account{.owner = "bob"});
    inner.rollback();
  }
  CHECK(db.count<Account>() == 1);
  {
    auto inner = db.transaction();
    db.insert(Account{.owner = "cat"});
    {
      auto innermost = db.transaction();
      db.insert(Account{.owner = "dan"});
    }  // rolled back
    inner.commit();
  }
  CHECK(db.count<Account>() == 2);
  CHECK(sqlite3_get_autocommit(db.native_handle()) == 0);
  outer.commit();
  CHECK(sqlite3_get_autocommit(db.native_handle()) != 0);
  CHECK(db.count<Account>() == 2);
  CHECK(test::rows(db.native_handle(), "SELECT owner FROM accounts ORDER BY id") ==
        std::vector<std::vector<std::string>>{{"ann"}, {"cat"}});
}

TEST_CASE("a committed savepoint is undone with its outer transaction", "[transaction]") {
  Db db{":memory:"};
  db.create_all();
  {
    auto outer = db.transaction();
    auto inner = db.transaction();
    db.insert(Account{.owner = "ann"});
    inner.commit();
  }
  CHECK(db.count<Account>() == 0);
}

TEST_CASE("transactions end innermost first", "[transaction]") {
  Db db{":memory:"};
  db.create_all();
  auto outer = db.transaction();
  auto inner = db.transaction();
  REQUIRE_THROWS_AS(outer.commit(), ctorm::usage_error);
  REQUIRE_THROWS_WITH(outer.rollback(), Catch::Contains("end the inner one first"));
  inner.commit();
  REQUIRE_THROWS_WITH(inner.commit(), Catch::Contains("already ended"));
  outer.commit();
  CHECK(sqlite3_get_autocommit(db.native_handle()) != 0);
}

TEST_CASE("a deferred transaction takes no lock until it writes", "[transaction]") {
  test::temp_file file{"tx_deferred.db"};
  Db db{file.path};
  db.create_all();
  Db writer{file.path};
  auto reading = db.transaction(ctorm::transaction_mode::deferred);
  CHECK(db.count<Account>() == 0);
  writer.insert(Account{.owner = "ann"});  // not blocked: db holds only a read snapshot
  CHECK(db.count<Account>() == 0);         // the snapshot does not change
  reading.commit();
  CHECK(db.count<Account>() == 1);
}

TEST_CASE("a second writer waits for the busy timeout, then gets busy_error", "[transaction]") {
  test::temp_file file{"tx_busy.db"};
  Db db{file.path};
  db.create_all();
  ctorm::open_options quick;
  quick.busy_timeout = std::chrono::milliseconds{50};
  Db other{file.path, quick};
  auto holding = db.transaction();
  db.insert(Account{.owner = "ann"});
  REQUIRE_THROWS_AS(other.insert(Account{.owner = "bob"}), ctorm::busy_error);
  holding.commit();
  other.insert(Account{.owner = "bob"});
  CHECK(other.count<Account>() == 2);
}
