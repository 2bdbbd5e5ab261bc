#pragma once
/// \file
/// What a data-member pointer tells: its owner, its type, its field index and name.

#include <cstddef>
#include <string_view>
#include <type_traits>

#include "ctorm/reflect/field_names.hpp"

namespace ctorm {
namespace detail {

template <class P>
struct member_pointer_traits {
  static constexpr bool is_member = false;
};

template <class C, class M>
struct member_pointer_traits<M C::*> {
  static constexpr bool is_member = !std::is_function_v<M>;
  using owner = C;
  using type = M;
};

}  // namespace detail

/// True when `M` is a pointer to a data member, such as `&Post::author_id`.
template <auto M>
concept DataMember = detail::member_pointer_traits<decltype(M)>::is_member;

/// The struct that declares the member: `member_owner<&Post::author_id>` is `Post`.
template <auto M>
  requires DataMember<M>
using member_owner = typename detail::member_pointer_traits<decltype(M)>::owner;

/// The member's declared type: `member_type<&Post::author_id>` is `std::int64_t`.
template <auto M>
  requires DataMember<M>
using member_type = typename detail::member_pointer_traits<decltype(M)>::type;

/// Position of the member among its owner's fields.
template <auto M>
  requires DataMember<M>
inline constexpr std::size_t member_index = reflection<member_owner<M>>::template index<M>();

/// The member's name: `member_name<&Post::author_id>` is "author_id".
template <auto M>
  requires DataMember<M>
inline constexpr std::string_view member_name = field_name<member_owner<M>, member_index<M>>;

namespace detail {
/// The struct declaring `M`, or `void` when `M` is no data member: for lists of members that
/// report a wrong one and must stay usable after the message.
template <auto M>
struct owner_if_member {
  using type = void;
};
template <auto M>
  requires DataMember<M>
struct owner_if_member<M> {
  using type = member_owner<M>;
};

/// `member_index<M>`, or 0 when `M` is no data member (see `owner_if_member`).
template <auto M>
consteval std::size_t index_if_member() {
  if constexpr (DataMember<M>) return member_index<M>;
  else return 0;
}
}  // namespace detail

}  // namespace ctorm
