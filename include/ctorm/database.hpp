#pragma once
/// \file
/// `ctorm::Database<Schema, Backend>`: one connection to a database mapped by a schema. The
/// facade every backend shares; what runs SQL is the backend's (`ctorm/sqlite.hpp`,
/// `ctorm/postgresql.hpp`), and this header includes no database's header.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ctorm/backend.hpp"
#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/memory.hpp"
#include "ctorm/error.hpp"
#include "ctorm/load/eager.hpp"
#include "ctorm/load/hydrate.hpp"
#include "ctorm/load/loaded.hpp"
#include "ctorm/load/save.hpp"
#include "ctorm/load/write_through.hpp"
#include "ctorm/migration.hpp"
#include "ctorm/query.hpp"
#include "ctorm/schema/checks.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/sql/crud.hpp"
#include "ctorm/sql/ddl.hpp"
#include "ctorm/sql/related.hpp"
#include "ctorm/transaction.hpp"

namespace ctorm {
namespace detail {

template <class S>
inline constexpr bool is_schema = false;
template <class... Args>
inline constexpr bool is_schema<Schema<Args...>> = true;
template <class S>
  requires(!std::is_same_v<typename S::schema_type, S> && std::is_base_of_v<typename S::schema_type, S>)
inline constexpr bool is_schema<S> = true;

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

template <class E>
using has_owner = std::bool_constant<requires { typename E::owner; }>;
struct no_owner {
  using owner = void;
};
/// The table of the first expression that names one (a column), else `void`.
template <class... Es>
struct first_owner {
  using type = typename find_first<has_owner, type_list<Es...>, no_owner>::owner;
};

template <class S, class T, class Projection>
using initial_spec = select_spec<S, T, Projection, type_list<>, nothing, type_list<>, nothing, type_list<>,
                                 type_list<>, false, false, false>;

template <class Arg, class Key>
using held_key = std::conditional_t<std::integral<Key> || std::same_as<Arg, Key>, Arg, Key>;

}  // namespace detail

/// A database whose tables are described by `S` (a `ctorm::Schema<...>`), on backend `B`
/// (`ctorm::sqlite` by default, `ctorm::postgresql`). Owns one connection: movable, not
/// copyable, and used by one thread at a time.
template <class S, class B = sqlite>
class Database : detail::checked_schema<S> {
  static_assert(detail::is_schema<S>, "ctorm: Database<S> takes a ctorm::Schema<...>");
  using D = typename B::dialect;
  using connection_type = typename B::connection;
  using statement = typename B::statement;
  using writes = detail::write_through<S, B, Database>;
  friend writes;

 public:
  using schema = S;
  using backend = B;
  /// What `transaction()` and `transact()` take: `transaction_mode` on SQLite.
  using transaction_options = typename B::transaction_options;
  using transaction_type = basic_transaction<connection_type>;

  /// Opens the database `target` names (a file path or ":memory:" for SQLite, a connection
  /// string for a server), with the backend's options.
  explicit Database(const std::string& target, typename B::options options = {})
      : conn_(std::make_unique<connection_type>(target, options)) {}

  /// Opens the database like the constructor above, then throws `schema_drift` unless
  /// `verify()` finds no difference: `Database<S> db{path, ctorm::refuse_drift}`.
  Database(const std::string& target, refuse_drift_t, typename B::options options = {}) : Database(target, options) {
    auto report = verify();
    if (!report.ok()) throw schema_drift(std::move(report));
  }

  /// Creates every table and index that does not exist yet, in one transaction.
  void create_all() {
    auto tx = transaction();
    conn().exec(sql::create_schema<S, D>);
    tx.commit();
  }

  /// Inserts `obj`. A single integer primary key is left to the database, which assigns it;
  /// the new key is returned. A `ctorm::Uuid` key is written as given and returned; with
  /// `UuidKeys` a nil one is made first (`uuid_v7()`). Tables with other keys return what the
  /// backend reports (SQLite: the new row's rowid).
  template <class T>
  auto insert(const T& obj) {
    if constexpr (mapped<T>()) {
      using Tb = table_of<S, T>;
      if constexpr (Tb::has_rowid_key && D::insert_returns_key) {
        using K = field_type<T, Tb::primary_key[0]>;
        statement st(conn(), sql::insert<Tb, D>);
        detail::bind_fields<Tb, sql::insert_columns<Tb>>(st, obj);
        st.step();
        const K key = st.template read<K>(0, detail::cell{Tb::name, Tb::columns[Tb::primary_key[0]], 1});
        while (st.step()) {  // to the statement's end; the one row it returns is read, no count is needed
        }
        return key;
      } else if constexpr (narrow_rowid_key<Tb>()) {
        // The database may assign a key the member cannot hold: the row is then undone, not
        // left behind where no read could take it.
        auto tx = transaction();
        write<Tb, sql::insert_columns<Tb>>(sql::insert<Tb, D>, obj);
        const auto key = conn().template inserted_key<field_type<T, Tb::primary_key[0]>>(
            detail::cell{Tb::name, Tb::columns[Tb::primary_key[0]], 1});
        tx.commit();
        return key;
      } else if constexpr (Tb::has_uuid_key) {
        constexpr std::size_t k = Tb::uuid_key;
        if constexpr (Tb::makes_uuid_keys) {
          if (detail::field_ref<k>(obj).is_nil()) {
            const Uuid made = uuid_v7();
            statement st(conn(), sql::insert<Tb, D>);
            detail::bind_fields_keyed<Tb, sql::insert_columns<Tb>, k>(st, obj, made);
            st.run();
            return made;
          }
        }
        write<Tb, sql::insert_columns<Tb>>(sql::insert<Tb, D>, obj);
        return Uuid{detail::field_ref<k>(obj)};
      } else {
        write<Tb, sql::insert_columns<Tb>>(sql::insert<Tb, D>, obj);
        return conn().template inserted_key<std::int64_t>(detail::cell{Tb::name, "rowid", 1});
      }
    }
  }

  /// Inserts every row of `rows` (any range of `T`), as fast as the backend can: one prepared
  /// statement in one transaction on SQLite, `COPY ... FROM STDIN` in the binary format on
  /// PostgreSQL. Keys the database assigns are not read back. All rows or none are inserted.
  /// Returns how many were.
  template <detail::value_range Range>
  std::size_t insert_all(const Range& rows) {
    using T = detail::range_element<Range>;
    if constexpr (mapped<T>()) {
      using Tb = table_of<S, T>;
      return B::template insert_all<Tb>(conn(), rows);
    } else {
      return 0;
    }
  }

  /// Inserts `obj` with its key as given; a row with the same key (or a conflicting unique
  /// value) is deleted first, as SQLite's `INSERT OR REPLACE`. Prefer `upsert` when other rows
  /// reference this one: the delete fires their ON DELETE actions.
  template <class T>
  void replace(const T& obj) {
    if constexpr (mapped<T>()) {
      using Tb = table_of<S, T>;
      write<Tb, sql::all_columns<Tb>>(sql::replace<Tb, D>, obj);
      key_written<Tb>(obj);
    }
  }

  /// Inserts `obj` with its key as given, or updates the row that has that key.
  template <class T>
  void upsert(const T& obj) {
    if constexpr (keyed<T>()) {
      using Tb = table_of<S, T>;
      write<Tb, sql::all_columns<Tb>>(sql::upsert<Tb, D>, obj);
      key_written<Tb>(obj);
    }
  }

  /// The row with the given primary key (one value per key member), if any.
  template <class T, class... Keys>
  std::optional<T> get(const Keys&... key) {
    if constexpr (key_lookup<T, Keys...>()) {
      using Tb = table_of<S, T>;
      statement st(conn(), sql::select_by_key<Tb, D>);
      const auto held = hold_keys<T>(key...);
      bind_keys<T>(st, held);
      if (!st.step()) return std::nullopt;
      return detail::read_row<Tb>(st, 0, 1);
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
      return write<Tb, sql::value_columns<Tb>, Tb::primary_key>(sql::update<Tb, D>, obj) > 0;
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
      statement st(conn(), sql::remove<Tb, D>);
      const auto held = hold_keys<T>(key...);
      bind_keys<T>(st, held);
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
      statement st(conn(), sql::select_all<Tb, D>);
      detail::collect(st, rows, [&](std::size_t row) { return detail::read_row<Tb>(st, 0, row); });
    }
    return rows;
  }

  /// Number of rows in `T`'s table.
  template <class T>
  std::int64_t count() {
    if constexpr (mapped<T>()) {
      using Tb = table_of<S, T>;
      statement st(conn(), sql::count<Tb, D>);
      st.step();
      return st.template read<std::int64_t>(0, detail::cell{Tb::name, "count(*)", 1});
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
    return Select<B, Spec, T>(conn(), V{});
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
    static_assert(!std::is_void_v<T> || detail::involving<Result, Es...>, "ctorm: select_as needs a column among its expressions to know the table");
    if constexpr (!std::is_void_v<T>) {
      static_assert(field_count<Result> == sizeof...(Es) || detail::involving<Result, Es...>,
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
    return Update<B, S, T>(conn(), {});
  }

  /// A DELETE from `T`'s table: `.where(condition)` or `.all_rows()` runs it and returns the
  /// rows deleted.
  template <class T>
  auto remove() {
    static_assert(mapped<T>());
    return Remove<B, S, T>(conn());
  }

  /// Loads relations `Ws...` on a row read earlier (lazy eager loading), one query per relation
  /// and level. With one relation, `args` restrict it as in `with<R>(args...)`.
  template <class... Ws, class T, class... Args>
    requires(sizeof...(Args) == 0 || sizeof...(Ws) == 1)
  Loaded<T, Ws...> load(const T& entity, Args&&... args) {
    std::vector<Loaded<T, Ws...>> rows{Loaded<T, Ws...>{entity, {}}};
    detail::load_all<B, S, T, Ws...>(conn(), rows, constraints_of<Ws...>(std::forward<Args>(args)...));
    return std::move(rows.front());
  }

  /// Loads relations `Ws...` on rows read earlier: one query per relation and level for all.
  /// With one relation, `args` restrict it as in `with<R>(args...)`.
  template <class... Ws, class T, class... Args>
    requires(sizeof...(Args) == 0 || sizeof...(Ws) == 1)
  std::vector<Loaded<T, Ws...>> load(const std::vector<T>& entities, Args&&... args) {
    std::vector<Loaded<T, Ws...>> rows;
    rows.reserve(entities.size());
    for (const T& e : entities) rows.push_back(Loaded<T, Ws...>{e, {}});
    detail::load_all<B, S, T, Ws...>(conn(), rows, constraints_of<Ws...>(std::forward<Args>(args)...));
    return rows;
  }

  /// A query of the rows related to `entity` through `R` (`db.related<posts>(user)`), on which
  /// every query-builder call works.
  template <class R, class Owner>
  auto related(const Owner& entity) {
    constexpr bool declared = writes::template relation_of<Owner, R>();
    static_assert(declared || detail::involving<Owner, R>, "ctorm: related<R>(row) takes a relation declared on the row's table");
    if constexpr (declared) {
      auto values = detail::owner_key_values<S, Owner, R>(entity);
      auto query = select<typename R::target>().where(
          detail::related_to<S, Owner, R, decltype(values)>{{}, std::move(values)});
      // A Constrained relation's default order comes first; order_by adds to it.
      return [&]<class... Terms>(detail::type_list<Terms...>) {
        if constexpr (sizeof...(Terms) == 0) return std::move(query);
        else return std::move(query).order_by(Terms{}...);
      }(typename detail::default_order_of<R>::type{});
    }
  }

  /// Inserts `child` as related to `owner` through a HasMany/HasOne/MorphMany/MorphOne `R`:
  /// sets its foreign key (and morph type) first. Through a ManyToMany, inserts it and a
  /// default junction row in one transaction. Returns the child as stored, with its key.
  template <class R, class Owner, class Child>
  Child create(const Owner& owner, Child child) {
    if constexpr (writes::template creatable<R, Owner, Child>()) writes::template create<R>(*this, owner, child);
    return child;
  }

  /// Through a ManyToMany `R`: inserts `target` and its junction row (`pivot`, the relation's
  /// junction struct; its keys are filled in) in one transaction; returns the stored target.
  template <class R, class Owner, class Child, class Junction>
  Child create(const Owner& owner, Child child, Junction pivot) {
    static_assert(R::kind == relation_kind::many_to_many,
                  "ctorm: create<R>(owner, row, pivot) takes a ManyToMany; other relations have no pivot");
    if constexpr (R::kind == relation_kind::many_to_many && writes::template creatable<R, Owner, Child>())
      writes::template create_linked<R>(*this, owner, child, std::move(pivot));
    return child;
  }

  /// `create<R>(owner, row)` for each row of `children`, in one transaction; returns the rows
  /// as stored, keys assigned.
  template <class R, class Owner, class Range>
  auto create_many(const Owner& owner, const Range& children) {
    using Child = std::remove_cvref_t<decltype(*std::begin(children))>;
    std::vector<Child> stored;
    if constexpr (writes::template creatable<R, Owner, Child>()) {
      if constexpr (requires { std::size(children); }) stored.reserve(std::size(children));
      auto tx = transaction();
      for (const Child& c : children) stored.push_back(create<R>(owner, c));
      tx.commit();
    }
    return stored;
  }

  /// Points `child`'s `BelongsTo` `R` at `parent`, in `child` and in the database. False when
  /// no row has `child`'s key.
  template <class R, class Child, class Parent>
  bool associate(Child& child, const Parent& parent) {
    // The child's row is found by its primary key: without one there is nothing to update.
    if constexpr (keyed<Child>()) return writes::template associate<R>(conn(), child, parent);
    else return false;
  }

  /// Clears `child`'s nullable `BelongsTo` `R` (sets the foreign key to NULL), in `child` and in
  /// the database. False when no row has `child`'s key.
  template <class R, class Child>
  bool dissociate(Child& child) {
    if constexpr (keyed<Child>()) return writes::template dissociate<R>(conn(), child);
    else return false;
  }

  /// Links `owner` to `target` (a row or its key) through ManyToMany `R`, with a default
  /// junction row.
  template <class R, class Owner, class TargetOrKey>
  void attach(const Owner& owner, const TargetOrKey& target) {
    if constexpr (writes::template linkable<R, Owner>())
      writes::template attach<R>(*this, owner, target, detail::junction_row<S, Owner, R>{});
  }

  /// Links `owner` to `target` as above, with `pivot` as the junction row's other members.
  template <class R, class Owner, class TargetOrKey, class Junction>
  void attach(const Owner& owner, const TargetOrKey& target, Junction pivot) {
    if constexpr (writes::template linkable<R, Owner>()) writes::template attach<R>(*this, owner, target, std::move(pivot));
  }

  /// Unlinks `owner` from the target with key `key`; returns the links removed.
  template <class R, class Owner, class Key>
  std::int64_t detach(const Owner& owner, const Key& key) {
    if constexpr (writes::template linkable<R, Owner>()) return writes::template detach<R, true>(conn(), owner, &key);
    else return 0;
  }

  /// Unlinks `owner` from every target of ManyToMany `R`; returns the links removed.
  template <class R, class Owner>
  std::int64_t detach(const Owner& owner) {
    if constexpr (writes::template linkable<R, Owner>())
      return writes::template detach<R, false>(conn(), owner, static_cast<const int*>(nullptr));
    else return 0;
  }

  /// Makes `keys` exactly the targets linked to `owner` through ManyToMany `R`, in one
  /// transaction; new links get a default junction row. `keys` may instead hold (key, junction
  /// row) pairs — a `std::map<Key, PostTag>` — whose pivot data new links take and links that
  /// stay are updated to. Returns what was attached, detached and updated.
  template <class R, class Owner, class Keys>
  auto sync(const Owner& owner, const Keys& keys) {
    if constexpr (writes::template linkable<R, Owner>()) return writes::template sync<R>(*this, conn(), owner, keys);
  }

  /// Compares the schema with the live database and reports every difference; equivalent
  /// DDL compares equal.
  SchemaReport verify() const { return B::template verify<S>(conn()); }

  /// The statements `migrate(permit)` would run, and the changes it would refuse.
  MigrationPlan plan_migration(const Permit& permit = {}) const { return B::template plan_migration<S>(conn(), permit); }

  /// Makes the database match the schema in one transaction: creates missing tables, adds
  /// nullable columns and creates indexes; rebuilds or drops only what `permit` allows. Throws
  /// `migration_error` (applying nothing) when a change needs a permission not given, would
  /// lose data, or leaves a foreign key broken. Returns what it ran.
  MigrationPlan migrate(const Permit& permit = {}) { return B::template migrate<S>(conn(), permit); }

  /// Writes a loaded graph back in one transaction, in foreign-key order: the rows of its
  /// `BelongsTo` relations first (their keys copied into the row), then the row, then the rows
  /// that hang on it (the row's key copied into them) and the targets of its `ManyToMany`
  /// relations, whose links are made to match the loaded ones (`sync`, with the pivot rows).
  /// A row whose database-assigned key is 0 is inserted; any other is written by its key
  /// (`upsert`); a row the graph holds more than once is written once, from the copy that
  /// differs from the database (copies edited differently: `usage_error`, nothing written).
  /// Rows taken out of a loaded `HasMany` vector are left in the database. Returns the graph
  /// with every key filled.
  template <class T, class... Ws>
  Loaded<T, Ws...> save(Loaded<T, Ws...> graph) {
    save_all<false>(std::span(&graph, 1));
    return graph;
  }

  /// Saves `graph` as above, and deletes the rows of its `HasMany`, `HasOne`, `MorphMany` and
  /// `MorphOne` relations that it no longer holds (the relation's rows of that owner, as
  /// `related<R>` selects them, whose keys are not in the graph), at every level.
  template <class T, class... Ws>
  Loaded<T, Ws...> save(Loaded<T, Ws...> graph, delete_missing_t) {
    save_all<true>(std::span(&graph, 1));
    return graph;
  }

  /// Saves every graph of `graphs` in one transaction; returns them with their keys.
  template <class T, class... Ws>
  std::vector<Loaded<T, Ws...>> save(std::vector<Loaded<T, Ws...>> graphs) {
    save_all<false>(std::span(graphs));
    return graphs;
  }

  /// Saves every graph of `graphs` with `delete_missing`, in one transaction.
  template <class T, class... Ws>
  std::vector<Loaded<T, Ws...>> save(std::vector<Loaded<T, Ws...>> graphs, delete_missing_t) {
    save_all<true>(std::span(graphs));
    return graphs;
  }

  /// Begins a transaction (a savepoint when one is already open). See `basic_transaction`.
  [[nodiscard]] transaction_type transaction(transaction_options options = B::default_transaction) {
    return transaction_type(conn(), options);
  }

  /// Runs `fn` (taking nothing, or this Database) in a transaction and commits it, returning
  /// what `fn` returns. When another connection keeps it from going on (`busy_error`, or
  /// `serialization_error`: the transaction conflicted with another and must run again), the
  /// attempt is rolled back and `fn` runs again after a random pause that doubles each time,
  /// up to `policy.attempts` runs in all; then the last error is rethrown. Any other exception
  /// rolls back and propagates at once. Inside an open transaction `fn` runs once, in a
  /// savepoint: only the outermost transaction can be run again.
  template <class F>
    requires std::invocable<F&> || std::invocable<F&, Database&>
  auto transact(F&& fn, const retry_policy<transaction_options>& policy = {}) {
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
      conn().pause(detail::retry_pause(policy, attempt));
    }
  }

  /// How many times `transact` ran a transaction again on this connection.
  std::uint64_t retries() const noexcept { return conn_ ? conn_->retries : 0; }

  /// Number of SQL statements run on this connection so far.
  std::uint64_t statements_run() const noexcept { return conn_ ? conn_->statements_run() : 0; }

  /// The backend's own handle (`sqlite3*`, `PGconn*`), for what ctorm does not cover. Values
  /// must still be bound.
  typename B::native_handle_type native_handle() const noexcept { return conn_ ? conn_->handle() : nullptr; }

 private:
  template <bool Prune, class G>
  void save_all(std::span<G> graphs) {
    if constexpr (detail::graph_is_saveable<G>) {
      using saver = detail::graph_saver<S, Database, Prune>;
      typename saver::copies_type copies;
      for (auto& g : graphs) saver::count_node(copies, g);
      auto tx = transaction();
      for (auto& g : graphs) saver::save_graph(*this, copies, g);
      tx.commit();
      copies.settle();
    }
  }

  /// The constraints of `load<Ws...>(rows, args...)`: none, or those `args` make for the one
  /// relation.
  template <class... Ws, class... Args>
  static auto constraints_of(Args&&... args) {
    if constexpr (sizeof...(Args) == 0) return std::tuple<detail::with_constraint_t<Ws>...>{};
    else return std::make_tuple(detail::with_constraint<Ws...>(std::forward<Args>(args)...));
  }

  connection_type& conn() const {
    if (!conn_) throw usage_error("ctorm: this Database was moved from");
    return *conn_;
  }

  template <class F>
  decltype(auto) call(F& fn) {
    if constexpr (std::invocable<F&, Database&>) return fn(*this);
    else return fn();
  }

  template <class T, class Result, class... Es>
  auto project(Es... exprs) {
    using Spec = detail::initial_spec<S, T, detail::type_list<Es...>>;
    using V = detail::select_values<std::tuple<Es...>, detail::nothing, detail::nothing>;
    return Select<B, Spec, Result>(conn(), V{std::tuple<Es...>(std::move(exprs)...), {}, {}, {}});
  }

  /// Tells the backend that `obj`'s database-assigned key was written as given.
  template <TableType Tb>
  void key_written(const typename Tb::type& obj) {
    if constexpr (Tb::has_rowid_key) {
      const auto& key = detail::field_ref<Tb::primary_key[0]>(obj);
      if constexpr (std::is_unsigned_v<std::remove_cvref_t<decltype(key)>> && sizeof(key) >= sizeof(std::int64_t))
        B::template key_written<Tb>(conn(), detail::integer_key(key, Tb::name, Tb::columns[Tb::primary_key[0]]));
      else
        B::template key_written<Tb>(conn(), static_cast<std::int64_t>(key));
    }
  }

  /// Runs `text` with the members at the field-index lists `Fields...` bound to the
  /// parameters in order; returns the number of rows changed.
  template <TableType Tb, const auto&... Fields>
  std::int64_t write(std::string_view text, const typename Tb::type& obj) {
    return detail::write_row<B, Tb, Fields...>(conn(), text, obj);
  }

  // Each check asserts only when the checks before it passed: one message per mistake.

  template <class T>
  static consteval bool mapped() {
    static_assert(S::template contains<T>,
                  "ctorm: this struct is not a table of the schema - add ctorm::Table<T> to the Schema");
    return S::template contains<T>;
  }

  /// A database-assigned key whose member is not std::int64_t, so it may not hold every key.
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
      static_assert(ok || detail::involving<T>,
                    "ctorm: this table has no primary key - add a member named id or declare "
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
      static_assert(ok || detail::involving<T>, "ctorm: every column of this table is in its primary key, so update has "
                        "nothing to set - use insert, upsert or remove");
      return ok;
    }
  }

  template <class T, class... Keys>
  static consteval bool key_lookup() {
    if constexpr (!keyed<T>()) {
      return false;
    } else if constexpr (sizeof...(Keys) != table_of<S, T>::primary_key.size()) {
      static_assert(sizeof...(Keys) == table_of<S, T>::primary_key.size() || detail::involving<T, Keys...>,
                    "ctorm: give one key value per primary-key member, in declaration order");
      return false;
    } else {
      using Tb = table_of<S, T>;
      constexpr bool ok = []<std::size_t... K>(std::index_sequence<K...>) {
        return (detail::key_argument<Keys, field_type<T, Tb::primary_key[K]>> && ...);
      }(std::index_sequence_for<Keys...>{});
      static_assert(ok || detail::involving<T, Keys...>, "ctorm: a key value's type does not match the primary-key member's type");
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
  static void bind_keys(statement& st, const Held& held) {
    using Tb = table_of<S, T>;
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      (st.bind(std::get<K>(held), detail::cell{Tb::name, Tb::columns[Tb::primary_key[K]], 0}), ...);
    }(std::make_index_sequence<std::tuple_size_v<Held>>{});
  }

  std::unique_ptr<connection_type> conn_;
};

}  // namespace ctorm
