#pragma once
/// \file
/// The Boost.Hana source of `ctorm::reflection`: the fields of a type described with
/// `BOOST_HANA_DEFINE_STRUCT` or `BOOST_HANA_ADAPT_STRUCT`.
///
/// The description gives the names, and one accessor per field. Finding `&T::m` among the
/// fields needs the member pointers themselves, which Hana's public API does not show: both
/// macros make each accessor a `boost::hana::struct_detail::member_ptr<decltype(&T::m), &T::m>`,
/// and ctorm reads the pointer from that type. Other accessors (`BOOST_HANA_ADAPT_ADT`, or a
/// hand-written `accessors_impl`) are refused with a message.

#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/core/to.hpp>
#include <boost/hana/detail/struct_macros.hpp>
#include <boost/hana/pair.hpp>
#include <boost/hana/string.hpp>
#include <boost/hana/tuple.hpp>

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/type_list.hpp"
#include "ctorm/reflect/member.hpp"
#include "ctorm/reflect/reflection.hpp"

namespace ctorm {
namespace detail::hana_source {

template <class Accessor>
struct member_of {
  static constexpr bool is_pointer = false;
};
template <class P, P Pointer>
struct member_of<boost::hana::struct_detail::member_ptr<P, Pointer>> {
  static constexpr bool is_pointer = true;
  static constexpr P pointer = Pointer;
  using type = typename member_pointer_traits<P>::type;
};

template <class M, class P>
consteval bool same_member(P candidate, M wanted) {
  if constexpr (std::is_same_v<P, M>) return candidate == wanted;
  else return false;
}

// Member pointers of different types are different members; of the same type, they compare.
template <auto M, class... Accessors>
consteval std::size_t position_of() {
  constexpr bool hits[] = {same_member(member_of<Accessors>::pointer, M)..., true};
  std::size_t i = 0;
  while (!hits[i]) ++i;
  return i;
}

template <class T>
consteval bool default_constructible() {
  static_assert(std::is_default_constructible_v<T>,
                "ctorm: a table type described with Boost.Hana must be default-constructible - "
                "ctorm reads a row by default-constructing it and assigning each member");
  return std::is_default_constructible_v<T>;
}

template <class T, class Description = decltype(boost::hana::accessors<T>())>
struct fields;

// hana::accessors<T>() is a hana::tuple of hana::pair<name, accessor>, one per field.
template <class T, class... Names, class... Accessors>
struct fields<T, boost::hana::tuple<boost::hana::pair<Names, Accessors>...>> {
  static consteval bool check() {
    if constexpr (!(member_of<Accessors>::is_pointer && ...)) {
      static_assert(always_false<T>,
                    "ctorm: a Boost.Hana description of a table must name data members - use "
                    "BOOST_HANA_DEFINE_STRUCT or BOOST_HANA_ADAPT_STRUCT, not BOOST_HANA_ADAPT_ADT");
      return false;
    } else {
      return default_constructible<T>();
    }
  }

  static consteval std::size_t count() { return sizeof...(Accessors); }

  template <std::size_t I>
  using type = typename member_of<at<I, type_list<Accessors...>>>::type;

  template <std::size_t I>
  static consteval std::string_view name() {
    return boost::hana::to<char const*>(at<I, type_list<Names...>>{});
  }

  template <std::size_t I, class U>
  static constexpr auto& get(U& obj) noexcept {
    return obj.*member_of<at<I, type_list<Accessors...>>>::pointer;
  }

  template <auto M>
  static consteval std::size_t index() {
    constexpr std::size_t found = position_of<M, Accessors...>();
    static_assert(found < sizeof...(Accessors) || involving<members<M>>,
                  "ctorm: this member is not in its type's Boost.Hana description - list it in "
                  "BOOST_HANA_DEFINE_STRUCT or BOOST_HANA_ADAPT_STRUCT");
    return found;
  }

  // Default construction, then one assignment per member in order: a class with constructors
  // and invariants is built the way its own code could build it.
  template <class F>
  static T make(F&& value_of) {
    [[maybe_unused]] constexpr bool ok = default_constructible<T>();
    T obj{};
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((obj.*member_of<Accessors>::pointer =
            value_of.template operator()<typename member_of<Accessors>::type>(I)),
       ...);
    }(std::index_sequence_for<Accessors...>{});
    return obj;
  }
};

}  // namespace detail::hana_source

/// A type described with `BOOST_HANA_DEFINE_STRUCT` or `BOOST_HANA_ADAPT_STRUCT` is read from
/// its description, even when it is also an aggregate. It may have constructors, invariants and
/// other members; it must be default-constructible, since rows are read by default-constructing
/// it and assigning each described member.
template <class T>
  requires boost::hana::Struct<T>::value
struct reflection<T> : detail::hana_source::fields<T> {};

}  // namespace ctorm
