#pragma once
/// \file
/// Field count, types and names of a plain aggregate.
///
/// ctorm counts the fields (upwards, with Boost.PFR's probe) and reaches them through PFR's
/// structured binding given that count, which also gives their types. Field names come from
/// `boost::pfr::get_name` on Boost >= 1.84; on older Boost ctorm uses the same
/// technique: the address of each field of a never-defined object, passed as a
/// template argument, is spelled out in `__PRETTY_FUNCTION__`.

#include <boost/version.hpp>
// Only the parts used: <boost/pfr.hpp> would bring in iostreams and <functional>.
#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>
#if BOOST_VERSION >= 108400
#include <boost/pfr/core_name.hpp>
#endif

#include <array>
#include <cstddef>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ctorm/reflect/type_name.hpp"

namespace ctorm {

namespace detail {

template <class T, std::size_t N>
concept initializable_with = requires { typename boost::pfr::detail::enable_if_constructible_helper_t<T, N>; };

// Counts upwards: T{x}, T{x, x}, ... with PFR's convertible-to-anything argument, until one
// fails. PFR's own search starts at sizeof(T) * CHAR_BIT / 2 arguments (bit-fields) and costs
// the compiler far more for the plain structs tables are.
template <class T, std::size_t N = 0>
consteval std::size_t count_fields_upwards() {
  if constexpr (initializable_with<T, N + 1>) return count_fields_upwards<T, N + 1>();
  else return N;
}

template <class T>
consteval std::size_t count_fields() {
  if constexpr (std::is_class_v<T> && std::is_aggregate_v<T> && initializable_with<T, 0>) {
    constexpr std::size_t n = count_fields_upwards<T>();
    // PFR's check that the first initialiser is not a base class, with its message.
    boost::pfr::detail::assert_first_not_base<T>(boost::pfr::detail::make_index_sequence<n>{});
    return n;
  } else {
    return boost::pfr::tuple_size_v<T>;  // PFR's search, and its diagnostics
  }
}

}  // namespace detail

/// Number of fields of the aggregate `T`.
template <class T>
inline constexpr std::size_t field_count = detail::count_fields<T>();

namespace detail {

/// The fields of `obj` as a tuple of references: PFR's structured binding, given ctorm's count.
template <class T>
constexpr auto tie_fields(T& obj) noexcept {
  return boost::pfr::detail::tie_as_tuple(obj, boost::pfr::detail::size_t_<field_count<std::remove_cv_t<T>>>{});
}

/// Field `I` of `obj` (like `boost::pfr::get`).
template <std::size_t I, class T>
constexpr auto& field_ref(T& obj) noexcept {
  return boost::pfr::detail::sequence_tuple::get<I>(tie_fields(obj));
}

}  // namespace detail

/// Type of field `I` of the aggregate `T`.
template <class T, std::size_t I>
using field_type = std::remove_reference_t<decltype(detail::field_ref<I>(std::declval<T&>()))>;

namespace detail {

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#pragma clang diagnostic ignored "-Wundefined-internal"
#endif

template <class T>
struct fake_object_wrapper {
  const T value;
};

// Declared, never defined: only addresses of its fields are ever taken.
template <class T>
extern const fake_object_wrapper<T> ctorm_do_not_use_local_types_as_tables;

template <class T>
constexpr const T& fake_object() noexcept {
  return ctorm_do_not_use_local_types_as_tables<T>.value;
}

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

// Clang 14 rejects a bare pointer to a subobject as a template argument; a wrapper is accepted.
template <class P>
struct address_box {
  const P* ptr;
};

template <class T, std::size_t I>
consteval auto field_address() noexcept {
  auto& field = field_ref<I>(const_cast<T&>(fake_object<T>()));
  return address_box<std::remove_cvref_t<decltype(field)>>{std::addressof(field)};
}

#if BOOST_VERSION < 108400
template <auto Box>
consteval auto signature_of_address() {
  return std::string_view{__PRETTY_FUNCTION__};
}

/// The last identifier before the closing brackets: GCC prints
/// "...value.ns::Post::author_id))}]", Clang "...value.author_id}]".
consteval std::string_view last_identifier(std::string_view sig) {
  std::size_t end = sig.size();
  while (end > 0 && (sig[end - 1] == ']' || sig[end - 1] == '}' || sig[end - 1] == ')' ||
                     sig[end - 1] == ' '))
    --end;
  std::size_t begin = end;
  while (begin > 0) {
    const char c = sig[begin - 1];
    const bool ident = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (!ident) break;
    --begin;
  }
  return sig.substr(begin, end - begin);
}

template <class T, std::size_t I>
consteval std::string_view raw_field_name() {
  return last_identifier(signature_of_address<field_address<T, I>()>());
}
#else
template <class T, std::size_t I>
consteval std::string_view raw_field_name() {
  return boost::pfr::get_name<I, T>();
}
#endif

template <class T, std::size_t I>
inline constexpr auto field_name_storage =
    stored_name<raw_field_name<T, I>().size()>{raw_field_name<T, I>()};

}  // namespace detail

/// Name of field `I` of the aggregate `T`, as written in its declaration.
template <class T, std::size_t I>
inline constexpr std::string_view field_name = detail::field_name_storage<T, I>.view();

/// Names of all fields of `T`, in declaration order.
template <class T>
inline constexpr auto field_names = []<std::size_t... I>(std::index_sequence<I...>) {
  return std::array<std::string_view, sizeof...(I)>{field_name<T, I>...};
}(std::make_index_sequence<field_count<T>>{});

}  // namespace ctorm
