#pragma once
/// \file
/// `ManyToMany<Target, Junction>`: rows linked through a junction table.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "ctorm/relation/kind.hpp"
#include "ctorm/reflect/member.hpp"

namespace ctorm {

/// Links this table to `Target` through the junction struct `Junction`, whose extra members
/// are pivot data. The junction's foreign keys are found when it has exactly one `BelongsTo`
/// to each side; otherwise name them: `ManyToMany<Tag, PostTag, &PostTag::post_id, &PostTag::tag_id>`.
/// Without a junction (`ManyToMany<Tag>`) ctorm owns the join table: named after both tables
/// in alphabetical order (`posts_tags`), columns `post_id` and `tag_id`, both ON DELETE CASCADE.
template <class Target, class Junction = void, auto OwnerKey = nullptr, auto TargetKey = nullptr>
struct ManyToMany : detail::relation_base {
  static_assert((std::is_null_pointer_v<decltype(OwnerKey)> && std::is_null_pointer_v<decltype(TargetKey)>) ||
                    (DataMember<OwnerKey> && DataMember<TargetKey>),
                "ctorm: ManyToMany names both junction members or neither");
  static constexpr relation_kind kind = relation_kind::many_to_many;
  using target = Target;
  /// The junction struct; `void` when ctorm owns the join table.
  using junction = Junction;
  static constexpr bool named_keys = !std::is_null_pointer_v<decltype(OwnerKey)>;
  static constexpr auto owner_key = OwnerKey;
  static constexpr auto target_key = TargetKey;
};

}  // namespace ctorm
