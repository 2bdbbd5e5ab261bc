#pragma once
/// \file
/// Verifying and migrating a live SQLite database: its tables, columns, keys, foreign keys and
/// indexes read through SQLite's PRAGMAs, compared with the schema's own DDL run in a private
/// in-memory database (so both sides are described by SQLite alike), and the statements that
/// make it match, run in one transaction.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ctorm/error.hpp"
#include "ctorm/live_schema.hpp"
#include "ctorm/migration.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/sql/ddl.hpp"
#include "ctorm/sql/dialect.hpp"
#include "ctorm/sqlite/connection.hpp"
#include "ctorm/sqlite/introspect.hpp"
#include "ctorm/sqlite/transaction.hpp"

namespace ctorm {
namespace detail::migrate {

// The functions and the planner below are templates whose one parameter is never given: they
// are compiled only in the translation units that verify or migrate, not in every includer.

using namespace ctorm::detail::live;

template <class = void>
std::int64_t row_count(sqlite3* db, std::string_view table) {
  const std::string sql = "SELECT count(*) FROM " + quote(table);  // the query keeps a view of it
  sqlite_backend::detail::pragma_query q(db, sql);
  return q.next() ? q.integer(0) : 0;
}

template <class = void>
std::vector<std::pair<std::string, std::string>> schema_objects(sqlite3* db, std::string_view type,
                                                                        std::string_view table = {}) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string sql = std::string("SELECT name, sql FROM sqlite_schema WHERE type = '") + std::string(type) +
                          "' AND sql IS NOT NULL" + (table.empty() ? "" : " AND tbl_name = ?1") + " ORDER BY name";
  sqlite_backend::detail::pragma_query q(db, sql, table);
  while (q.next()) out.emplace_back(q.text(0), q.text(1));
  return out;
}

template <class = void>
class planner {
 public:
  planner(sqlite3* db, const target& want, const Permit& permit)
      : db_(db), want_(want), permit_(permit), have_(sqlite_backend::read_schema(db)) {}

  MigrationPlan run() {
    std::vector<std::string> rebuilt;
    for (const auto& w : want_.tables) {
      const auto* h = find_table(have_, w.name);
      if (h == nullptr) {
        create_table(w);
        continue;
      }
      if (!table(w, *h)) continue;
      rebuilt.push_back(w.name);
    }
    for (const auto& h : have_) {
      if (find_table(want_.tables, h.name) != nullptr) continue;
      const auto n = row_count(db_, h.name);
      const std::string rows = std::to_string(n) + (n == 1 ? " row" : " rows");
      if (permit_.drop_tables)
        step("drop table " + h.name + " (" + rows + ")", "DROP TABLE " + quote(h.name));
      else
        plan_.kept.push_back(h.name + ": table not in the schema (" + rows + "); Permit::drop_tables drops it");
    }
    if (!rebuilt.empty()) wrap_views();
    return std::move(plan_);
  }

 private:
  void step(std::string description, std::string sql) { plan_.steps.push_back({std::move(description), std::move(sql)}); }

  void create_table(const live_table& w) {
    const auto& ddl = want_.of(w.name);
    step("create table " + w.name, std::string(ddl.create));
    for (const auto* ix : secondary_indexes(w))
      if (!ix->sql.empty()) step("create index " + ix->name, ix->sql);
  }

  /// Plans the changes of a table present on both sides; true when it must be rebuilt.
  bool table(const live_table& w, const live_table& h) {
    std::vector<Difference> diffs;
    compare_table(w, h, diffs);
    std::vector<std::string> reasons, extra_columns;
    std::vector<const sqlite_backend::live_column*> added;
    bool drops_columns = false;
    for (const auto& d : diffs) {
      switch (d.kind) {
        case Drift::not_strict:
        case Drift::missing_index:
        case Drift::extra_index:
          break;  // handled below, without a rebuild
        case Drift::missing_column: {
          const auto* c = w.column(d.item);
          if (addable(w, *c))
            added.push_back(c);
          else
            reasons.push_back(d.describe());
          break;
        }
        case Drift::extra_column: {
          // ctorm's inserts leave the column out: it must take NULL or have a default.
          const auto* c = h.column(d.item);
          if (c->not_null && !c->default_value) {
            drops_columns = true;
            reasons.push_back(d.describe() + " (NOT NULL without a default: inserts would fail)");
          } else {
            extra_columns.push_back(d.describe());
          }
          break;
        }
        case Drift::index_uniqueness:
          // A plain index is dropped and created again below; a constraint's needs a rebuild.
          if (find_named_index(h, d.item)->origin != 'c') reasons.push_back(d.describe());
          break;
        default:
          reasons.push_back(d.describe());
      }
    }
    // A UNIQUE constraint the schema no longer has lives in the table's definition.
    for (const auto* hi : secondary_indexes(h))
      if (hi->origin == 'u' && find_index(w, hi->columns) == nullptr)
        reasons.push_back(w.name + "." + hi->name + ": UNIQUE constraint not in the schema");

    if (!extra_columns.empty()) {
      if (reasons.empty() && !permit_.drop_columns) {
        for (const auto& e : extra_columns) plan_.kept.push_back(e + "; Permit::drop_columns drops it");
      } else {
        drops_columns = true;
        reasons.insert(reasons.end(), extra_columns.begin(), extra_columns.end());
      }
    }
    if (!reasons.empty()) {
      const std::string why = join(reasons);
      if (!permit_.rebuild) {
        plan_.blocked.push_back(w.name + ": needs a rebuild (" + why + "); Permit::rebuild allows it");
        return false;
      }
      if (drops_columns && !permit_.drop_columns) {
        plan_.blocked.push_back(w.name + ": rebuilding would drop columns (" + why + "); Permit::drop_columns allows it");
        return false;
      }
      return rebuild(w, h, why);
    }
    for (const auto* c : added)
      step("add column " + w.name + "." + c->name,
           "ALTER TABLE " + quote(w.name) + " ADD COLUMN " + std::string(column_definition(w.name, c->name)));
    indexes(w, h);
    return false;
  }

  static const live_index* find_named_index(const live_table& t, std::string_view name) {
    for (const auto& ix : t.indexes)
      if (same_name(ix.name, name)) return &ix;
    return nullptr;
  }

  /// ALTER TABLE ADD COLUMN takes a nullable column, or one with a default, outside keys and
  /// constraints.
  static bool addable(const live_table& w, const sqlite_backend::live_column& c) {
    if ((c.not_null && !c.default_value) || c.primary_key != 0) return false;
    for (const auto& fk : w.foreign_keys)
      for (const auto& f : fk.from)
        if (same_name(f, c.name)) return false;
    for (const auto* ix : secondary_indexes(w))
      if (ix->unique)
        for (const auto& col : ix->columns)
          if (same_name(col, c.name)) return false;
    return true;
  }

  std::string_view column_definition(std::string_view table, std::string_view column) const {
    for (const auto& [name, def] : want_.of(table).columns)
      if (same_name(name, column)) return def;
    throw usage_error("ctorm: no definition for column " + std::string(table) + "." + std::string(column));
  }

  /// Creates the schema's missing indexes and drops (when permitted) the extra ones.
  void indexes(const live_table& w, const live_table& h) {
    for (const auto* hi : secondary_indexes(h)) {
      const auto* wi = hi->partial ? nullptr : find_index(w, hi->columns);
      if (wi != nullptr && wi->unique == hi->unique) continue;
      if (hi->origin != 'c') continue;  // constraint indexes change only through a rebuild
      if (wi != nullptr || permit_.drop_indexes)
        step("drop index " + hi->name, "DROP INDEX " + quote(hi->name));
      else
        plan_.kept.push_back(w.name + "." + hi->name + ": index not in the schema; Permit::drop_indexes drops it");
    }
    for (const auto* wi : secondary_indexes(w)) {
      const auto* hi = find_index(h, wi->columns);
      if (hi != nullptr && hi->unique == wi->unique) continue;
      if (hi != nullptr && hi->origin != 'c') continue;  // reported by table()
      if (const auto* clash = find_named_index(h, wi->name); clash != nullptr && clash != hi) {
        plan_.blocked.push_back(w.name + "." + wi->name + ": an index of that name exists with other columns");
        continue;
      }
      if (!wi->sql.empty())
        step("create index " + wi->name, wi->sql);
      else  // a UNIQUE constraint of the schema, added as the equivalent unique index
        step("create unique index on " + w.name + " (" + join(wi->columns) + ")",
             "CREATE UNIQUE INDEX " + quote(w.name + "_" + join(wi->columns, "_") + "_unique") + " ON " +
                 quote(w.name) + " (" + quoted_list(wi->columns) + ")");
    }
  }

  /// SQLite's 12-step procedure (https://sqlite.org/lang_altertable.html#otheralter); the
  /// foreign_keys pragma is switched off around the transaction by `Database::migrate`.
  bool rebuild(const live_table& w, const live_table& h, const std::string& why) {
    const std::string fresh = w.name + "__ctorm_new";
    std::string create(want_.of(w.name).create);
    const std::string head = "CREATE TABLE IF NOT EXISTS " + quote(w.name);
    if (create.compare(0, head.size(), head) != 0) throw usage_error("ctorm: unexpected DDL for " + w.name);
    create.replace(0, head.size(), "CREATE TABLE " + quote(fresh));

    std::vector<std::string> copied;
    std::optional<std::int64_t> rows;  // counted when a new NOT NULL column needs it
    for (const auto& c : w.columns) {
      if (h.column(c.name) != nullptr) {
        copied.push_back(c.name);
        continue;
      }
      if (!c.not_null || c.default_value) continue;  // the copy leaves it NULL or its default
      if (!rows) rows = row_count(db_, h.name);
      if (*rows > 0) {
        plan_.blocked.push_back(w.name + "." + c.name + ": a NOT NULL column without a default cannot be added to a table with " +
                                std::to_string(*rows) + " rows");
        return false;
      }
    }
    if (!values_survive(w, h, copied)) return false;
    const auto triggers = schema_objects(db_, "trigger", h.name);
    step("rebuild " + w.name + " (" + why + "): create the new table", create);
    step("rebuild " + w.name + ": copy the rows",
         "INSERT INTO " + quote(fresh) + " (" + quoted_list(copied) + ") SELECT " + quoted_list(copied) + " FROM " +
             quote(h.name));
    step("rebuild " + w.name + ": drop the old table", "DROP TABLE " + quote(h.name));
    step("rebuild " + w.name + ": rename the new table", "ALTER TABLE " + quote(fresh) + " RENAME TO " + quote(w.name));
    for (const auto* wi : secondary_indexes(w))
      if (!wi->sql.empty()) step("rebuild " + w.name + ": create index " + wi->name, wi->sql);
    // The old table's own indexes go with it; keep those the schema lacks while their
    // columns still exist, unless dropping them is permitted.
    for (const auto* hi : secondary_indexes(h)) {
      if (hi->origin != 'c' || hi->sql.empty() || find_index(w, hi->columns) != nullptr) continue;
      bool columns_exist = true;
      for (const auto& c : hi->columns) columns_exist = columns_exist && !c.empty() && w.column(c) != nullptr;
      if (columns_exist && !permit_.drop_indexes) step("rebuild " + w.name + ": keep index " + hi->name, hi->sql);
    }
    for (const auto& [name, sql] : triggers) step("rebuild " + w.name + ": create trigger " + name, sql);
    return true;
  }

  /// Views are dropped before and created after the rebuilds: renaming a table checks every
  /// view that mentions it. A view's own triggers (INSTEAD OF) go with it and come back after it.
  void wrap_views() {
    const auto views = schema_objects(db_, "view");
    if (views.empty()) return;
    std::vector<MigrationStep> before;
    for (const auto& [name, sql] : views) before.push_back({"drop view " + name + " during the rebuild", "DROP VIEW " + quote(name)});
    plan_.steps.insert(plan_.steps.begin(), before.begin(), before.end());
    for (const auto& [name, sql] : views) step("create view " + name + " again", sql);
    for (const auto& [view, view_sql] : views)
      for (const auto& [name, sql] : schema_objects(db_, "trigger", view))
        step("create trigger " + name + " on view " + view + " again", sql);
  }

  /// The condition, in SQL, under which the value of `column` would not come through a copy
  /// into a STRICT column of `affinity` unchanged: a number must keep its value, and text
  /// converted to a number (or a number to text) must read back as the same text — SQLite
  /// would turn '007' into 7, ' 42' into 42 and '1e3' into 1000.
  static std::string changes_value(const std::string& column, std::string_view affinity) {
    const std::string c = quote(column), type = "typeof(" + c + ")";
    if (affinity == "INTEGER")
      return "NOT (" + type + " IN ('null', 'integer') OR (" + type + " = 'real' AND " + c + " = CAST(" + c +
             " AS INTEGER) AND abs(" + c + ") < 9223372036854775807.0) OR (" + type + " = 'text' AND CAST(CAST(" + c +
             " AS INTEGER) AS TEXT) = " + c + "))";
    if (affinity == "REAL")
      return "NOT (" + type + " IN ('null', 'real') OR (" + type + " = 'integer' AND CAST(CAST(" + c +
             " AS REAL) AS INTEGER) = " + c + " AND " + c + " <> 9223372036854775807) OR (" + type +
             " = 'text' AND CAST(CAST(" + c + " AS REAL) AS TEXT) = " + c + "))";
    if (affinity == "TEXT")
      return "NOT (" + type + " IN ('null', 'text', 'integer') OR (" + type + " = 'real' AND CAST(CAST(" + c +
             " AS TEXT) AS REAL) = " + c + "))";
    if (affinity == "BLOB") return "NOT (" + type + " IN ('null', 'blob'))";
    return "0";
  }

  /// True when every value of the copied columns comes through the rebuild unchanged; else the
  /// rebuild is blocked, naming the column, how many values would change and one of them.
  bool values_survive(const live_table& w, const live_table& h, const std::vector<std::string>& copied) {
    std::vector<std::pair<std::string, std::string>> checks;  // column, condition
    for (const auto& name : copied)
      checks.emplace_back(name, changes_value(name, sqlite_backend::affinity(w.column(name)->declared_type)));
    if (checks.empty()) return true;
    std::string sql = "SELECT count(*)";
    for (const auto& [name, cond] : checks) sql.append(", coalesce(sum(").append(cond).append("), 0)");
    sql.append(" FROM ").append(quote(h.name));
    std::vector<std::int64_t> changed;
    std::int64_t rows = 0;
    {
      sqlite_backend::detail::pragma_query q(db_, sql);
      if (q.next()) {
        rows = q.integer(0);
        for (std::size_t i = 0; i < checks.size(); ++i) changed.push_back(q.integer(static_cast<int>(i) + 1));
      }
    }
    bool ok = true;
    for (std::size_t i = 0; i < changed.size(); ++i) {
      if (changed[i] == 0) continue;
      ok = false;
      const auto& [name, cond] = checks[i];
      const std::string sample_sql = "SELECT typeof(" + quote(name) + "), CAST(" + quote(name) + " AS TEXT) FROM " +
                                     quote(h.name) + " WHERE " + cond + " LIMIT 1";
      sqlite_backend::detail::pragma_query q(db_, sample_sql);
      std::string sample;
      if (q.next()) sample = " (e.g. " + q.text(0) + " " + ctorm::detail::show_text(q.text(1)) + ")";
      plan_.blocked.push_back(w.name + "." + name + ": " + std::to_string(changed[i]) + " of " + std::to_string(rows) +
                              " values would not come through the change to " +
                              sqlite_backend::affinity(w.column(name)->declared_type) + " unchanged" + sample +
                              "; convert them first");
    }
    return ok;
  }

  sqlite3* db_;
  const target& want_;
  Permit permit_;
  std::vector<live_table> have_;
  MigrationPlan plan_;
};

}  // namespace detail::migrate
}  // namespace ctorm

namespace ctorm::sqlite_backend {

/// The tables as SQLite describes them after running `ddl` in a private in-memory database:
/// the same PRAGMAs then read both sides. Independent of the schema, so checking for drift
/// compiles once whatever the schema; a template of nothing, so only where it is used.
template <class = void>
std::vector<live_table> tables_made_by(std::string_view ddl) {
  connection memory(":memory:", open_options{});
  memory.exec(ddl);
  return read_schema(memory.handle());
}

/// Every difference between schema `S` and the database of `c`; equivalent DDL compares equal.
template <class S>
SchemaReport verify(connection& c) {
  return ctorm::detail::migrate::compare(tables_made_by(sql::create_schema<S>), read_schema(c.handle()));
}

/// What the migration planner compares against: the tables (see `tables_made_by`) and each
/// table's DDL, to create or rebuild it.
template <class S>
ctorm::detail::migrate::target expected_schema() {
  ctorm::detail::migrate::target t;
  t.tables = tables_made_by(sql::create_schema<S>);
  S::table_list::each([&]<class Tb>() {
    ctorm::detail::migrate::target::table_ddl d{Tb::name, sql::create_table<S, typename Tb::type>, {}};
    constexpr auto& defs = sql::column_definitions<S, typename Tb::type>;
    for (std::size_t i = 0; i < Tb::column_count; ++i) d.columns.emplace_back(Tb::columns[i], defs[i]);
    t.ddl.push_back(std::move(d));
  });
  return t;
}

/// The statements `migrate` would run for schema `S`, and the changes it would refuse.
template <class S>
MigrationPlan plan_migration(connection& c, const Permit& permit) {
  const auto want = expected_schema<S>();
  return ctorm::detail::migrate::planner<>(c.handle(), want, permit).run();
}

/// Throws `migration_error` naming the first foreign key violations, if any.
template <class = void>
void check_foreign_keys(connection& c) {
  detail::pragma_query q(c.handle(), "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check");
  std::string m;
  std::size_t n = 0;
  while (q.next()) {
    if (++n <= 5)
      m.append("\n  ").append(q.text(0)).append(" row ").append(q.text(1)).append(" references a missing ").append(q.text(2)).append(" row");
  }
  if (n != 0)
    throw migration_error(ctorm::detail::cat("ctorm: migration rolled back, nothing was changed: ", std::to_string(n),
                                             " foreign key violation(s) after it:", m));
}

/// Makes the database match schema `S` in one transaction (see `Database::migrate`).
template <class S>
MigrationPlan migrate(connection& c, const Permit& permit) {
  if (c.transaction_depth() != 0)
    throw usage_error("ctorm: migrate() cannot run inside a transaction (foreign keys must be switched off)");
  auto plan = plan_migration<S>(c, permit);
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
    connection& c;
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
    Transaction tx(c, transaction_mode::immediate);
    for (const auto& st : plan.steps) c.exec(st.sql);
    check_foreign_keys(c);
    tx.commit();
  } catch (const migration_error&) {
    throw;
  } catch (const error& e) {
    throw migration_error(
        ctorm::detail::cat("ctorm: migration failed and was rolled back, nothing was changed: ", e.what()));
  }
  restore.armed = false;
  c.exec("PRAGMA foreign_keys = ON");
  return plan;
}

}  // namespace ctorm::sqlite_backend
