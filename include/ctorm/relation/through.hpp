#pragma once
/// \file
/// `HasOneThrough<R1, R2>` and `HasManyThrough<R1, R2, ...>`: chains of relations.

#include <tuple>

#include "ctorm/relation/kind.hpp"

namespace ctorm {

/// The row at the end of a chain of to-one relations (`HasOneThrough<profile, avatar>`).
template <class R1, class R2, class... Rs>
struct HasOneThrough : detail::relation_base {
  static constexpr relation_kind kind = relation_kind::has_one_through;
  using steps = std::tuple<R1, R2, Rs...>;
  using target = typename std::tuple_element_t<sizeof...(Rs) + 1, steps>::target;
};

/// The rows at the end of a chain of relations (`HasManyThrough<posts, comments>`: a user's
/// posts' comments). Each step's target is the next step's owner.
template <class R1, class R2, class... Rs>
struct HasManyThrough : detail::relation_base {
  static constexpr relation_kind kind = relation_kind::has_many_through;
  using steps = std::tuple<R1, R2, Rs...>;
  using target = typename std::tuple_element_t<sizeof...(Rs) + 1, steps>::target;
};

}  // namespace ctorm
