#pragma once
/// \file
/// `HasOne<Target, &Target::fk>` and `HasMany<Target, &Target::fk>`: the inverse side of a
/// `BelongsTo` declared on `Target`.

#include "ctorm/relation/keys.hpp"
#include "ctorm/relation/kind.hpp"

namespace ctorm {

/// At most one `Target` row references this one through `FK` (which must be unique).
template <class Target, auto FK>
struct HasOne : detail::relation_base {
  static constexpr relation_kind kind = relation_kind::has_one;
  using target = Target;
  /// The foreign-key members, on `Target`.
  using keys = detail::as_keys<FK>;
};

/// Any number of `Target` rows reference this one through `FK`.
template <class Target, auto FK>
struct HasMany : detail::relation_base {
  static constexpr relation_kind kind = relation_kind::has_many;
  using target = Target;
  /// The foreign-key members, on `Target`.
  using keys = detail::as_keys<FK>;
};

}  // namespace ctorm
