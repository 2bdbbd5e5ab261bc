#pragma once
/// \file
/// Building a struct from a result row, and binding a struct's members as parameters, through
/// any backend's statement (`st.template read<X>(column, cell)`, `st.bind(value, cell)`).

#include <cstddef>
#include <utility>

#include "ctorm/error.hpp"
#include "ctorm/schema/table.hpp"

namespace ctorm::detail {

/// Reads the table's columns, starting at result column `first`, into a new `T`.
/// Members are initialised in order from the row; `T` needs no default constructor.
template <TableType Tb, class Statement>
typename Tb::type read_row(const Statement& st, int first, std::size_t row) {
  using T = typename Tb::type;
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return T{st.template read<field_type<T, I>>(first + static_cast<int>(I), cell{Tb::name, Tb::columns[I], row})...};
  }(std::make_index_sequence<Tb::column_count>{});
}

/// Binds the members at `Fields` (field indexes) to the next parameters, in order.
template <TableType Tb, const auto& Fields, class Statement>
void bind_fields(Statement& st, const typename Tb::type& obj) {
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    (st.bind(field_ref<Fields[K]>(obj), cell{Tb::name, Tb::columns[Fields[K]], 0}), ...);
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
