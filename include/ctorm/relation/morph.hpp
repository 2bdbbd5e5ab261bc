#pragma once
/// \file
/// Polymorphic relations: a (type, id) pair of columns that references one of several tables.

#include <tuple>

#include "ctorm/relation/kind.hpp"
#include "ctorm/reflect/member.hpp"

namespace ctorm {

/// This table references a row of one of `Targets...`: `TypeColumn` holds the target's table
/// name, `IdColumn` its key. ctorm creates an index on (type, id).
template <auto TypeColumn, auto IdColumn, class... Targets>
struct MorphTo : detail::relation_base {
  static_assert(DataMember<TypeColumn> && DataMember<IdColumn>,
                "ctorm: MorphTo takes the type and id members, such as &Like::target_type, &Like::target_id");
  static_assert(sizeof...(Targets) > 0, "ctorm: MorphTo needs at least one target struct");
  static constexpr relation_kind kind = relation_kind::morph_to;
  using owner = member_owner<TypeColumn>;
  using targets = std::tuple<Targets...>;
  static constexpr auto type_column = TypeColumn;
  static constexpr auto id_column = IdColumn;
};

/// At most one `Target` row references this one through its `MorphTo` on (type, id).
template <class Target, auto TypeColumn, auto IdColumn>
struct MorphOne : detail::relation_base {
  static constexpr relation_kind kind = relation_kind::morph_one;
  using target = Target;
  static constexpr auto type_column = TypeColumn;
  static constexpr auto id_column = IdColumn;
};

/// Any number of `Target` rows reference this one through their `MorphTo` on (type, id).
template <class Target, auto TypeColumn, auto IdColumn>
struct MorphMany : detail::relation_base {
  static constexpr relation_kind kind = relation_kind::morph_many;
  using target = Target;
  static constexpr auto type_column = TypeColumn;
  static constexpr auto id_column = IdColumn;
};

}  // namespace ctorm
