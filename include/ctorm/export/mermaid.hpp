#pragma once
/// \file
/// `ctorm::mermaid<Schema>()`: the schema as a Mermaid `erDiagram`, built by the compiler.

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/schema/checks.hpp"
#include "ctorm/schema/lookup.hpp"
#include "ctorm/schema/keys.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm {
namespace detail {

constexpr bool is_plain_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

/// Entity and attribute names: as they are when Mermaid accepts them, else quoted.
constexpr void mermaid_name(auto& out, std::string_view name) {
  if (is_plain_name(name)) {
    out.put(name);
    return;
  }
  out.put('"');
  for (char c : name) out.put(c == '"' ? '\'' : c);
  out.put('"');
}

template <class Tb>
constexpr bool column_in_foreign_key(std::size_t column) {
  bool found = false;
  Tb::for_each_option([&]<class Opt>() {
    if constexpr (is_belongs_to<Opt>) {
      for (std::size_t k : Opt::keys::indices) found = found || k == column;
    }
  });
  return found;
}

template <class Tb, std::size_t I>
constexpr void mermaid_attribute(auto& out) {
  using traits = column_traits<field_type<typename Tb::type, I>>;
  out.put("        ");
  if constexpr (traits::kind == value_kind::uuid) {
    out.put("UUID ");
  } else {
    switch (traits::type) {
      case sql_type::integer: out.put("INTEGER "); break;
      case sql_type::real: out.put("REAL "); break;
      case sql_type::text: out.put("TEXT "); break;
      case sql_type::blob: out.put("BLOB "); break;
    }
  }
  mermaid_name(out, Tb::columns[I]);
  constexpr bool pk = Tb::is_key_column(I);
  constexpr bool fk = column_in_foreign_key<Tb>(I);
  constexpr bool uk = !pk && is_unique_set<Tb>(std::array<std::size_t, 1>{I});
  constexpr std::string_view keys = pk && fk ? " PK, FK" : pk ? " PK" : fk && uk ? " FK, UK" : fk ? " FK" : uk ? " UK" : "";
  out.put(keys);
  if constexpr (traits::nullable) out.put(" \"nullable\"");
  out.put('\n');
}

template <class S, class Tb, class R>
constexpr void mermaid_belongs_to(auto& out) {
  using Target = table_of<S, typename R::target>;
  bool nullable = true;
  R::keys::each([&]<auto M, std::size_t>() { nullable = nullable && column_traits<member_type<M>>::nullable; });
  out.put("    ");
  mermaid_name(out, Target::name);
  out.put(nullable ? " |o--" : " ||--");
  out.put(R::unique ? "o| " : "o{ ");
  mermaid_name(out, Tb::name);
  out.put(" : \"");
  for (std::size_t k = 0; k < R::keys::indices.size(); ++k) {
    if (k != 0) out.put(", ");
    out.put(Tb::columns[R::keys::indices[k]]);
  }
  out.put("\"\n");
}

template <class S, class Tb, class R>
constexpr void mermaid_morph_to(auto& out) {
  []<class... Ts>(auto& o, std::type_identity<std::tuple<Ts...>>) {
    ((o.put("    "), mermaid_name(o, table_of<S, Ts>::name), o.put(" |o..o{ "), mermaid_name(o, Tb::name),
      o.put(" : \""), o.put(Tb::columns[member_index<R::type_column>]), o.put(", "),
      o.put(Tb::columns[member_index<R::id_column>]), o.put(" (morph)\"\n")),
     ...);
  }(out, std::type_identity<typename R::targets>{});
}

template <class S, class Tb, class R>
constexpr void mermaid_through(auto& out) {
  out.put("    ");
  mermaid_name(out, Tb::name);
  out.put(R::kind == relation_kind::has_one_through ? " ||..o| " : " ||..o{ ");
  mermaid_name(out, table_of<S, typename R::target>::name);
  out.put(" : \"through");
  []<class... Steps>(auto& o, std::type_identity<std::tuple<Steps...>>) {
    // Every step but the last ends at an intermediate table.
    std::size_t k = 0;
    ((++k < sizeof...(Steps) ? (o.put(' '), o.put(table_of<S, typename Steps::target>::name)) : void()), ...);
  }(out, std::type_identity<typename R::steps>{});
  out.put("\"\n");
}

template <class S>
struct mermaid_gen {
  static constexpr void write(auto& out) {
    out.put("erDiagram\n");
    S::for_each_table([&]<class Tb>() {
      out.put("    ");
      mermaid_name(out, Tb::name);
      out.put(" {\n");
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        (mermaid_attribute<Tb, I>(out), ...);
      }(std::make_index_sequence<Tb::column_count>{});
      out.put("    }\n");
    });
    // Each foreign key once, from its BelongsTo: HasOne/HasMany/MorphMany are its other side,
    // and a ManyToMany is drawn through its junction table's two foreign keys.
    S::for_each_table([&]<class Tb>() {
      Tb::for_each_option([&]<class Opt>() {
        if constexpr (is_belongs_to<Opt>) {
          mermaid_belongs_to<S, Tb, Opt>(out);
        } else if constexpr (relation<Opt>) {
          if constexpr (Opt::kind == relation_kind::morph_to)
            mermaid_morph_to<S, Tb, Opt>(out);
          else if constexpr (Opt::kind == relation_kind::has_many_through ||
                             Opt::kind == relation_kind::has_one_through)
            mermaid_through<S, Tb, Opt>(out);
        }
      });
    });
  }
};

}  // namespace detail

/// Schema `S` as a Mermaid entity-relationship diagram: every table with its columns (PK, FK,
/// UK, nullable), every foreign key with its cardinality, morph and through relations dotted.
template <class S>
consteval std::string_view mermaid() {
  if constexpr (valid<S> && detail::follows_rules<S>()) return static_text<detail::mermaid_gen<S>>;
  else return {};
}

}  // namespace ctorm
