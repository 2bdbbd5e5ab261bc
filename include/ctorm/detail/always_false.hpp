#pragma once

namespace ctorm::detail {

/// False, but only once `T` is known: a `static_assert` on it fires in the branch that is
/// instantiated, not where the template is defined.
template <class>
inline constexpr bool always_false = false;

}  // namespace ctorm::detail
