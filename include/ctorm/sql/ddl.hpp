#pragma once
/// \file
/// CREATE TABLE / CREATE INDEX text for a table and for a whole schema, built by the compiler.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <string_view>

#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/relation/keys.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/schema/lookup.hpp"
#include "ctorm/schema/keys.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/schema/table.hpp"
#include "ctorm/sql/crud.hpp"
#include "ctorm/sql/dialect.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm::sql {
namespace detail {

using ctorm::detail::is_option_of;

/// A CHECK that keeps a column within its member's range, where the column is wider than the
/// member (the dialect says where), so that no statement (an UPDATE computing `level + 1`,
/// another program) can store a value the member cannot hold.
template <class V, class D>
constexpr void range_check(auto& out, std::string_view column) {
  out.put(" CHECK (");
  D::identifier(out, column);
  if constexpr (std::is_unsigned_v<V> && sizeof(V) >= sizeof(std::int64_t)) {
    out.put(" >= 0)");
  } else {
    out.put(" BETWEEN ");
    D::integer(out, static_cast<std::int64_t>(std::numeric_limits<V>::min()));
    out.put(" AND ");
    D::integer(out, static_cast<std::int64_t>(std::numeric_limits<V>::max()));
    out.put(')');
  }
}

/// ` DEFAULT <literal>` for column `I`, from its `Default<>` option.
template <TableType Tb, class D, std::size_t I>
constexpr void column_default(auto& out) {
  Tb::for_each_option([&]<class Opt>() {
    if constexpr (is_option_of<Opt, ctorm::detail::default_option>) {
      if constexpr (Opt::index == I) {
        constexpr value_kind kind = column_traits<field_type<typename Tb::type, I>>::kind;
        out.put(" DEFAULT ");
        if constexpr (kind == value_kind::boolean) D::boolean_literal(out, Opt::value);
        else if constexpr (kind == value_kind::real) D::real_literal(out, Opt::value);
        else if constexpr (kind == value_kind::text) D::string_literal(out, Opt::value);
        else D::integer(out, Opt::value);
      }
    }
  });
}

template <TableType Tb, class D, std::size_t I>
constexpr void column_definition(auto& out) {
  using traits = column_traits<field_type<typename Tb::type, I>>;
  using V = typename traits::value_type;
  D::identifier(out, Tb::columns[I]);
  out.put(' ');
  if constexpr (Tb::has_rowid_key && Tb::primary_key[0] == I) {
    D::template identity_key<V>(out);
  } else {
    out.put(D::template column_type<V>());
    if constexpr (!traits::nullable) out.put(" NOT NULL");
    if constexpr (Tb::has_default(I)) column_default<Tb, D, I>(out);
    if constexpr (traits::kind == value_kind::boolean && D::boolean_check) {
      out.put(" CHECK (");
      D::identifier(out, Tb::columns[I]);
      out.put(" IN (0, 1))");
    } else if constexpr (traits::kind == value_kind::uuid && D::uuid_check) {
      out.put(" CHECK (length(");
      D::identifier(out, Tb::columns[I]);
      out.put(") = 16)");
    } else if constexpr (D::template range_checked<V>) {
      range_check<V, D>(out, Tb::columns[I]);
    }
  }
}

template <class R>
inline constexpr bool is_belongs_to = ctorm::detail::is_belongs_to<R>;

template <class R>
inline constexpr bool is_morph_to = [] {
  if constexpr (ctorm::detail::relation<R>) return R::kind == relation_kind::morph_to;
  else return false;
}();

template <class S, TableType Tb, class D>
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
      names<D>(out, Tb::columns, Tb::primary_key);
      out.put(')');
    }
    Tb::for_each_option([&]<class Opt>() {
      if constexpr (is_option_of<Opt, ctorm::detail::unique_option>) {
        out.put(", UNIQUE (");
        names<D>(out, Tb::columns, Opt::indices);
        out.put(')');
      } else if constexpr (is_belongs_to<Opt>) {
        if constexpr (Opt::unique) {
          out.put(", UNIQUE (");
          names<D>(out, Tb::columns, Opt::keys::indices);
          out.put(')');
        }
      }
    });
    Tb::for_each_option([&]<class Opt>() {
      if constexpr (is_belongs_to<Opt>) foreign_key<Opt>(out);
    });
    out.put(')');
    out.put(D::table_suffix);
  }

  template <class R>
  static constexpr void foreign_key(auto& out) {
    using Target = table_of<S, typename R::target>;
    out.put(", FOREIGN KEY (");
    names<D>(out, Tb::columns, R::keys::indices);
    out.put(") REFERENCES ");
    D::identifier(out, Target::name);
    out.put(" (");
    names<D>(out, Target::columns, ctorm::detail::referenced_columns<S, R>());
    out.put(')');
    if constexpr (R::on_delete != action::no_action) {
      out.put(" ON DELETE ");
      out.put(ctorm::detail::action_sql(R::on_delete));
    }
    if constexpr (R::on_update != action::no_action) {
      out.put(" ON UPDATE ");
      out.put(ctorm::detail::action_sql(R::on_update));
    }
  }
};

template <TableType Tb, class D, std::size_t I>
struct column_definition_gen {
  static constexpr void write(auto& out) { column_definition<Tb, D, I>(out); }
};

/// Laravel's convention: {table}_{col}_{col}_index.
template <TableType Tb, const auto& Columns>
struct index_name_gen {
  static constexpr void write(auto& out) {
    out.put(Tb::name);
    for (std::size_t i : Columns) {
      out.put('_');
      out.put(Tb::columns[i]);
    }
    out.put("_index");
  }
};

template <TableType Tb, class D, const auto& Columns>
constexpr void create_index(auto& out) {
  out.put("CREATE INDEX IF NOT EXISTS ");
  D::identifier(out, static_text<index_name_gen<Tb, Columns>>);
  out.put(" ON ");
  D::identifier(out, Tb::name);
  out.put(" (");
  names<D>(out, Tb::columns, Columns);
  out.put(");\n");
}

/// True when an earlier BelongsTo of `Tb` than `R` has the same foreign key (one index serves both).
template <TableType Tb, class R>
consteval bool repeats_earlier_key() {
  bool seen_self = false, repeated = false;
  Tb::for_each_option([&]<class Opt>() {
    if constexpr (std::is_same_v<Opt, R>) {
      seen_self = true;
    } else if constexpr (is_belongs_to<Opt>) {
      if constexpr (std::is_same_v<typename Opt::keys, typename R::keys>) repeated = repeated || !seen_self;
    }
  });
  return repeated;
}

template <class R>
inline constexpr auto morph_index_columns = ctorm::detail::morph_columns<R>();

template <class S, TableType Tb, class D>
struct create_indexes_gen {
  static constexpr void write(auto& out) {
    Tb::for_each_option([&]<class Opt>() {
      if constexpr (is_option_of<Opt, ctorm::detail::index_option>) {
        create_index<Tb, D, Opt::indices>(out);
      } else if constexpr (is_belongs_to<Opt>) {
        // Every foreign key gets an index unless one already starts with it: deleting or
        // updating a referenced row must find the referencing rows without a scan.
        if constexpr (!S::require_foreign_key_indexes &&
                      !ctorm::detail::has_leading_index<Tb>(Opt::keys::indices) &&
                      !repeats_earlier_key<Tb, Opt>())
          create_index<Tb, D, Opt::keys::indices>(out);
      } else if constexpr (is_morph_to<Opt>) {
        if constexpr (!ctorm::detail::has_leading_index<Tb, false>(morph_index_columns<Opt>))
          create_index<Tb, D, morph_index_columns<Opt>>(out);
      }
    });
  }
};

/// Marks in `row` the tables (by position in `Types...`, the schema's structs) that a
/// BelongsTo of `Tb` references, other than `Tb` itself.
template <class Tb, class... Types>
constexpr void mark_references(auto& row) {
  Tb::for_each_option([&]<class Opt>() {
    if constexpr (is_belongs_to<Opt>) {
      if constexpr (!std::is_same_v<typename Opt::target, typename Tb::type>) {
        constexpr std::size_t j = ctorm::detail::index_of_type<typename Opt::target, Types...>();
        if constexpr (j < sizeof...(Types)) row[j] = true;
      }
    }
  });
}

/// Tables in an order where each comes after the tables its foreign keys reference
/// (declaration order otherwise; tables in a cycle keep it too). One instantiation per table
/// and option, not per pair of tables.
template <class S>
consteval auto creation_order() {
  using list = typename S::table_list;
  constexpr std::size_t n = list::size;
  std::array<std::array<bool, n == 0 ? 1 : n>, n == 0 ? 1 : n> needs{};
  [&]<class... Tbs>(ctorm::detail::type_list<Tbs...>) {
    std::size_t i = 0;
    ((mark_references<Tbs, typename Tbs::type...>(needs[i++])), ...);
  }(list{});
  std::array<std::size_t, n> order{};
  std::array<bool, n == 0 ? 1 : n> placed{};
  for (std::size_t k = 0; k < n; ++k) {
    std::size_t pick = n;
    for (std::size_t c = 0; c < n && pick == n; ++c) {
      if (placed[c]) continue;
      bool ready = true;
      for (std::size_t d = 0; d < n; ++d) ready = ready && (!needs[c][d] || placed[d]);
      if (ready) pick = c;
    }
    if (pick == n)  // a cycle: take the first table left
      for (std::size_t c = 0; c < n && pick == n; ++c)
        if (!placed[c]) pick = c;
    placed[pick] = true;
    order[k] = pick;
  }
  return order;
}

/// One table's statements: CREATE TABLE, then its indexes.
template <class S, class Tb, class D>
struct create_table_and_indexes_gen {
  static constexpr void write(auto& out) {
    create_table_gen<S, Tb, D>::write(out);
    out.put(";\n");
    create_indexes_gen<S, Tb, D>::write(out);
  }
};

/// Where a table's rows live on a distributed database: what `citus_dialect` writes after the
/// tables.
template <class Tb, class D>
struct placement {
  /// 0: the coordinator's own table; 1: a reference table; 2: a distributed table.
  static constexpr int kind = Tb::is_reference ? 1 : Tb::is_distributed ? 2 : 0;
  static constexpr std::string_view column = [] {
    if constexpr (Tb::is_distributed) return Tb::columns[Tb::distribution_column];
    else return std::string_view{};
  }();
  /// The distribution column's SQL type: tables whose types are equal are co-located.
  static constexpr std::string_view type = [] {
    if constexpr (Tb::is_distributed)
      return D::template column_type<ctorm::detail::unwrap_optional<field_type<typename Tb::type, Tb::distribution_column>>>();
    else
      return std::string_view{};
  }();
};

/// `SELECT create_reference_table('t');` for each reference table, then
/// `SELECT create_distributed_table('t', 'column'[, colocate_with => 'first']);` for each
/// distributed table, both in creation order (a table is placed after those it references); a
/// distributed table is co-located with the first one whose distribution column has its type.
template <class D, class... Tbs>
constexpr void place_tables(auto& out, const auto& order) {
  constexpr std::array<int, sizeof...(Tbs)> kinds{placement<Tbs, D>::kind...};
  constexpr std::array<std::string_view, sizeof...(Tbs)> names{Tbs::name...};
  constexpr std::array<std::string_view, sizeof...(Tbs)> columns{placement<Tbs, D>::column...};
  constexpr std::array<std::string_view, sizeof...(Tbs)> types{placement<Tbs, D>::type...};
  for (std::size_t k : order) {
    if (kinds[k] != 1) continue;
    out.put("SELECT create_reference_table(");
    D::regclass_literal(out, names[k]);
    out.put(");\n");
  }
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::size_t k = order[i];
    if (kinds[k] != 2) continue;
    out.put("SELECT create_distributed_table(");
    D::regclass_literal(out, names[k]);
    out.put(", ");
    D::string_literal(out, columns[k]);
    for (std::size_t j = 0; j < i; ++j) {
      const std::size_t first = order[j];
      if (kinds[first] == 2 && types[first] == types[k]) {
        out.put(", colocate_with => ");
        D::regclass_literal(out, names[first]);
        break;
      }
    }
    out.put(");\n");
  }
}

template <class S, class D, class List = typename S::table_list>
struct schema_gen;
template <class S, class D, class... Tbs>
struct schema_gen<S, D, ctorm::detail::type_list<Tbs...>> {
  static constexpr void write(auto& out) {
    // Each table's text is its own constant; they are written in creation order without
    // looking a table up by position (which instantiates a chain per lookup).
    constexpr std::array<std::string_view, sizeof...(Tbs)> parts{
        static_text<create_table_and_indexes_gen<S, Tbs, D>>...};
    constexpr auto order = creation_order<S>();
    for (std::size_t k : order) out.put(parts[k]);
    if constexpr (requires { D::places_tables; }) place_tables<D, Tbs...>(out, order);
  }
};

}  // namespace detail

/// `CREATE TABLE IF NOT EXISTS ...` for the table of `T` in schema `S`, with its keys, unique
/// constraints and foreign keys.
template <class S, class T, class D = sqlite_dialect>
inline constexpr std::string_view create_table = static_text<detail::create_table_gen<S, table_of<S, T>, D>>;

/// The `CREATE INDEX IF NOT EXISTS ...;` statements of `T`'s table, each ended by ";\n": its
/// `Index<>` options, then automatic indexes for uncovered foreign keys and for `MorphTo`.
template <class S, class T, class D = sqlite_dialect>
inline constexpr std::string_view create_indexes = static_text<detail::create_indexes_gen<S, table_of<S, T>, D>>;

/// The definition of each column of `T`'s table as CREATE TABLE writes it (`"title" TEXT NOT
/// NULL`), in member order.
template <class S, class T, class D = sqlite_dialect>
inline constexpr auto column_definitions = []<std::size_t... I>(std::index_sequence<I...>) {
  return std::array<std::string_view, sizeof...(I)>{
      static_text<detail::column_definition_gen<table_of<S, T>, D, I>>...};
}(std::make_index_sequence<table_of<S, T>::column_count>{});

/// Every statement that creates the schema, each ended by ";\n", referenced tables first.
template <class S, class D = sqlite_dialect>
inline constexpr std::string_view create_schema = static_text<detail::schema_gen<S, D>>;

}  // namespace ctorm::sql

namespace ctorm {
/// The whole DDL of schema `S` as one compile-time string.
template <class S, class D = sqlite_dialect>
consteval std::string_view schema_sql() {
  return sql::create_schema<S, D>;
}
}  // namespace ctorm
