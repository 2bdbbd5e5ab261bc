#pragma once
/// \file
/// The join table ctorm makes for `ManyToMany<Target>` without a junction struct.

#include <string_view>

#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/reflect/naming.hpp"
#include "ctorm/relation/belongs_to.hpp"
#include "ctorm/relation/keys.hpp"
#include "ctorm/schema/options.hpp"
#include "ctorm/schema/table.hpp"

namespace ctorm {

/// A row of a join table ctorm owns: the keys of a `First` and a `Second` row, where `First`'s
/// table name sorts first.
template <class FirstTable, class SecondTable>
struct Pivot {
  field_type<typename FirstTable::type, FirstTable::primary_key[0]> first;
  field_type<typename SecondTable::type, SecondTable::primary_key[0]> second;
};

namespace detail {

template <class A, class B>
struct junction_name_gen {
  static constexpr void write(auto& out) {
    out.put(A::name);
    out.put('_');
    out.put(B::name);
  }
};

/// "Post" -> "post_id".
template <class T>
struct key_column_gen {
  static constexpr void write(auto& out) {
    put_snake_case(out, type_name<T>);
    out.put("_id");
  }
};

template <class A, class B>
using pivot_table =
    Table<Pivot<A, B>, Name<fixed_text<junction_name_gen<A, B>>>,
          Column<&Pivot<A, B>::first, fixed_text<key_column_gen<typename A::type>>>,
          Column<&Pivot<A, B>::second, fixed_text<key_column_gen<typename B::type>>>,
          PrimaryKey<&Pivot<A, B>::first, &Pivot<A, B>::second>, Index<&Pivot<A, B>::second>,
          BelongsTo<typename A::type, &Pivot<A, B>::first, OnDelete::Cascade>,
          BelongsTo<typename B::type, &Pivot<A, B>::second, OnDelete::Cascade>>;

/// The join table of tables `A` and `B`, in alphabetical order of their names.
template <class A, class B>
using junction_table_of = std::conditional_t<(A::name < B::name), pivot_table<A, B>, pivot_table<B, A>>;

}  // namespace detail
}  // namespace ctorm
