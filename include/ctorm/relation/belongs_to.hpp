#pragma once
/// \file
/// `BelongsTo<Target, &T::fk, Options...>`: this table holds a foreign key to `Target`.

#include <type_traits>

#include "ctorm/detail/option_kind.hpp"
#include "ctorm/detail/type_list.hpp"
#include "ctorm/relation/keys.hpp"
#include "ctorm/relation/kind.hpp"

namespace ctorm {
namespace detail {

template <class Kind>
struct relation_option_is {
  template <class Opt>
  using pred = std::bool_constant<relation_option_of<Opt, Kind>>;
};
template <class Kind, class Default, class... Opts>
struct find_relation_option : find_first_of<relation_option_is<Kind>::template pred, type_list<Opts...>, Default> {};

struct no_references {
  using keys = void;
};

template <class Opt>
concept empty_unique = requires { typename Opt::ctorm_option; } &&
                       std::is_same_v<typename Opt::ctorm_option, unique_option> &&
                       Opt::indices.size() == 0;

template <class Opt>
concept belongs_to_option =
    relation_option_of<Opt, on_delete_option> || relation_option_of<Opt, on_update_option> ||
    relation_option_of<Opt, references_option> || empty_unique<Opt>;

// A variable, not the concept, in the assertion: Clang would explain each failed alternative of
// the concept in a note of its own.
template <class Opt>
inline constexpr bool is_belongs_to_option = belongs_to_option<Opt>;

}  // namespace detail

/// The table that lists it holds the foreign key `FK` (a member, or `ctorm::Keys<...>` for a
/// composite key) referencing `Target`'s primary key, or the members named by
/// `References<...>`. Nullable when the members are `std::optional`.
/// Options: `OnDelete::...`, `OnUpdate::...`, `References<&Target::m...>`, `Unique<>` (one-to-one).
template <class Target, auto FK, class... Options>
struct BelongsTo : detail::relation_base {
  static_assert((detail::is_belongs_to_option<Options> && ...),
                "ctorm: BelongsTo options are OnDelete::..., OnUpdate::..., References<...> and Unique<>");
  static constexpr relation_kind kind = relation_kind::belongs_to;
  using target = Target;
  /// The foreign-key members, on the owning struct.
  using keys = detail::as_keys<FK>;
  using owner = typename keys::owner;
  /// The referenced members of `Target` (`void`: its primary key).
  using references =
      typename detail::find_relation_option<detail::references_option, detail::no_references, Options...>::type::keys;
  static constexpr action on_delete =
      detail::find_relation_option<detail::on_delete_option,
                                   detail::action_option<detail::on_delete_option, action::no_action>,
                                   Options...>::type::value;
  static constexpr action on_update =
      detail::find_relation_option<detail::on_update_option,
                                   detail::action_option<detail::on_update_option, action::no_action>,
                                   Options...>::type::value;
  /// True with `Unique<>`: at most one row references each target row.
  static constexpr bool unique = (detail::empty_unique<Options> || ...);
};

}  // namespace ctorm
