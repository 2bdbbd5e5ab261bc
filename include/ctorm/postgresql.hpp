#pragma once
/// \file
/// The PostgreSQL backend, `ctorm::postgresql`, through libpq:
/// `ctorm::Database<Schema, ctorm::postgresql> db{"host=/run/postgresql dbname=blog"};`
/// Needs libpq (Debian `libpq-dev`); link the CMake target `ctorm::postgresql`.

#include <libpq-fe.h>

#include "ctorm/backend.hpp"
#include "ctorm/core.hpp"
#include "ctorm/migration.hpp"
#include "ctorm/postgresql/connection.hpp"
#include "ctorm/postgresql/migration.hpp"
#include "ctorm/sql/dialect.hpp"

namespace ctorm {

/// PostgreSQL 12+: native types, identity keys, values and results in the binary format,
/// each statement prepared once per connection, lists as arrays.
struct postgresql {
  using dialect = postgresql_dialect;
  using connection = postgresql_backend::connection;
  using statement = postgresql_backend::statement;
  using options = postgresql_options;
  using transaction_options = isolation;
  /// PostgreSQL's own default, READ COMMITTED.
  static constexpr transaction_options default_transaction = isolation::read_committed;
  using native_handle_type = PGconn*;

  /// Every row of `rows` into table `Tb` with `COPY ... FROM STDIN (FORMAT binary)`.
  /// Inside a transaction the COPY runs in a savepoint: a value that cannot be sent ends the
  /// COPY with an error, which would otherwise abort the whole transaction (on SQLite the rows
  /// go in a nested transaction too).
  template <class Tb, class Range>
  static std::size_t insert_all(connection& c, const Range& rows) {
    constexpr bool copies = sql::insert_columns<Tb>.size() > 0;
    const auto write = [&] {
      std::size_t n = 0;
      if constexpr (copies) {
        n = c.template copy_in<Tb, sql::insert_columns<Tb>>(
            static_text<postgresql_backend::detail::copy_shape_gen<Tb>>,
            static_text<postgresql_backend::detail::copy_gen<Tb>>, rows);
      } else {
        // COPY names at least one column: a table of nothing but its generated key takes one
        // INSERT per row, all in one transaction.
        for (const auto& row : rows) {
          (void)row;
          statement st(c, sql::insert<Tb, dialect>);
          st.run();
          ++n;
        }
      }
      return n;
    };
    if (copies && c.transaction_depth() == 0) return write();  // one COPY is all or nothing
    basic_transaction<connection> tx(c, default_transaction);
    const std::size_t n = write();
    tx.commit();
    return n;
  }

  /// Sends the statements of `batch` before reading any result: one round trip for the
  /// relations of one level of an eager load.
  static void run_together(connection& c, std::span<statement* const> batch) { c.run_together(batch); }

  /// After a write that set table `Tb`'s identity key itself: move its sequence past `key`.
  template <class Tb>
  static void key_written(connection& c, std::int64_t key) {
    statement st(c, static_text<postgresql_backend::detail::advance_identity_gen<Tb, dialect>>);
    st.bind(key, ctorm::detail::cell{Tb::name, Tb::columns[Tb::primary_key[0]], 0});
    st.run();
  }

  template <class S>
  static SchemaReport verify(connection& c) {
    return postgresql_backend::verify<S>(c);
  }
  template <class S>
  static MigrationPlan plan_migration(connection& c, const Permit& permit) {
    return postgresql_backend::plan_migration<S>(c, permit);
  }
  template <class S>
  static MigrationPlan migrate(connection& c, const Permit& permit) {
    return postgresql_backend::migrate<S>(c, permit);
  }
};

/// A transaction on a PostgreSQL database (`db.transaction(isolation)`).
using PgTransaction = basic_transaction<postgresql_backend::connection>;

}  // namespace ctorm
