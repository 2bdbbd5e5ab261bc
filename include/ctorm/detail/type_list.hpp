#pragma once
// Minimal type-list algorithms for schema work; plain templates keep instantiations cheap.

#include <cstddef>
#include <type_traits>
#include <utility>

namespace ctorm::detail {

template <class... Ts>
struct type_list {
  static constexpr std::size_t size = sizeof...(Ts);
  /// Calls `f.template operator()<T>()` for each element.
  template <class F>
  static constexpr void each(F&& f) {
    (f.template operator()<Ts>(), ...);
  }
};

/// Position of the first `T` in `Ts...` (`sizeof...(Ts)` when absent).
template <class T, class... Ts>
consteval std::size_t index_of_type() {
  constexpr bool matches[] = {std::is_same_v<T, Ts>..., true};
  std::size_t i = 0;
  while (!matches[i]) ++i;
  return i;
}

template <std::size_t I, class T>
struct indexed {
  using type = T;
};
template <class Indices, class... Ts>
struct indexed_pack;
template <std::size_t... I, class... Ts>
struct indexed_pack<std::index_sequence<I...>, Ts...> : indexed<I, Ts>... {};
template <std::size_t I, class T>
indexed<I, T> indexed_base(const indexed<I, T>*);  // never defined: picks the base numbered I

/// Element `I` of `Ts...`. One class per pack, whose bases are numbered, and overload
/// resolution to find base `I`: no recursion, and no instantiation per position.
template <std::size_t I, class... Ts>
using pack_at = typename decltype(detail::indexed_base<I>(
    static_cast<const indexed_pack<std::index_sequence_for<Ts...>, Ts...>*>(nullptr)))::type;

template <class... Lists>
struct concat_impl;
template <>
struct concat_impl<> {
  using type = type_list<>;
};
template <class... As>
struct concat_impl<type_list<As...>> {
  using type = type_list<As...>;
};
template <class... As, class... Bs, class... Rest>
struct concat_impl<type_list<As...>, type_list<Bs...>, Rest...>
    : concat_impl<type_list<As..., Bs...>, Rest...> {};
template <class... Lists>
using concat = typename concat_impl<Lists...>::type;

template <class T, class List>
inline constexpr bool list_contains = false;
template <class T, class... Ts>
inline constexpr bool list_contains<T, type_list<Ts...>> = (std::is_same_v<T, Ts> || ...);

template <class Done, class... Ts>
struct unique_impl {
  using type = Done;
};
template <class... Done, class T, class... Ts>
struct unique_impl<type_list<Done...>, T, Ts...>
    : unique_impl<std::conditional_t<list_contains<T, type_list<Done...>>, type_list<Done...>,
                                     type_list<Done..., T>>,
                  Ts...> {};
template <class List>
struct unique_of;
template <class... Ts>
struct unique_of<type_list<Ts...>> : unique_impl<type_list<>, Ts...> {};
/// The list without repeated types, first occurrences kept.
template <class List>
using unique = typename unique_of<List>::type;

/// The elements `T` of the list for which `Pred<T>::value` holds.
template <template <class> class Pred, class List>
struct filter_of;
template <template <class> class Pred, class... Ts>
struct filter_of<Pred, type_list<Ts...>> {
  using type = concat<std::conditional_t<Pred<Ts>::value, type_list<Ts>, type_list<>>...>;
};
template <template <class> class Pred, class List>
using filter = typename filter_of<Pred, List>::type;

/// The first `T` of the list for which `Pred<T>::value` holds, else `Default`. Stops at the
/// first match: later elements are not looked at.
template <template <class> class Pred, class List, class Default = void>
struct find_first_of;
template <template <class> class Pred, class Default>
struct find_first_of<Pred, type_list<>, Default> {
  using type = Default;
};
template <template <class> class Pred, class T, class... Ts, class Default>
struct find_first_of<Pred, type_list<T, Ts...>, Default>
    : std::conditional_t<Pred<T>::value, std::type_identity<T>, find_first_of<Pred, type_list<Ts...>, Default>> {};
template <template <class> class Pred, class List, class Default = void>
using find_first = typename find_first_of<Pred, List, Default>::type;

template <std::size_t I, class List>
struct at_of;
template <std::size_t I, class T, class... Ts>
struct at_of<I, type_list<T, Ts...>> : at_of<I - 1, type_list<Ts...>> {};
template <class T, class... Ts>
struct at_of<0, type_list<T, Ts...>> {
  using type = T;
};
template <std::size_t I, class List>
using at = typename at_of<I, List>::type;

}  // namespace ctorm::detail
