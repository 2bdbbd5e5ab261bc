#pragma once
/// \file
/// Building a struct from a result row, and binding a struct's members as parameters.

#include <sqlite3.h>

#include <cstddef>
#include <string_view>
#include <utility>

#include "ctorm/schema/table.hpp"
#include "ctorm/sqlite/values.hpp"

namespace ctorm::detail {

/// Reads result column `first + i` of the current row as a member of type `X`. Its call is
/// compiled once per member type, whatever the table.
struct column_reader {
  sqlite3_stmt* stmt;
  int first;
  std::string_view table;
  const std::string_view* columns;
  std::size_t row;

  template <class X>
  X operator()(std::size_t i) const {
    return sqlite::read_value<X>(stmt, first + static_cast<int>(i), sqlite::cell{table, columns[i], row});
  }
};

/// Reads the table's columns, starting at result column `first`, into a new `T`, member by
/// member in order (see `ctorm::reflection<T>::make`).
template <TableType Tb>
typename Tb::type read_row(sqlite3_stmt* s, int first, std::size_t row) {
  return reflection<typename Tb::type>::make(column_reader{s, first, Tb::name, Tb::columns.data(), row});
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
