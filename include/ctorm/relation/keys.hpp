#pragma once
/// \file
/// Key lists and referential actions used by relations.

#include <array>
#include <string_view>
#include <utility>
#include <cstddef>
#include <type_traits>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/reflect/member.hpp"

namespace ctorm {
namespace detail {

/// The struct declaring the first of `Ms...` (`void` for none).
template <auto... Ms>
struct first_member_owner {
  using type = void;
};
template <auto M, auto... Ms>
struct first_member_owner<M, Ms...> : owner_if_member<M> {};

// Reported from functions: a failed static_assert in a class body would make Clang drop the
// class, and every use of `Keys<>` would fail again after the message.
template <bool NonEmpty>
consteval bool keys_not_empty() {
  static_assert(NonEmpty, "ctorm: Keys<> needs at least one member");
  return NonEmpty;
}
template <bool Members, auto... Ms>
consteval bool keys_are_members() {
  static_assert(Members || involving<members<Ms...>>,
                "ctorm: Keys<> takes data-member pointers such as &Post::author_id");
  return Members;
}

template <auto... Ms>
struct keys_t {
  static_assert(keys_not_empty<(sizeof...(Ms) > 0)>() || true);
  static_assert(keys_are_members<(DataMember<Ms> && ...), Ms...>() || true);
  static constexpr std::size_t size = sizeof...(Ms);
  /// Whether the list names data members and at least one; a relation on keys that are not is
  /// reported once and then left out of the schema's rules.
  static constexpr bool well_formed = sizeof...(Ms) > 0 && (DataMember<Ms> && ...);
  static constexpr std::array<std::size_t, sizeof...(Ms)> indices{index_if_member<Ms>()...};
  /// The struct declaring the first member (all of them, when the relation is checked).
  using owner = typename first_member_owner<Ms...>::type;
  template <class T>
  static constexpr bool all_members_of = (std::is_same_v<typename owner_if_member<Ms>::type, T> && ...);
  /// Calls `f.template operator()<M, K>()` for each member `M` at position `K`.
  template <class F>
  static constexpr void each(F&& f) {
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      (f.template operator()<Ms, K>(), ...);
    }(std::make_index_sequence<sizeof...(Ms)>{});
  }
};

template <class K>
struct as_keys_impl;
template <auto... Ms>
struct as_keys_impl<keys_t<Ms...>> {
  template <auto>
  using type = keys_t<Ms...>;
};
template <class P>
  requires std::is_member_object_pointer_v<P>
struct as_keys_impl<P> {
  template <auto M>
  using type = keys_t<M>;
};

/// `&T::m` -> keys_t<&T::m>; `Keys<&T::a, &T::b>` stays as it is.
template <auto K>
using as_keys = typename as_keys_impl<std::remove_cv_t<decltype(K)>>::template type<K>;

}  // namespace detail

/// Several members forming one composite foreign key:
/// `BelongsTo<Order, ctorm::Keys<&Line::order_year, &Line::order_no>>`.
template <auto... Ms>
inline constexpr detail::keys_t<Ms...> Keys{};

/// What the database does to referencing rows when the referenced row is deleted or its key
/// updated.
enum class action { no_action, restrict, set_null, set_default, cascade };

namespace detail {
struct on_delete_option {};
struct on_update_option {};
struct references_option {};

template <class Kind, action A>
struct action_option {
  using ctorm_relation_option = Kind;
  static constexpr action value = A;
};

constexpr std::string_view action_sql(action a) {
  switch (a) {
    case action::restrict: return "RESTRICT";
    case action::set_null: return "SET NULL";
    case action::set_default: return "SET DEFAULT";
    case action::cascade: return "CASCADE";
    case action::no_action: break;
  }
  return "NO ACTION";
}
}  // namespace detail

/// `BelongsTo` option: the action when the referenced row is deleted.
struct OnDelete {
  using NoAction = detail::action_option<detail::on_delete_option, action::no_action>;
  using Restrict = detail::action_option<detail::on_delete_option, action::restrict>;
  using SetNull = detail::action_option<detail::on_delete_option, action::set_null>;
  using SetDefault = detail::action_option<detail::on_delete_option, action::set_default>;
  using Cascade = detail::action_option<detail::on_delete_option, action::cascade>;
};

/// `BelongsTo` option: the action when the referenced key changes.
struct OnUpdate {
  using NoAction = detail::action_option<detail::on_update_option, action::no_action>;
  using Restrict = detail::action_option<detail::on_update_option, action::restrict>;
  using SetNull = detail::action_option<detail::on_update_option, action::set_null>;
  using SetDefault = detail::action_option<detail::on_update_option, action::set_default>;
  using Cascade = detail::action_option<detail::on_update_option, action::cascade>;
};

/// `BelongsTo` option: reference these unique members of the target instead of its primary key
/// (`References<&User::slug>`).
template <auto... Ms>
struct References {
  using ctorm_relation_option = detail::references_option;
  using keys = detail::keys_t<Ms...>;
};

}  // namespace ctorm
