#pragma once
// How `Table<T, Options...>` tells its options apart: each names its kind in `ctorm_option`.
// Relations and table options both carry a kind, so neither folder includes the other.

#include <type_traits>

namespace ctorm::detail {

struct name_option {};
struct column_option {};
struct primary_key_option {};
struct unique_option {};
struct index_option {};
struct default_option {};
struct relation_option {};

template <class T>
concept table_option = requires { typename T::ctorm_option; };

template <class Opt, class Kind>
inline constexpr bool is_option_of = std::is_same_v<typename Opt::ctorm_option, Kind>;

}  // namespace ctorm::detail
