#pragma once
/// \file
/// `ctorm::reflection<T>`: the one place where ctorm learns the fields of a table struct.

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/reflect/pfr.hpp"

namespace ctorm {

/// The fields of `T`, in order: how many, their types and names, each one of an object, the
/// position of a data-member pointer among them, and how to build a `T` from one value per field.
///
/// Two sources answer. This primary template reads a plain aggregate with Boost.PFR; the
/// opt-in `<ctorm/hana.hpp>` adds a specialisation for types described with
/// `BOOST_HANA_DEFINE_STRUCT` or `BOOST_HANA_ADAPT_STRUCT`. The rest of ctorm asks only through
/// `field_count`, `field_type`, `field_name`, `member_index` and their kin, never a source.
///
/// A source provides:
/// * `check()`: `true`, or a `static_assert` saying why `T` cannot be a table;
/// * `count()`: the number of fields;
/// * `type<I>`: the declared type of field `I`;
/// * `name<I>()`: its name, as declared;
/// * `get<I>(obj)`: field `I` of `obj` (a `T` or `const T`), by reference;
/// * `index<M>()`: the position of the data member `M` (`&T::m`) among the fields;
/// * `make(f)`: a `T` whose field `I` is `f.template operator()<type<I>>(I)`, evaluated in field
///   order. `f` is instantiated per member type, not per field: one reader serves every table.
template <class T>
struct reflection {
  static consteval bool check() {
    if constexpr (requires { typename T::hana_accessors_impl; }) {
      static_assert(detail::always_false<T>,
                    "ctorm: this type is described with BOOST_HANA_DEFINE_STRUCT - #include "
                    "<ctorm/hana.hpp> so that ctorm reads its fields from the description");
      return false;
    } else if constexpr (!std::is_aggregate_v<T> || !std::is_class_v<T>) {
      static_assert(detail::always_false<T>,
                    "ctorm: a table type must be a plain aggregate struct, or be described with "
                    "BOOST_HANA_DEFINE_STRUCT or BOOST_HANA_ADAPT_STRUCT and #include <ctorm/hana.hpp>");
      return false;
    } else if constexpr (detail::pfr_source::first_initializer_is_base<T>) {
      static_assert(detail::always_false<T>,
                    "ctorm: a table struct cannot have a base class - declare the base's members in the "
                    "struct itself");
      return false;
    } else {
      return true;
    }
  }

  static consteval std::size_t count() { return detail::pfr_source::count_fields<T>(); }

  // `Self` keeps the count dependent: a type that check() refuses is never counted.
  template <std::size_t I, class Self = reflection>
  using type = std::remove_reference_t<decltype(detail::pfr_source::get<I, Self::count()>(std::declval<T&>()))>;

  template <std::size_t I>
  static consteval std::string_view name() {
    return detail::pfr_source::field_name<T, I, count()>();
  }

  // Straight to PFR's binding (no pfr_source::get in between): this is on every field access.
  // Why boost::pfr::detail at all: see reflect/pfr.hpp.
  template <std::size_t I, class U>
  static constexpr auto& get(U& obj) noexcept {
    return boost::pfr::detail::sequence_tuple::get<I>(detail::pfr_source::tie<count()>(obj));
  }

  template <auto M>
  static consteval std::size_t index() {
    return detail::pfr_source::index_of<T, count()>(M);
  }

  // Aggregate initialisation: each member is built in place, in order, and T needs no default
  // constructor.
  template <class F>
  static constexpr T make(F&& value_of) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return T{value_of.template operator()<type<I>>(I)...};
    }(std::make_index_sequence<count()>{});
  }
};

}  // namespace ctorm
