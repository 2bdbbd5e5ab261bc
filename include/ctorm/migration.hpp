#pragma once
/// \file
/// Schema verification and migration, as every backend reports them: what differs between the
/// compile-time schema and a live database (`SchemaReport`), and the statements that make the
/// database match (`MigrationPlan`). Additive changes need no permission; anything that
/// rebuilds or drops needs a `Permit`. Each backend reads its own catalogue and plans its own
/// statements (`ctorm/sqlite/migration.hpp`).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ctorm/error.hpp"

namespace ctorm {

/// The kinds of difference `Database::verify` reports.
enum class Drift {
  missing_table,
  extra_table,
  not_strict,          ///< the table exists but is not STRICT (types are not enforced)
  missing_column,
  extra_column,
  column_type,         ///< the column's type affinity differs
  column_nullability,  ///< NOT NULL on one side only
  primary_key,
  missing_foreign_key,
  extra_foreign_key,
  foreign_key_changed,  ///< same columns, other target or actions
  missing_index,        ///< an index or UNIQUE constraint of the schema is absent
  extra_index,
  index_uniqueness,  ///< an index on the same columns, unique on one side only
  column_default,    ///< the schema gives the column a `Default<>` the database does not have
};

/// The name of a drift kind, e.g. "missing_column".
constexpr std::string_view to_string(Drift d) noexcept {
  constexpr std::string_view names[] = {
      "missing_table",   "extra_table",         "not_strict",          "missing_column",
      "extra_column",    "column_type",         "column_nullability",  "primary_key",
      "missing_foreign_key", "extra_foreign_key", "foreign_key_changed", "missing_index",
      "extra_index",     "index_uniqueness",    "column_default"};
  return names[static_cast<int>(d)];
}

/// One difference between the schema (`expected`) and the database (`actual`).
struct Difference {
  Drift kind;
  std::string table;
  std::string item;  ///< the column, index or foreign key concerned; empty for whole tables
  std::string expected;
  std::string actual;

  /// One line, e.g. `posts.body: column_type: INTEGER expected, TEXT found`.
  std::string describe() const {
    std::string m = table;
    if (!item.empty()) m.append(".").append(item);
    m.append(": ").append(to_string(kind));
    if (!expected.empty() || !actual.empty()) {
      m.append(": ").append(expected.empty() ? "none" : expected).append(" expected, ");
      m.append(actual.empty() ? "none" : actual).append(" found");
    }
    return m;
  }
};

/// What `Database::verify` found; empty when the database matches the schema.
struct SchemaReport {
  std::vector<Difference> differences;

  bool ok() const noexcept { return differences.empty(); }
  /// The differences of one kind.
  std::vector<Difference> of(Drift kind) const {
    std::vector<Difference> out;
    for (const auto& d : differences)
      if (d.kind == kind) out.push_back(d);
    return out;
  }
  /// Every difference, one per line.
  std::string to_string() const {
    std::string m;
    for (const auto& d : differences) m.append(d.describe()).append("\n");
    return m;
  }
};

/// The database does not match the schema and it was opened with `ctorm::refuse_drift`.
class schema_drift : public error {
 public:
  explicit schema_drift(SchemaReport report)
      : error("ctorm: the database does not match the schema:\n" + report.to_string()), report_(std::move(report)) {}
  const SchemaReport& report() const noexcept { return report_; }

 private:
  SchemaReport report_;
};

/// A migration that cannot run: it needs a permission it was not given, it would lose data,
/// or a statement failed (then nothing was applied).
class migration_error : public error {
 public:
  using error::error;
};

/// The changes a migration may make beyond the additive ones (create tables, add nullable
/// columns, create indexes), which need none.
struct Permit {
  /// Rebuild tables whose columns, keys or foreign keys changed (SQLite's 12-step procedure:
  /// new table, copy, drop, rename; foreign keys checked before commit).
  bool rebuild = false;
  /// Drop columns the schema no longer has (through a rebuild).
  bool drop_columns = false;
  /// Drop tables the schema does not have.
  bool drop_tables = false;
  /// Drop indexes the schema does not have.
  bool drop_indexes = false;
};

/// One statement of a migration and why it is there.
struct MigrationStep {
  std::string description;
  std::string sql;
};

/// The statements `Database::migrate` would run, in order, in one transaction.
struct MigrationPlan {
  std::vector<MigrationStep> steps;
  /// Changes left out because they need a permission not given, or cannot be made without
  /// losing data; `migrate` refuses to run while any remain.
  std::vector<std::string> blocked;
  /// What the database has beyond the schema and keeps (tables, nullable columns, indexes):
  /// harmless to ctorm, dropped only with a `Permit`.
  std::vector<std::string> kept;

  bool empty() const noexcept { return steps.empty() && blocked.empty(); }
  /// The steps' SQL, one statement per line.
  std::string sql() const {
    std::string s;
    for (const auto& st : steps) s.append(st.sql).append(";\n");
    return s;
  }
};

}  // namespace ctorm
