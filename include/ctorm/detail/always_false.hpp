#pragma once

namespace ctorm::detail {

/// False, but only once `T` is known: a `static_assert` on it fires in the branch that is
/// instantiated, not where the template is defined.
template <class>
inline constexpr bool always_false = false;

/// False, whatever it names. `static_assert(ok || involving<Post, R>, message)` fails as
/// `ok` does, and the compiler's note shows the structs, members and relations involved (GCC
/// would print only `'ok' evaluates to false`).
template <class...>
inline constexpr bool involving = false;

/// Members as a type, for `involving`: `involving<members<&Post::title>>`.
template <auto...>
struct members {};

}  // namespace ctorm::detail
