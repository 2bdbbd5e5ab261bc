#include <catch2/catch.hpp>

#include <ctorm/ctorm.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "../sqlite/sqlite_helpers.hpp"

namespace crash {
struct Order {
  std::int64_t id{};
  std::int64_t number{};
  std::int64_t line_count{};
};
struct Line {
  std::int64_t id{};
  std::int64_t order_id{};
  std::int64_t seq{};
  std::int64_t amount{};
  std::string note{};
};
// One row that every transaction updates: it must always agree with the rows beside it.
struct Ledger {
  std::int64_t id{};
  std::int64_t orders{};
  std::int64_t lines{};
  std::int64_t last_number{};
};

using order_lines = ctorm::HasMany<Line, &Line::order_id>;
using line_order = ctorm::BelongsTo<Order, &Line::order_id>;
using Schema = ctorm::Schema<ctorm::Table<Order, order_lines, ctorm::Unique<&Order::number>>,
                             ctorm::Table<Line, line_order, ctorm::Unique<&Line::order_id, &Line::seq>>,
                             ctorm::Table<Ledger>>;
using Db = ctorm::Database<Schema>;
using clock = std::chrono::steady_clock;

// Everything a transaction writes follows from its number, so the reader can tell a complete
// transaction from a torn one without any record kept by the writer.
std::int64_t lines_of(std::int64_t n) { return 1 + n % 4; }
std::int64_t amount_of(std::int64_t n, std::int64_t seq) { return n * 100 + seq; }
// Notes of varying length spread the rows over many pages, so transactions span several
// WAL frames and checkpoints come often.
std::string note_of(std::int64_t n, std::int64_t seq) {
  return std::string(static_cast<std::size_t>(40 + (n * 7 + seq) % 200), static_cast<char>('a' + (n + seq) % 26));
}

// A writer that is never killed stops here, so a round stays bounded on a fast disk.
constexpr std::int64_t max_transactions_per_round = 20000;

void write_transaction(Db& db, std::int64_t n) {
  auto tx = db.transaction();
  auto ledger = db.get<Ledger>(1).value();
  const std::int64_t k = lines_of(n);
  const auto order_id = db.insert(Order{.number = n, .line_count = k});
  for (std::int64_t seq = 1; seq <= k; ++seq)
    db.insert(Line{.order_id = order_id, .seq = seq, .amount = amount_of(n, seq), .note = note_of(n, seq)});
  ledger.orders += 1;
  ledger.lines += k;
  ledger.last_number = n;
  db.update(ledger);
  tx.commit();
}

bool write_all(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t w = ::write(fd, p, size);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    size -= static_cast<std::size_t>(w);
  }
  return true;
}

// The forked writer. It reports a transaction only after commit() returned, so every number the
// parent receives is a transaction ctorm told its caller was committed. It never returns: the
// parent's SIGKILL ends it, or _exit on failure (no destructors, no atexit handlers of the
// parent's copy of the test runner).
[[noreturn]] void run_writer(const std::string& path, int report_fd, bool frequent_checkpoints) {
  int status = 0;
  try {
    Db db{path};
    // Checkpoints copy WAL frames into the database file: killing the writer in the middle of
    // one must be as harmless as killing it in the middle of a commit.
    if (frequent_checkpoints) test::exec(db.native_handle(), "PRAGMA wal_autocheckpoint = 16");
    std::int64_t n = db.get<Ledger>(1).value().last_number;
    for (std::int64_t done = 0; done < max_transactions_per_round; ++done) {
      write_transaction(db, ++n);
      if (!write_all(report_fd, &n, sizeof n)) {
        status = 4;
        break;
      }
    }
    if (status == 0)
      for (;;) ::pause();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "writer: %s\n", e.what());
    status = 3;
  } catch (...) {
    status = 3;
  }
  ::_exit(status);
}

// Kills and reaps the writer however the parent leaves the scope, so a failed assertion never
// leaves a process writing to a file that is about to be removed.
struct child_process {
  pid_t pid = -1;
  child_process() = default;
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;
  ~child_process() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
  int kill_and_wait() {
    int status = 0;
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    pid = -1;
    return status;
  }
};

// Appends every whole number read from `fd` to `out`; waits until `deadline` (or EOF when
// `deadline` is empty). Returns false on EOF.
bool read_reports(int fd, std::string& pending, std::vector<std::int64_t>& out,
                  std::optional<clock::time_point> deadline) {
  char buf[4096];
  for (;;) {
    int timeout_ms = -1;
    if (deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - clock::now()).count();
      if (left <= 0) return true;
      timeout_ms = static_cast<int>(left);
    }
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return true;
    const ssize_t r = ::read(fd, buf, sizeof buf);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    pending.append(buf, static_cast<std::size_t>(r));
    std::size_t used = 0;
    for (; pending.size() - used >= sizeof(std::int64_t); used += sizeof(std::int64_t)) {
      std::int64_t n = 0;
      std::memcpy(&n, pending.data() + used, sizeof n);
      out.push_back(n);
    }
    pending.erase(0, used);
  }
}

struct found {
  std::int64_t orders = 0;
  std::int64_t lines = 0;
};

// Opens the database as a new process would after the crash (SQLite recovers the WAL here) and
// checks every invariant the writer's transactions keep.
found verify(const std::string& path) {
  Db db{path};
  sqlite3* raw = db.native_handle();
  REQUIRE(test::scalar(raw, "PRAGMA integrity_check") == "ok");
  REQUIRE(test::rows(raw, "PRAGMA foreign_key_check").empty());

  const auto orders = db.select<Order>().order_by(ctorm::asc<&Order::number>).all();
  const auto lines = db.select<Line>().order_by(ctorm::asc<&Line::order_id>, ctorm::asc<&Line::seq>).all();
  const auto ledger = db.get<Ledger>(1);
  REQUIRE(ledger.has_value());

  std::vector<std::string> problems;
  const auto problem = [&](std::string what) {
    if (problems.size() < 10) problems.push_back(std::move(what));
  };
  std::map<std::int64_t, std::vector<const Line*>> by_order;
  for (const Line& l : lines) by_order[l.order_id].push_back(&l);
  for (std::size_t i = 0; i < orders.size(); ++i) {
    const Order& o = orders[i];
    // Transactions run one after another, so the committed ones are exactly 1..N.
    const std::string name = "order " + std::to_string(o.number);
    if (o.number != static_cast<std::int64_t>(i) + 1) problem(name + " at position " + std::to_string(i + 1));
    if (o.line_count != lines_of(o.number)) problem(name + " has line_count " + std::to_string(o.line_count));
    const auto it = by_order.find(o.id);
    const std::size_t have = it == by_order.end() ? 0 : it->second.size();
    if (static_cast<std::int64_t>(have) != lines_of(o.number)) {
      problem(name + " has " + std::to_string(have) + " lines");
      continue;
    }
    for (std::size_t s = 0; s < have; ++s) {
      const Line& l = *it->second[s];
      const auto seq = static_cast<std::int64_t>(s) + 1;
      if (l.seq != seq || l.amount != amount_of(o.number, seq) || l.note != note_of(o.number, seq))
        problem(name + " line " + std::to_string(seq) + " differs");
    }
    by_order.erase(o.id);
  }
  if (!by_order.empty()) problem(std::to_string(by_order.size()) + " orders' lines have no order");
  const auto n_orders = static_cast<std::int64_t>(orders.size());
  const auto n_lines = static_cast<std::int64_t>(lines.size());
  if (ledger->orders != n_orders || ledger->lines != n_lines || ledger->last_number != n_orders)
    problem("ledger says " + std::to_string(ledger->orders) + " orders, " + std::to_string(ledger->lines) +
            " lines, last " + std::to_string(ledger->last_number) + "; the tables hold " + std::to_string(n_orders) +
            " orders, " + std::to_string(n_lines) + " lines");
  CHECK(problems == std::vector<std::string>{});
  return {n_orders, n_lines};
}

}  // namespace crash

using namespace crash;

TEST_CASE("a writer killed at random points loses no committed transaction and leaves no partial one",
          "[crash]") {
  test::temp_file file{"crash_orders.db"};
  {
    Db db{file.path};
    db.create_all();
    db.insert(Ledger{});
    // What the test relies on: WAL, and the durability SQLite was built with (ctorm sets no
    // synchronous level; Debian's SQLite uses FULL, which syncs the WAL at every commit).
    REQUIRE(test::scalar(db.native_handle(), "PRAGMA journal_mode") == "wal");
    WARN("journal_mode=wal, synchronous=" << test::scalar(db.native_handle(), "PRAGMA synchronous"));
  }

  constexpr int rounds = 8;
  std::mt19937_64 rng{20240607};
  found before{};
  std::int64_t reported_total = 0;
  int rounds_with_unreported_commit = 0;
  std::string summary;

  for (int round = 0; round < rounds; ++round) {
    // Fixed seed: the kill points are the same on every run; they fall before the first
    // commit, inside a transaction, between commit and report, or inside a checkpoint.
    const auto kill_after = std::chrono::milliseconds{5 + static_cast<int>(rng() % 500)};
    const bool frequent_checkpoints = round % 2 == 1;

    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    child_process child;
    child.pid = ::fork();
    if (child.pid == 0) {
      ::close(fds[0]);
      run_writer(file.path, fds[1], frequent_checkpoints);
    }
    ::close(fds[1]);
    if (child.pid < 0) ::close(fds[0]);
    REQUIRE(child.pid > 0);

    std::string pending;
    std::vector<std::int64_t> reported;
    const bool open = read_reports(fds[0], pending, reported, clock::now() + kill_after);
    const int status = child.kill_and_wait();
    // Whatever the writer reported before dying is still in the pipe.
    if (open) read_reports(fds[0], pending, reported, std::nullopt);
    ::close(fds[0]);
    INFO("round " << round << ", killed after " << kill_after.count() << " ms");
    REQUIRE(WIFSIGNALED(status));
    REQUIRE(WTERMSIG(status) == SIGKILL);
    REQUIRE(pending.empty());

    // Reports are consecutive numbers continuing where the last round ended.
    for (std::size_t i = 0; i < reported.size(); ++i)
      REQUIRE(reported[i] == before.orders + static_cast<std::int64_t>(i) + 1);
    const std::int64_t last_reported = before.orders + static_cast<std::int64_t>(reported.size());

    const found now = verify(file.path);
    // Every reported transaction survived; at most the one the writer committed but was
    // killed before reporting is there in addition.
    CHECK(now.orders >= last_reported);
    CHECK(now.orders <= last_reported + 1);
    if (now.orders == last_reported + 1) ++rounds_with_unreported_commit;
    reported_total += static_cast<std::int64_t>(reported.size());
    summary += "round " + std::to_string(round) + ": killed after " + std::to_string(kill_after.count()) + " ms" +
               (frequent_checkpoints ? " (checkpoints every 16 pages)" : "") + ", " +
               std::to_string(reported.size()) + " reported, " + std::to_string(now.orders - before.orders) +
               " found\n";
    before = now;
  }
  WARN(summary << rounds << " rounds: " << before.orders << " transactions committed (" << before.lines
               << " lines), " << reported_total << " reported before the kill, "
               << rounds_with_unreported_commit << " rounds with a commit the kill kept from being reported");
  CHECK(before.orders > 0);
}
