#pragma once
/// \file
/// Field count, types and names of a table struct, as `ctorm::reflection` reports them.

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ctorm/reflect/reflection.hpp"
#include "ctorm/reflect/type_name.hpp"

namespace ctorm {

/// Number of fields of `T`.
template <class T>
inline constexpr std::size_t field_count = reflection<T>::count();

/// Type of field `I` of `T`.
template <class T, std::size_t I>
using field_type = typename reflection<T>::template type<I>;

namespace detail {

/// Field `I` of `obj` (like `boost::pfr::get`); const when `obj` is.
template <std::size_t I, class T>
constexpr auto& field_ref(T& obj) noexcept {
  return reflection<std::remove_cv_t<T>>::template get<I>(obj);
}

template <class T, std::size_t I>
inline constexpr auto field_name_storage =
    stored_name<reflection<T>::template name<I>().size()>{reflection<T>::template name<I>()};

}  // namespace detail

/// Name of field `I` of `T`, as written in its declaration.
template <class T, std::size_t I>
inline constexpr std::string_view field_name = detail::field_name_storage<T, I>.view();

/// Names of all fields of `T`, in declaration order.
template <class T>
inline constexpr auto field_names = []<std::size_t... I>(std::index_sequence<I...>) {
  return std::array<std::string_view, sizeof...(I)>{field_name<T, I>...};
}(std::make_index_sequence<field_count<T>>{});

}  // namespace ctorm
