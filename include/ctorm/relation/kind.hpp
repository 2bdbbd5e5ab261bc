#pragma once
/// \file
/// What every relation type has in common.

#include <concepts>
#include <type_traits>

#include "ctorm/detail/option_kind.hpp"

namespace ctorm {

/// The kinds of relation ctorm knows.
enum class relation_kind {
  belongs_to,
  has_one,
  has_many,
  many_to_many,
  has_one_through,
  has_many_through,
  morph_to,
  morph_one,
  morph_many,
  morph_as,
};

namespace detail {

struct relation_base {
  using ctorm_option = relation_option;
};

template <class R>
concept relation = requires {
  typename R::ctorm_option;
  { R::kind } -> std::convertible_to<relation_kind>;
} && std::is_same_v<typename R::ctorm_option, relation_option>;

/// True for relations whose loaded value is at most one row.
constexpr bool is_to_one(relation_kind k) {
  return k == relation_kind::belongs_to || k == relation_kind::has_one ||
         k == relation_kind::has_one_through || k == relation_kind::morph_to ||
         k == relation_kind::morph_one || k == relation_kind::morph_as;
}

template <class Opt, class Kind>
concept relation_option_of = requires { typename Opt::ctorm_relation_option; } &&
                             std::is_same_v<typename Opt::ctorm_relation_option, Kind>;

}  // namespace detail

template <class R, class... Parts>
struct Constrained;
template <class R, class Target>
struct MorphAs;

namespace detail {
/// The relation `R` declares, without the conditions and order of a `Constrained`: what decides
/// its tables, keys and junction.
template <class R>
struct base_relation_of {
  using type = R;
};
template <class R, class... Parts>
struct base_relation_of<Constrained<R, Parts...>> : base_relation_of<R> {};
template <class R>
using base_relation = typename base_relation_of<R>::type;

template <class R>
inline constexpr bool is_constrained = !std::is_same_v<base_relation<R>, R>;

/// The relation a table declares to make `R` usable on it: `R` itself, or the `MorphTo` of a
/// `MorphAs`, which is a view of that declared relation and is never declared apart.
template <class R>
struct declared_relation_of {
  using type = R;
};
template <class R, class Target>
struct declared_relation_of<MorphAs<R, Target>> {
  using type = R;
};
template <class R>
using declared_relation = typename declared_relation_of<R>::type;
}  // namespace detail

/// A relation type: `BelongsTo`, `HasOne`, `HasMany`, `ManyToMany`, the through and morph kinds.
template <class R>
concept Relation = detail::relation<R>;

}  // namespace ctorm
