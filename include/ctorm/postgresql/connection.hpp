#pragma once
/// \file
/// One PostgreSQL connection through libpq: connecting, running SQL text, and statements
/// prepared once per connection (named after their compile-time SQL), bound and read in the
/// binary format.

#include <libpq-fe.h>
#include <poll.h>
#include <time.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ctorm/detail/chrono.hpp"
#include "ctorm/detail/memory.hpp"
#include "ctorm/error.hpp"
#include "ctorm/postgresql/error.hpp"
#include "ctorm/postgresql/values.hpp"
#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/sql/crud.hpp"
#include "ctorm/sql/dialect.hpp"
#include "ctorm/sql/value_concepts.hpp"
#include "ctorm/transaction.hpp"

namespace ctorm {

/// How `Database<S, ctorm::postgresql>` connects.
struct postgresql_options {
  /// How long to wait for the server when the connection string does not say
  /// (`connect_timeout`): an unreachable server is an error, not a hang.
  std::chrono::seconds connect_timeout{10};
};

/// The isolation level of a PostgreSQL transaction (`BEGIN ISOLATION LEVEL ...`).
enum class isolation {
  read_committed,  ///< PostgreSQL's default
  repeatable_read,
  serializable,  ///< conflicts end in `serialization_error`: run it with `db.transact`
};

namespace postgresql_backend {

class statement;

/// Owns a `PGconn*` and the statements prepared on it. Not thread-safe: one per thread.
class connection {
 public:
  connection(const std::string& conninfo, const postgresql_options& options) {
    const std::string timeout = std::to_string(options.connect_timeout.count());
    // Later keywords win over earlier ones, and the connection string expands in `dbname`:
    // the caller's own settings take precedence over these defaults.
    const char* keys[] = {"connect_timeout", "client_encoding", "dbname", nullptr};
    const char* values[] = {timeout.c_str(), "UTF8", conninfo.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (conn_ == nullptr) throw database_error("out of memory opening a connection", "53200", {}, {});
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string m = detail::message_of(nullptr, conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw database_error(std::move(m), "08001", {}, {},
                           "check the connection string (host, port, dbname, user) and that the server runs");
    }
    // Notices ("relation already exists, skipping") are the server talking to a person: a
    // library does not print them.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    try {
      // A TIMESTAMP without time zone is read as UTC, and compared with a time point as UTC.
      exec_unchecked("SET TimeZone TO 'UTC'");
    } catch (...) {
      PQfinish(conn_);
      throw;
    }
  }

  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  ~connection() {
    transactions_->conn = nullptr;
    PQfinish(conn_);  // the server rolls back a transaction still open
  }

  PGconn* handle() const noexcept { return conn_; }

  /// Runs SQL text, one statement or several (no parameters, text results ignored).
  void exec(std::string_view sql) {
    check_idle();  // first: while a loop reads, the transaction looks busy, not aborted
    check_transaction();
    exec_unchecked(sql);
  }
  /// As `exec`, also inside a transaction the server aborted: for `basic_transaction`.
  void exec_unchecked(std::string_view sql) {
    check_idle();
    const std::string text(sql);
    PGresult* r = PQexec(conn_, text.c_str());
    ++statements_run_;
    const auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, sql);
    PQclear(r);
  }

  std::uint64_t statements_run() const noexcept { return statements_run_; }
  std::size_t transaction_depth() const noexcept { return transactions_->open.size(); }

  // What `basic_transaction` needs of a connection.
  const std::shared_ptr<ctorm::detail::transaction_stack<connection>>& transactions() const noexcept {
    return transactions_;
  }
  void begin(isolation level) {
    exec(cat("BEGIN ISOLATION LEVEL ", level_name(level)));
    level_ = level;
  }
  /// A nested transaction is a savepoint, at the level the outermost one began with: PostgreSQL
  /// sets it for a whole transaction. A stricter one asked for is refused, not quietly lost.
  void check_nested(isolation level) const {
    if (level > level_)
      throw usage_error(cat("ctorm: a nested transaction cannot ask for ", level_name(level), " inside a ",
                            level_name(level_), " transaction - the isolation level is set for a whole transaction: "
                            "begin the outermost one at it"));
  }
  static std::string_view level_name(isolation level) noexcept {
    switch (level) {
      case isolation::repeatable_read: return "REPEATABLE READ";
      case isolation::serializable: return "SERIALIZABLE";
      default: return "READ COMMITTED";
    }
  }
  /// A transaction is open, possibly aborted by an error.
  bool in_transaction() const noexcept {
    const auto s = PQtransactionStatus(conn_);
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
  }
  /// The open transaction can run statements: after an error, PostgreSQL refuses every
  /// statement until the transaction (or the savepoint around the error) is rolled back.
  bool transaction_usable() const noexcept {
    const auto s = PQtransactionStatus(conn_);
    return s == PQTRANS_INTRANS || (s == PQTRANS_ACTIVE && streaming_);  // a loop reading rows
  }

  /// Ends a loop still reading rows, which a rollback is about to discard: the query is
  /// cancelled and the rest of its result dropped; the loop's next step throws.
  void end_reading() noexcept;
  void pause(std::chrono::milliseconds ms) const {
    // What std::this_thread::sleep_for does, without <thread> (10 MB of g++'s memory in every
    // program): nanosleep, resumed after a signal.
    if (ms.count() <= 0) return;
    timespec left{static_cast<time_t>(ms.count() / 1000), static_cast<long>(ms.count() % 1000 * 1000000)};
    while (::nanosleep(&left, &left) == -1 && errno == EINTR) {
    }
  }

  /// PostgreSQL has no rowid: an INSERT into a table without a database-assigned key reports
  /// no key (0). Assigned keys come back by `RETURNING`.
  template <class K>
  K inserted_key(const cell&) const noexcept {
    return K{};
  }

  /// Transactions retried by `Database::transact` on this connection.
  std::uint64_t retries = 0;

  /// Runs the statements of `batch` that have not run yet in one round trip (libpq's pipeline
  /// mode) and keeps each one's result for its `step()`s and `run()`; null entries are
  /// skipped. With fewer than two, nothing happens: each runs when first stepped. The first
  /// error is thrown once every result is read and the connection is idle again.
  void run_together(std::span<statement* const> batch);

  /// Sends every row of `rows` into table `Tb` with `COPY ... FROM STDIN` in the binary format,
  /// each value encoded as its column's type; a value that cannot pass aborts the COPY (nothing
  /// is inserted) with `conversion_error`. Returns the rows copied.
  template <class Tb, const auto& Columns, class Range>
  std::size_t copy_in(std::string_view describe_sql, std::string_view copy_sql, const Range& rows) {
    check_idle();
    check_transaction();
    // The columns' types come with the COPY, in one query: its transaction holds the table's
    // lock from the SELECT to the COPY's end, so no ALTER TABLE of another session falls in
    // between (binary data of one type read as another is silently wrong - 2.0 as a BIGINT).
    // A domain is described as its base type.
    const std::string both = cat(describe_sql, "; ", copy_sql);
    if (PQsendQuery(conn_, both.c_str()) != 1) fail(nullptr, copy_sql);
    ++statements_run_;
    const auto refuse = [&](PGresult* r, std::string_view sql) {
      while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
      fail(r, sql);
    };
    PGresult* d = PQgetResult(conn_);
    if (PQresultStatus(d) != PGRES_TUPLES_OK) refuse(d, describe_sql);
    std::array<Oid, Columns.size()> types{};
    for (std::size_t k = 0; k < types.size(); ++k) types[k] = PQftype(d, static_cast<int>(k));
    PQclear(d);
    PGresult* r = PQgetResult(conn_);
    if (PQresultStatus(r) != PGRES_COPY_IN) refuse(r, copy_sql);
    PQclear(r);
    std::string buf;
    buf.reserve(send_at + 64 * 1024);  // a row seldom takes the buffer past this
    buf.assign("PGCOPY\n\377\r\n\0", 11);
    detail::put_be<std::int32_t>(buf, 0);  // flags
    detail::put_be<std::int32_t>(buf, 0);  // header extension
    std::size_t n = 0;
    try {
      for (const auto& row : rows) {
        ++n;
        detail::put_be<std::int16_t>(buf, static_cast<std::int16_t>(Columns.size()));
        [&]<std::size_t... K>(std::index_sequence<K...>) {
          (put_field(buf, types[K], ctorm::detail::field_ref<Columns[K]>(row),
                     cell{Tb::name, Tb::columns[Columns[K]], 0}),
           ...);
        }(std::make_index_sequence<Columns.size()>{});
        if (buf.size() >= send_at) send(buf);
      }
      detail::put_be<std::int16_t>(buf, -1);
      send(buf);
    } catch (const std::exception& e) {
      PQputCopyEnd(conn_, e.what());  // the server discards what it received
      while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
      throw;
    }
    if (PQputCopyEnd(conn_, nullptr) != 1) fail(PQgetResult(conn_), copy_sql);
    PGresult* done = PQgetResult(conn_);
    if (PQresultStatus(done) != PGRES_COMMAND_OK) {
      while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
      fail(done, copy_sql);
    }
    PQclear(done);
    while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
    return n;
  }

 private:
  friend class statement;

  // COPY data goes to libpq a megabyte at a time.
  static constexpr std::size_t send_at = 1u << 20;

  void send(std::string& buf) {
    // COPY data may be split anywhere; a piece's length is an int.
    constexpr std::size_t piece = std::size_t{1} << 30;
    for (std::size_t at = 0; at < buf.size(); at += piece) {
      const std::size_t n = buf.size() - at < piece ? buf.size() - at : piece;
      if (PQputCopyData(conn_, buf.data() + at, static_cast<int>(n)) != 1)
        throw database_error(detail::message_of(nullptr, conn_), "08006", {}, "COPY", "the connection to the server is lost");
    }
    buf.clear();
  }

  /// A statement prepared on this connection: its name and the parameter types the server
  /// inferred (or was told in the SQL).
  struct prepared {
    std::string name;
    std::vector<Oid> parameter_types;
    std::vector<Oid> result_types;
    // The server refused to run it again: a table it reads changed a column's type (ALTER
    // TABLE, a migration by another connection). Prepared anew, under a new name, when next used.
    bool stale = false;
  };

  /// Whether `r` is the server's refusal of a prepared statement whose tables changed under it
  /// ("cached plan must not change result type").
  static bool plan_went_stale(const PGresult* r) noexcept {
    const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const char* text = r != nullptr ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    return state != nullptr && std::string_view(state) == "0A000" && text != nullptr &&
           std::string_view(text).find("cached plan") != std::string_view::npos;
  }

  /// Refuses a statement inside a transaction the server aborted: it would fail anyway, with a
  /// message that hides the cause.
  void check_transaction() {
    if (transactions_->open.empty()) return;
    if (transactions_->aborted.empty() && transaction_usable()) [[likely]]
      return;
    transaction_ended();
  }

  [[noreturn, gnu::noinline, gnu::cold]] void transaction_ended() {
    if (transactions_->aborted.empty())
      transactions_->aborted = in_transaction() ? "PostgreSQL aborted it after an error" : "it was ended outside ctorm";
    throw usage_error(cat("ctorm: the transaction already ended (", transactions_->aborted,
                          "); nothing more runs in it - roll it back (let the Transaction end), or wrap the "
                          "statement that may fail in a nested transaction"));
  }

  /// A loop over a query reads its rows from the connection one by one: nothing else can run
  /// on it meanwhile.
  void check_idle() const {
    if (streaming_)
      throw usage_error("ctorm: a loop over a query is still reading rows from this PostgreSQL connection - "
                        "finish the loop (or read the rows with all()) before running another statement");
  }

  /// Throws the error of `r` (cleared), noting when it aborted the open transaction.
  [[noreturn]] void fail(PGresult* r, std::string_view sql) {
    struct clear {
      PGresult* r;
      ~clear() { PQclear(r); }
    } guard{r};
    if (plan_went_stale(r))
      if (const auto it = cache_.find(sql.data()); it != cache_.end()) it->second.stale = true;
    if (!transactions_->open.empty() && transactions_->aborted.empty() && !transaction_usable())
      transactions_->aborted = cat("PostgreSQL aborted it after: ", detail::message_of(r, conn_));
    detail::throw_result(r, conn_, sql);
  }

  /// `ctorm_` and a hash of the text: the same statement has the same name on every
  /// connection (in the server's logs and `pg_prepared_statements`); a second text with the
  /// same hash, which this connection has not seen yet, gets a suffix.
  std::string statement_name(std::string_view sql) const {
    std::uint64_t h = 14695981039346656037ULL;  // FNV-1a
    for (const char ch : sql) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ULL;
    char hex[17];
    for (int i = 15; i >= 0; --i, h >>= 4) hex[i] = "0123456789abcdef"[h & 0xf];
    hex[16] = '\0';
    std::string name = cat("ctorm_", hex);
    const auto taken = [&](const std::string& n) {
      for (const auto& [text, p] : cache_)
        if (p.name == n) return true;
      for (const auto& r : retired_)
        if (r == n) return true;
      return false;
    };
    for (int k = 2; taken(name); ++k) name = cat("ctorm_", hex, "_", std::to_string(k));
    return name;
  }

  const prepared& prepare(std::string_view sql) {
    // Statements in a loop ask for the same one again and again.
    if (sql.data() == last_sql_ && !last_->stale) [[likely]]
      return *last_;
    return find_or_prepare(sql);
  }

  const prepared& find_or_prepare(std::string_view sql) {
    auto [it, inserted] = cache_.try_emplace(sql.data());
    if (!inserted && !it->second.stale) {
      last_sql_ = sql.data();
      last_ = &it->second;
      return it->second;
    }
    try {
      // A stale entry is prepared again in place (statements may point at it), under a new
      // name: the server keeps the old statement until the connection closes.
      prepared p{statement_name(sql), {}, {}};
      const std::string text(sql);
      PGresult* r = PQprepare(conn_, p.name.c_str(), text.c_str(), 0, nullptr);
      if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(r, sql);
      PQclear(r);
      r = PQdescribePrepared(conn_, p.name.c_str());
      if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(r, sql);
      const int n = PQnparams(r);
      for (int i = 0; i < n; ++i) p.parameter_types.push_back(base_type(PQparamtype(r, i)));
      for (int i = 0; i < PQnfields(r); ++i) p.result_types.push_back(PQftype(r, i));
      PQclear(r);
      if (!inserted) retired_.push_back(std::move(it->second.name));
      it->second = std::move(p);
      last_sql_ = sql.data();
      last_ = &it->second;
      return it->second;
    } catch (...) {
      if (inserted) cache_.erase(it);
      throw;
    }
  }

  /// The type a value of type `t` is sent as: a domain's base type (a parameter takes the
  /// domain's own OID, which no encoder knows), looked up once per connection; `t` itself for
  /// the built-in types (OIDs below 16384) and the rest.
  Oid base_type(Oid t) {
    constexpr Oid first_user_oid = 16384;
    if (t < first_user_oid) [[likely]]
      return t;
    if (const auto it = base_types_.find(t); it != base_types_.end()) return it->second;
    Oid base = t;
    for (int depth = 0; depth < 32; ++depth) {  // a domain may be over another domain
      const std::string text = std::to_string(base);
      const char* value = text.c_str();
      static constexpr std::string_view lookup =
          "SELECT typbasetype FROM pg_catalog.pg_type WHERE oid = $1::oid AND typtype = 'd'";
      PGresult* r = PQexecParams(conn_, lookup.data(), 1, nullptr, &value, nullptr, nullptr, 0);
      if (PQresultStatus(r) != PGRES_TUPLES_OK) fail(r, lookup);
      const bool domain = PQntuples(r) == 1;
      const Oid next = domain ? static_cast<Oid>(std::strtoul(PQgetvalue(r, 0, 0), nullptr, 10)) : base;
      PQclear(r);
      if (!domain) break;
      base = next;
    }
    base_types_.emplace(t, base);
    return base;
  }

  /// What a statement binds into beyond its own room, handed on to the next statement:
  /// statements run in a loop allocate nothing once the buffers have grown.
  struct bind_buffers {
    std::string arena;  // values that are neither the caller's bytes nor fixed-width, back to back
    // For a statement of more parameters than it holds itself; formats are all 1 (binary).
    std::vector<int> lengths, formats;
    std::vector<const char*> values;
    std::vector<std::array<char, fixed_width>> slots;
    std::unique_ptr<bind_buffers> next;  // the spare list
  };
  // Large buffers (a long `in()` list) are let go rather than kept for the connection's life.
  static constexpr std::size_t keep_at_most = 64 * 1024;

  std::unique_ptr<bind_buffers> take_buffers() {
    if (!spare_) return std::make_unique<bind_buffers>();
    auto b = std::move(spare_);
    spare_ = std::move(b->next);
    b->arena.clear();
    return b;
  }
  void give_back(std::unique_ptr<bind_buffers> b) noexcept {
    if (b->arena.capacity() > keep_at_most || b->values.size() > keep_at_most / sizeof(int)) return;
    b->next = std::move(spare_);
    spare_ = std::move(b);
  }

  PGconn* conn_ = nullptr;
  std::unique_ptr<bind_buffers> spare_;
  // Keyed by the address of the compile-time SQL text: one entry per statement type.
  std::unordered_map<const char*, prepared> cache_;
  std::unordered_map<Oid, Oid> base_types_;  // of the types of parameters beyond the built-in ones
  // Names of statements prepared anew under another name: the server still holds them.
  std::vector<std::string> retired_;
  // The entry prepare() found last (the map's nodes never move).
  const char* last_sql_ = nullptr;
  const prepared* last_ = nullptr;
  std::shared_ptr<ctorm::detail::transaction_stack<connection>> transactions_ = make_stack(this);
  std::uint64_t statements_run_ = 0;
  bool streaming_ = false;
  isolation level_ = isolation::read_committed;  // of the outermost transaction ctorm began
  statement* reader_ = nullptr;  // the statement whose rows a loop reads, while streaming_

  static std::shared_ptr<ctorm::detail::transaction_stack<connection>> make_stack(connection* c) {
    auto s = std::make_shared<ctorm::detail::transaction_stack<connection>>();
    s->conn = c;
    return s;
  }
};

/// One execution of a prepared statement: values bound in parameter order (encoded as the
/// types the server expects, in binary), then the rows read in binary.
class statement {
 public:
  /// `sql` must have static storage: it names the prepared statement.
  statement(connection& c, std::string_view sql) : conn_(&c), sql_(sql) {
    c.check_idle();
    c.check_transaction();
    prepared_ = &c.prepare(sql);
    const std::size_t n = prepared_->parameter_types.size();
    if (n <= own_params) {
      use_own();
      return;
    }
    buf_ = c.take_buffers();
    // Only ever grown: the first n entries are this statement's.
    if (buf_->slots.size() < n) {
      buf_->slots.resize(n);
      buf_->lengths.resize(n);
      buf_->values.resize(n);
      buf_->formats.resize(n, 1);  // every parameter in the binary format
    }
    values_ = buf_->values.data();
    lengths_ = buf_->lengths.data();
    slots_ = buf_->slots.data();
    formats_ = buf_->formats.data();
  }

  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;
  statement(statement&& o) noexcept
      : conn_(o.conn_), sql_(o.sql_), prepared_(o.prepared_), buf_(std::move(o.buf_)),
        values_(o.values_), lengths_(o.lengths_), slots_(o.slots_), formats_(o.formats_),
        bound_(o.bound_), in_arena_(o.in_arena_), result_(std::exchange(o.result_, nullptr)),
        row_(o.row_), rows_(o.rows_), executed_(o.executed_), stream_(o.stream_),
        streaming_(std::exchange(o.streaming_, false)), abandoned_(o.abandoned_), in_transaction_(o.in_transaction_),
        delivered_(o.delivered_) {
    if (streaming_) conn_->reader_ = this;
    if (o.values_ != o.own_.values.data()) return;
    // The values bound so far; those written in the other statement's slots are now in this one's.
    use_own();
    const auto from = reinterpret_cast<std::uintptr_t>(o.own_.slots.data());
    for (std::size_t i = 0; i < bound_; ++i) {
      own_.lengths[i] = o.own_.lengths[i];
      own_.slots[i] = o.own_.slots[i];
      const auto at = reinterpret_cast<std::uintptr_t>(o.own_.values[i]);
      own_.values[i] = at - from < sizeof o.own_.slots ? own_.slots[(at - from) / fixed_width].data() : o.own_.values[i];
    }
  }

  ~statement() {
    PQclear(result_);
    if (streaming_) finish_stream();
    if (buf_) conn_->give_back(std::move(buf_));
  }

  std::string_view sql() const noexcept { return sql_; }

  /// Binds `v` to the next parameter, as the type the server expects there.
  template <ColumnValue X>
  void bind(const X& v, const cell& where) {
    const Oid t = next_type(where);
    if constexpr (column_traits<X>::nullable) {
      if (!v) {
        values_[bound_] = nullptr;
        lengths_[bound_] = -1;
        ++bound_;
        return;
      }
    }
    if constexpr (fixed_encodable<X>) {
      char* slot = slots_[bound_].data();
      if (const int n = encode_fixed(slot, t, v); n >= 0) [[likely]] {
        values_[bound_] = n == 0 ? nullptr : slot;
        lengths_[bound_] = n == 0 ? -1 : n;
        ++bound_;
        return;
      }
    }
    if (const auto bytes = borrow(t, v, where)) {
      values_[bound_] = bytes->data();
      lengths_[bound_] = static_cast<int>(bytes->size());
      ++bound_;
      return;
    }
    std::string& out = arena();
    const std::size_t start = out.size();
    const bool present = encode(out, t, v, where);
    push(start, present, where);
  }

  /// Binds a list (`in()`) as one array of the parameter's element type.
  template <class E>
  void bind(const ctorm::detail::value_list<E>& list, const cell& where) {
    const Oid t = next_type(where);
    const std::size_t start = arena().size();
    // decltype(auto): a std::vector<bool> hands out its elements by value, not by reference.
    put_array(t, list.values.size(), [&](std::size_t i) -> decltype(auto) { return list.values[i]; }, where);
    push(start, true, where);
  }

  /// Binds the distinct keys of an eager load: one array per key column.
  template <class Key>
  void bind_keys(const std::vector<Key>& keys) {
    const cell where{{}, "eager-load key", 0};
    if constexpr (std::is_same_v<Key, std::int64_t>) {
      const Oid t = next_type(where);
      const std::size_t start = arena().size();
      put_array(t, keys.size(), [&](std::size_t i) -> const auto& { return keys[i]; }, where);
      push(start, true, where);
    } else {
      [&]<std::size_t... K>(std::index_sequence<K...>) {
        ((bind_column<K>(keys, where)), ...);
      }(std::make_index_sequence<std::tuple_size_v<Key>>{});
    }
  }

  /// Reads rows one at a time as they arrive (single-row mode) instead of the whole result:
  /// for a loop over a query. Call before the first `step()`.
  void stream() { stream_ = true; }

  /// Whether the statement has run (or been sent to run) already.
  bool executed() const noexcept { return executed_; }

  /// Advances to the next row; false when there is none.
  bool step() {
    if (!executed_) execute();
    if (stream_) {
      row_ = 0;  // a streamed result holds one row
      return next_streamed();
    }
    return ++row_ < rows_;
  }

  /// Runs a statement that returns no rows of interest; the number of rows it changed.
  std::int64_t run() {
    if (!executed_) execute();
    if (stream_) {
      while (next_streamed()) {
      }
      return 0;
    }
    const char* n = PQcmdTuples(result_);
    std::int64_t changed = 0;
    if (n != nullptr) std::from_chars(n, n + std::strlen(n), changed);  // "" when no count
    return changed;
  }

  /// Column `col` of the current row as a member of type `X`, or `conversion_error`.
  template <ColumnValue X>
  X read(int col, const cell& where) const {
    const char* p = PQgetvalue(result_, row_, col);
    const int n = PQgetlength(result_, row_, col);
    // A NULL has length 0; only then is it worth asking. The column types were described when
    // the statement was prepared and cannot change under it (the server refuses the plan).
    if (n == 0 && PQgetisnull(result_, row_, col)) p = nullptr;
    return read_value<X>(prepared_->result_types[static_cast<std::size_t>(col)], p, n, where);
  }

  /// How many rows the result holds, once it has run in full (not streamed); else 0. Lets a
  /// caller reserve room for them.
  std::size_t rows_expected() const noexcept { return stream_ ? 0 : static_cast<std::size_t>(rows_); }
  static constexpr bool counts_rows = true;

 private:
  Oid next_type(const cell& where) const {
    if (bound_ >= prepared_->parameter_types.size()) [[unlikely]]
      too_many_values(where);
    return prepared_->parameter_types[bound_];
  }

  [[noreturn, gnu::noinline, gnu::cold]] void too_few_values() const {
    throw usage_error(cat("ctorm: ", std::to_string(bound_), " values bound to ",
                          std::to_string(prepared_->parameter_types.size()), " parameters of: ", sql_));
  }

  [[noreturn, gnu::noinline, gnu::cold]] void too_many_values(const cell& where) const {
    throw usage_error(cat("ctorm: more values than parameters bound to: ", sql_, " (", where.column, ")"));
  }

  void push(std::size_t start, bool present, const cell& where) {
    // libpq takes offsets and lengths as int: the values of one statement stay under 2 GiB.
    if (buf_->arena.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
      detail::fail(where, cat("the values bound to one statement take ", std::to_string(buf_->arena.size()),
                              " bytes, more than a statement can send (2 GiB)"));
    const int at = static_cast<int>(start);
    std::memcpy(slots_[bound_].data(), &at, sizeof at);
    values_[bound_] = nullptr;
    lengths_[bound_] = present ? static_cast<int>(buf_->arena.size() - start) : -1;
    ++bound_;
    in_arena_ = true;
  }

  template <std::size_t K, class Key>
  void bind_column(const std::vector<Key>& keys, const cell& where) {
    const Oid t = next_type(where);
    const std::size_t start = arena().size();
    put_array(t, keys.size(), [&](std::size_t i) -> const auto& { return std::get<K>(keys[i]); }, where);
    push(start, true, where);
  }

  /// An array of `n` elements, `element(i)`, in the binary format of array type `t`.
  template <class Element>
  void put_array(Oid t, std::size_t n, Element&& element, const cell& where) {
    std::string& out = arena();
    const Oid e = detail::element_of(t);
    if (e == 0) detail::fail(where, cat("a list cannot be sent as ", detail::type_name(t)));
    detail::put_be<std::int32_t>(out, n == 0 ? 0 : 1);  // dimensions
    const std::size_t flags_at = out.size();
    detail::put_be<std::int32_t>(out, 0);  // has nulls, set below
    detail::put_be<std::uint32_t>(out, e);
    if (n == 0) return;
    detail::put_be<std::int32_t>(out, static_cast<std::int32_t>(n));
    detail::put_be<std::int32_t>(out, 1);  // lower bound
    bool nulls = false;
    for (std::size_t i = 0; i < n; ++i) nulls = !put_field(out, e, element(i), where) || nulls;
    if (nulls) detail::store_be<std::int32_t>(out.data() + flags_at, 1);
  }

  friend class connection;

  /// Checks that every parameter has its value, and points at the values in the arena.
  void values() {
    const auto& types = prepared_->parameter_types;
    if (bound_ != types.size()) [[unlikely]]
      too_few_values();
    if (!in_arena_) return;  // every value is the caller's or in its slot
    for (std::size_t i = 0; i < types.size(); ++i) {
      if (values_[i] != nullptr || lengths_[i] < 0) continue;
      int at = 0;
      std::memcpy(&at, slots_[i].data(), sizeof at);
      values_[i] = buf_->arena.data() + at;
    }
  }

  /// Queues the statement in the connection's pipeline; its result is given by `take`.
  /// False when libpq could not queue it (the connection's error says why).
  bool send() {
    values();
    executed_ = true;
    ++conn_->statements_run_;
    return PQsendQueryPrepared(conn_->conn_, prepared_->name.c_str(), static_cast<int>(bound_),
                               values_, lengths_, formats_, 1) == 1;
  }

  void take(PGresult* r) {
    result_ = r;
    rows_ = PQntuples(r);
  }

  void execute() {
    values();
    const auto* values = values_;
    const auto* formats = formats_;
    executed_ = true;
    ++conn_->statements_run_;
    PGconn* c = conn_->conn_;
    const int n = static_cast<int>(bound_);
    if (stream_) {
      // While the query runs the server reports a transaction either way: asked now.
      in_transaction_ = conn_->in_transaction();
      if (PQsendQueryPrepared(c, prepared_->name.c_str(), n, values, lengths_, formats, 1) != 1 ||
          PQsetSingleRowMode(c) != 1)
        conn_->fail(PQgetResult(c), sql_);
      streaming_ = true;
      conn_->streaming_ = true;
      conn_->reader_ = this;
      return;
    }
    result_ = PQexecPrepared(c, prepared_->name.c_str(), n, values, lengths_, formats, 1);
    auto status = PQresultStatus(result_);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && connection::plan_went_stale(result_) &&
        conn_->transaction_depth() == 0 && !conn_->in_transaction()) {
      // Outside a transaction nothing was done: prepared anew, the statement runs again when
      // its parameters still have the types its values were encoded for.
      PGresult* refused = std::exchange(result_, nullptr);
      if (!prepared_anew(refused)) {  // the values were encoded for the old types
        struct clear {
          PGresult* r;
          ~clear() { PQclear(r); }
        } guard{refused};
        detail::throw_result(refused, c, sql_);  // the next run binds anew
      }
      PQclear(refused);
      ++conn_->statements_run_;
      result_ = PQexecPrepared(c, prepared_->name.c_str(), n, values, lengths_, formats, 1);
      status = PQresultStatus(result_);
    }
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) conn_->fail(std::exchange(result_, nullptr), sql_);
    rows_ = PQntuples(result_);
  }

  bool next_streamed() {
    if (abandoned_) [[unlikely]]
      throw usage_error("ctorm: this loop's rows were dropped when its transaction rolled back - run the query again");
    if (!streaming_) return false;
    PQclear(std::exchange(result_, nullptr));
    PGresult* r = PQgetResult(conn_->conn_);
    const auto status = PQresultStatus(r);
    if (status == PGRES_SINGLE_TUPLE) {
      result_ = r;
      delivered_ = true;
      return true;
    }
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      PQclear(r);
      finish_stream();
      return false;
    }
    if (!delivered_ && !in_transaction_ && connection::plan_went_stale(r)) {
      if (retry_stale(r)) return next_streamed();
      conn_->fail(r, sql_);  // the values were encoded for the old types; the next run binds anew
    }
    finish_stream();
    conn_->fail(r, sql_);
  }

  /// A loop's query refused before its first row because its plan went stale, outside a
  /// transaction (nothing was done): prepared anew and sent again, as `execute` does, when its
  /// parameters still have the types its values were encoded for; false (`refused` kept, the
  /// connection idle) if not.
  bool retry_stale(PGresult* refused) {
    // The query has ended: its results are drained, not cancelled.
    while (PGresult* rest = PQgetResult(conn_->conn_)) PQclear(rest);
    streaming_ = false;
    conn_->streaming_ = false;
    conn_->reader_ = nullptr;
    if (!prepared_anew(refused)) return false;
    PQclear(refused);
    execute();
    return true;
  }

  /// Prepares the statement anew after the server `refused` its stale plan (cleared if this
  /// throws); whether its parameters kept the types the bound values were encoded for.
  bool prepared_anew(PGresult* refused) {
    const auto types = prepared_->parameter_types;
    conn_->cache_.at(sql_.data()).stale = true;
    try {
      prepared_ = &conn_->find_or_prepare(sql_);
    } catch (...) {
      PQclear(refused);
      throw;
    }
    return prepared_->parameter_types == types;
  }

  /// Ends a streamed result, the rest of it dropped. A loop left early outside a transaction
  /// cancels the query, so a large result is not read to its end; inside one it reads the rest,
  /// since a cancelled query aborts the transaction - unless `cancel`, for a rollback.
  void finish_stream(bool cancel = false) noexcept {
    streaming_ = false;
    if (conn_ == nullptr) return;
    PGconn* c = conn_->conn_;
    if (cancel || !in_transaction_) {
      if (PGcancel* request = PQgetCancel(c)) {
        char error[256];
        PQcancel(request, error, sizeof error);
        PQfreeCancel(request);
      }
    }
    while (PGresult* r = PQgetResult(c)) PQclear(r);
    conn_->streaming_ = false;
    conn_->reader_ = nullptr;
  }

  connection* conn_;
  std::string_view sql_;
  const connection::prepared* prepared_ = nullptr;
  // The parameters of most statements fit in the statement itself: binding them touches no
  // shared buffer and allocates nothing.
  static constexpr std::size_t own_params = 16;
  struct own_room {
    std::array<const char*, own_params> values;
    std::array<int, own_params> lengths;
    std::array<std::array<char, fixed_width>, own_params> slots;
  };
  static constexpr std::array<int, own_params> binary_formats = [] {
    std::array<int, own_params> ones{};
    for (int& f : ones) f = 1;
    return ones;
  }();

  void use_own() noexcept {
    values_ = own_.values.data();
    lengths_ = own_.lengths.data();
    slots_ = own_.slots.data();
    formats_ = binary_formats.data();
  }

  /// Where values that need encoding go; taken from the connection when first needed.
  std::string& arena() {
    if (!buf_) buf_ = conn_->take_buffers();
    return buf_->arena;
  }

  std::unique_ptr<connection::bind_buffers> buf_;
  // The parameters' addresses (null: NULL, or in the arena when the length is at least 0, at
  // the offset its slot holds), lengths, fixed-width bytes and formats: in own_ or in buf_.
  const char** values_ = nullptr;
  int* lengths_ = nullptr;
  std::array<char, fixed_width>* slots_ = nullptr;
  const int* formats_ = nullptr;
  own_room own_;
  std::size_t bound_ = 0;  // parameters bound so far
  bool in_arena_ = false;  // some value is in the arena: its address is known once all are bound
  PGresult* result_ = nullptr;
  int row_ = -1;
  int rows_ = 0;
  bool executed_ = false;
  bool stream_ = false;
  bool streaming_ = false;
  bool abandoned_ = false;  // a rollback ended the stream
  bool in_transaction_ = false;  // the stream began inside a transaction: leaving it early may not cancel
  bool delivered_ = false;       // a streamed row has been handed to the loop
};

inline void connection::end_reading() noexcept {
  if (reader_ == nullptr) return;
  statement* st = std::exchange(reader_, nullptr);
  st->finish_stream(true);
  st->abandoned_ = true;
}

inline void connection::run_together(std::span<statement* const> batch) {
  const auto waiting = [](const statement* st) { return st != nullptr && !st->executed() && !st->stream_; };
  std::size_t pending = 0;
  for (const statement* st : batch) pending += waiting(st);
  if (pending < 2) return;
  check_idle();
  const auto lost = [this] {
    return database_error(detail::message_of(nullptr, conn_), "08006", {}, {}, "the connection to the server is lost");
  };
  if (PQenterPipelineMode(conn_) != 1) throw lost();
  // Leaves pipeline mode on every path: what was sent and not read yet is read and dropped.
  struct leave {
    PGconn* c;
    bool synced = false;
    bool done = false;
    ~leave() {
      if (done) return;
      PQsetnonblocking(c, 0);
      if (!synced) PQpipelineSync(c);
      // Each result ends with a null; two nulls in a row mean nothing more will come.
      for (bool after_null = false;;) {
        PGresult* r = PQgetResult(c);
        const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        if (r == nullptr && after_null) break;
        after_null = r == nullptr;
        PQclear(r);
        if (sync) break;
      }
      PQexitPipelineMode(c);
    }
  } guard{conn_};
  // Non-blocking while sending: a server writing large results stops reading, and a blocking
  // write of the rest of the batch would then wait forever. What arrives meanwhile is read
  // into libpq's buffer.
  if (PQsetnonblocking(conn_, 1) != 0) throw lost();
  for (statement* st : batch)
    if (waiting(st) && !st->send()) throw lost();
  if (PQpipelineSync(conn_) != 1) throw lost();
  guard.synced = true;
  for (;;) {
    const int flushed = PQflush(conn_);
    if (flushed == 0) break;
    if (flushed < 0) throw lost();
    pollfd fd{PQsocket(conn_), POLLIN | POLLOUT, 0};
    if (::poll(&fd, 1, -1) < 0) continue;  // interrupted by a signal
    if ((fd.revents & POLLIN) != 0 && PQconsumeInput(conn_) != 1) throw lost();
  }
  if (PQsetnonblocking(conn_, 0) != 0) throw lost();
  std::unique_ptr<PGresult, void (*)(PGresult*)> error{nullptr, &PQclear};
  std::string_view error_sql;
  for (statement* st : batch) {
    if (st == nullptr || !st->executed() || st->result_ != nullptr || st->stream_) continue;
    PGresult* r = PQgetResult(conn_);
    if (r == nullptr) throw lost();
    const auto status = PQresultStatus(r);
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      st->take(r);
    } else if (error == nullptr && status != PGRES_PIPELINE_ABORTED) {
      error.reset(r);
      error_sql = st->sql();
    } else {
      PQclear(r);
    }
    if (PGresult* extra = PQgetResult(conn_)) {  // the null that ends each statement's result
      PQclear(extra);
      throw lost();
    }
  }
  PGresult* sync = PQgetResult(conn_);
  const bool synced = PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
  PQclear(sync);
  if (!synced) throw lost();
  guard.done = PQexitPipelineMode(conn_) == 1;
  if (error != nullptr) fail(error.release(), error_sql);
}

}  // namespace postgresql_backend
}  // namespace ctorm

namespace ctorm::postgresql_backend::detail {

/// Moves table `Tb`'s identity sequence past `$1` (a key just written explicitly, by `upsert`
/// or `replace`), so that the keys it hands out later do not collide with it — as SQLite's
/// rowid, which takes the largest key + 1.
template <class Tb, class D>
struct advance_identity_gen {
  static constexpr void sequence(auto& out) {
    out.put("pg_get_serial_sequence('\"");
    for (char ch : Tb::name) {
      if (ch == '"') out.put('"');
      if (ch == '\'') out.put('\'');
      out.put(ch);
    }
    out.put("\"', ");
    D::string_literal(out, Tb::columns[Tb::primary_key[0]]);
    out.put(')');
  }
  static constexpr void write(auto& out) {
    // Only this table's sequence is looked at: a scan of pg_sequences would cast the names of
    // every sequence, and fail on one another session drops meanwhile.
    out.put("SELECT setval(\"q\".\"s\", $1::BIGINT) FROM (SELECT ");
    sequence(out);
    out.put("::regclass AS \"s\") AS \"q\" WHERE coalesce(pg_sequence_last_value(\"q\".\"s\"), 0) < $1::BIGINT");
  }
};

/// `SELECT <inserted columns> FROM "t" WHERE false`: described once for their types.
template <class Tb>
struct copy_shape_gen {
  static constexpr void write(auto& out) {
    out.put("SELECT ");
    sql::detail::names<postgresql_dialect>(out, Tb::columns, sql::insert_columns<Tb>);
    out.put(" FROM ");
    postgresql_dialect::identifier(out, Tb::name);
    out.put(" WHERE false");
  }
};

/// `COPY "t" (<inserted columns>) FROM STDIN (FORMAT binary)`.
template <class Tb>
struct copy_gen {
  static constexpr void write(auto& out) {
    out.put("COPY ");
    postgresql_dialect::identifier(out, Tb::name);
    out.put(" (");
    sql::detail::names<postgresql_dialect>(out, Tb::columns, sql::insert_columns<Tb>);
    out.put(") FROM STDIN (FORMAT binary)");
  }
};

}  // namespace ctorm::postgresql_backend::detail
