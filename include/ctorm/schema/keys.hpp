#pragma once
/// \file
/// What a table's keys and indexes cover: the facts behind the index and uniqueness rules.

#include <array>
#include <cstddef>

#include "ctorm/relation/kind.hpp"
#include "ctorm/schema/table.hpp"

namespace ctorm::detail {

template <std::size_t N, std::size_t M>
constexpr bool starts_with(const std::array<std::size_t, N>& columns,
                           const std::array<std::size_t, M>& prefix) {
  if constexpr (M == 0 || M > N) {
    return false;
  } else {
    for (std::size_t i = 0; i < M; ++i)
      if (columns[i] != prefix[i]) return false;
    return true;
  }
}

template <std::size_t N, std::size_t M>
constexpr bool same_set(const std::array<std::size_t, N>& a, const std::array<std::size_t, M>& b) {
  if constexpr (N != M) {
    return false;
  } else {
    for (std::size_t x : a) {
      bool found = false;
      for (std::size_t y : b) found = found || x == y;
      if (!found) return false;
    }
    return true;
  }
}

template <class R>
constexpr std::array<std::size_t, 2> morph_columns() {
  return {member_index<R::type_column>, member_index<R::id_column>};
}

/// True when an index of `Tb` starts with `columns`: its primary key, a `Unique`, an `Index`,
/// a one-to-one `BelongsTo`, or (when `with_morph`) the (type, id) index ctorm makes for a
/// `MorphTo`.
template <class Tb, bool with_morph = true, std::size_t N>
constexpr bool has_leading_index(const std::array<std::size_t, N>& columns) {
  bool found = starts_with(Tb::primary_key, columns);
  Tb::for_each_option([&]<class Opt>() {
    if constexpr (is_option_of<Opt, unique_option> || is_option_of<Opt, index_option>) {
      found = found || starts_with(Opt::indices, columns);
    } else if constexpr (relation<Opt>) {
      if constexpr (Opt::kind == relation_kind::belongs_to) {
        if constexpr (Opt::unique) found = found || starts_with(Opt::keys::indices, columns);
      } else if constexpr (Opt::kind == relation_kind::morph_to && with_morph) {
        found = found || starts_with(morph_columns<Opt>(), columns);
      }
    }
  });
  return found;
}

/// True when the values of `columns` are unique in `Tb`: they are exactly its primary key, a
/// `Unique`, or the key of a one-to-one `BelongsTo`.
template <class Tb, std::size_t N>
constexpr bool is_unique_set(const std::array<std::size_t, N>& columns) {
  bool found = same_set(Tb::primary_key, columns);
  Tb::for_each_option([&]<class Opt>() {
    if constexpr (is_option_of<Opt, unique_option>) {
      found = found || same_set(Opt::indices, columns);
    } else if constexpr (relation<Opt>) {
      if constexpr (Opt::kind == relation_kind::belongs_to) {
        if constexpr (Opt::unique) found = found || same_set(Opt::keys::indices, columns);
      }
    }
  });
  return found;
}

template <std::size_t N, std::size_t M>
constexpr auto join_columns(const std::array<std::size_t, N>& a, const std::array<std::size_t, M>& b) {
  std::array<std::size_t, N + M> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = a[i];
  for (std::size_t i = 0; i < M; ++i) out[N + i] = b[i];
  return out;
}

}  // namespace ctorm::detail
