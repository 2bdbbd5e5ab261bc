#pragma once
/// \file
/// One SQLite connection: opening with ctorm's pragmas, running SQL, and the cache of prepared
/// statements keyed by their compile-time SQL text.

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <type_traits>
#include <utility>
#include <vector>

#include "ctorm/detail/chrono.hpp"
#include "ctorm/detail/memory.hpp"
#include "ctorm/error.hpp"
#include "ctorm/sql/value_concepts.hpp"
#include "ctorm/sqlite/error.hpp"
#include "ctorm/sqlite/json_list.hpp"
#include "ctorm/sqlite/values.hpp"
#include "ctorm/transaction.hpp"
#include "ctorm/types/real.hpp"

namespace ctorm {

/// How `Database` opens its file.
struct open_options {
  /// Open read-only; writes fail with a `database_error`.
  bool read_only = false;
  /// Create the file when it does not exist.
  bool create = true;
  /// How long a statement waits for another connection's lock before `busy_error`.
  std::chrono::milliseconds busy_timeout{5000};
  /// Put file databases in WAL mode (readers and one writer work concurrently).
  bool wal = true;
};

namespace sqlite_backend {

class statement;

namespace detail {

/// `ctorm_float(x)`: what a float column is set to from an expression of another type (see
/// `sqlite_dialect::as_float`). Rounds to the nearest float as PostgreSQL stores a value in
/// REAL, with its errors: beyond float's range an overflow, non-zero rounded to zero an
/// underflow. Text and blobs pass unchanged, for the STRICT column to refuse.
inline void round_to_float(sqlite3_context* context, int, sqlite3_value** args) {
  sqlite3_value* v = args[0];
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:  // straight to float: through double, a large integer would round twice
      sqlite3_result_double(context, static_cast<float>(sqlite3_value_int64(v)));
      return;
    case SQLITE_FLOAT: {
      const double d = sqlite3_value_double(v);
      // From halfway between FLT_MAX and 2^128 on, a double rounds to infinity.
      if (ctorm::detail::is_finite(d) && (d >= 0x1.ffffffp127 || d <= -0x1.ffffffp127)) {
        sqlite3_result_error(context, "value out of range for a float column: overflow", -1);
        return;
      }
      const auto f = static_cast<float>(d);
      if (f == 0.0F && d != 0.0) {
        sqlite3_result_error(context, "value out of range for a float column: underflow", -1);
        return;
      }
      sqlite3_result_double(context, f);
      return;
    }
    default: sqlite3_result_value(context, v);
  }
}

}  // namespace detail

/// Owns a `sqlite3*` and its prepared statements. Not thread-safe: one per thread.
class connection {
 public:
  connection(const std::string& path, const open_options& options) {
    int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    flags |= options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (options.create && !options.read_only) flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      const int code = db_ != nullptr ? sqlite3_extended_errcode(db_) : rc;
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw database_error(message + ": " + path, code, {});
    }
    try {
      if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_VFS_POINTER, &vfs_) != SQLITE_OK || vfs_ == nullptr)
        vfs_ = sqlite3_vfs_find(nullptr);
      busy_timeout_ = options.busy_timeout;
      sqlite3_busy_handler(db_, &connection::wait_for_lock, this);
      if (sqlite3_create_function_v2(db_, "ctorm_float", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                     nullptr, &detail::round_to_float, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw database_error(sqlite3_errmsg(db_), sqlite3_extended_errcode(db_), {});
      exec("PRAGMA foreign_keys = ON");
      // A file opened read-only (the option, a `mode=ro` URI, a file without write permission)
      // keeps its journal mode: switching to WAL writes, and reads need no switch.
      if (options.wal && !options.read_only && !is_memory(path) && sqlite3_db_readonly(db_, "main") == 0)
        enter_wal(options.busy_timeout);
    } catch (const database_error& e) {
      sqlite3_close_v2(db_);
      // These are the first statements to read the file (a corrupt or locked one): name it.
      detail::throw_code(e.engine_message() + ": " + path, e.extended_code(), e.sql());
    } catch (...) {
      sqlite3_close_v2(db_);
      throw;
    }
  }

  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  ~connection() {
    transactions_->conn = nullptr;
    for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.stmt);
    sqlite3_close_v2(db_);  // SQLite rolls back a transaction still open
  }

  sqlite3* handle() const noexcept { return db_; }

  /// Runs one or more statements that return no rows of interest.
  void exec(std::string_view sql) {
    check_transaction();
    exec_unchecked(sql);
  }

  /// Number of statements executed on this connection, for tests and diagnostics.
  std::uint64_t statements_run() const noexcept { return statements_run_; }

  /// Number of `Transaction`s open (0: autocommit).
  std::size_t transaction_depth() const noexcept { return transactions_->open.size(); }

  // What `basic_transaction` needs of a connection.
  const std::shared_ptr<ctorm::detail::transaction_stack<connection>>& transactions() const noexcept {
    return transactions_;
  }
  void begin(transaction_mode mode) {
    switch (mode) {
      case transaction_mode::immediate: exec("BEGIN IMMEDIATE"); break;
      case transaction_mode::deferred: exec("BEGIN DEFERRED"); break;
      case transaction_mode::exclusive: exec("BEGIN EXCLUSIVE"); break;
    }
  }
  /// SQLite ends a transaction it cannot go on with (SQLITE_FULL...): open means usable.
  bool in_transaction() const noexcept { return sqlite3_get_autocommit(db_) == 0; }
  bool transaction_usable() const noexcept { return in_transaction(); }
  void pause(std::chrono::milliseconds ms) const { sqlite3_sleep(static_cast<int>(ms.count())); }

  /// Runs `sql` even inside a transaction the database ended: for `Transaction` itself.
  void exec_unchecked(std::string_view sql) {
    const std::string text(sql);  // sqlite3_exec needs a terminated string
    const std::uint64_t waits = busy_waits_;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    ++statements_run_;
    if (rc != SQLITE_OK) fail(rc, sql, waits);
  }

  /// The key the last INSERT made SQLite assign (the rowid), as a member of type `K`.
  template <class K>
  K inserted_key(const ctorm::detail::cell& where) const {
    const std::int64_t rowid = sqlite3_last_insert_rowid(db_);
    if constexpr (std::is_same_v<K, std::int64_t>) return rowid;
    else return detail::narrow_integer<K>(rowid, where);
  }

  /// Transactions retried by `Database::transact` on this connection.
  std::uint64_t retries = 0;

 private:
  friend class statement;

  /// Refuses a statement inside a transaction that the database already ended: SQLite rolls
  /// the whole transaction back on some errors (SQLITE_FULL, IOERR, NOMEM...), and a statement
  /// run after that would run in autocommit mode, outside the scope that will roll back.
  void check_transaction() {
    if (transactions_->open.empty()) return;
    if (transactions_->aborted.empty() && sqlite3_get_autocommit(db_) == 0) return;
    if (transactions_->aborted.empty()) transactions_->aborted = "it was ended outside ctorm";
    throw usage_error("ctorm: the transaction already ended (" + transactions_->aborted +
                      "); nothing more runs in it - let the Transaction end, then start a new one");
  }

  /// Throws the error for `rc`. A busy error inside a transaction that SQLite did not let
  /// wait (its snapshot is stale, or it holds a read lock another writer needs) is a
  /// `serialization_error`: only running the whole transaction again can succeed. Notes when
  /// the error ended the open transaction.
  [[noreturn]] void fail(int rc, std::string_view sql, std::uint64_t waits_before) {
    const bool in_transaction = sqlite3_get_autocommit(db_) == 0;
    if (!transactions_->open.empty() && !in_transaction && transactions_->aborted.empty())
      transactions_->aborted = std::string("SQLite rolled it back after: ") + sqlite3_errstr(rc);
    const int extended = sqlite3_extended_errcode(db_);
    if ((rc & 0xff) == SQLITE_BUSY && (extended & 0xff) == SQLITE_BUSY &&
        (extended == SQLITE_BUSY_SNAPSHOT || (in_transaction && busy_waits_ == waits_before)))
      throw serialization_error(sqlite3_errmsg(db_), extended, sql,
                                "this transaction read before another connection wrote, so it cannot wait "
                                "for the lock: roll it back and run it again (db.transact retries it)");
    detail::throw_error(db_, rc, sql);
  }

  struct cached {
    sqlite3_stmt* stmt = nullptr;
    bool busy = false;
  };

  /// The busy handler: retries every millisecond until the busy timeout. SQLite's own
  /// `sqlite3_busy_timeout` backs off to 100 ms sleeps, and a writer that looks that rarely
  /// almost never finds the lock free while others commit back to back: it starves and gets
  /// `busy_error` although the lock was released hundreds of times meanwhile.
  static int wait_for_lock(void* self, int attempts) noexcept {
    auto* c = static_cast<connection*>(self);
    const auto now = std::chrono::steady_clock::now();
    if (attempts == 0) c->busy_since_ = now;
    if (now - c->busy_since_ >= c->busy_timeout_) return 0;
    ++c->busy_waits_;
    c->vfs_->xSleep(c->vfs_, 1000);  // through the VFS, as SQLite's own waits
    return 1;
  }

  /// Switching a database to WAL turns a read lock into a write lock, which SQLite does not
  /// retry through the busy handler (two connections doing so would wait for each other): when
  /// several connections open a new file at once, all but one get SQLITE_BUSY immediately.
  /// Each attempt ends its locks, so retrying within the busy timeout lets the first one finish;
  /// the others then find the file already in WAL.
  void enter_wal(std::chrono::milliseconds timeout) {
    constexpr std::string_view sql = "PRAGMA journal_mode = WAL";
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const int rc = sqlite3_exec(db_, sql.data(), nullptr, nullptr, nullptr);
      ++statements_run_;
      if (rc == SQLITE_OK) return;
      if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline)
        detail::throw_error(db_, rc, sql);
      vfs_->xSleep(vfs_, 1000);
    }
  }

  static std::shared_ptr<ctorm::detail::transaction_stack<connection>> make_stack(connection* c) {
    auto s = std::make_shared<ctorm::detail::transaction_stack<connection>>();
    s->conn = c;
    return s;
  }

  static bool is_memory(const std::string& path) {
    return path.empty() || path == ":memory:" || path.find("mode=memory") != std::string::npos;
  }

  sqlite3_stmt* prepare(std::string_view sql) {
    sqlite3_stmt* s = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    if (rc != SQLITE_OK) detail::throw_error(db_, rc, sql);
    return s;
  }

  sqlite3* db_ = nullptr;
  // Keyed by the address of the compile-time SQL text: one entry per statement type.
  std::unordered_map<const char*, cached> cache_;
  std::shared_ptr<ctorm::detail::transaction_stack<connection>> transactions_ = make_stack(this);
  std::uint64_t statements_run_ = 0;
  std::uint64_t busy_waits_ = 0;  // the busy handler's sleeps: did a statement get to wait?
  sqlite3_vfs* vfs_ = nullptr;
  std::chrono::milliseconds busy_timeout_{0};
  std::chrono::steady_clock::time_point busy_since_{};
};

/// A prepared statement checked out of the connection's cache for one execution.
/// A statement already in use (a query run while iterating itself) gets a private copy.
class statement {
 public:
  /// `sql` must have static storage: it is the cache key.
  statement(connection& c, std::string_view sql) : conn_(&c), sql_(sql), waits_(c.busy_waits_) {
    c.check_transaction();
    auto [it, inserted] = c.cache_.try_emplace(sql.data());
    if (inserted) {
      try {
        it->second.stmt = c.prepare(sql);
      } catch (...) {
        c.cache_.erase(it);
        throw;
      }
    }
    if (it->second.busy) {
      stmt_ = c.prepare(sql);
    } else {
      entry_ = &it->second;
      entry_->busy = true;
      stmt_ = entry_->stmt;
    }
    ++c.statements_run_;
  }

  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  ~statement() {
    if (entry_ != nullptr) {
      sqlite3_reset(stmt_);
      entry_->busy = false;
    } else {
      sqlite3_finalize(stmt_);
    }
  }

  sqlite3_stmt* handle() const noexcept { return stmt_; }
  std::string_view sql() const noexcept { return sql_; }

  /// Binds `v` to the next parameter; `where` names it in a `conversion_error`. Text and blobs
  /// are bound without a copy: `v` must outlive the statement's run.
  template <ColumnValue X>
  void bind(const X& v, const ctorm::detail::cell& where) {
    bind_value(stmt_, next_++, v, where);
  }
  /// Binds a list (`in()`) as one JSON array (UUIDs as one BLOB), which SQLite copies.
  template <class E>
  void bind(const ctorm::detail::value_list<E>& list, const ctorm::detail::cell&) {
    if constexpr (std::is_same_v<E, Uuid>) {
      const std::string blob = uuid_blob(list.values, [](const Uuid& u) -> const Uuid& { return u; });
      detail::bind_blob(stmt_, next_++, blob.data(), blob.size(), SQLITE_TRANSIENT);
    } else {
      const json_list json = make_json_list(list);
      detail::check(sqlite3_bind_text64(stmt_, next_++, json.text.data(), json.text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
                    stmt_);
    }
  }
  /// Binds the distinct keys of an eager load as one JSON array (of arrays, for a composite
  /// key; one BLOB for UUIDs), kept by the statement for its run.
  template <class Key>
  void bind_keys(const std::vector<Key>& keys) {
    if constexpr (std::is_same_v<Key, std::tuple<Uuid>>) {  // one BLOB, as sqlite_dialect::in_list reads it
      keys_ = uuid_blob(keys, [](const std::tuple<Uuid>& k) -> const Uuid& { return std::get<0>(k); });
      detail::bind_blob(stmt_, next_++, keys_.data(), keys_.size(), SQLITE_STATIC);
    } else {
      keys_ = make_json_keys(keys);
      detail::check(sqlite3_bind_text64(stmt_, next_++, keys_.data(), keys_.size(), SQLITE_STATIC, SQLITE_UTF8), stmt_);
    }
  }

  /// Column `col` of the current row as a member of type `X`, or `conversion_error`.
  template <ColumnValue X>
  X read(int col, const ctorm::detail::cell& where) const {
    return read_value<X>(stmt_, col, where);
  }

  /// Advances to the next row; false when the statement is done.
  bool step() {
    if (!stepped_) {
      stepped_ = true;
      // SQLite runs a parameter left unbound as NULL (or, in a cached statement, with the
      // previous run's value): a statement that binds too few or too many is ctorm's bug,
      // and must not run.
      const int expected = sqlite3_bind_parameter_count(stmt_);
      if (next_ - 1 != expected)
        throw usage_error(ctorm::detail::cat("ctorm: ", std::to_string(next_ - 1), " values bound to ", std::to_string(expected),
                              " parameters of: ", sql_));
    }
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    conn_->fail(rc, sql_, waits_);
  }

  /// SQLite finds rows one at a time: it cannot say how many are coming, and room for them is
  /// not reserved.
  static constexpr bool counts_rows = false;
  static constexpr std::size_t rows_expected() noexcept { return 0; }

  /// Runs a statement that returns no rows; returns the number of rows it changed.
  std::int64_t run() {
    while (step()) {
    }
    return sqlite3_changes64(conn_->db_);
  }

 private:
  connection* conn_;
  std::string_view sql_;
  std::uint64_t waits_;
  int next_ = 1;
  bool stepped_ = false;
  std::string keys_;
  connection::cached* entry_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace sqlite_backend
}  // namespace ctorm
