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

consteval std::type_identity<void> first_failing(type_list<>);
template <class C, class... Rest>
consteval auto first_failing(type_list<C, Rest...>);

/// The first failing check of a tree of checks, as `std::type_identity<Check>` (`void` when
/// all hold). The checks after it are not instantiated: they may assume that it holds.
template <class C, class... Rest>
consteval auto first_failing(type_list<C, Rest...>) {
  if constexpr (is_check_list<C>) {
    using found = decltype(detail::first_failing(C{}));
    if constexpr (!std::is_void_v<typename found::type>) return found{};
    else return detail::first_failing(type_list<Rest...>{});
  } else if constexpr (!C::ok) {
    return std::type_identity<C>{};
  } else {
    return detail::first_failing(type_list<Rest...>{});
  }
}
consteval std::type_identity<void> first_failing(type_list<>) { return {}; }

template <class S>
using first_failing_check = typename decltype(detail::first_failing(all_checks<S>{}))::type;

/// Instantiates a broken rule's report, whose static_assert is the compiler's message. Only the
/// report's arguments (a few structs and members) reach the output, never the whole schema.
/// True once the message is out: the compilation has failed already, and a false here would
/// fail the static_assert that asked as well, which prints the whole schema once more.
template <class Report>
inline constexpr bool report_rule = Report::fire() || true;

template <class T>
inline constexpr bool argument_well_formed = true;  // a policy
// table_well_formed spelled out: one level less in the backtrace of a table's message.
template <class T, class... Options>
inline constexpr bool argument_well_formed<Table<T, Options...>> =
    options_ok<check_table<T, Options...>(), T, Options...>();

/// Each table's own rules, asked of the Schema's arguments without instantiating the Schema:
/// a broken table is then reported straight from the line that checks the schema.
template <class... Args>
consteval bool tables_well_formed(std::type_identity<Schema<Args...>>) {
  return (argument_well_formed<Args> && ...);
}
/// A named schema (`struct Blog : ctorm::Schema<...> {}`): the checks of its `Schema<...>`.
template <class S>
consteval bool tables_well_formed(std::type_identity<S>) {
  return tables_well_formed(std::type_identity<typename S::schema_type>{});
}

/// Whether schema `S` follows every rule, asked after `valid<S>` has reported the first broken
/// one: code that would read a broken schema is then not compiled, so nothing else is reported.
template <class S>
consteval bool follows_rules() {
  if constexpr (!detail::tables_well_formed(std::type_identity<S>{})) return false;
  else return std::is_void_v<detail::first_failing_check<S>>;
}
}  // namespace detail

/// Checks schema `S`: when it breaks a rule, the compiler reports the first broken rule with a
/// message that starts with "ctorm:" and says the fix, and the compilation fails there.
/// `static_assert(ctorm::valid<Blog>);`
template <class S>
inline constexpr bool valid = [] {
  if constexpr (!detail::tables_well_formed(std::type_identity<S>{})) {
    return true;  // the table's own message is out (see report_rule)
  } else {
    using failing = detail::first_failing_check<S>;
    if constexpr (std::is_void_v<failing>) return true;
    else return detail::report_rule<typename failing::report>;
  }
}();

}  // namespace ctorm
