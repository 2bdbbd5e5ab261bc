#pragma once
/// \file
/// RAII transactions. The outermost is BEGIN ... COMMIT; nested ones are savepoints.

#include <sqlite3.h>

#include <utility>

#include "ctorm/error.hpp"
#include "ctorm/sqlite/connection.hpp"

namespace ctorm {

/// How the outermost transaction takes its locks (nested ones inherit it).
enum class transaction_mode {
  /// Take the write lock at once, so a writer never fails half-way with SQLITE_BUSY on
  /// upgrading a read lock; waits within the busy timeout instead.
  immediate,
  /// Take locks when first needed (SQLite's default; good for read-only transactions).
  deferred,
  exclusive,
};

/// An open transaction. Call `commit()` to keep its work; it rolls back when destroyed
/// uncommitted, so an exception undoes everything since it began. Inner transactions must
/// end before outer ones.
class Transaction {
 public:
  explicit Transaction(sqlite::connection& c, transaction_mode mode = transaction_mode::immediate)
      : conn_(&c), depth_(c.transaction_depth + 1) {
    if (depth_ == 1) {
      switch (mode) {
        case transaction_mode::immediate: c.exec("BEGIN IMMEDIATE"); break;
        case transaction_mode::deferred: c.exec("BEGIN DEFERRED"); break;
        case transaction_mode::exclusive: c.exec("BEGIN EXCLUSIVE"); break;
      }
    } else {
      // One name for every level: SQLite releases or rolls back the innermost of that name.
      c.exec("SAVEPOINT ctorm_savepoint");
    }
    c.transaction_depth = depth_;
  }

  Transaction(Transaction&& o) noexcept
      : conn_(std::exchange(o.conn_, nullptr)), depth_(o.depth_) {}
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;

  ~Transaction() {
    if (conn_ != nullptr) {
      try {
        rollback();
      } catch (...) {
        // A destructor must not throw; SQLite undoes an unfinished transaction on close anyway.
        conn_->transaction_depth = depth_ - 1;
      }
    }
  }

  /// True until committed or rolled back.
  bool active() const noexcept { return conn_ != nullptr; }

  /// Makes the work permanent (or, nested, part of the enclosing transaction).
  void commit() {
    check_innermost("commit");
    conn_->exec(depth_ == 1 ? "COMMIT" : "RELEASE ctorm_savepoint");
    finish();
  }

  /// Undoes the work done since this transaction began.
  void rollback() {
    check_innermost("roll back");
    // SQLite ends the whole transaction by itself after some errors (SQLITE_FULL, IOERR...).
    if (sqlite3_get_autocommit(conn_->handle()) == 0)
      conn_->exec(depth_ == 1 ? "ROLLBACK" : "ROLLBACK TO ctorm_savepoint; RELEASE ctorm_savepoint");
    finish();
  }

 private:
  void check_innermost(const char* what) const {
    if (conn_ == nullptr) throw usage_error(std::string("ctorm: cannot ") + what + " a transaction that already ended");
    if (conn_->transaction_depth != depth_)
      throw usage_error(std::string("ctorm: cannot ") + what +
                        " a transaction while an inner one is open — end the inner one first");
  }
  void finish() noexcept {
    conn_->transaction_depth = depth_ - 1;
    conn_ = nullptr;
  }

  sqlite::connection* conn_;
  int depth_;
};

}  // namespace ctorm
