// Eight writers move money between accounts at once through transact, each on its own
// connection, for a bounded time: conflicting transactions are run again (SERIALIZABLE
// failures on PostgreSQL, busy and stale-snapshot errors on SQLite) and no transfer is lost or
// applied twice.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "backends.hpp"

namespace both_transfers {
struct Account {
  std::int64_t id{};
  std::int64_t balance{};
};
using Schema = ctorm::Schema<ctorm::Table<Account>>;

/// Runs each attempt where conflicts show: SERIALIZABLE on PostgreSQL; on SQLite a deferred
/// transaction, which reads before it takes the write lock.
template <class On>
auto conflicting_policy() {
  if constexpr (test::is_postgresql<On>) {
    ctorm::retry_policy<ctorm::isolation> p;
    p.mode = ctorm::isolation::serializable;
    return p;
  } else {
    ctorm::retry_policy<ctorm::transaction_mode> p;
    p.mode = ctorm::transaction_mode::deferred;
    return p;
  }
}
}  // namespace both_transfers

using namespace both_transfers;

TEMPLATE_TEST_CASE("8 threads transfer between accounts through transact for a bounded time and lose nothing",
                   "[both][transact]", test::on_sqlite, test::on_postgresql) {
  using Db = ctorm::Database<Schema, typename TestType::backend>;
  test::place<TestType> where;
  constexpr int accounts = 10;
  constexpr std::int64_t opening = 1000;
  {
    Db db{where.target};
    db.create_all();
    for (int i = 0; i < accounts; ++i) db.insert(Account{.balance = opening});
  }

  constexpr int threads = 8;
  constexpr auto run_for = std::chrono::milliseconds(1500);
  constexpr int max_transfers = 400;  // per thread, for fast machines
  struct ledger {
    std::vector<std::int64_t> delta = std::vector<std::int64_t>(accounts + 1, 0);
    int transfers = 0;
    std::uint64_t retries = 0;
    std::string failure;
  };
  std::vector<ledger> ledgers(threads);
  std::vector<std::thread> pool;
  const auto deadline = std::chrono::steady_clock::now() + run_for;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      ledger& mine = ledgers[static_cast<std::size_t>(t)];
      try {
        Db db{where.target};
        auto policy = conflicting_policy<TestType>();
        policy.attempts = 1000;
        std::mt19937 random(static_cast<unsigned>(t) * 7919u + 1u);
        std::uniform_int_distribution<int> pick(1, accounts);
        std::uniform_int_distribution<int> amount(1, 9);
        while (std::chrono::steady_clock::now() < deadline && mine.transfers < max_transfers) {
          const std::int64_t from = pick(random);
          std::int64_t to = pick(random);
          if (to == from) to = from % accounts + 1;
          const std::int64_t moved = amount(random);
          // Read, change, write: the reads are what a concurrent writer invalidates.
          db.transact(
              [&](Db& d) {
                auto a = d.template get<Account>(from).value();
                auto b = d.template get<Account>(to).value();
                a.balance -= moved;
                b.balance += moved;
                d.update(a);
                d.update(b);
              },
              policy);
          mine.delta[static_cast<std::size_t>(from)] -= moved;
          mine.delta[static_cast<std::size_t>(to)] += moved;
          ++mine.transfers;
        }
        mine.retries = db.retries();
      } catch (const std::exception& e) {
        mine.failure = e.what();
      }
    });
  for (auto& th : pool) th.join();

  int transfers = 0;
  std::uint64_t retries = 0;
  for (const auto& l : ledgers) {
    INFO(l.failure);
    CHECK(l.failure.empty());
    transfers += l.transfers;
    retries += l.retries;
  }
  CHECK(transfers >= threads);
  Db db{where.target};
  std::int64_t total = 0;
  for (std::int64_t id = 1; id <= accounts; ++id) {
    std::int64_t expected = opening;
    for (const auto& l : ledgers) expected += l.delta[static_cast<std::size_t>(id)];
    const auto a = db.template get<Account>(id);
    REQUIRE(a);
    CHECK(a->balance == expected);  // every committed transfer once, no lost update
    total += a->balance;
  }
  CHECK(total == accounts * opening);
  WARN(TestType::name << ": " << threads << " threads, " << transfers << " transfers in "
                      << std::chrono::duration_cast<std::chrono::milliseconds>(run_for).count() << " ms at most, "
                      << retries << " run again by transact");
}
