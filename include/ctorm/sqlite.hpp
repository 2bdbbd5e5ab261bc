#pragma once
/// \file
/// The SQLite backend, `ctorm::sqlite`: `ctorm::Database<Schema>` (its default) runs on an
/// embedded SQLite file. `ctorm/ctorm.hpp` includes this header.

#include <sqlite3.h>

#include "ctorm/backend.hpp"
#include "ctorm/load/hydrate.hpp"
#include "ctorm/sql/crud.hpp"
#include "ctorm/migration.hpp"
#include "ctorm/sql/dialect.hpp"
#include "ctorm/sqlite/connection.hpp"
#include "ctorm/sqlite/migration.hpp"
#include "ctorm/sqlite/transaction.hpp"

namespace ctorm {

/// SQLite 3.37+: STRICT tables, WAL, foreign keys on, a busy timeout; values bound as they
/// are, lists as JSON arrays.
struct sqlite {
  using dialect = sqlite_dialect;
  using connection = sqlite_backend::connection;
  using statement = sqlite_backend::statement;
  using options = open_options;
  using transaction_options = transaction_mode;
  /// `BEGIN IMMEDIATE`: a writer never fails half-way for a lock another connection holds.
  static constexpr transaction_options default_transaction = transaction_mode::immediate;
  using native_handle_type = sqlite3*;

  /// Every row of `rows` into table `Tb`: one prepared INSERT, in one transaction.
  template <class Tb, class Range>
  static std::size_t insert_all(connection& c, const Range& rows) {
    Transaction tx(c, transaction_mode::immediate);
    std::size_t n = 0;
    for (const auto& row : rows) {
      statement st(c, sql::insert<Tb, dialect>);
      ctorm::detail::bind_fields<Tb, sql::insert_columns<Tb>>(st, row);
      st.run();
      ++n;
    }
    tx.commit();
    return n;
  }

  /// SQLite's rowid takes the largest key + 1 by itself: nothing to do after a key written.
  template <class Tb>
  static void key_written(connection&, std::int64_t) noexcept {}

  template <class S>
  static SchemaReport verify(connection& c) {
    return sqlite_backend::verify<S>(c);
  }
  template <class S>
  static MigrationPlan plan_migration(connection& c, const Permit& permit) {
    return sqlite_backend::plan_migration<S>(c, permit);
  }
  template <class S>
  static MigrationPlan migrate(connection& c, const Permit& permit) {
    return sqlite_backend::migrate<S>(c, permit);
  }
};

}  // namespace ctorm
