#pragma once
/// \file
/// Polymorphic relations: a (type, id) pair of columns that references one of several tables.

#include <tuple>
#include <type_traits>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/reflect/member.hpp"

namespace ctorm {

namespace detail {
// Reported from a function: a failed static_assert in a class body would make Clang drop the
// class, and every use of the relation would fail again after the message.
template <bool Members, auto... Columns>
consteval bool morph_columns_are_members() {
  static_assert(Members || involving<members<Columns...>>,
                "ctorm: MorphTo takes the type and id members, such as &Like::target_type, &Like::target_id");
  return Members;
}
}  // namespace detail

/// This table references a row of one of `Targets...`: `TypeColumn` holds the target's table
/// name, `IdColumn` its key. ctorm creates an index on (type, id).
template <auto TypeColumn, auto IdColumn, class... Targets>
struct MorphTo : detail::relation_base {
  /// Whether both columns are data members; the table's checks stop at a MorphTo whose are not.
  static constexpr bool columns_are_members = DataMember<TypeColumn> && DataMember<IdColumn>;
  static_assert(detail::morph_columns_are_members<columns_are_members, TypeColumn, IdColumn>() || true);
  static_assert(sizeof...(Targets) > 0 || detail::involving<detail::members<TypeColumn, IdColumn>>, "ctorm: MorphTo needs at least one target struct");
  static constexpr relation_kind kind = relation_kind::morph_to;
  using owner = typename detail::owner_if_member<TypeColumn>::type;
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

namespace detail {
/// Whether `R` is a `MorphTo` that lists `Target` among its targets.
template <class R, class Target>
inline constexpr bool is_morph_target = false;
template <auto TypeColumn, auto IdColumn, class... Targets, class Target>
inline constexpr bool is_morph_target<MorphTo<TypeColumn, IdColumn, Targets...>, Target> =
    (std::is_same_v<Targets, Target> || ...);
}  // namespace detail

/// The `MorphTo` `R`, only where it points at a row of `Target` (one of `R`'s targets): a
/// relation to `Target` that joins on (id = `Target`'s key) where the type column holds
/// `Target`'s table name. Usable wherever `R` is declared, without a declaration of its own:
/// `where_has<MorphAs<commentable, Post>>(...)`, `with_count`, `join`, `with` (an optional
/// `Target` per row) and `related`.
template <class R, class Target>
struct MorphAs : R {
  static_assert(detail::is_morph_target<R, Target>,
                "ctorm: MorphAs<R, Target> takes a MorphTo R and one of the structs R lists as targets - "
                "name one of R's targets, or add the struct to R's target list");
  static constexpr relation_kind kind = relation_kind::morph_as;
  using target = Target;
};

}  // namespace ctorm
