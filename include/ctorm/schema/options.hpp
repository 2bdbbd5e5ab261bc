#pragma once
/// \file
/// Table options: `Name`, `Column`, `PrimaryKey`, `Unique`, `Index`.

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "ctorm/detail/option_kind.hpp"
#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/reflect/member.hpp"

namespace ctorm {
namespace detail {

/// A list of members of one struct, as used by keys and indexes.
template <auto... Ms>
struct member_list {
  static_assert((DataMember<Ms> && ...),
                "ctorm: keys and indexes take data-member pointers such as &Post::title");
  static constexpr std::array<std::size_t, sizeof...(Ms)> indices{member_index<Ms>...};
  template <class T>
  static constexpr bool all_members_of = (std::is_same_v<member_owner<Ms>, T> && ...);
};

}  // namespace detail

/// Sets the table's name: `ctorm::Table<Person, ctorm::Name<"people">>`.
template <fixed_string N>
struct Name {
  using ctorm_option = detail::name_option;
  static constexpr std::string_view value = N.view();
};

/// Sets a column's name: `ctorm::Column<&Post::title, "Title">`.
template <auto M, fixed_string N>
  requires DataMember<M>
struct Column {
  using ctorm_option = detail::column_option;
  using owner = member_owner<M>;
  static constexpr std::size_t index = member_index<M>;
  static constexpr std::string_view value = N.view();
};

/// The primary key, one member or several (composite). Without it, a member named `id` is
/// the key; a table with neither has only SQLite's rowid.
template <auto... Ms>
struct PrimaryKey : detail::member_list<Ms...> {
  using ctorm_option = detail::primary_key_option;
};

/// A UNIQUE constraint over one or more members. Empty (`Unique<>`) inside a `BelongsTo`,
/// it makes the foreign key unique: a one-to-one relation.
template <auto... Ms>
struct Unique : detail::member_list<Ms...> {
  using ctorm_option = detail::unique_option;
};

/// A (non-unique) index over one or more members, in order.
template <auto... Ms>
struct Index : detail::member_list<Ms...> {
  using ctorm_option = detail::index_option;
};

}  // namespace ctorm
