#pragma once
/// \file
/// `MorphToMany` and `MorphedByMany`: many-to-many links shared by several tables through one
/// junction with a type column (Eloquent's `morphToMany` / `morphedByMany`): tags of posts and
/// of videos in one `taggables` table.

#include "ctorm/reflect/member.hpp"
#include "ctorm/relation/kind.hpp"

namespace ctorm {

/// Links this table (one of several, told apart by the junction's `TypeMember`, which holds
/// this table's name) to `Target` through `Junction`: `MorphToMany<Tag, Taggable,
/// &Taggable::taggable_type, &Taggable::taggable_id>` on posts and on videos. The junction has
/// one `BelongsTo<Target, ...>`; its other members are pivot data. Loads, joins, `where_has`,
/// `with_count`, attach/detach/sync work as for a `ManyToMany`.
template <class Target, class Junction, auto TypeMember, auto IdMember>
  requires DataMember<TypeMember> && DataMember<IdMember>
struct MorphToMany : detail::relation_base {
  static constexpr relation_kind kind = relation_kind::many_to_many;
  using target = Target;
  using junction = Junction;
  static constexpr auto type_column = TypeMember;
  static constexpr auto id_column = IdMember;
  /// The owner is the side the type column names.
  static constexpr bool owner_is_morph = true;
};

/// The other side of a `MorphToMany`: the rows of one of the tables (`Target`) that share the
/// junction: `MorphedByMany<Post, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>`
/// on tags gives a tag's posts.
template <class Target, class Junction, auto TypeMember, auto IdMember>
  requires DataMember<TypeMember> && DataMember<IdMember>
struct MorphedByMany : detail::relation_base {
  static constexpr relation_kind kind = relation_kind::many_to_many;
  using target = Target;
  using junction = Junction;
  static constexpr auto type_column = TypeMember;
  static constexpr auto id_column = IdMember;
  static constexpr bool owner_is_morph = false;
};

namespace detail {
template <class R>
concept morph_many_relation = requires {
  R::owner_is_morph;
  R::type_column;
  R::id_column;
};
}  // namespace detail

}  // namespace ctorm
