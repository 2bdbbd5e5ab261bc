#pragma once
/// \file
/// `ctorm::Schema<Tables...>`: the set of tables a database holds.

#include <cstddef>
#include <type_traits>

#include "ctorm/detail/type_list.hpp"
#include "ctorm/relation/many_to_many.hpp"
#include "ctorm/schema/junction.hpp"
#include "ctorm/schema/relations.hpp"
#include "ctorm/schema/table.hpp"

namespace ctorm {

/// Schema policy: an uncovered foreign key is a compile error instead of getting an automatic
/// index. `ctorm::Schema<ctorm::RequireForeignKeyIndexes, ctorm::Table<...>, ...>`.
struct RequireForeignKeyIndexes {
  using ctorm_schema_policy = void;
};

namespace detail {

template <class T>
concept schema_policy = requires { typename T::ctorm_schema_policy; };

/// A table or a policy. A table is known by its name alone: asking it for a policy's member
/// would instantiate it, and a broken table would then be reported inside Schema's own check.
template <class T>
inline constexpr bool schema_argument = schema_policy<T>;
template <class T, class... Options>
inline constexpr bool schema_argument<Table<T, Options...>> = true;

template <class T>
struct is_table_pred : std::bool_constant<TableType<T>> {};

/// The first table of `TableList` that maps `T` (`void` when none), and its position. Asked
/// for every struct a schema names, so it is a constant search, not a recursion over the list.
template <class T, class TableList>
struct first_table_for;
template <class T, class... Tbs>
struct first_table_for<T, type_list<Tbs...>> {
  static constexpr std::size_t index = index_of_type<T, typename Tbs::type...>();
  using type = pack_at<index, Tbs..., void>;
};

template <class TableList, class Owner, class R>
struct auto_junction {
  using type = type_list<>;
};
template <class TableList, class Owner, class Target>
  requires(!std::is_same_v<Owner, Target>)
struct auto_junction<TableList, Owner, ManyToMany<Target>> {
  using A = typename first_table_for<Owner, TableList>::type;
  using B = typename first_table_for<Target, TableList>::type;
  static constexpr bool possible = [] {
    if constexpr (std::is_void_v<A> || std::is_void_v<B>) return false;
    else return A::primary_key.size() == 1 && B::primary_key.size() == 1;
  }();
  using type = std::conditional_t<possible, type_list<junction_table_of<A, B>>, type_list<>>;
};

template <class TableList, class Tb, class Relations = relations_of<Tb>>
struct junctions_of_table;
template <class TableList, class Tb, class... Rs>
struct junctions_of_table<TableList, Tb, type_list<Rs...>> {
  using type = concat<typename auto_junction<TableList, typename Tb::type, base_relation<Rs>>::type...>;
};

template <class TableList>
struct junctions_of;
template <class... Tbs>
struct junctions_of<type_list<Tbs...>> {
  using type = unique<concat<typename junctions_of_table<type_list<Tbs...>, Tbs>::type...>>;
};

}  // namespace detail

/// The tables of one database, plus the join tables ctorm makes for `ManyToMany<Target>`
/// without a junction struct. Arguments are `ctorm::Table<...>` and schema policies
/// (`RequireForeignKeyIndexes`).
template <class... Args>
struct Schema {
  static_assert((detail::schema_argument<Args> && ...),
                "ctorm: every argument of Schema must be a ctorm::Table<...> or a schema policy");

  /// This `Schema<...>`, also as seen from a struct that names it (`struct Blog : Schema<...> {}`).
  using schema_type = Schema;

  /// The tables as declared.
  using declared_tables = detail::filter<detail::is_table_pred, detail::type_list<Args...>>;
  /// Every table: the declared ones, then ctorm's join tables.
  using table_list = detail::concat<declared_tables, typename detail::junctions_of<declared_tables>::type>;
  static constexpr std::size_t table_count = table_list::size;
  /// True with the `RequireForeignKeyIndexes` policy.
  static constexpr bool require_foreign_key_indexes = (std::is_same_v<Args, RequireForeignKeyIndexes> || ...);

  /// True when `T` has a table in this schema.
  template <class T>
  static constexpr bool contains = detail::first_table_for<T, table_list>::index < table_count;

  /// Calls `f.template operator()<Table>()` for each table, declared ones first.
  template <class F>
  static constexpr void for_each_table(F&& f) {
    table_list::each(f);
  }
};

namespace detail {
/// The `Table<T, ...>` that maps `T` in schema `S`, or `void`: the one table lookup. Schema
/// checks use it (a missing table is a rule of its own); everything else uses `table_of`.
template <class S, class T>
using table_in = typename first_table_for<T, typename S::table_list>::type;

template <class Found, class T>
struct found_table {
  using type = Found;
};
template <class T>
struct found_table<void, T> {
  static_assert(always_false<T>,
                "ctorm: this struct is not a table of the schema - add ctorm::Table<T> to the Schema");
  using type = void;
};
}  // namespace detail

/// The `Table<T, ...>` that maps `T` in schema `S`.
template <class S, class T>
using table_of = typename detail::found_table<detail::table_in<S, T>, T>::type;

/// The join table ctorm made for `ManyToMany<B>` on `A` (or `ManyToMany<A>` on `B`).
template <class S, class A, class B>
using junction_of = detail::junction_table_of<table_of<S, A>, table_of<S, B>>;

}  // namespace ctorm
