#pragma once
/// \file
/// `ctorm::valid<Schema>`: every rule a schema must follow (`schema/rules.hpp`), checked by the
/// compiler in rule order, stopping at the first failure: one message per mistake.

#include <type_traits>

#include "ctorm/detail/type_list.hpp"
#include "ctorm/schema/rules.hpp"
#include "ctorm/schema/schema.hpp"

namespace ctorm {
namespace detail {

template <class C>
inline constexpr bool is_check_list = false;
template <class... Cs>
inline constexpr bool is_check_list<type_list<Cs...>> = true;

consteval bool run_checks(type_list<>);
template <class C, class... Rest>
consteval bool run_checks(type_list<C, Rest...>);

/// Runs one check, or every check of a sub-list; false (after its message) on the first failure.
template <class C>
consteval bool run_check() {
  if constexpr (is_check_list<C>) {
    return run_checks(C{});
  } else if constexpr (!C::ok) {
    C::fire();
    return false;
  } else {
    return true;
  }
}

template <class C, class... Rest>
consteval bool run_checks(type_list<C, Rest...>) {
  if constexpr (!run_check<C>()) return false;
  else if constexpr (sizeof...(Rest) == 0) return true;
  else return run_checks(type_list<Rest...>{});
}
consteval bool run_checks(type_list<>) { return true; }

template <class S>
consteval bool tables_well_formed() {
  bool ok = true;
  S::for_each_table([&]<class Tb>() { ok = ok && Tb::well_formed; });
  return ok;
}

}  // namespace detail

/// True when schema `S` follows every rule; otherwise the compiler reports the first broken
/// rule with a message that starts with "ctorm:" and says the fix.
/// `static_assert(ctorm::valid<Blog>);`
template <class S>
inline constexpr bool valid = [] {
  if constexpr (!detail::tables_well_formed<S>()) return false;
  else return detail::run_checks(detail::all_checks<S>{});
}();

}  // namespace ctorm
