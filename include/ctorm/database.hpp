#pragma once
/// \file
/// `ctorm::Database<Schema>`: a connection to a SQLite database mapped by a schema.

#include <sqlite3.h>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ctorm/error.hpp"
#include "ctorm/load/eager.hpp"
#include "ctorm/load/hydrate.hpp"
#include "ctorm/load/loaded.hpp"
#include "ctorm/load/write.hpp"
#include "ctorm/migration.hpp"
#include "ctorm/query.hpp"
#include "ctorm/schema/checks.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/sql/crud.hpp"
#include "ctorm/sql/ddl.hpp"
#include "ctorm/sqlite/connection.hpp"
#include "ctorm/sqlite/introspect.hpp"
#include "ctorm/sqlite/transaction.hpp"
#include "ctorm/sqlite/values.hpp"

namespace ctorm {
namespace detail {

template <class S>
inline constexpr bool is_schema = false;
template <class... Args>
inline constexpr bool is_schema<Schema<Args...>> = true;

/// A value usable to look up a key column of type `Key`: any integer for an integer key
/// (bound as it is, so -1 finds nothing instead of wrapping), else anything `Key` is made from.
template <class Arg, class Key>
concept key_argument =
    (std::integral<Key> && std::integral<Arg> && !std::same_as<Arg, bool> && !char_like<Arg>) ||
    (!std::integral<Key> && std::constructible_from<Key, const Arg&>) || std::same_as<Arg, Key>;

/// Evaluating `valid<S>` reports the schema's first broken rule; the base adds no message.
template <class S, bool = is_schema<S>>
struct checked_schema {};
template <class S>
struct checked_schema<S, true> : std::bool_constant<valid<S>> {};

template <class... Es>
struct first_owner {
  using type = void;
};
template <class E, class... Es>
struct first_owner<E, Es...> {
  using type = typename first_owner<Es...>::type;
};
template <class E, class... Es>
  requires requires { typename E::owner; }
struct first_owner<E, Es...> {
  using type = typename E::owner;
};

template <class W>
using constraint_for = load_constraint<>;

template <class S, class T, class Projection>
using initial_spec = select_spec<S, T, Projection, type_list<>, nothing, type_list<>, nothing, type_list<>,
                                 type_list<>, false, false, false>;

template <class Arg, class Key>
using held_key = std::conditional_t<std::integral<Key> || std::same_as<Arg, Key>, Arg, Key>;

/// The tables as SQLite describes them after running `ddl` in a private in-memory database:
/// the same PRAGMAs then read both sides. Independent of the schema, so checking for drift
/// compiles once whatever the schema; a template of nothing, so only where it is used.
template <class = void>
std::vector<sqlite::live_table> tables_made_by(std::string_view ddl) {
  sqlite::connection memory(":memory:", open_options{});
  memory.exec(ddl);
  return sqlite::read_schema(memory.handle());
}

}  // namespace detail

/// What `sync` changed: the keys it linked and unlinked.
template <class Key>
struct Synced {
  std::vector<Key> attached;
  std::vector<Key> detached;
};

/// A database whose tables are described by `S` (a `ctorm::Schema<...>`). Owns one SQLite
/// connection: movable, not copyable, and used by one thread at a time.
template <class S>
class Database : detail::checked_schema<S> {
  static_assert(detail::is_schema<S>, "ctorm: Database<S> takes a ctorm::Schema<...>");

 public:
  using schema = S;

  /// Opens (and by default creates) the database at `path`; ":memory:" for a private one.
  /// Sets foreign_keys=ON, the busy timeout and, for files, WAL.
  explicit Database(const std::string& path, open_options options = {})
      : conn_(std::make_unique<sqlite::connection>(path, options)) {}

  /// Opens the database like the constructor above, then throws `schema_drift` unless
  /// `verify()` finds no difference: `Database<S> db{path, ctorm::refuse_drift}`.
  Database(const std::string& path, refuse_drift_t, open_options options = {}) : Database(path, options) {
    auto report = verify();
    if (!report.ok()) throw schema_drift(std::move(report));
  }

  /// Creates every table and index that does not exist yet, in one transaction.
  void create_all() {
    auto tx = transaction();
    conn().exec(sql::create_schema<S>);
    tx.commit();
  }

  /// Inserts `obj`. A single integer primary key is left to SQLite, which assigns it; the
  /// new key is returned. Tables without one return the new row's rowid.
  template <class T>
  auto insert(const T& obj) {
    if constexpr (mapped<T>()) {
      using Tb = table_of<S, T>;
      if constexpr (narrow_rowid_key<Tb>()) {
        // SQLite may assign a key the member cannot hold: the row is then undone, not left
        // behind where no read could take it.
        auto tx = transaction();
        write<Tb, sql::insert_columns<Tb>>(sql::insert<Tb>, obj);
        const auto key = sqlite::detail::narrow_integer<field_type<T, Tb::primary_key[0]>>(
            sqlite3_last_insert_rowid(conn().handle()), sqlite::cell{Tb::name, Tb::columns[Tb::primary_key[0]], 1});
        tx.commit();
        return key;
      } else {
        write<Tb, sql::insert_columns<Tb>>(sql::insert<Tb>, obj);
        return static_cast<std::int64_t>(sqlite3_last_insert_rowid(conn().handle()));
      }
    }
  }

  /// Inserts `obj` with its key as given; a row with the same key (or a conflicting unique
  /// value) is deleted first, SQLite's `INSERT OR REPLACE`. Prefer `upsert` when other rows
  /// reference this one: the delete fires their ON DELETE actions.
  template <class T>
  void replace(const T& obj) {
    if constexpr (mapped<T>()) {
      using Tb = table_of<S, T>;
      write<Tb, sql::all_columns<Tb>>(sql::replace<Tb>, obj);
    }
  }

  /// Inserts `obj` with its key as given, or updates the row that has that key.
  template <class T>
  void upsert(const T& obj) {
    if constexpr (keyed<T>()) {
      using Tb = table_of<S, T>;
      write<Tb, sql::all_columns<Tb>>(sql::upsert<Tb>, obj);
    }
  }

  /// The row with the given primary key (one value per key member), if any.
  template <class T, class... Keys>
  std::optional<T> get(const Keys&... key) {
    if constexpr (key_lookup<T, Keys...>()) {
      using Tb = table_of<S, T>;
      sqlite::statement st(conn(), sql::select_by_key<Tb>);
      const auto held = hold_keys<T>(key...);
      bind_keys<T>(st.handle(), held);
      if (!st.step()) return std::nullopt;
      return detail::read_row<Tb>(st.handle(), 0, 1);
    } else {
      return std::nullopt;
    }
  }

  /// Writes every non-key member of `obj` to the row with `obj`'s key.
  /// Returns false when no row has that key.
  template <class T>
  bool update(const T& obj) {
    if constexpr (updatable<T>()) {
      using Tb = table_of<S, T>;
      return write<Tb, sql::value_columns<Tb>, Tb::primary_key>(sql::update<Tb>, obj) > 0;
    } else {
      return false;
    }
  }

  /// Deletes the row with the given primary key; false when there was none.
  template <class T, class... Keys>
    requires(sizeof...(Keys) > 0)
  bool remove(const Keys&... key) {
    if constexpr (key_lookup<T, Keys...>()) {
      using Tb = table_of<S, T>;
      sqlite::statement st(conn(), sql::remove<Tb>);
      const auto held = hold_keys<T>(key...);
      bind_keys<T>(st.handle(), held);
      return st.run() > 0;
    } else {
      return false;
    }
  }

  /// Every row of `T`'s table.
  template <class T>
  std::vector<T> all() {
    std::vector<T> rows;
    if constexpr (mapped<T>()) {
      using Tb = table_of<S, T>;
      sqlite::statement st(conn(), sql::select_all<Tb>);
      while (st.step()) rows.push_back(detail::read_row<Tb>(st.handle(), 0, rows.size() + 1));
    }
    return rows;
  }

  /// Number of rows in `T`'s table.
  template <class T>
  std::int64_t count() {
    if constexpr (mapped<T>()) {
      using Tb = table_of<S, T>;
      sqlite::statement st(conn(), sql::count<Tb>);
      st.step();
      return sqlite3_column_int64(st.handle(), 0);
    } else {
      return 0;
    }
  }

  /// A query of whole rows of `T`: chain `where`, `join`, `order_by`, `limit`... and run it
  /// with `all()`, `first()`, `one()`, `count()`, `exists()` or a range-for loop.
  template <class T>
  auto select() {
    static_assert(mapped<T>());
    using Spec = detail::initial_spec<S, T, void>;
    using V = detail::select_values<std::tuple<>, detail::nothing, detail::nothing>;
    return Select<Spec, T>(conn(), V{});
  }

  /// A query of the given columns and expressions from `T`'s table; each row a `std::tuple`.
  template <class T, detail::expression... Es>
    requires(sizeof...(Es) > 0)
  auto select(Es... exprs) {
    static_assert(mapped<T>());
    return project<T, std::tuple<typename Es::value_type...>>(std::move(exprs)...);
  }

  /// A query of the given columns and expressions, from the table of the first column:
  /// `db.select(col<&Post::id>, col<&User::email>).join<author>()`; each row a `std::tuple`.
  template <detail::expression E, detail::expression... Es>
  auto select(E first, Es... rest) {
    using T = typename detail::first_owner<E, Es...>::type;
    static_assert(!std::is_void_v<T>, "ctorm: name the table: db.select<T>(expressions...)");
    return select<T>(std::move(first), std::move(rest)...);
  }

  /// A projection read into the aggregate `Result`, one expression per member in order
  /// (`db.select_as<Summary>(col<&Post::author_id>, ctorm::count()).group_by(...)`).
  template <class Result, detail::expression... Es>
  auto select_as(Es... exprs) {
    using T = typename detail::first_owner<Es...>::type;
    static_assert(!std::is_void_v<T>, "ctorm: select_as needs a column among its expressions to know the table");
    if constexpr (!std::is_void_v<T>) {
      static_assert(field_count<Result> == sizeof...(Es),
                    "ctorm: select_as needs one expression per member of the result struct");
      static_assert(mapped<T>());
      return project<T, Result>(std::move(exprs)...);
    }
  }

  /// An UPDATE of `T`'s table: `.set(col<&T::m> = v, ...)`, then `.where(condition)` or
  /// `.all_rows()` runs it and returns the rows changed.
  template <class T>
  auto update() {
    static_assert(mapped<T>());
    return Update<S, T>(conn(), {});
  }

  /// A DELETE from `T`'s table: `.where(condition)` or `.all_rows()` runs it and returns the
  /// rows deleted.
  template <class T>
  auto remove() {
    static_assert(mapped<T>());
    return Remove<S, T>(conn());
  }

  /// Loads relations `Ws...` on a row read earlier (lazy eager loading), one query per relation.
  template <class... Ws, class T>
  Loaded<T, Ws...> load(const T& entity) {
    std::vector<Loaded<T, Ws...>> rows{Loaded<T, Ws...>{entity, {}}};
    detail::load_all<S, T, Ws...>(conn(), rows, std::tuple<detail::constraint_for<Ws>...>{});
    return std::move(rows.front());
  }

  /// Loads relations `Ws...` on rows read earlier: one query per relation and level for all.
  template <class... Ws, class T>
  std::vector<Loaded<T, Ws...>> load(const std::vector<T>& entities) {
    std::vector<Loaded<T, Ws...>> rows;
    rows.reserve(entities.size());
    for (const T& e : entities) rows.push_back(Loaded<T, Ws...>{e, {}});
    detail::load_all<S, T, Ws...>(conn(), rows, std::tuple<detail::constraint_for<Ws>...>{});
    return rows;
  }

  /// A query of the rows related to `entity` through `R` (`db.related<posts>(user)`), on which
  /// every query-builder call works.
  template <class R, class Owner>
  auto related(const Owner& entity) {
    constexpr bool declared = relation_of<Owner, R>();
    static_assert(declared, "ctorm: related<R>(row) takes a relation declared on the row's table");
    if constexpr (declared) {
      auto values = detail::owner_key_values<S, Owner, R>(entity);
      return select<typename R::target>().where(
          detail::related_to<S, Owner, R, decltype(values)>{{}, std::move(values)});
    }
  }

  /// Inserts `child` as related to `owner` through a HasMany/HasOne/MorphMany/MorphOne `R`:
  /// sets its foreign key (and morph type) first. Returns the child as stored, with its key.
  template <class R, class Owner, class Child>
  Child create(const Owner& owner, Child child) {
    if constexpr (creatable<R, Owner, Child>()) create_checked<R>(owner, child);
    return child;
  }

 private:
  template <class R, class Owner, class Child>
  static consteval bool creatable() {
    constexpr bool kind = R::kind == relation_kind::has_many || R::kind == relation_kind::has_one ||
                          R::kind == relation_kind::morph_many || R::kind == relation_kind::morph_one;
    if constexpr (!kind) {
      static_assert(kind, "ctorm: create<R> writes through HasMany, HasOne, MorphMany or MorphOne — set a "
                          "BelongsTo with associate, a ManyToMany with attach");
      return false;
    } else if constexpr (!relation_of<Owner, R>()) {
      static_assert(relation_of<Owner, R>(), "ctorm: create<R>(owner, row) takes a relation declared on the owner's table");
      return false;
    } else {
      static_assert(std::is_same_v<Child, typename R::target>, "ctorm: create<R> takes a row of the relation's target");
      return std::is_same_v<Child, typename R::target>;
    }
  }

  template <class R, class Owner>
  static consteval bool linkable() {
    constexpr bool ok = R::kind == relation_kind::many_to_many && relation_of<Owner, R>();
    static_assert(ok, "ctorm: attach, detach and sync take a ManyToMany declared on the owner's table");
    return ok;
  }

  template <class R, class Owner, class Child>
  void create_checked(const Owner& owner, Child& child) {
    using H = detail::at<0, detail::path<S, Owner, R>>;
    copy_key<H::from_columns, H::to_columns>(owner, child);
    if constexpr (H::morph_column != detail::no_column)
      detail::field_ref<H::morph_column>(child) = std::string(table_of<S, Owner>::name);
    const auto key = insert(child);
    if constexpr (table_of<S, Child>::has_rowid_key) detail::field_ref<table_of<S, Child>::primary_key[0]>(child) = key;
  }

 public:

  /// Points `child`'s `BelongsTo` `R` at `parent`, in `child` and in the database. False when
  /// no row has `child`'s key.
  template <class R, class Child, class Parent>
  bool associate(Child& child, const Parent& parent) {
    static_assert(R::kind == relation_kind::belongs_to && std::is_same_v<typename R::owner, Child> &&
                      std::is_same_v<typename R::target, Parent>,
                  "ctorm: associate<R>(child, parent) takes a BelongsTo of the child's table and a row of its target");
    using H = detail::at<0, detail::path<S, Child, R>>;
    copy_key<H::to_columns, H::from_columns>(parent, child);
    using Tb = table_of<S, Child>;
    return write<Tb, H::from_columns, Tb::primary_key>(
               static_text<detail::set_foreign_key_gen<Tb, R, false, sqlite_dialect>>, child) > 0;
  }

  /// Clears `child`'s nullable `BelongsTo` `R` (sets the foreign key to NULL), in `child` and in
  /// the database. False when no row has `child`'s key.
  template <class R, class Child>
  bool dissociate(Child& child) {
    static_assert(R::kind == relation_kind::belongs_to && std::is_same_v<typename R::owner, Child>,
                  "ctorm: dissociate<R>(child) takes a BelongsTo of the child's table");
    static_assert(detail::foreign_key_nullable<R>,
                  "ctorm: dissociate<R> needs a nullable foreign key (std::optional) — this one cannot be NULL");
    if constexpr (detail::foreign_key_nullable<R>) {
      R::keys::each([&]<auto M, std::size_t>() { child.*M = std::nullopt; });
      using Tb = table_of<S, Child>;
      return write<Tb, Tb::primary_key>(static_text<detail::set_foreign_key_gen<Tb, R, true, sqlite_dialect>>,
                                        child) > 0;
    } else {
      return false;
    }
  }

  /// Links `owner` to `target` (a row or its key) through ManyToMany `R`, storing `pivot` as
  /// the junction row's other members.
  template <class R, class Owner, class TargetOrKey>
  void attach(const Owner& owner, const TargetOrKey& target) {
    if constexpr (linkable<R, Owner>()) attach<R>(owner, target, detail::junction_row<S, Owner, R>{});
  }

  /// Links `owner` to `target` as above, with `pivot` as the junction row's other members.
  template <class R, class Owner, class TargetOrKey, class Junction>
  void attach(const Owner& owner, const TargetOrKey& target, Junction pivot) {
    if constexpr (linkable<R, Owner>()) attach_checked<R>(owner, target, std::move(pivot));
  }

 private:
  template <class R, class Owner, class TargetOrKey, class Junction>
  void attach_checked(const Owner& owner, const TargetOrKey& target, Junction pivot) {
    static_assert(std::is_same_v<Junction, detail::junction_row<S, Owner, R>>,
                  "ctorm: attach's pivot is a row of the relation's junction struct");
    using P = detail::path<S, Owner, R>;
    using H1 = detail::at<0, P>;
    using H2 = detail::at<1, P>;
    copy_key<H1::from_columns, H1::to_columns>(owner, pivot);
    if constexpr (std::is_same_v<TargetOrKey, typename R::target>) {
      copy_key<H2::to_columns, H2::from_columns>(target, pivot);
    } else {
      static_assert(H2::from_columns.size() == 1, "ctorm: attach by key needs a single-column key — pass the row");
      detail::field_ref<H2::from_columns[0]>(pivot) = target;
    }
    insert(pivot);
  }

 public:

  /// Unlinks `owner` from the target with key `key`; returns the links removed.
  template <class R, class Owner, class Key>
  std::int64_t detach(const Owner& owner, const Key& key) {
    if constexpr (linkable<R, Owner>()) return detach_checked<R>(owner, &key);
    else return 0;
  }

  /// Unlinks `owner` from every target of ManyToMany `R`; returns the links removed.
  template <class R, class Owner>
  std::int64_t detach(const Owner& owner) {
    if constexpr (linkable<R, Owner>()) return detach_checked<R>(owner, static_cast<const all_links*>(nullptr));
    else return 0;
  }

 private:
  struct all_links {};

  template <class R, class Owner, class Key>
  std::int64_t detach_checked(const Owner& owner, const Key* key) {
    using P = detail::path<S, Owner, R>;
    using Tj = typename detail::at<0, P>::to;
    using Gen = detail::detach_gen<Tj, detail::at<0, P>, detail::at<1, P>, !std::is_same_v<Key, all_links>, sqlite_dialect>;
    sqlite::statement st(conn(), static_text<Gen>);
    detail::binder b{st.handle()};
    const auto owner_key = detail::owner_key_values<S, Owner, R>(owner);  // bound without a copy
    b.all(owner_key);
    if constexpr (!std::is_same_v<Key, all_links>) b(*key);
    return st.run();
  }

 public:
  /// Makes `keys` exactly the targets linked to `owner` through ManyToMany `R`, in one
  /// transaction; new links get a default junction row. Returns what was attached and detached.
  template <class R, class Owner, class Keys>
  auto sync(const Owner& owner, const Keys& keys) {
    if constexpr (linkable<R, Owner>()) return sync_checked<R>(owner, keys);
  }

 private:
  template <class R, class Owner, class Keys>
  auto sync_checked(const Owner& owner, const Keys& keys) {
    using P = detail::path<S, Owner, R>;
    using H2 = detail::at<1, P>;
    using Tj = typename detail::at<0, P>::to;
    static_assert(H2::from_columns.size() == 1, "ctorm: sync needs a single-column key on the target");
    using Key = detail::unwrap_optional<field_type<typename Tj::type, H2::from_columns[0]>>;
    Synced<Key> result;
    auto tx = transaction();
    std::vector<Key> current;
    {
      using Gen = detail::linked_keys_gen<Tj, detail::at<0, P>, H2, sqlite_dialect>;
      sqlite::statement st(conn(), static_text<Gen>);
      detail::binder b{st.handle()};
      const auto owner_key = detail::owner_key_values<S, Owner, R>(owner);  // bound without a copy
    b.all(owner_key);
      for (std::size_t row = 1; st.step(); ++row)
        current.push_back(sqlite::read_value<Key>(st.handle(), 0, sqlite::cell{Tj::name, Tj::columns[H2::from_columns[0]], row}));
    }
    const auto contains = [](const auto& range, const Key& k) {
      for (const auto& x : range)
        if (Key(x) == k) return true;
      return false;
    };
    for (const Key& k : current)
      if (!contains(keys, k)) {
        detach<R>(owner, k);
        result.detached.push_back(k);
      }
    for (const auto& x : keys) {
      const Key k(x);
      if (!contains(current, k) && !contains(result.attached, k)) {
        attach<R>(owner, k);
        result.attached.push_back(k);
      }
    }
    tx.commit();
    return result;
  }

 public:

  /// Compares the schema with the live database (`PRAGMA table_info`, `foreign_key_list`,
  /// `index_list`, `index_info`) and reports every difference; equivalent DDL compares equal.
  SchemaReport verify() const {
    return detail::migrate::compare(detail::tables_made_by(sql::create_schema<S>),
                                    sqlite::read_schema(conn().handle()));
  }

  /// The statements `migrate(permit)` would run, and the changes it would refuse.
  MigrationPlan plan_migration(const Permit& permit = {}) const {
    const auto want = expected_schema();
    return detail::migrate::planner<>(conn().handle(), want, permit).run();
  }

  /// Makes the database match the schema in one transaction: creates missing tables, adds
  /// nullable columns and creates indexes; rebuilds or drops only what `permit` allows. Throws
  /// `migration_error` (applying nothing) when a change needs a permission not given, would
  /// lose data, or leaves a foreign key broken. Returns what it ran.
  MigrationPlan migrate(const Permit& permit = {}) {
    auto& c = conn();
    if (c.transaction_depth() != 0)
      throw usage_error("ctorm: migrate() cannot run inside a transaction (foreign keys must be switched off)");
    auto plan = plan_migration(permit);
    if (!plan.blocked.empty()) {
      std::string m = "ctorm: migration refused, nothing was changed:";
      for (const auto& b : plan.blocked) m.append("\n  ").append(b);
      throw migration_error(m);
    }
    if (plan.steps.empty()) return plan;
    // A rebuild drops and renames tables others reference; foreign keys are checked as a whole
    // before commit instead.
    c.exec("PRAGMA foreign_keys = OFF");
    // When the migration throws, whatever it throws, the pragma is restored on the way out
    // (best effort: an error from it would hide the migration's own).
    struct restore_on_throw {
      sqlite::connection& c;
      bool armed = true;
      ~restore_on_throw() {
        if (!armed) return;
        try {
          c.exec("PRAGMA foreign_keys = ON");
        } catch (...) {
        }
      }
    } restore{c};
    try {
      auto tx = transaction();
      for (const auto& st : plan.steps) c.exec(st.sql);
      check_foreign_keys();
      tx.commit();
    } catch (const migration_error&) {
      throw;
    } catch (const error& e) {
      throw migration_error(std::string("ctorm: migration failed and was rolled back, nothing was changed: ") + e.what());
    }
    restore.armed = false;
    c.exec("PRAGMA foreign_keys = ON");
    return plan;
  }

  /// Begins a transaction (a savepoint when one is already open). See `Transaction`.
  [[nodiscard]] Transaction transaction(transaction_mode mode = transaction_mode::immediate) {
    return Transaction(conn(), mode);
  }

  /// Runs `fn` (taking nothing, or this Database) in a transaction and commits it, returning
  /// what `fn` returns. When another connection keeps it from going on (`busy_error` past the
  /// busy timeout, or `serialization_error`: a deferred transaction's snapshot went stale), the
  /// attempt is rolled back and `fn` runs again after a random pause that doubles each time,
  /// up to `policy.attempts` runs in all; then the last error is rethrown. Any other exception
  /// rolls back and propagates at once. Inside an open transaction `fn` runs once, in a
  /// savepoint: only the outermost transaction can be run again.
  template <class F>
    requires std::invocable<F&> || std::invocable<F&, Database&>
  auto transact(F&& fn, const retry_policy& policy = {}) {
    const bool outermost = conn().transaction_depth() == 0;
    for (int attempt = 1;; ++attempt) {
      try {
        auto tx = transaction(policy.mode);
        if constexpr (std::is_void_v<decltype(call(fn))>) {
          call(fn);
          tx.commit();
          return;
        } else {
          decltype(auto) result = call(fn);
          tx.commit();
          return result;
        }
      } catch (const busy_error&) {
        if (!outermost || attempt >= policy.attempts) throw;
      }
      ++conn().retries;
      detail::pause_before_retry(policy, attempt);
    }
  }

  /// How many times `transact` ran a transaction again on this connection.
  std::uint64_t retries() const noexcept { return conn_ ? conn_->retries : 0; }

  /// Number of SQL statements run on this connection so far.
  std::uint64_t statements_run() const noexcept { return conn_ ? conn_->statements_run() : 0; }

  /// The underlying `sqlite3*`, for what ctorm does not cover. Values must still be bound.
  sqlite3* native_handle() const noexcept { return conn_ ? conn_->handle() : nullptr; }

 private:
  sqlite::connection& conn() const {
    if (!conn_) throw usage_error("ctorm: this Database was moved from");
    return *conn_;
  }

  template <class F>
  decltype(auto) call(F& fn) {
    if constexpr (std::invocable<F&, Database&>) return fn(*this);
    else return fn();
  }

  /// What the migration planner compares against: the tables (see `tables_made_by`) and each
  /// table's DDL, to create or rebuild it.
  static detail::migrate::target expected_schema() {
    detail::migrate::target t;
    t.tables = detail::tables_made_by(sql::create_schema<S>);
    S::table_list::each([&]<class Tb>() {
      detail::migrate::target::table_ddl d{Tb::name, sql::create_table<S, typename Tb::type>, {}};
      constexpr auto& defs = sql::column_definitions<S, typename Tb::type>;
      for (std::size_t i = 0; i < Tb::column_count; ++i) d.columns.emplace_back(Tb::columns[i], defs[i]);
      t.ddl.push_back(std::move(d));
    });
    return t;
  }

  void check_foreign_keys() {
    sqlite::detail::pragma_query q(conn().handle(), "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check");
    std::string m;
    std::size_t n = 0;
    while (q.next()) {
      if (++n <= 5) m.append("\n  ").append(q.text(0)).append(" row ").append(q.text(1)).append(" references a missing ").append(q.text(2)).append(" row");
    }
    if (n != 0)
      throw migration_error("ctorm: migration rolled back, nothing was changed: " + std::to_string(n) +
                            " foreign key violation(s) after it:" + m);
  }

  template <class Owner, class R>
  static consteval bool relation_of() {
    if constexpr (!S::template contains<Owner>) return false;
    else return detail::declares<table_of<S, Owner>, R>;
  }

  /// Copies `from`'s members at `FromColumns` into `to`'s at `ToColumns`.
  template <auto FromColumns, auto ToColumns, class From, class To>
  static void copy_key(const From& from, To& to) {
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      ((assign_member(detail::field_ref<ToColumns[K]>(to), detail::field_ref<FromColumns[K]>(from))), ...);
    }(std::make_index_sequence<FromColumns.size()>{});
  }
  template <class To, class From>
  static void assign_member(To& to, const From& from) {
    if constexpr (detail::is_optional_v<From> && !detail::is_optional_v<To>) {
      if (!from) throw usage_error("ctorm: cannot link through a NULL key");
      to = *from;
    } else {
      to = from;
    }
  }

  template <class T, class Result, class... Es>
  auto project(Es... exprs) {
    using Spec = detail::initial_spec<S, T, detail::type_list<Es...>>;
    using V = detail::select_values<std::tuple<Es...>, detail::nothing, detail::nothing>;
    return Select<Spec, Result>(conn(), V{std::tuple<Es...>(std::move(exprs)...), {}, {}});
  }

  /// Runs `text` with the members at the field-index lists `Fields...` bound to
  /// parameters 1, 2, ... in order; returns the number of rows changed.
  template <TableType Tb, const auto&... Fields>
  std::int64_t write(std::string_view text, const typename Tb::type& obj) {
    sqlite::statement st(conn(), text);
    int next = 1;
    ((detail::bind_fields<Tb, Fields>(st.handle(), obj, next), next += static_cast<int>(Fields.size())), ...);
    return st.run();
  }

  // Each check asserts only when the checks before it passed: one message per mistake.

  template <class T>
  static consteval bool mapped() {
    static_assert(S::template contains<T>,
                  "ctorm: this struct is not a table of the schema — add ctorm::Table<T> to the Schema");
    return S::template contains<T>;
  }

  /// A rowid key whose member is not std::int64_t, so it may not hold every rowid.
  template <class Tb>
  static consteval bool narrow_rowid_key() {
    if constexpr (!Tb::has_rowid_key) return false;
    else return !std::is_same_v<field_type<typename Tb::type, Tb::primary_key[0]>, std::int64_t>;
  }

  template <class T>
  static consteval bool keyed() {
    if constexpr (!mapped<T>()) {
      return false;
    } else {
      constexpr bool ok = table_of<S, T>::has_primary_key;
      static_assert(ok,
                    "ctorm: this table has no primary key — add a member named id or declare "
                    "ctorm::PrimaryKey<&T::member>");
      return ok;
    }
  }

  template <class T>
  static consteval bool updatable() {
    if constexpr (!keyed<T>()) {
      return false;
    } else {
      constexpr bool ok = sql::value_columns<table_of<S, T>>.size() > 0;
      static_assert(ok, "ctorm: every column of this table is in its primary key, so update has "
                        "nothing to set — use insert, upsert or remove");
      return ok;
    }
  }

  template <class T, class... Keys>
  static consteval bool key_lookup() {
    if constexpr (!keyed<T>()) {
      return false;
    } else if constexpr (sizeof...(Keys) != table_of<S, T>::primary_key.size()) {
      static_assert(sizeof...(Keys) == table_of<S, T>::primary_key.size(),
                    "ctorm: give one key value per primary-key member, in declaration order");
      return false;
    } else {
      using Tb = table_of<S, T>;
      constexpr bool ok = []<std::size_t... K>(std::index_sequence<K...>) {
        return (detail::key_argument<Keys, field_type<T, Tb::primary_key[K]>> && ...);
      }(std::index_sequence_for<Keys...>{});
      static_assert(ok, "ctorm: a key value's type does not match the primary-key member's type");
      return ok;
    }
  }

  template <class T, class... Keys>
  static auto hold_keys(const Keys&... key) {
    using Tb = table_of<S, T>;
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
      return std::tuple<detail::held_key<Keys, field_type<T, Tb::primary_key[K]>>...>{key...};
    }(std::index_sequence_for<Keys...>{});
  }

  template <class T, class Held>
  static void bind_keys(sqlite3_stmt* s, const Held& held) {
    using Tb = table_of<S, T>;
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      (sqlite::bind_value(s, static_cast<int>(K) + 1, std::get<K>(held),
                          sqlite::cell{Tb::name, Tb::columns[Tb::primary_key[K]], 0}),
       ...);
    }(std::make_index_sequence<std::tuple_size_v<Held>>{});
  }

  std::unique_ptr<sqlite::connection> conn_;
};

}  // namespace ctorm
