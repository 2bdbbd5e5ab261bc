#pragma once
/// \file
/// SQL dialects. Every SQL generator takes the dialect as a template parameter; a dialect is a
/// type of static members that spell what differs between engines: parameters, column types,
/// keys, lists of values, and the few clauses one engine writes another way. The generators
/// never ask which engine they write for.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ctorm/sql/real_literal.hpp"
#include "ctorm/sql/value_concepts.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm {
namespace detail {

/// What SQLite and PostgreSQL write alike: quoted identifiers and string literals.
struct standard_sql {
  /// Writes `id` as a quoted identifier; an embedded quote is doubled.
  static constexpr void identifier(auto& out, std::string_view id) {
    out.put('"');
    for (char c : id) {
      if (c == '"') out.put('"');
      out.put(c);
    }
    out.put('"');
  }
  /// Writes `text` as a string literal; an embedded quote is doubled. Only names from the
  /// schema are written this way (a morph type); values are always bound.
  static constexpr void string_literal(auto& out, std::string_view text) {
    out.put('\'');
    for (char c : text) {
      if (c == '\'') out.put('\'');
      out.put(c);
    }
    out.put('\'');
  }
  /// Writes a (possibly negative) integer literal of the schema, such as a CHECK's bound.
  static constexpr void integer(auto& out, std::int64_t v) {
    if (v < 0) {
      out.put('-');
      out.put_number(static_cast<std::size_t>(-(v + 1)) + 1);
    } else {
      out.put_number(static_cast<std::size_t>(v));
    }
  }
  /// Writes a finite floating-point literal of the schema (a `Default<>`): the shortest
  /// decimal that reads back as `v`.
  static constexpr void real_literal(auto& out, double v) { write_real(out, v); }
};

template <class V>
inline constexpr value_kind kind_of = column_traits<V>::kind;

/// The integer type a value kind stores: the member for integers, the underlying type for enums.
template <class V>
struct stored_integer {
  using type = V;
};
template <class V>
  requires std::is_enum_v<V>
struct stored_integer<V> {
  using type = std::underlying_type_t<V>;
};

/// `c IN list` for a one-column key (the dialect's `in_list`), else `(c1, c2...) IN (SELECT
/// <the dialect's rows of the list>)`. `column(out, k)` writes key column k; a `column` that
/// also takes `column(out)` for the first is handed on as it is, without a lambda around it
/// (each lambda is a class of its own for every statement the compiler writes).
template <class D, class... Ks>
constexpr void key_in_list(auto& out, std::size_t first, auto&& column) {
  if constexpr (sizeof...(Ks) == 1) {
    std::size_t next = first;
    if constexpr (requires { column(out); }) D::template in_list<Ks..., false>(out, next, column);
    else D::template in_list<Ks..., false>(out, next, [&](auto& o) { column(o, 0); });
  } else {
    out.put('(');
    std::size_t k = 0;
    ((k != 0 ? out.put(", ") : void(), D::template list_operand<Ks>(out, [&](auto& o) { column(o, k); }), ++k), ...);
    out.put(") IN (SELECT ");
    D::template key_list_rows<Ks...>(out, first);
    out.put(')');
  }
}

}  // namespace detail

/// SQLite 3.37+: STRICT tables, `?N` parameters, INTEGER PRIMARY KEY as the rowid, lists bound
/// as one JSON array read with `json_each`.
struct sqlite_dialect : detail::standard_sql {
  /// Writes the `n`-th (1-based) bound parameter.
  static constexpr void parameter(auto& out, std::size_t n) {
    out.put('?');
    out.put_number(n);
  }
  /// Writes the `n`-th parameter, which holds a value of type `V` in an expression.
  template <class V>
  static constexpr void typed_parameter(auto& out, std::size_t n) {
    parameter(out, n);
  }

  /// The declared type of a column holding member values of type `V` (not optional).
  template <class V>
  static constexpr std::string_view column_type() {
    switch (detail::kind_of<V>) {
      case value_kind::real: return "REAL";
      case value_kind::text:
      case value_kind::timestamp:  // ISO-8601 text, SQLite's own date-time form
      case value_kind::date: return "TEXT";
      case value_kind::blob:
      case value_kind::uuid: return "BLOB";
      default: return "INTEGER";
    }
  }
  /// True when a column of member type `V` gets a CHECK for the member's range: every INTEGER
  /// is 64 bits wide, so every narrower (or unsigned 64-bit) integer member does.
  template <class V>
  static constexpr bool range_checked = detail::kind_of<V> == value_kind::integer && !std::is_same_v<V, std::int64_t>;
  /// True when a bool column gets `CHECK (c IN (0, 1))`: SQLite stores it as INTEGER.
  static constexpr bool boolean_check = true;
  /// True when a UUID column gets `CHECK (length(c) = 16)`: SQLite stores it as a BLOB.
  static constexpr bool uuid_check = true;
  /// Writes a bool literal of the schema (a `Default<>`), as the column stores it.
  static constexpr void boolean_literal(auto& out, bool v) { out.put(v ? '1' : '0'); }
  /// The definition, after its name, of a single integer key the database assigns: the rowid.
  template <class V>
  static constexpr void identity_key(auto& out) {
    out.put("INTEGER PRIMARY KEY");
  }
  /// After `CREATE TABLE ... (...)`.
  static constexpr std::string_view table_suffix = " STRICT";
  /// Whether an INSERT into a table with an assigned key ends with `RETURNING key`; SQLite's
  /// connection reports the rowid instead.
  static constexpr bool insert_returns_key = false;
  /// Whether `INSERT OR REPLACE` exists.
  static constexpr bool insert_or_replace = true;
  /// Before ` OFFSET ?` when there is no LIMIT: SQLite takes OFFSET only after a LIMIT.
  static constexpr std::string_view offset_without_limit = " LIMIT -1";
  /// Names a subquery in FROM, where the engine requires it (SQLite does not).
  static constexpr void derived_table(auto&, std::string_view) {}
  /// Equality where NULL equals NULL, for a comparison with a `std::optional` value: SQLite's
  /// IS, which an index serves as it serves `=`.
  static constexpr std::string_view null_safe_equal = " IS ";
  static constexpr std::string_view null_safe_unequal = " IS NOT ";
  static constexpr bool null_safe_equality_uses_index = true;
  /// Whether `float` operands of arithmetic are cast to double (SQLite's REAL is double).
  static constexpr bool widens_real_arithmetic = false;
  /// Writes `expression`, whose value is not a float, as a float column stores it. SQLite's
  /// REAL holds a double a float member could not read back: ctorm's function rounds it as
  /// PostgreSQL's REAL does (nearest float; overflow and underflow are errors).
  static constexpr void as_float(auto& out, auto&& expression) {
    out.put("ctorm_float(");
    expression(out);
    out.put(')');
  }
  /// `LIKE` (case-insensitive for ASCII, no escape character) and `GLOB`.
  static constexpr std::string_view like = " LIKE ";
  static constexpr std::string_view like_after = "";
  static constexpr std::string_view glob = " GLOB ";
  /// Whether `sum()` and `avg()` are cast to the type ctorm reads them as.
  static constexpr bool cast_aggregates = false;

  /// Parameters a list of keys of `columns` columns takes: one JSON array.
  static constexpr std::size_t key_list_parameters(std::size_t) { return 1; }

  /// `operand IN (list)` (`NOT IN` when `Negate`) for a list of values of type `E` bound as
  /// one JSON array: one SQL text for every length (SQLite allows 250000 bound values at most).
  /// `operand(out)` writes the left side.
  template <class E, bool Negate>
  static constexpr void in_list(auto& out, std::size_t& next, auto&& operand) {
    if constexpr (std::is_same_v<E, Uuid>) {
      // A list of UUIDs is one BLOB of 16 bytes each, cut back into UUIDs here: the column is
      // compared as it is stored, so its index serves the list (hex text would not).
      operand(out);
      out.put(Negate ? " NOT IN (" : " IN (");
      out.put("WITH RECURSIVE \"ctorm_list\"(\"at\") AS (SELECT 1 WHERE length(");
      parameter(out, next);
      out.put(") >= 16 UNION ALL SELECT \"at\" + 16 FROM \"ctorm_list\" WHERE \"at\" + 16 <= length(");
      parameter(out, next);
      out.put(")) SELECT substr(");
      parameter(out, next++);
      out.put(", \"at\", 16) FROM \"ctorm_list\")");
    } else {
      list_operand<E>(out, operand);
      out.put(Negate ? " NOT IN (SELECT " : " IN (SELECT ");
      json_value_open<E>(out);
      out.put("value");
      json_value_close<E>(out);
      out.put(" FROM json_each(");
      parameter(out, next++);
      out.put("))");
    }
  }

  /// A value compared with the elements of a JSON list. JSON has no blobs and SQLite 3.40 no
  /// unhex(): a list of BLOBs or UUIDs holds hex text, and the value is compared as hex text
  /// that stays NULL for NULL (hex(NULL) is '', as an empty blob's).
  template <class E>
  static constexpr void list_operand(auto& out, auto&& operand) {
    if constexpr (detail::kind_of<E> == value_kind::blob || detail::kind_of<E> == value_kind::uuid) {
      out.put("CASE WHEN ");
      operand(out);
      out.put(" IS NOT NULL THEN hex(");
      operand(out);
      out.put(") END");
    } else {
      operand(out);
    }
  }

  /// The key list of an eager load, bound as parameter `first`: a JSON array of values, or of
  /// arrays for a composite key.
  template <class... Ks>
  static constexpr void key_in_list(auto& out, std::size_t first, auto&& column) {
    detail::key_in_list<sqlite_dialect, Ks...>(out, first, column);
  }
  /// The rows of a composite key list, after `SELECT `.
  template <class... Ks>
  static constexpr void key_list_rows(auto& out, std::size_t first) {
    std::size_t k = 0;
    ((k != 0 ? out.put(", ") : void(), element<Ks>(out, k++)), ...);
    out.put(" FROM json_each(");
    parameter(out, first);
    out.put(')');
  }

 private:
  /// A JSON element as the value it stands for, around the element. json_each ends a string
  /// at an escaped NUL, so text lists carry NUL as \x01\x03 (and \x01 as \x01\x02), undone
  /// here.
  template <class E>
  static constexpr void json_value_open(auto& out) {
    if constexpr (detail::kind_of<E> == value_kind::text) out.put("replace(replace(");
  }
  template <class E>
  static constexpr void json_value_close(auto& out) {
    if constexpr (detail::kind_of<E> == value_kind::text) out.put(", char(1, 3), char(0)), char(1, 2), char(1))");
  }
  /// Element `k` of a composite key's array, any number of columns.
  template <class E>
  static constexpr void element(auto& out, std::size_t k) {
    json_value_open<E>(out);
    out.put("json_extract(value, '$[");
    out.put_number(k);
    out.put("]')");
    json_value_close<E>(out);
  }
};

/// PostgreSQL 12+: `$N` parameters, identity keys returned by `RETURNING`, native types,
/// lists bound as one array parameter.
struct postgresql_dialect : detail::standard_sql {
  /// Writes `text` as a string literal. Text with a backslash is written as an escape string
  /// (`E'a\\b'`), which reads the same whether or not the server's standard_conforming_strings
  /// is on; a plain literal would not.
  static constexpr void string_literal(auto& out, std::string_view text) {
    // A loop, not find(): GCC's UBSan instrumentation makes find() on a template parameter
    // object's text not a constant expression.
    bool backslash = false;
    for (char c : text) backslash = backslash || c == '\\';
    if (!backslash) return standard_sql::string_literal(out, text);
    out.put("E'");
    for (char c : text) {
      if (c == '\'' || c == '\\') out.put(c);
      out.put(c);
    }
    out.put('\'');
  }
  static constexpr void parameter(auto& out, std::size_t n) {
    out.put('$');
    out.put_number(n);
  }
  /// A value in an expression is sent as its own type (`$1::BIGINT`), not as the type the
  /// server would infer from the other side (an INTEGER column): a comparison with any 64-bit
  /// value then means what it means on SQLite.
  template <class V>
  static constexpr void typed_parameter(auto& out, std::size_t n) {
    parameter(out, n);
    out.put("::");
    out.put(column_type<V>());
  }

  template <class V>
  static constexpr std::string_view column_type() {
    constexpr value_kind kind = detail::kind_of<V>;
    if constexpr (kind == value_kind::boolean) return "BOOLEAN";
    else if constexpr (kind == value_kind::real) return std::is_same_v<V, float> ? "REAL" : "DOUBLE PRECISION";
    else if constexpr (kind == value_kind::text) return "TEXT";
    else if constexpr (kind == value_kind::blob) return "BYTEA";
    else if constexpr (kind == value_kind::timestamp) return "TIMESTAMPTZ";
    else if constexpr (kind == value_kind::date) return "DATE";
    else if constexpr (kind == value_kind::uuid) return "UUID";
    else return integer_type<typename detail::stored_integer<V>::type>();
  }
  /// The narrowest of SMALLINT, INTEGER and BIGINT that holds every value of `I` (BIGINT for
  /// `uint64_t`, whose values above INT64_MAX are refused as on SQLite).
  template <class I>
  static constexpr std::string_view integer_type() {
    if constexpr (std::in_range<std::int16_t>(std::numeric_limits<I>::max()) &&
                       std::in_range<std::int16_t>(std::numeric_limits<I>::min()))
      return "SMALLINT";
    else if constexpr (std::in_range<std::int32_t>(std::numeric_limits<I>::max()) &&
                       std::in_range<std::int32_t>(std::numeric_limits<I>::min()))
      return "INTEGER";
    else
      return "BIGINT";
  }
  /// A range CHECK where the column is wider than the member: int8_t and uint8_t in SMALLINT,
  /// uint16_t in INTEGER, uint32_t and uint64_t in BIGINT.
  template <class V>
  static constexpr bool range_checked = [] {
    if constexpr (detail::kind_of<V> != value_kind::integer) return false;
    else return sizeof(V) == 1 || std::is_unsigned_v<V>;
  }();
  static constexpr bool boolean_check = false;
  static constexpr bool uuid_check = false;
  static constexpr void boolean_literal(auto& out, bool v) { out.put(v ? "TRUE" : "FALSE"); }
  template <class V>
  static constexpr void identity_key(auto& out) {
    out.put(integer_type<V>());
    out.put(" GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  }
  static constexpr std::string_view table_suffix = "";
  static constexpr bool insert_returns_key = true;
  static constexpr bool insert_or_replace = false;
  static constexpr std::string_view offset_without_limit = "";
  static constexpr void derived_table(auto& out, std::string_view name) {
    out.put(" AS ");
    identifier(out, name);
  }
  // No index serves IS NOT DISTINCT FROM: equality is preceded by `=` or both NULL, which one does.
  static constexpr std::string_view null_safe_equal = " IS NOT DISTINCT FROM ";
  static constexpr std::string_view null_safe_unequal = " IS DISTINCT FROM ";
  static constexpr bool null_safe_equality_uses_index = false;
  static constexpr bool widens_real_arithmetic = true;  // REAL with REAL stays REAL
  /// A REAL column rounds what it is given.
  static constexpr void as_float(auto& out, auto&& expression) { expression(out); }
  // ILIKE with no escape character: SQLite's LIKE ignores case and has no escape character.
  static constexpr std::string_view like = " ILIKE ";
  static constexpr std::string_view like_after = " ESCAPE ''";
  static constexpr std::string_view glob = {};  // none: refused where a query uses glob()
  static constexpr bool cast_aggregates = true;  // sum(bigint) and avg() are NUMERIC

  /// One array parameter per key column.
  static constexpr std::size_t key_list_parameters(std::size_t columns) { return columns; }

  /// `operand = ANY($n)` (`NOT (operand = ANY($n))` when `Negate`): one array parameter, which
  /// keeps SQL's NULL rules of IN and NOT IN.
  template <class E, bool Negate>
  static constexpr void in_list(auto& out, std::size_t& next, auto&& operand) {
    operand(out);
    out.put(Negate ? " <> ALL (" : " = ANY (");
    typed_parameter<ctorm::detail::unwrap_optional<E>>(out, next++);
    out.put("[])");
  }

  /// A value compared with the elements of an array parameter: as it is.
  template <class E>
  static constexpr void list_operand(auto& out, auto&& operand) {
    operand(out);
  }

  /// `c = ANY ($n::T[]) AND ` before a composite key list, for its column `c` whose array is
  /// parameter `n`: a distributed database prunes its shards by that column when it is the
  /// distribution column, which the row-value IN alone does not let it do.
  static constexpr bool routes_by_column = true;
  template <class K>
  static constexpr void route_by(auto& out, std::size_t n, auto&& column) {
    column(out);
    out.put(" = ANY (");
    typed_parameter<K>(out, n);
    out.put("[]) AND ");
  }

  /// `c = ANY($1)`, or `(c1, c2) IN (SELECT * FROM unnest($1, $2))` with an array per column.
  template <class... Ks>
  static constexpr void key_in_list(auto& out, std::size_t first, auto&& column) {
    detail::key_in_list<postgresql_dialect, Ks...>(out, first, column);
  }
  template <class... Ks>
  static constexpr void key_list_rows(auto& out, std::size_t first) {
    out.put("* FROM unnest(");
    std::size_t k = 0;
    ((k != 0 ? out.put(", ") : void(), typed_parameter<Ks>(out, first + k++), out.put("[]")), ...);
    out.put(')');
  }
};

/// Citus, distributed PostgreSQL: PostgreSQL's SQL, and a schema's DDL ends with the calls
/// that place its tables (`create_reference_table`, `create_distributed_table`) for
/// `ReferenceTable` and `DistributedBy` tables.
struct citus_dialect : postgresql_dialect {
  static constexpr bool places_tables = true;

  /// Writes table `name` as a `regclass` argument: the name as it is when PostgreSQL would
  /// read it unquoted the same, else quoted (`'"Order Lines"'`).
  static constexpr void regclass_literal(auto& out, std::string_view name) {
    bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
    for (char c : name) plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    out.put('\'');
    if (!plain) out.put('"');
    for (char c : name) {
      if (c == '\'') out.put('\'');
      if (c == '"' && !plain) out.put('"');
      out.put(c);
    }
    if (!plain) out.put('"');
    out.put('\'');
  }
};

}  // namespace ctorm
