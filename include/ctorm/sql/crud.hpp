#pragma once
/// \file
/// The SQL of the per-table statements `Database` runs: insert, replace, upsert, get by key,
/// update by key, delete by key, select all and count. Each is a compile-time constant.

#include <array>
#include <cstddef>
#include <string_view>

#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/schema/table.hpp"
#include "ctorm/sql/dialect.hpp"

namespace ctorm::sql {
namespace detail {

/// Field indexes for which `keep(i)` holds, in field order.
template <TableType Tb, bool (*Keep)(std::size_t)>
inline constexpr auto columns_where = [] {
  constexpr std::size_t n = [] {
    std::size_t k = 0;
    for (std::size_t i = 0; i < Tb::column_count; ++i) k += Keep(i);
    return k;
  }();
  std::array<std::size_t, n> out{};
  std::size_t k = 0;
  for (std::size_t i = 0; i < Tb::column_count; ++i)
    if (Keep(i)) out[k++] = i;
  return out;
}();

template <TableType Tb>
constexpr bool is_inserted(std::size_t i) {
  return !(Tb::has_rowid_key && Tb::primary_key[0] == i);
}
template <TableType Tb>
constexpr bool is_value_column(std::size_t i) {
  return !Tb::is_key_column(i);
}
template <TableType Tb>
constexpr bool is_any_column(std::size_t) {
  return true;
}

template <class D>
constexpr void names(auto& out, const auto& columns, const auto& indices) {
  for (std::size_t k = 0; k < indices.size(); ++k) {
    if (k != 0) out.put(", ");
    D::identifier(out, columns[indices[k]]);
  }
}

template <class D>
constexpr void parameters(auto& out, std::size_t first, std::size_t count) {
  for (std::size_t k = 0; k < count; ++k) {
    if (k != 0) out.put(", ");
    D::parameter(out, first + k);
  }
}

/// `"t"."c" = ?n AND ...` (qualified) or `"c" = ?n, ...` (assignment lists).
template <class D>
constexpr void equalities(auto& out, std::string_view qualifier, const auto& columns,
                          const auto& indices, std::size_t first, std::string_view separator) {
  for (std::size_t k = 0; k < indices.size(); ++k) {
    if (k != 0) out.put(separator);
    if (!qualifier.empty()) {
      D::identifier(out, qualifier);
      out.put('.');
    }
    D::identifier(out, columns[indices[k]]);
    out.put(" = ");
    D::parameter(out, first + k);
  }
}

template <TableType Tb, class D>
constexpr void select_list(auto& out) {
  for (std::size_t i = 0; i < Tb::column_count; ++i) {
    if (i != 0) out.put(", ");
    D::identifier(out, Tb::name);
    out.put('.');
    D::identifier(out, Tb::columns[i]);
  }
}

template <TableType Tb, class D>
struct select_all_gen {
  static constexpr void write(auto& out) {
    out.put("SELECT ");
    select_list<Tb, D>(out);
    out.put(" FROM ");
    D::identifier(out, Tb::name);
  }
};

template <TableType Tb, class D>
struct select_by_key_gen {
  static constexpr void write(auto& out) {
    select_all_gen<Tb, D>::write(out);
    out.put(" WHERE ");
    equalities<D>(out, Tb::name, Tb::columns, Tb::primary_key, 1, " AND ");
  }
};

template <TableType Tb, class D, bool (*Keep)(std::size_t)>
constexpr void insert_body(auto& out) {
  constexpr auto& cols = columns_where<Tb, Keep>;
  D::identifier(out, Tb::name);
  if constexpr (cols.size() == 0) {
    out.put(" DEFAULT VALUES");
  } else {
    out.put(" (");
    names<D>(out, Tb::columns, cols);
    out.put(") VALUES (");
    parameters<D>(out, 1, cols.size());
    out.put(')');
  }
}

template <TableType Tb, class D>
struct insert_gen {
  static constexpr void write(auto& out) {
    out.put("INSERT INTO ");
    insert_body<Tb, D, is_inserted<Tb>>(out);
    if constexpr (D::insert_returns_key && Tb::has_rowid_key) {
      out.put(" RETURNING ");
      D::identifier(out, Tb::columns[Tb::primary_key[0]]);
    }
  }
};

/// ` OR (c1 = $i AND c2 = $j)` for one unique column set, with the parameters of an INSERT
/// that writes every column in field order.
template <class D>
constexpr void conflict_term(auto& out, const auto& columns, const auto& indices, bool& first) {
  if (indices.size() == 0) return;
  out.put(first ? "(" : " OR (");
  first = false;
  for (std::size_t k = 0; k < indices.size(); ++k) {
    if (k != 0) out.put(" AND ");
    D::identifier(out, columns[indices[k]]);
    out.put(" = ");
    D::parameter(out, indices[k] + 1);
  }
  out.put(')');
}

/// SQLite's `INSERT OR REPLACE`: a row that conflicts on the primary key or any UNIQUE set is
/// deleted first (firing its ON DELETE actions), then the row is inserted. Where there is no
/// such statement (PostgreSQL) the delete is a data-modifying WITH that the INSERT's source
/// reads, so that it runs first.
template <TableType Tb, class D>
struct replace_gen {
  static constexpr void write(auto& out) {
    if constexpr (D::insert_or_replace) {
      out.put("INSERT OR REPLACE INTO ");
      insert_body<Tb, D, is_any_column<Tb>>(out);
    } else {
      out.put("WITH \"ctorm_replaced\" AS (DELETE FROM ");
      D::identifier(out, Tb::name);
      out.put(" WHERE ");
      bool first = true;
      conflict_term<D>(out, Tb::columns, Tb::primary_key, first);
      Tb::for_each_option([&]<class Opt>() {
        if constexpr (ctorm::detail::is_option_of<Opt, ctorm::detail::unique_option>) {
          conflict_term<D>(out, Tb::columns, Opt::indices, first);
        } else if constexpr (ctorm::detail::relation<Opt>) {
          if constexpr (Opt::kind == relation_kind::belongs_to) {
            if constexpr (Opt::unique) conflict_term<D>(out, Tb::columns, Opt::keys::indices, first);
          }
        }
      });
      if (first) out.put("FALSE");
      out.put(" RETURNING 1) INSERT INTO ");
      D::identifier(out, Tb::name);
      out.put(" (");
      names<D>(out, Tb::columns, columns_where<Tb, is_any_column<Tb>>);
      out.put(") SELECT ");
      parameters<D>(out, 1, Tb::column_count);
      out.put(" WHERE (SELECT count(*) FROM \"ctorm_replaced\") >= 0");
    }
  }
};

template <TableType Tb, class D>
struct upsert_gen {
  static constexpr void write(auto& out) {
    out.put("INSERT INTO ");
    insert_body<Tb, D, is_any_column<Tb>>(out);
    out.put(" ON CONFLICT (");
    names<D>(out, Tb::columns, Tb::primary_key);
    out.put(") DO ");
    constexpr auto& values = columns_where<Tb, is_value_column<Tb>>;
    if constexpr (values.size() == 0) {
      out.put("NOTHING");
    } else {
      out.put("UPDATE SET ");
      for (std::size_t k = 0; k < values.size(); ++k) {
        if (k != 0) out.put(", ");
        D::identifier(out, Tb::columns[values[k]]);
        out.put(" = excluded.");
        D::identifier(out, Tb::columns[values[k]]);
      }
    }
  }
};

template <TableType Tb, class D>
struct update_gen {
  static constexpr void write(auto& out) {
    constexpr auto& values = columns_where<Tb, is_value_column<Tb>>;
    out.put("UPDATE ");
    D::identifier(out, Tb::name);
    out.put(" SET ");
    equalities<D>(out, {}, Tb::columns, values, 1, ", ");
    out.put(" WHERE ");
    equalities<D>(out, {}, Tb::columns, Tb::primary_key, values.size() + 1, " AND ");
  }
};

template <TableType Tb, class D>
struct remove_gen {
  static constexpr void write(auto& out) {
    out.put("DELETE FROM ");
    D::identifier(out, Tb::name);
    out.put(" WHERE ");
    equalities<D>(out, {}, Tb::columns, Tb::primary_key, 1, " AND ");
  }
};

template <TableType Tb, class D>
struct count_gen {
  static constexpr void write(auto& out) {
    out.put("SELECT count(*) FROM ");
    D::identifier(out, Tb::name);
  }
};

}  // namespace detail

/// Columns written by `insert`: every column but an integer key, which SQLite assigns.
template <TableType Tb>
inline constexpr auto& insert_columns = detail::columns_where<Tb, detail::is_inserted<Tb>>;
/// Every column, in field order.
template <TableType Tb>
inline constexpr auto& all_columns = detail::columns_where<Tb, detail::is_any_column<Tb>>;
/// Columns that are not part of the primary key, in field order.
template <TableType Tb>
inline constexpr auto& value_columns = detail::columns_where<Tb, detail::is_value_column<Tb>>;

/// `SELECT "t"."a", ... FROM "t"`
template <TableType Tb, class D = sqlite_dialect>
inline constexpr std::string_view select_all = static_text<detail::select_all_gen<Tb, D>>;
/// `SELECT ... FROM "t" WHERE "t"."id" = ?1`
template <TableType Tb, class D = sqlite_dialect>
inline constexpr std::string_view select_by_key = static_text<detail::select_by_key_gen<Tb, D>>;
/// `INSERT INTO "t" (...) VALUES (...)` without an integer key column (which PostgreSQL
/// returns: `... RETURNING "id"`).
template <TableType Tb, class D = sqlite_dialect>
inline constexpr std::string_view insert = static_text<detail::insert_gen<Tb, D>>;
/// `INSERT OR REPLACE INTO "t" (every column) VALUES (...)`, or its equivalent.
template <TableType Tb, class D = sqlite_dialect>
inline constexpr std::string_view replace = static_text<detail::replace_gen<Tb, D>>;
/// `INSERT INTO "t" (...) VALUES (...) ON CONFLICT (key) DO UPDATE SET ...`
template <TableType Tb, class D = sqlite_dialect>
inline constexpr std::string_view upsert = static_text<detail::upsert_gen<Tb, D>>;
/// `UPDATE "t" SET ... WHERE key = ...`
template <TableType Tb, class D = sqlite_dialect>
inline constexpr std::string_view update = static_text<detail::update_gen<Tb, D>>;
/// `DELETE FROM "t" WHERE key = ...`
template <TableType Tb, class D = sqlite_dialect>
inline constexpr std::string_view remove = static_text<detail::remove_gen<Tb, D>>;
/// `SELECT count(*) FROM "t"`
template <TableType Tb, class D = sqlite_dialect>
inline constexpr std::string_view count = static_text<detail::count_gen<Tb, D>>;

}  // namespace ctorm::sql
