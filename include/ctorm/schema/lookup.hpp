#pragma once
/// \file
/// What the schema rules, the DDL, relation paths and exports ask of a schema: the columns a
/// foreign key references, the BelongsTo relations of a table, a junction's sides.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "ctorm/detail/type_list.hpp"
#include "ctorm/relation/belongs_to.hpp"
#include "ctorm/relation/has.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/relation/many_to_many.hpp"
#include "ctorm/relation/morph.hpp"
#include "ctorm/relation/through.hpp"
#include "ctorm/schema/keys.hpp"
#include "ctorm/schema/relations.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm {
namespace detail {

/// The field indexes a `BelongsTo` references in its target: `References<...>` or the key.
template <class S, class R>
constexpr auto referenced_columns() {
  if constexpr (std::is_void_v<typename R::references>)
    return table_in<S, typename R::target>::primary_key;
  else
    return R::references::indices;
}

template <class X, class Key>
inline constexpr bool key_type_matches =
    std::is_same_v<X, Key> || std::is_same_v<X, std::optional<Key>>;

template <class R>
inline constexpr bool is_belongs_to = [] {
  if constexpr (relation<R>) return R::kind == relation_kind::belongs_to;
  else return false;
}();

/// Number of `BelongsTo<Side, ...>` in the table `Tb` (with keys `Keys`, unless `void`).
template <class Tb, class Side, class Keys = void>
consteval std::size_t count_belongs_to() {
  std::size_t n = 0;
  Tb::for_each_option([&]<class Opt>() {
    if constexpr (is_belongs_to<Opt>) {
      if constexpr (std::is_same_v<typename Opt::target, Side> &&
                    (std::is_void_v<Keys> || std::is_same_v<typename Opt::keys, Keys>))
        ++n;
    }
  });
  return n;
}

/// The members a ManyToMany names for one side, or `void` when it names none.
template <auto Member>
struct named_keys_of {
  using type = keys_t<Member>;
};
template <>
struct named_keys_of<nullptr> {
  using type = void;
};
template <auto Member>
using named_keys = typename named_keys_of<Member>::type;

template <class R, class Side>
inline constexpr bool belongs_to_side = [] {
  if constexpr (is_belongs_to<R>) return std::is_same_v<typename R::target, Side>;
  else return false;
}();

template <class Side>
struct belongs_to_of {
  template <class R>
  using pred = std::bool_constant<belongs_to_side<R, Side>>;
};
template <class Side, class List>
struct first_belongs_to : find_first_of<belongs_to_of<Side>::template pred, List> {};

/// The junction columns that reference `Side`: the named members, else the first BelongsTo's.
template <class Tj, class Side, class Named>
consteval auto junction_side_columns() {
  using found = typename first_belongs_to<Side, relations_of<Tj>>::type;
  if constexpr (!std::is_void_v<Named>) return Named::indices;
  else if constexpr (std::is_void_v<found>) return std::array<std::size_t, 0>{};
  else return found::keys::indices;
}

template <class S, class Owner, class R>
consteval std::size_t count_belongs_to_in_target() {
  using Tt = table_in<S, typename R::target>;
  return count_belongs_to<Tt, Owner, typename R::keys>();
}

}  // namespace detail

}  // namespace ctorm
