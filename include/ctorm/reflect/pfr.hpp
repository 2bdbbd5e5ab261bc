#pragma once
/// \file
/// The Boost.PFR source of `ctorm::reflection`: the fields of a plain aggregate.
///
/// ctorm counts the fields itself, upwards, with an argument convertible to any member type,
/// and reaches them through PFR's structured binding given that count, which also gives their
/// types. Field names come from `boost::pfr::get_name` on Boost >= 1.84; on older Boost ctorm
/// uses the same technique: the address of each field of a never-defined object, passed as a
/// template argument, is spelled out in `__PRETTY_FUNCTION__`. That object is why such a
/// struct must be declared at namespace scope: a local type cannot name a variable defined
/// elsewhere.
///
/// What remains of `boost::pfr::detail` is the structured binding of a struct whose field count
/// is given (`tie_as_tuple`, `size_t_`, `sequence_tuple::get`). Boost 1.81's public API
/// (`boost::pfr::get`, `structure_tie`, `tuple_size`) binds only after counting the fields with
/// its own search, which starts at 8 * sizeof(T) / 2 initialisers (it allows for bit-fields) and
/// costs the compiler far more than ctorm's count for the plain structs tables are.

#include <boost/version.hpp>
// Only the parts used: <boost/pfr.hpp> would bring in iostreams and <functional>.
#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>
#if BOOST_VERSION >= 108400
#include <boost/pfr/core_name.hpp>
#endif

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ctorm/detail/memory.hpp"

namespace ctorm::detail::pfr_source {

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wmissing-braces"
#pragma clang diagnostic ignored "-Wmissing-field-initializers"
#endif

// Initialisers that convert to any member type; never called, only tried. A struct that cannot
// be copied gets rvalues (PFR does the same), so that move-only members still count.
template <std::size_t>
struct any_lvalue {
  template <class U>
  operator U&() const&& noexcept;
  template <class U>
  operator U&() const& noexcept;
};
template <std::size_t>
struct any_rvalue {
  template <class U>
  operator U() const&& noexcept;
};

template <class T, class Indices>
inline constexpr bool initializable = false;
template <class T, std::size_t... I>
  requires std::is_copy_constructible_v<T> && requires { T{any_lvalue<I>{}...}; }
inline constexpr bool initializable<T, std::index_sequence<I...>> = true;
template <class T, std::size_t... I>
  requires(!std::is_copy_constructible_v<T>) && requires { T{any_rvalue<I>{}...}; }
inline constexpr bool initializable<T, std::index_sequence<I...>> = true;

// Counts upwards: T{x}, T{x, x}, ... until one fails. PFR's own search starts at
// sizeof(T) * CHAR_BIT / 2 arguments and costs the compiler far more for plain structs.
template <class T, std::size_t N = 0>
consteval std::size_t count_upwards() {
  if constexpr (initializable<T, std::make_index_sequence<N + 1>>) return count_upwards<T, N + 1>();
  else return N;
}

template <class T, class U>
consteval bool not_a_base() {
  static_assert(!std::is_base_of_v<U, T>,
                "ctorm: a table struct cannot have a base class - declare the base's members in the "
                "struct itself");
  return true;
}

// Converts to anything, but stops the compilation when what it initialises is a base of T
// (the first initialiser of an aggregate with a base initialises the base). The check sits in
// the noexcept-specifier, which is instantiated only for the conversion actually chosen.
template <class T>
struct first_initializer {
  template <class U>
  operator U&() const&& noexcept(not_a_base<T, U>());
  template <class U>
  operator U&() const& noexcept(not_a_base<T, U>());
};

// Converts only to a base of T: `T{base_only<T>{}}` compiles when T's first initialiser is a
// base, which tells a struct with a base class before anything reads its fields.
template <class T>
struct base_only {
  template <class U>
    requires std::is_base_of_v<U, T> && (!std::is_same_v<U, T>)
  operator U&() const& noexcept;
};
template <class T>
inline constexpr bool first_initializer_is_base = requires { T{base_only<T>{}}; };

template <class T, std::size_t... I>
consteval void check_first_not_base(std::index_sequence<0, I...>) {
  static_cast<void>(sizeof(decltype(T{first_initializer<T>{}, any_lvalue<I>{}...})*));
}
template <class T>
consteval void check_first_not_base(std::index_sequence<>) {}

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

template <class T>
consteval std::size_t count_fields() {
  if constexpr (std::is_class_v<T> && std::is_aggregate_v<T> && initializable<T, std::index_sequence<>>) {
    constexpr std::size_t n = count_upwards<T>();
    if constexpr (std::is_copy_constructible_v<T> && !first_initializer_is_base<T>)
      check_first_not_base<T>(std::make_index_sequence<n>{});
    return n;
  } else {
    return boost::pfr::tuple_size_v<T>;  // PFR's search, and its diagnostics
  }
}

/// The fields of `obj` as a tuple of references (`T` may be const), given their count.
template <std::size_t N, class T>
constexpr auto tie(T& obj) noexcept {
  return boost::pfr::detail::tie_as_tuple(obj, boost::pfr::detail::size_t_<N>{});
}

/// Field `I` of `obj`, among `N` fields.
template <std::size_t I, std::size_t N, class T>
constexpr auto& get(T& obj) noexcept {
  return boost::pfr::detail::sequence_tuple::get<I>(tie<N>(obj));
}

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

template <class T, std::size_t I, std::size_t N>
consteval auto field_address() noexcept {
  auto& field = get<I, N>(fake_object<T>());
  return address_box<std::remove_cvref_t<decltype(field)>>{std::addressof(field)};
}

/// The position of `member` among the `N` fields of `T`, found by comparing addresses inside
/// the never-defined object (`N` when it is none of them).
template <class T, std::size_t N, class M>
consteval std::size_t index_of(M T::*member) {
  std::size_t found = N;
  const void* target = std::addressof(fake_object<T>().*member);
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((target == static_cast<const void*>(field_address<T, I, N>().ptr) ? (found = I, 0) : 0), ...);
  }(std::make_index_sequence<N>{});
  return found;
}

#if BOOST_VERSION < 108400
// `auto`, not `std::string_view`: GCC would add "std::string_view = ..." after the argument.
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

template <class T, std::size_t I, std::size_t N>
consteval std::string_view field_name() {
  return last_identifier(signature_of_address<field_address<T, I, N>()>());
}
#else
template <class T, std::size_t I, std::size_t>
consteval std::string_view field_name() {
  return boost::pfr::get_name<I, T>();
}
#endif

}  // namespace ctorm::detail::pfr_source
