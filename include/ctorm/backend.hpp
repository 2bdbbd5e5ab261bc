#pragma once
/// \file
/// The backends a `ctorm::Database` runs on, by name, and what a backend is.
///
/// A backend is a type with: `dialect` (the SQL it writes); `connection`, opened from a string
/// and `options`, which runs SQL text (`exec`), counts statements and transaction retries, and
/// provides what `basic_transaction` needs (`ctorm/transaction.hpp`); `statement`, made from a
/// connection and a compile-time SQL text, which binds values in parameter order (`bind`,
/// `bind_keys` for an eager load's key list), steps through rows (`step`, `run`; after the
/// first step `rows_expected()` is the row count when known, else 0) and reads columns as
/// member types (`read<X>`); `transaction_options` and `default_transaction`;
/// `native_handle_type`; and `verify<S>`, `plan_migration<S>`, `migrate<S>`. The schema, the
/// relations, the checks and all SQL text come from the core; nothing in the core asks which
/// backend it serves.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ctorm/error.hpp"
#include "ctorm/transaction.hpp"

namespace ctorm {

/// SQLite, the embedded default: `#include <ctorm/ctorm.hpp>` (or `<ctorm/sqlite.hpp>`).
struct sqlite;

/// PostgreSQL through libpq: `#include <ctorm/postgresql.hpp>`.
struct postgresql;

/// Tag for `Database(target, ctorm::refuse_drift)`: open only a database that matches the
/// schema exactly. A tag rather than an option, so that the comparison is compiled only into
/// the code that asks for it.
struct refuse_drift_t {
  explicit refuse_drift_t() = default;
};
inline constexpr refuse_drift_t refuse_drift{};

/// A backend that writes the SQL of dialect `D` and runs nothing: the type of a query built
/// from `Database<S, no_database<D>>&` (never opened) has its SQL text in `::sql`, as on a
/// real backend. For tests of SQL text and for printing what another database would run.
template <class D>
struct no_database {
  using dialect = D;
  struct options {};
  struct connection {
    connection(const std::string&, options) = delete;  // nothing to open
  };
  /// Declared and never defined: only the compiler meets it, inside `decltype`.
  struct statement {
    statement(connection&, std::string_view sql);
    template <class V>
    void bind(const V&, const detail::cell&);
    template <class Key>
    void bind_keys(const std::vector<Key>&);
    bool step();
    std::size_t rows_expected() const;
    std::int64_t run();
    template <class X>
    X read(int, const detail::cell&) const;
  };
  using transaction_options = transaction_mode;
  static constexpr transaction_options default_transaction{};
  using native_handle_type = void*;
};

}  // namespace ctorm
