#include <catch2/catch.hpp>

#include <ctorm/ctorm.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <latch>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../sqlite/sqlite_helpers.hpp"

namespace conc {
struct Entry {
  std::int64_t id{};
  std::int64_t writer{};
  std::int64_t seq{};
  std::string text{};
};
// Read-modify-written by every transaction: a lost update shows as a total below the rows.
struct Tally {
  std::int64_t id{};
  std::int64_t entries{};
  std::int64_t transactions{};
};
// Written outside any transaction, one statement each: the autocommit path waits too.
struct Mark {
  std::int64_t id{};
  std::int64_t writer{};
};
using Schema = ctorm::Schema<ctorm::Table<Entry, ctorm::Unique<&Entry::writer, &Entry::seq>>,
                             ctorm::Table<Tally>, ctorm::Table<Mark>>;
using Db = ctorm::Database<Schema>;
using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// SQLite's busy handler sleeps through the connection's VFS between attempts. A copy of the
// default VFS under another name, chosen per connection with a URI, counts those sleeps while
// ctorm's own busy timeout stays the handler.
std::atomic<std::uint64_t> busy_sleeps{0};
sqlite3_vfs* default_vfs = nullptr;

int counting_sleep(sqlite3_vfs*, int microseconds) {
  busy_sleeps.fetch_add(1, std::memory_order_relaxed);
  return default_vfs->xSleep(default_vfs, microseconds);
}

std::string counted(const std::string& path) {
  static const bool registered = [] {
    default_vfs = sqlite3_vfs_find(nullptr);
    static sqlite3_vfs vfs = *default_vfs;
    vfs.zName = "ctorm_counting";
    vfs.xSleep = counting_sleep;
    return sqlite3_vfs_register(&vfs, 0) == SQLITE_OK;
  }();
  REQUIRE(registered);
  return "file:" + path + "?vfs=ctorm_counting";
}

// Catch's assertions are not thread-safe: threads record what happened, the test thread checks.
struct failure {
  std::exception_ptr error;
  std::string what() const {
    if (!error) return {};
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      return e.what();
    } catch (...) {
      return "unknown exception";
    }
  }
};

}  // namespace conc

using namespace conc;

TEST_CASE("threads with their own connections lose no write and read only whole transactions",
          "[concurrency]") {
  test::temp_file file{"concurrency_writers.db"};
  const std::string uri = counted(file.path);
  {
    Db db{uri};
    db.create_all();
    db.insert(Tally{});
  }

  constexpr int threads = 4;
  constexpr milliseconds run_for{1500};
  constexpr std::int64_t max_transactions = 4000;  // per thread, for fast disks

  struct outcome {
    std::int64_t entries = 0;
    std::int64_t transactions = 0;
    std::int64_t marks = 0;
    std::int64_t reads = 0;
    std::int64_t reconnects = 0;
    std::int64_t torn_reads = 0;
    std::int64_t stale_reads = 0;
    clock::duration longest_begin{};
    failure failed;
  };
  std::vector<outcome> results(threads);
  std::latch start{threads};
  const auto sleeps_before = busy_sleeps.load();
  const auto began = clock::now();

  std::vector<std::thread> pool;
  for (int who = 0; who < threads; ++who)
    pool.emplace_back([&, who] {
      outcome& out = results[static_cast<std::size_t>(who)];
      try {
        std::optional<Db> db{std::in_place, uri};
        start.arrive_and_wait();
        const auto deadline = clock::now() + run_for;
        std::int64_t seq = 0;
        std::int64_t last_seen = 0;
        for (std::int64_t i = 0; clock::now() < deadline && out.transactions < max_transactions; ++i) {
          // Opening runs its pragmas while the others hold the write lock: it must wait, not fail.
          if (i % 64 == 63) {
            db.emplace(uri);
            ++out.reconnects;
          }
          if (i % 4 == 3) {
            // A deferred transaction reads one snapshot: the tally and the rows must agree in it,
            // and snapshots never go back in time.
            auto tx = db->transaction(ctorm::transaction_mode::deferred);
            const auto rows = db->count<Entry>();
            const auto tally = db->get<Tally>(1).value();
            tx.commit();
            if (rows != tally.entries) ++out.torn_reads;
            if (tally.transactions < last_seen) ++out.stale_reads;
            last_seen = tally.transactions;
            ++out.reads;
            continue;
          }
          if (i % 8 == 1) {
            db->insert(Mark{.writer = who});
            ++out.marks;
          }
          const auto asked = clock::now();
          auto tx = db->transaction();  // BEGIN IMMEDIATE: waits here for the other writers
          out.longest_begin = std::max(out.longest_begin, clock::now() - asked);
          const std::int64_t k = 1 + i % 3;
          for (std::int64_t j = 0; j < k; ++j)
            db->insert(Entry{.writer = who, .seq = ++seq, .text = "entry " + std::to_string(seq)});
          auto tally = db->get<Tally>(1).value();
          tally.entries += k;
          tally.transactions += 1;
          db->update(tally);
          tx.commit();
          // Counted only once commit() returned: this is what the thread was told is stored.
          out.entries += k;
          ++out.transactions;
          // No pause: the thread takes the lock again at once. ctorm's busy handler, polling
          // every millisecond, still lets the others in well within the timeout.
        }
      } catch (...) {
        out.failed.error = std::current_exception();
      }
    });
  for (auto& t : pool) t.join();
  const auto elapsed = std::chrono::duration_cast<milliseconds>(clock::now() - began);
  const auto sleeps = busy_sleeps.load() - sleeps_before;

  std::int64_t entries = 0, transactions = 0, marks = 0, reads = 0, reconnects = 0;
  clock::duration longest_begin{};
  std::string per_thread;
  for (int who = 0; who < threads; ++who) {
    const outcome& out = results[static_cast<std::size_t>(who)];
    INFO("thread " << who);
    // Contention within the busy timeout must be waited out, never reported.
    CHECK(out.failed.what() == "");
    CHECK(out.torn_reads == 0);
    CHECK(out.stale_reads == 0);
    CHECK(out.transactions > 0);
    entries += out.entries;
    transactions += out.transactions;
    marks += out.marks;
    reads += out.reads;
    reconnects += out.reconnects;
    longest_begin = std::max(longest_begin, out.longest_begin);
    per_thread += (who == 0 ? "" : ", ") + std::to_string(out.transactions);
  }

  Db db{uri};
  CHECK(db.count<Entry>() == entries);
  CHECK(db.count<Mark>() == marks);
  const auto tally = db.get<Tally>(1).value();
  CHECK(tally.entries == entries);
  CHECK(tally.transactions == transactions);
  for (int who = 0; who < threads; ++who) {
    INFO("thread " << who);
    const outcome& out = results[static_cast<std::size_t>(who)];
    CHECK(db.select<Entry>().where(ctorm::col<&Entry::writer> == who).count() == out.entries);
    CHECK(db.select<Mark>().where(ctorm::col<&Mark::writer> == who).count() == out.marks);
  }
  CHECK(test::scalar(db.native_handle(), "PRAGMA integrity_check") == "ok");
  WARN(threads << " threads for " << elapsed.count() << " ms: " << transactions << " write transactions ("
               << entries << " entries; by thread " << per_thread << "), " << marks << " autocommit inserts, "
               << reads << " snapshot reads, " << reconnects << " reconnects; the busy handler slept " << sleeps
               << " times; longest wait for BEGIN IMMEDIATE "
               << std::chrono::duration_cast<milliseconds>(longest_begin).count() << " ms");
}

TEST_CASE("a write lock held by another thread is waited for within the busy timeout", "[concurrency]") {
  test::temp_file file{"concurrency_wait.db"};
  const std::string uri = counted(file.path);
  Db holder{uri};
  holder.create_all();
  auto holding = holder.transaction();
  holder.insert(Entry{.writer = 1, .seq = 1});

  std::latch opened{1};
  clock::duration waited{};
  failure failed;
  const auto sleeps_before = busy_sleeps.load();
  std::thread other([&] {
    try {
      Db db{uri};
      const auto asked = clock::now();  // before the holder starts its 300 ms
      opened.count_down();
      db.insert(Entry{.writer = 2, .seq = 1});  // autocommit: blocked until the holder commits
      waited = clock::now() - asked;
    } catch (...) {
      opened.count_down();
      failed.error = std::current_exception();
    }
  });
  opened.wait();
  std::this_thread::sleep_for(milliseconds{300});
  holding.commit();
  other.join();

  CHECK(failed.what() == "");
  CHECK(waited >= milliseconds{300});
  // The wait is SQLite's busy handler sleeping and trying again, not a blocking lock.
  const auto sleeps = busy_sleeps.load() - sleeps_before;
  CHECK(sleeps > 0);
  CHECK(holder.count<Entry>() == 2);
  WARN("waited " << std::chrono::duration_cast<milliseconds>(waited).count() << " ms, " << sleeps << " retries");
}

TEST_CASE("past the busy timeout a writer gets busy_error with SQLITE_BUSY", "[concurrency]") {
  test::temp_file file{"concurrency_timeout.db"};
  const std::string uri = counted(file.path);
  Db holder{uri};
  holder.create_all();
  auto holding = holder.transaction();

  std::string message;
  int code = 0;
  clock::duration waited{};
  failure failed;
  std::thread other([&] {
    try {
      ctorm::open_options quick;
      quick.busy_timeout = milliseconds{100};
      Db db{uri, quick};
      const auto asked = clock::now();
      try {
        auto tx = db.transaction();
      } catch (const ctorm::busy_error& e) {
        waited = clock::now() - asked;
        message = e.what();
        code = e.extended_code();
      }
    } catch (...) {
      failed.error = std::current_exception();
    }
  });
  other.join();
  holding.commit();

  CHECK(failed.what() == "");
  CHECK(code == SQLITE_BUSY);
  CHECK(message == "ctorm: database is locked (code 5) in: BEGIN IMMEDIATE");
  CHECK(waited >= milliseconds{90});
  CHECK(waited < milliseconds{5000});
}

TEST_CASE("a deferred transaction that read before another commit cannot write: retry it whole",
          "[concurrency]") {
  test::temp_file file{"concurrency_snapshot.db"};
  const std::string uri = counted(file.path);
  Db a{uri};
  a.create_all();
  a.insert(Tally{});
  Db b{uri};

  {
    auto reading = a.transaction(ctorm::transaction_mode::deferred);
    auto tally = a.get<Tally>(1).value();  // the snapshot starts with this read
    b.update<Tally>().set(ctorm::col<&Tally::entries> = ctorm::col<&Tally::entries> + 1).all_rows();
    tally.entries += 1;
    // Writing from a stale snapshot would lose b's update: SQLite refuses at once, since
    // waiting cannot make the snapshot current; the busy timeout (5 s) does not apply.
    const auto asked = clock::now();
    int code = 0;
    std::string message;
    try {
      a.update(tally);
    } catch (const ctorm::serialization_error& e) {  // a busy_error that says: retry it whole
      code = e.extended_code();
      message = e.what();
    }
    CHECK(code == SQLITE_BUSY_SNAPSHOT);
    CHECK_THAT(message, Catch::StartsWith(R"(ctorm: database is locked (code 517) in: UPDATE "tallies")") &&
                            Catch::EndsWith("roll it back and run it again (db.transact retries it)"));
    CHECK(clock::now() - asked < milliseconds{1000});
    // Within the same transaction every write fails the same way: only a new one helps.
    CHECK_THROWS_AS(a.update(tally), ctorm::serialization_error);
  }  // rolled back

  // The same work in an IMMEDIATE transaction (ctorm's default) reads the current row.
  {
    auto tx = a.transaction();
    auto tally = a.get<Tally>(1).value();
    tally.entries += 1;
    a.update(tally);
    tx.commit();
  }
  CHECK(b.get<Tally>(1).value().entries == 2);
}

TEST_CASE("a deferred transaction that read cannot wait for another writer's lock: serialization_error at once",
          "[concurrency]") {
  test::temp_file file{"concurrency_read_then_write.db"};
  Db a{file.path};
  a.create_all();
  a.insert(Tally{});
  Db b{file.path};
  auto holding = b.transaction();  // b holds the write lock, not yet committed
  b.insert(Mark{.writer = 2});
  {
    auto reading = a.transaction(ctorm::transaction_mode::deferred);
    auto tally = a.get<Tally>(1).value();
    tally.entries += 1;
    // SQLite does not call the busy handler for a reader that wants to write (two such
    // connections would wait for each other): plain SQLITE_BUSY, at once.
    const auto asked = clock::now();
    int code = 0;
    try {
      a.update(tally);
    } catch (const ctorm::serialization_error& e) {
      code = e.extended_code();
    }
    CHECK(code == SQLITE_BUSY);
    CHECK(clock::now() - asked < milliseconds{1000});
  }
  holding.commit();
  // Without a read first, the same write waits for the lock: an ordinary busy_error past the
  // timeout, not a serialization_error.
  ctorm::open_options quick;
  quick.busy_timeout = milliseconds{50};
  Db c{file.path, quick};
  auto again = b.transaction();
  auto writing = c.transaction(ctorm::transaction_mode::deferred);
  try {
    c.insert(Mark{.writer = 3});
    FAIL("the write did not wait");
  } catch (const ctorm::serialization_error&) {
    FAIL("a write that waited is not a serialization error");
  } catch (const ctorm::busy_error& e) {
    CHECK(e.code() == SQLITE_BUSY);
  }
}

TEST_CASE("transact runs a transaction again after busy and serialization errors, up to a bound",
          "[concurrency]") {
  test::temp_file file{"concurrency_transact.db"};
  {
    Db db{file.path};
    db.create_all();
    db.insert(Tally{});
  }
  constexpr int threads = 4;
  constexpr int increments = 150;
  std::vector<failure> failed(threads);
  std::vector<std::uint64_t> retries(threads);
  std::latch start{threads};
  std::vector<std::thread> pool;
  for (int who = 0; who < threads; ++who)
    pool.emplace_back([&, who] {
      try {
        Db db{file.path};
        start.arrive_and_wait();
        // Deferred on purpose: read, then write, as a program written for another database
        // might. Every stale snapshot is a serialization_error that transact absorbs.
        ctorm::retry_policy policy;
        policy.mode = ctorm::transaction_mode::deferred;
        policy.attempts = 1000;
        for (int i = 0; i < increments; ++i) {
          const std::int64_t seen = db.transact(
              [&](Db& d) {
                auto tally = d.get<Tally>(1).value();
                tally.entries += 1;
                d.update(tally);
                d.insert(Mark{.writer = who});
                return tally.entries;
              },
              policy);
          if (seen < 1) throw std::logic_error("transact returned the wrong value");
        }
        retries[static_cast<std::size_t>(who)] = db.retries();
      } catch (...) {
        failed[static_cast<std::size_t>(who)].error = std::current_exception();
      }
    });
  for (auto& t : pool) t.join();
  std::uint64_t total_retries = 0;
  for (int who = 0; who < threads; ++who) {
    CHECK(failed[static_cast<std::size_t>(who)].what() == "");
    total_retries += retries[static_cast<std::size_t>(who)];
  }
  Db db{file.path};
  // No increment lost, none applied twice.
  CHECK(db.get<Tally>(1).value().entries == threads * increments);
  CHECK(db.count<Mark>() == threads * increments);
  WARN(threads << " threads x " << increments << " read-modify-write transactions in deferred mode: "
               << total_retries << " retries by transact");
}

TEST_CASE("transact gives up after its attempts and rethrows; other errors are not retried", "[concurrency]") {
  test::temp_file file{"concurrency_transact_bound.db"};
  Db holder{file.path};
  holder.create_all();
  ctorm::open_options quick;
  quick.busy_timeout = milliseconds{20};
  Db db{file.path, quick};
  auto held = holder.transaction();
  ctorm::retry_policy policy;
  policy.attempts = 3;
  int runs = 0;
  CHECK_THROWS_AS(db.transact([&] { ++runs; }, policy), ctorm::busy_error);  // BEGIN IMMEDIATE waits, fails
  CHECK(runs == 0);
  CHECK(db.retries() == 2);
  held.commit();

  runs = 0;
  CHECK_THROWS_WITH(db.transact([&](Db& d) {
                      ++runs;
                      d.insert(Mark{.writer = 1});
                      throw std::runtime_error("not a conflict");
                    }),
                    "not a conflict");
  CHECK(runs == 1);
  CHECK(db.count<Mark>() == 0);
  // Inside an open transaction it runs once, as a savepoint.
  auto outer = db.transaction();
  db.transact([&](Db& d) { d.insert(Mark{.writer = 2}); });
  outer.commit();
  CHECK(db.count<Mark>() == 1);
  CHECK(db.retries() == 2);
}

TEST_CASE("a Database has no mutex: one thread at a time, handed over by moving it", "[concurrency]") {
  test::temp_file file{"concurrency_handover.db"};
  const std::string uri = counted(file.path);
  // The library serialises its own shared state, so separate connections in separate threads
  // are safe...
  CHECK(sqlite3_threadsafe() != 0);
  Db db{uri};
  db.create_all();
  // ...but each connection is opened with SQLITE_OPEN_NOMUTEX, and ctorm's statement cache and
  // transaction depth are plain members: two threads on one Database at once would race.
  CHECK(sqlite3_db_mutex(db.native_handle()) == nullptr);
  db.insert(Entry{.writer = 1, .seq = 1});
  const auto statements = db.statements_run();

  std::int64_t seen = 0;
  failure failed;
  // Starting and joining the thread orders every use of the connection: a hand-over, not a share.
  std::thread t([&failed, &seen, moved = std::move(db)]() mutable {
    try {
      moved.insert(Entry{.writer = 1, .seq = 2});
      seen = moved.count<Entry>();
    } catch (...) {
      failed.error = std::current_exception();
    }
  });
  t.join();
  CHECK(failed.what() == "");
  CHECK(seen == 2);
  CHECK(statements > 0);
  REQUIRE_THROWS_WITH(db.count<Entry>(), "ctorm: this Database was moved from");

  // Statement caches and counters belong to each connection: the other one's work is not here.
  Db again{uri};
  const auto opened = again.statements_run();
  CHECK(again.count<Entry>() == 2);
  CHECK(again.statements_run() == opened + 1);
}

TEST_CASE("threads opening a new file at the same moment all get one WAL database", "[concurrency]") {
  constexpr int threads = 4;
  constexpr int repeats = 10;
  for (int rep = 0; rep < repeats; ++rep) {
    test::temp_file file{"concurrency_open.db"};
    const std::string uri = counted(file.path);
    std::latch start{threads};
    std::vector<failure> failed(threads);
    std::vector<std::thread> pool;
    for (int who = 0; who < threads; ++who)
      pool.emplace_back([&, who] {
        try {
          start.arrive_and_wait();
          Db db{uri};
          db.create_all();
          db.insert(Entry{.writer = who, .seq = rep});
        } catch (...) {
          failed[static_cast<std::size_t>(who)].error = std::current_exception();
        }
      });
    for (auto& t : pool) t.join();
    INFO("repeat " << rep);
    for (const auto& f : failed) CHECK(f.what() == "");
    Db db{uri};
    CHECK(db.count<Entry>() == threads);
    CHECK(test::scalar(db.native_handle(), "PRAGMA journal_mode") == "wal");
  }
}
