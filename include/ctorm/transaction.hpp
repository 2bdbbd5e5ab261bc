#pragma once
/// \file
/// RAII transactions for every backend: the outermost is BEGIN ... COMMIT, nested ones are
/// savepoints; and the retry policy of `Database::transact`.
///
/// A backend's connection supplies what differs: `begin(options)` (the BEGIN statement),
/// `exec(sql)` (refused inside a transaction the database ended), `exec_unchecked(sql)`,
/// `in_transaction()` (a transaction is open on the connection, even a failed one),
/// `transaction_usable()` (it can still run statements), `transactions()` (the shared stack
/// below) and `pause(ms)`.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ctorm/detail/chrono.hpp"
#include "ctorm/detail/memory.hpp"
#include "ctorm/error.hpp"

namespace ctorm {

/// How SQLite's outermost transaction takes its locks (nested ones inherit it).
enum class transaction_mode {
  /// Take the write lock at once, so a writer never fails half-way with SQLITE_BUSY on
  /// upgrading a read lock; waits within the busy timeout instead.
  immediate,
  /// Take locks when first needed (SQLite's default; good for read-only transactions).
  deferred,
  exclusive,
};

/// How `Database::transact` runs a transaction again when another connection kept it from
/// going on; `Mode` is the backend's transaction option (`transaction_mode` on SQLite).
template <class Mode = transaction_mode>
struct retry_policy {
  /// Runs in all, the first included.
  int attempts = 10;
  /// The pause before the first retry; it doubles each time up to `max_pause`, and a random
  /// part of it (between half and all) is taken, so that competing writers spread out.
  std::chrono::milliseconds first_pause{2};
  std::chrono::milliseconds max_pause{200};
  /// How each attempt's transaction begins.
  Mode mode{};
};

namespace detail {

/// The transactions open on a connection, outermost first. Shared with every transaction
/// object, so one that outlives its `Database` finds the connection gone instead of a
/// dangling pointer.
template <class Connection>
struct transaction_stack {
  Connection* conn = nullptr;       ///< null once the connection is closed
  std::vector<std::uint64_t> open;  ///< the open transactions' ids
  std::uint64_t next_id = 1;
  /// Why the database ended the transaction behind ctorm's back (a full disk, a failed
  /// statement on PostgreSQL...), or why a rollback failed: until the transaction is usable
  /// again or every open one has ended, nothing more may run.
  std::string aborted;
};

/// How long to pause before retry number `attempt` (1-based) of `policy`.
template <class Mode>
std::chrono::milliseconds retry_pause(const retry_policy<Mode>& policy, int attempt) {
  auto cap = policy.first_pause.count();
  for (int i = 1; i < attempt && cap < policy.max_pause.count(); ++i) cap *= 2;
  cap = cap < policy.max_pause.count() ? cap : policy.max_pause.count();
  // splitmix64 over the clock and the attempt: enough to keep two writers from pausing alike.
  auto x = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) +
           0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(attempt);
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  const auto half = cap / 2;
  return std::chrono::milliseconds(half + static_cast<decltype(cap)>(x % static_cast<std::uint64_t>(cap - half + 1)));
}

}  // namespace detail

/// An open transaction. Call `commit()` to keep its work; it rolls back when destroyed
/// uncommitted, so an exception undoes everything since it began.
///
/// Inner transactions end before outer ones: `commit()` or `rollback()` of an outer one while
/// an inner one is open is a `usage_error`. When an outer one is destroyed first all the same
/// (an exception unwinding it, or a misplaced scope), it rolls back together with every inner
/// one, and those can then only end: their `commit()` throws `usage_error`. When the database
/// ends the transaction itself after an error (SQLite after a full disk), every statement in
/// its scope is refused with `usage_error` until the transaction objects end; its work is undone.
template <class Connection>
class basic_transaction {
 public:
  template <class Options>
  basic_transaction(Connection& c, const Options& options)
      : stack_(c.transactions()), depth_(stack_->open.size() + 1) {
    if (depth_ == 1) {
      c.begin(options);
    } else {
      if constexpr (requires { c.check_nested(options); }) c.check_nested(options);
      c.exec(detail::cat("SAVEPOINT ", savepoint()));
    }
    id_ = stack_->next_id++;
    stack_->open.push_back(id_);
  }

  basic_transaction(basic_transaction&& o) noexcept
      : stack_(std::move(o.stack_)), depth_(o.depth_), id_(o.id_), ended_here_(o.ended_here_) {}
  basic_transaction& operator=(basic_transaction&&) = delete;
  basic_transaction(const basic_transaction&) = delete;

  /// Rolls back what is not committed, inner transactions still open included. Never throws:
  /// when even the rollback fails, the connection refuses every statement until the
  /// outermost transaction ends, so no later write can land in a transaction left open.
  ~basic_transaction() {
    if (!live()) return;
    try {
      undo();
    } catch (const std::exception& e) {
      if (stack_->aborted.empty()) stack_->aborted = detail::cat("the rollback failed: ", e.what());
      try {
        if constexpr (requires { stack_->conn->end_reading(); }) stack_->conn->end_reading();
        if (stack_->conn->in_transaction()) stack_->conn->exec_unchecked("ROLLBACK");
      } catch (...) {
      }
    }
    end();
  }

  /// True until committed or rolled back (or rolled back with an outer transaction).
  bool active() const noexcept { return live(); }

  /// Makes the work permanent (or, nested, part of the enclosing transaction).
  void commit() {
    check_innermost("commit");
    auto& c = *stack_->conn;
    if (!stack_->aborted.empty() || !c.transaction_usable()) {
      if (stack_->aborted.empty()) stack_->aborted = "it was ended outside ctorm";
      throw usage_error(detail::cat("ctorm: cannot commit: the transaction already ended (", stack_->aborted, ")"));
    }
    c.exec_unchecked(depth_ == 1 ? std::string("COMMIT") : detail::cat("RELEASE ", savepoint()));
    end();
  }

  /// Undoes the work done since this transaction began.
  void rollback() {
    check_innermost("roll back");
    undo();
    end();
  }

 private:
  bool live() const noexcept {
    return stack_ && stack_->conn != nullptr && stack_->open.size() >= depth_ && stack_->open[depth_ - 1] == id_;
  }

  void check_innermost(const char* what) const {
    if (!live()) {
      const char* why = ended_here_ || !stack_    ? " a transaction that already ended"
                        : stack_->conn == nullptr ? " a transaction whose Database is closed"
                                                  : " a transaction whose enclosing transaction already ended "
                                                    "(and rolled it back)";
      throw usage_error(detail::cat("ctorm: cannot ", what, why));
    }
    if (stack_->open.size() != depth_)
      throw usage_error(detail::cat("ctorm: cannot ", what,
                                    " a transaction while an inner one is open - end the inner one first"));
  }

  /// Rolls back to where this transaction began, inner ones included. When the database
  /// already ended the transaction there is nothing left to undo.
  void undo() {
    auto& c = *stack_->conn;
    // A loop still reading rows holds the connection (PostgreSQL): its rows go with the rollback.
    if constexpr (requires { c.end_reading(); }) c.end_reading();
    if (!c.in_transaction()) return;
    if (depth_ == 1) {
      c.exec_unchecked("ROLLBACK");
    } else {
      c.exec_unchecked(detail::cat("ROLLBACK TO ", savepoint(), "; RELEASE ", savepoint()));
      // A failed statement inside a savepoint (PostgreSQL) is undone with it.
      if (c.transaction_usable()) stack_->aborted.clear();
    }
  }

  /// Takes this transaction and every inner one off the stack.
  void end() noexcept {
    stack_->open.resize(depth_ - 1);
    if (stack_->open.empty()) stack_->aborted.clear();
    ended_here_ = true;
  }

  /// Each level has its own name, so rolling back an outer level also discards inner ones.
  std::string savepoint() const { return detail::cat("ctorm_savepoint_", std::to_string(depth_)); }

  std::shared_ptr<detail::transaction_stack<Connection>> stack_;
  std::size_t depth_;
  std::uint64_t id_ = 0;
  bool ended_here_ = false;
};

}  // namespace ctorm
