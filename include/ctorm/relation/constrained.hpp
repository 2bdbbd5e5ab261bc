#pragma once
/// \file
/// `Constrained<R, Parts...>`: a relation with conditions and a default order of its own, such
/// as a user's published posts, newest first. The conditions are constants of the schema,
/// written into every statement that walks the relation.

#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/type_list.hpp"
#include "ctorm/reflect/member.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/schema/options.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm {
namespace detail {

struct condition_part {};
struct order_part {};

template <class P>
concept relation_condition = requires { typename P::ctorm_relation_part; } &&
                             std::is_same_v<typename P::ctorm_relation_part, condition_part>;
template <class P>
concept relation_order = requires { typename P::ctorm_relation_part; } &&
                         std::is_same_v<typename P::ctorm_relation_part, order_part>;

template <class P>
struct is_condition_pred : std::bool_constant<relation_condition<P>> {};

template <class P>
struct order_terms_of {
  using type = type_list<>;
};
template <relation_order P>
struct order_terms_of<P> {
  using type = typename P::terms;
};

}  // namespace detail

/// A relation condition: the member `M` equals the constant `V` (a number, `true`/`false`, an
/// enumerator or a string literal, checked against the member as `Default<>` is). `create`
/// through the relation sets the member to it.
template <auto M, detail::default_value V>
  requires DataMember<M>
struct Is {
  using ctorm_relation_part = detail::condition_part;
  using owner = member_owner<M>;
  static constexpr std::size_t index = member_index<M>;
  /// Whether the value fits the member; `ctorm::valid` says why not (rule 8), from the top of
  /// the check rather than from wherever the class is first instantiated.
  static constexpr bool well_formed = detail::default_fits<member_type<M>, V>();
  static constexpr auto member = M;
  static constexpr auto given = V;
  static constexpr auto value = detail::default_literal<member_type<M>, V>();

  /// Writes the test that follows the column: ` = <literal>`.
  template <class D>
  static constexpr void write_test(auto& out) {
    constexpr value_kind kind = column_traits<member_type<M>>::kind;
    out.put(" = ");
    if constexpr (!well_formed) return;
    else if constexpr (kind == value_kind::boolean) D::boolean_literal(out, value);
    else if constexpr (kind == value_kind::real) D::real_literal(out, value);
    else if constexpr (kind == value_kind::text) D::string_literal(out, value);
    else D::integer(out, value);
  }

  /// Gives `row` the value the condition fixes.
  template <class T>
  static void fill(T& row) {
    using X = typename column_traits<member_type<M>>::value_type;
    if constexpr (well_formed) {
      if constexpr (column_traits<member_type<M>>::kind == value_kind::text) row.*M = std::string(value);
      else row.*M = static_cast<X>(value);
    }
  }
};

namespace detail {
// The checks of the parts below report from function bodies: a failed static_assert in a class
// body would make Clang drop the class, and every use of it would fail again.
template <auto M>
consteval bool null_condition_on_optional() {
  constexpr bool nullable = column_traits<member_type<M>>::nullable;
  static_assert(nullable || involving<members<M>>,
                "ctorm: IsNull<&T::m> and IsNotNull<&T::m> take a member that can be NULL - make it "
                "std::optional, or drop the condition");
  return nullable;
}
template <bool ToMany, class... Involved>
consteval bool constrained_relation_kind() {
  static_assert(ToMany || involving<Involved...>,
                "ctorm: Constrained<R, ...> takes a HasOne, HasMany, ManyToMany, MorphOne, MorphMany or "
                "a through relation - a BelongsTo or a MorphTo names one row by its key");
  return ToMany;
}
template <bool Parts, class... Involved>
consteval bool constrained_parts() {
  static_assert(Parts || involving<Involved...>, "ctorm: Constrained<R, ...> takes conditions (Is<>, IsNull<>, IsNotNull<>) and OrderBy<>");
  return Parts;
}

/// `IsNull<M>` (`Null`) or `IsNotNull<M>`.
template <auto M, bool Null>
struct null_condition {
  static_assert(null_condition_on_optional<M>() || true);
  using ctorm_relation_part = condition_part;
  using owner = member_owner<M>;
  static constexpr std::size_t index = member_index<M>;

  template <class D>
  static constexpr void write_test(auto& out) {
    out.put(Null ? " IS NULL" : " IS NOT NULL");
  }
  /// IsNull clears the member; IsNotNull fixes no value, so the row keeps its own.
  template <class T>
  static void fill(T& row) {
    if constexpr (Null && column_traits<member_type<M>>::nullable) row.*M = std::nullopt;
  }
};
}  // namespace detail

/// A relation condition: the member `M` (a `std::optional`) is NULL. `create` through the
/// relation clears it.
template <auto M>
  requires DataMember<M>
struct IsNull : detail::null_condition<M, true> {};

/// A relation condition: the member `M` (a `std::optional`) is not NULL.
template <auto M>
  requires DataMember<M>
struct IsNotNull : detail::null_condition<M, false> {};

/// A relation's default order: `OrderBy<ctorm::desc<&Post::created_at>, ctorm::asc<&Post::id>>`.
/// Loads and `related` use it unless they are given an order of their own.
template <auto... Terms>
struct OrderBy {
  using ctorm_relation_part = detail::order_part;
  using terms = detail::type_list<std::remove_cvref_t<decltype(Terms)>...>;
};

/// Relation `R` restricted by conditions (`Is<>`, `IsNull<>`, `IsNotNull<>`) on the target's
/// members (for a ManyToMany, also on the junction's: pivot conditions) and given a default
/// order (`OrderBy<>`). Every statement that walks it — eager loads, `load`, `related`,
/// `join`, `where_has`, `with_count`, attach/detach/sync — carries the conditions, as SQL
/// constants. Declared on the owner's table like `R`, under a name of its own:
/// `using published = Constrained<HasMany<Post, &Post::author_id>, Is<&Post::published, true>>`.
template <class R, class... Parts>
struct Constrained : R {
  static_assert(detail::constrained_relation_kind<R::kind != relation_kind::belongs_to &&
                                                 R::kind != relation_kind::morph_to,
                                                 R>() ||
                true);
  static_assert(detail::constrained_parts<((detail::relation_condition<Parts> ||
                                            detail::relation_order<Parts>) && ...),
                                          Parts...>() ||
                true);
  /// The conditions, each on a table the relation walks.
  using conditions = detail::filter<detail::is_condition_pred, detail::type_list<Parts...>>;
  /// The default order's terms, in order.
  using default_order = detail::concat<detail::type_list<>, typename detail::order_terms_of<Parts>::type...>;
};

namespace detail {
/// The conditions of relation `R` (none unless it is `Constrained`).
template <class R>
struct conditions_of {
  using type = type_list<>;
};
template <class R, class... Parts>
struct conditions_of<Constrained<R, Parts...>> {
  // A Constrained of a Constrained keeps the inner conditions too.
  using type = concat<typename conditions_of<R>::type, typename Constrained<R, Parts...>::conditions>;
};
/// The default order of relation `R` (none unless it is `Constrained`).
template <class R>
struct default_order_of {
  using type = type_list<>;
};
template <class R, class... Parts>
struct default_order_of<Constrained<R, Parts...>> {
  // Its own order, else the inner relation's.
  using own = typename Constrained<R, Parts...>::default_order;
  using type = std::conditional_t<(own::size > 0), own, typename default_order_of<R>::type>;
};
}  // namespace detail

}  // namespace ctorm
