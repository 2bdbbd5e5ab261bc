#pragma once
/// \file
/// SQL for writing through relations: setting or clearing a foreign key, and the junction rows
/// of a many-to-many link.

#include <array>
#include <cstddef>
#include <string_view>

#include "ctorm/schema/path.hpp"
#include "ctorm/sql/dialect.hpp"

namespace ctorm::detail {

/// Writes `"c" = ?n` for each column of `Tb` at `columns`, numbered from `next`, joined by
/// `sep` (and preceded by it unless `first`).
template <class Tb, class D>
constexpr void column_parameters(auto& out, const auto& columns, std::size_t& next, std::string_view sep, bool first) {
  for (std::size_t k : columns) {
    if (!first) out.put(sep);
    first = false;
    D::identifier(out, Tb::columns[k]);
    out.put(" = ");
    D::parameter(out, next++);
  }
}

/// ` AND "c" <test>` for each condition (of a `Constrained` relation) that hop `H` carries on
/// the table `Tb` it reaches: a junction's pivot conditions.
template <class Tb, class H, class D>
constexpr void own_conditions(auto& out) {
  condition_tests<typename H::where, D>(out, [](auto& o, std::size_t c) { D::identifier(o, Tb::columns[c]); });
}

/// ` AND "target_fk" IN (SELECT "id" FROM "target" WHERE <conditions>)` when hop `TargetHop`
/// (junction to target) carries conditions of a `Constrained` relation: only links to targets
/// that pass them belong to the relation.
template <class Tj, class TargetHop, class D>
constexpr void target_conditions(auto& out) {
  if constexpr (TargetHop::where::size > 0) {
    using Tt = typename TargetHop::to;
    constexpr bool several = TargetHop::from_columns.size() > 1;
    out.put(several ? " AND (" : " AND ");
    for (std::size_t k = 0; k < TargetHop::from_columns.size(); ++k) {
      if (k != 0) out.put(", ");
      D::identifier(out, Tj::columns[TargetHop::from_columns[k]]);
    }
    out.put(several ? ") IN (SELECT " : " IN (SELECT ");
    for (std::size_t k = 0; k < TargetHop::to_columns.size(); ++k) {
      if (k != 0) out.put(", ");
      D::identifier(out, Tt::columns[TargetHop::to_columns[k]]);
    }
    out.put(" FROM ");
    D::identifier(out, Tt::name);
    out.put(" WHERE ");
    condition_tests<typename TargetHop::where, D>(
        out, [](auto& o, std::size_t c) { D::identifier(o, Tt::columns[c]); }, true);
    out.put(')');
  }
}

/// `UPDATE "t" SET "fk" = ?1 ... WHERE "pk" = ?n` (or `= NULL` with `Clear`).
template <class Tb, class R, bool Clear, class D>
struct set_foreign_key_gen {
  static constexpr void write(auto& out) {
    std::size_t next = 1;
    out.put("UPDATE ");
    D::identifier(out, Tb::name);
    out.put(" SET ");
    for (std::size_t k = 0; k < R::keys::indices.size(); ++k) {
      if (k != 0) out.put(", ");
      D::identifier(out, Tb::columns[R::keys::indices[k]]);
      if constexpr (Clear) {
        out.put(" = NULL");
      } else {
        out.put(" = ");
        D::parameter(out, next++);
      }
    }
    out.put(" WHERE ");
    column_parameters<Tb, D>(out, Tb::primary_key, next, " AND ", true);
  }
};

/// `DELETE FROM "junction" WHERE "owner_fk" = ?1 [AND "target_fk" = ?2]`.
template <class Tj, class OwnerHop, class TargetHop, bool One, class D>
struct detach_gen {
  static constexpr void write(auto& out) {
    std::size_t next = 1;
    out.put("DELETE FROM ");
    D::identifier(out, Tj::name);
    out.put(" WHERE ");
    column_parameters<Tj, D>(out, OwnerHop::to_columns, next, " AND ", true);
    if constexpr (One) column_parameters<Tj, D>(out, TargetHop::from_columns, next, " AND ", false);
    own_conditions<Tj, OwnerHop, D>(out);
    target_conditions<Tj, TargetHop, D>(out);
  }
};

/// `DELETE FROM "junction" WHERE "owner_fk" = ?1 AND "target_fk" IN list`: the links to many
/// targets (of a single-column key of type `Key`) in one statement.
template <class Tj, class OwnerHop, class TargetHop, class Key, class D>
struct detach_many_gen {
  static constexpr void write(auto& out) {
    detach_gen<Tj, OwnerHop, TargetHop, false, D>::write(out);
    std::size_t next = OwnerHop::to_columns.size() + 1;
    out.put(" AND ");
    D::template in_list<Key, false>(out, next, [](auto& o) { D::identifier(o, Tj::columns[TargetHop::from_columns[0]]); });
  }
};

/// `SELECT "target_fk" FROM "junction" WHERE "owner_fk" = ?1`: the keys linked now.
template <class Tj, class OwnerHop, class TargetHop, class D>
struct linked_keys_gen {
  static constexpr void write(auto& out) {
    std::size_t next = 1;
    out.put("SELECT ");
    for (std::size_t k = 0; k < TargetHop::from_columns.size(); ++k) {
      if (k != 0) out.put(", ");
      D::identifier(out, Tj::columns[TargetHop::from_columns[k]]);
    }
    out.put(" FROM ");
    D::identifier(out, Tj::name);
    out.put(" WHERE ");
    column_parameters<Tj, D>(out, OwnerHop::to_columns, next, " AND ", true);
    own_conditions<Tj, OwnerHop, D>(out);
    target_conditions<Tj, TargetHop, D>(out);
  }
};

/// The columns of junction `Tj` that are its pivot data: neither a link to either side nor its
/// primary key (a surrogate key stays the row's own).
template <class Tj, class OwnerHop, class TargetHop>
struct pivot_columns {
  static constexpr bool is_pivot(std::size_t c) {
    for (std::size_t k : OwnerHop::to_columns)
      if (k == c) return false;
    for (std::size_t k : TargetHop::from_columns)
      if (k == c) return false;
    for (std::size_t k : Tj::primary_key)
      if (k == c) return false;
    return true;
  }
  static constexpr std::size_t count = [] {
    std::size_t n = 0;
    for (std::size_t c = 0; c < Tj::columns.size(); ++c) n += is_pivot(c) ? 1 : 0;
    return n;
  }();
  static constexpr auto value = [] {
    std::array<std::size_t, count> out{};
    std::size_t i = 0;
    for (std::size_t c = 0; c < Tj::columns.size(); ++c)
      if (is_pivot(c)) out[i++] = c;
    return out;
  }();
};

/// `UPDATE "junction" SET "p" = ?1 ... WHERE "owner_fk" = ?n AND "target_fk" = ?m AND ("p" IS
/// DISTINCT FROM ?1 OR ...)`: one link's pivot data, changing the row only where it differs (so
/// the count says which links took new data). Needs at least one pivot column.
template <class Tj, class OwnerHop, class TargetHop, class D>
struct update_pivot_gen {
  using pivot = pivot_columns<Tj, OwnerHop, TargetHop>;
  static_assert(pivot::count > 0);
  static constexpr void write(auto& out) {
    std::size_t next = 1;
    out.put("UPDATE ");
    D::identifier(out, Tj::name);
    out.put(" SET ");
    column_parameters<Tj, D>(out, pivot::value, next, ", ", true);
    out.put(" WHERE ");
    column_parameters<Tj, D>(out, OwnerHop::to_columns, next, " AND ", true);
    column_parameters<Tj, D>(out, TargetHop::from_columns, next, " AND ", false);
    own_conditions<Tj, OwnerHop, D>(out);
    out.put(" AND (");
    for (std::size_t k = 0; k < pivot::count; ++k) {
      if (k != 0) out.put(" OR ");
      D::identifier(out, Tj::columns[pivot::value[k]]);
      out.put(" IS DISTINCT FROM ");
      D::parameter(out, k + 1);
    }
    out.put(")");
  }
};

}  // namespace ctorm::detail
