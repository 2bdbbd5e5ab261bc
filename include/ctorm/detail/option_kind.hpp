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
struct uuid_keys_option {};
struct distributed_by_option {};
struct reference_table_option {};
struct relation_option {};

template <class T>
concept table_option = requires { typename T::ctorm_option; };

/// False for a type that is no option at all, so that a table with an unknown option reports
/// that one fact instead of failing in every lookup of its options.
template <class Opt, class Kind>
inline constexpr bool is_option_of = false;
template <table_option Opt, class Kind>
inline constexpr bool is_option_of<Opt, Kind> = std::is_same_v<typename Opt::ctorm_option, Kind>;

}  // namespace ctorm::detail
