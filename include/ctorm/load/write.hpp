#pragma once
/// \file
/// SQL for writing through relations: setting or clearing a foreign key, and the junction rows
/// of a many-to-many link.

#include <cstddef>
#include <string_view>

#include "ctorm/schema/path.hpp"
#include "ctorm/sql/dialect.hpp"

namespace ctorm::detail {

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
    for (std::size_t k = 0; k < Tb::primary_key.size(); ++k) {
      if (k != 0) out.put(" AND ");
      D::identifier(out, Tb::columns[Tb::primary_key[k]]);
      out.put(" = ");
      D::parameter(out, next++);
    }
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
    for (std::size_t k = 0; k < OwnerHop::to_columns.size(); ++k) {
      if (k != 0) out.put(" AND ");
      D::identifier(out, Tj::columns[OwnerHop::to_columns[k]]);
      out.put(" = ");
      D::parameter(out, next++);
    }
    if constexpr (One) {
      for (std::size_t k = 0; k < TargetHop::from_columns.size(); ++k) {
        out.put(" AND ");
        D::identifier(out, Tj::columns[TargetHop::from_columns[k]]);
        out.put(" = ");
        D::parameter(out, next++);
      }
    }
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
    for (std::size_t k = 0; k < OwnerHop::to_columns.size(); ++k) {
      if (k != 0) out.put(" AND ");
      D::identifier(out, Tj::columns[OwnerHop::to_columns[k]]);
      out.put(" = ");
      D::parameter(out, next++);
    }
  }
};

}  // namespace ctorm::detail
