#pragma once
/// \file
/// Building a struct from a result row, and binding a struct's members as parameters.

#include <sqlite3.h>

#include <cstddef>
#include <utility>

#include "ctorm/schema/table.hpp"
#include "ctorm/sqlite/values.hpp"

namespace ctorm::detail {

/// Reads the table's columns, starting at result column `first`, into a new `T`, member by
/// member in order (see `ctorm::reflection<T>::make`).
template <TableType Tb>
typename Tb::type read_row(sqlite3_stmt* s, int first, std::size_t row) {
  using T = typename Tb::type;
  return make_fields<T>([&]<std::size_t I>() {
    return sqlite::read_value<field_type<T, I>>(s, first + static_cast<int>(I),
                                                sqlite::cell{Tb::name, Tb::columns[I], row});
  });
}

/// Binds the members at `Fields` (field indexes) to parameters `first`, `first + 1`, ...
template <TableType Tb, const auto& Fields>
void bind_fields(sqlite3_stmt* s, const typename Tb::type& obj, int first) {
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    (sqlite::bind_value(s, first + static_cast<int>(K), field_ref<Fields[K]>(obj),
                        sqlite::cell{Tb::name, Tb::columns[Fields[K]], 0}),
     ...);
  }(std::make_index_sequence<Fields.size()>{});
}

}  // namespace ctorm::detail
