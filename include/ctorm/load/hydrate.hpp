#pragma once
/// \file
/// Building a struct from a result row, and binding a struct's members as parameters, through
/// any backend's statement (`st.template read<X>(column, cell)`, `st.bind(value, cell)`).

#include <cstddef>
#include <string_view>
#include <utility>

#include "ctorm/error.hpp"
#include "ctorm/schema/table.hpp"

namespace ctorm::detail {

/// Reads result column `first + i` of the current row as a member of type `X`. Its call is
/// compiled once per member type, whatever the table.
template <class Statement>
struct column_reader {
  const Statement* st;
  int first;
  const std::string_view* columns;
  // One cell for the row, its column set per read: the table and row are written once.
  mutable cell where;

  template <class X>
  X operator()(std::size_t i) const {
    where.column = columns[i];
    return st->template read<X>(first + static_cast<int>(i), where);
  }
};

/// Reads the table's columns, starting at result column `first`, into a new `T`, member by
/// member in order (see `ctorm::reflection<T>::make`).
template <TableType Tb, class Statement>
typename Tb::type read_row(const Statement& st, int first, std::size_t row) {
  return reflection<typename Tb::type>::make(column_reader<Statement>{&st, first, Tb::columns.data(), cell{Tb::name, {}, row}});
}

/// Steps through every row of `st`, appending `read(row number)` (1-based, for messages) to
/// `rows`; room for them is reserved once the backend knows how many there are (a backend
/// that never does compiles no reserve).
template <class Statement, class Rows, class Read>
void collect(Statement& st, Rows& rows, Read&& read) {
  if (!st.step()) return;
  if constexpr (Statement::counts_rows) rows.reserve(rows.size() + st.rows_expected());
  do rows.push_back(read(rows.size() + 1));
  while (st.step());
}

/// Binds the members at `Fields` (field indexes) to the next parameters, in order.
template <TableType Tb, const auto& Fields, class Statement>
void bind_fields(Statement& st, const typename Tb::type& obj) {
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    (st.bind(field_ref<Fields[K]>(obj), cell{Tb::name, Tb::columns[Fields[K]], 0}), ...);
  }(std::make_index_sequence<Fields.size()>{});
}

/// `bind_fields`, with `key` bound in place of the member at field index `Key`.
template <TableType Tb, const auto& Fields, std::size_t Key, class Statement, class K>
void bind_fields_keyed(Statement& st, const typename Tb::type& obj, const K& key) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    const auto one = [&]<std::size_t F>(std::integral_constant<std::size_t, F>) {
      if constexpr (F == Key) st.bind(key, cell{Tb::name, Tb::columns[F], 0});
      else st.bind(field_ref<F>(obj), cell{Tb::name, Tb::columns[F], 0});
    };
    (one(std::integral_constant<std::size_t, Fields[I]>{}), ...);
  }(std::make_index_sequence<Fields.size()>{});
}

/// Binds a query's values to its parameters in the order they are numbered; `target` names a
/// value that cannot be bound in the error: the column an UPDATE writes it to, else a query
/// parameter.
template <class Statement>
struct binder {
  Statement& st;
  cell target{{}, "query parameter", 0};
  template <class V>
  void operator()(const V& v) {
    st.bind(v, target);
  }
  /// Binds each element of a tuple, in order.
  template <class Tuple>
  void all(const Tuple& values) {
    std::apply([&](const auto&... v) { ((*this)(v), ...); }, values);
  }
};

}  // namespace ctorm::detail
