#pragma once
/// \file
/// CREATE TABLE / CREATE INDEX text for a table and for a whole schema, built by the compiler.

#include <cstddef>
#include <string_view>

#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/schema/table.hpp"
#include "ctorm/sql/dialect.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm::sql {
namespace detail {

using ctorm::detail::is_option_of;

template <class D>
constexpr void column_list(auto& out, const auto& columns, const auto& indices) {
  bool first = true;
  for (std::size_t i : indices) {
    if (!first) out.put(", ");
    first = false;
    D::identifier(out, columns[i]);
  }
}

template <TableType Tb, class D, std::size_t I>
constexpr void column_definition(auto& out) {
  using traits = column_traits<field_type<typename Tb::type, I>>;
  D::identifier(out, Tb::columns[I]);
  out.put(' ');
  if constexpr (Tb::has_rowid_key && Tb::primary_key[0] == I) {
    out.put(D::rowid_key);
  } else {
    out.put(D::type_name(traits::type));
    if constexpr (!traits::nullable) out.put(" NOT NULL");
    if constexpr (traits::kind == value_kind::boolean) {
      out.put(" CHECK (");
      D::identifier(out, Tb::columns[I]);
      out.put(" IN (0, 1))");
    }
  }
}

template <TableType Tb, class D>
struct create_table_gen {
  static constexpr void write(auto& out) {
    out.put("CREATE TABLE IF NOT EXISTS ");
    D::identifier(out, Tb::name);
    out.put(" (");
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((I == 0 ? void() : out.put(", "), column_definition<Tb, D, I>(out)), ...);
    }(std::make_index_sequence<Tb::column_count>{});
    if constexpr (Tb::has_primary_key && !Tb::has_rowid_key) {
      out.put(", PRIMARY KEY (");
      column_list<D>(out, Tb::columns, Tb::primary_key);
      out.put(')');
    }
    Tb::for_each_option([&]<class Opt>() {
      if constexpr (is_option_of<Opt, ctorm::detail::unique_option>) {
        out.put(", UNIQUE (");
        column_list<D>(out, Tb::columns, Opt::indices);
        out.put(')');
      }
    });
    out.put(')');
    out.put(D::table_suffix);
  }
};

/// Laravel's convention: {table}_{col}_{col}_index.
template <TableType Tb, class Opt>
struct index_name_gen {
  static constexpr void write(auto& out) {
    out.put(Tb::name);
    for (std::size_t i : Opt::indices) {
      out.put('_');
      out.put(Tb::columns[i]);
    }
    out.put("_index");
  }
};

template <TableType Tb, class D>
struct create_indexes_gen {
  static constexpr void write(auto& out) {
    Tb::for_each_option([&]<class Opt>() {
      if constexpr (is_option_of<Opt, ctorm::detail::index_option>) {
        out.put("CREATE INDEX IF NOT EXISTS ");
        D::identifier(out, static_text<index_name_gen<Tb, Opt>>);
        out.put(" ON ");
        D::identifier(out, Tb::name);
        out.put(" (");
        column_list<D>(out, Tb::columns, Opt::indices);
        out.put(");\n");
      }
    });
  }
};

template <class S, class D>
struct schema_gen {
  static constexpr void write(auto& out) {
    S::for_each_table([&]<class Tb>() {
      create_table_gen<Tb, D>::write(out);
      out.put(";\n");
      create_indexes_gen<Tb, D>::write(out);
    });
  }
};

}  // namespace detail

/// `CREATE TABLE IF NOT EXISTS ...` for one table.
template <TableType Tb, class D = sqlite_dialect>
inline constexpr std::string_view create_table = static_text<detail::create_table_gen<Tb, D>>;

/// The table's `CREATE INDEX IF NOT EXISTS ...;` statements, each ended by ";\n" (may be empty).
template <TableType Tb, class D = sqlite_dialect>
inline constexpr std::string_view create_indexes = static_text<detail::create_indexes_gen<Tb, D>>;

/// Every statement that creates the schema, each ended by ";\n".
template <class S, class D = sqlite_dialect>
inline constexpr std::string_view create_schema = static_text<detail::schema_gen<S, D>>;

}  // namespace ctorm::sql
