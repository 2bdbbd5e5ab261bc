#pragma once
/// \file
/// The keys an eager load groups rows by: one integer for a single integer column, else a
/// tuple of the key columns' values; and the index of the parents by key, whose distinct keys
/// the backend binds as one list.

#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ctorm/detail/chrono.hpp"
#include "ctorm/detail/type_list.hpp"
#include "ctorm/error.hpp"
#include "ctorm/reflect/member.hpp"
#include "ctorm/sql/value_concepts.hpp"

namespace ctorm::detail {

template <class T>
inline constexpr bool is_tuple = false;
template <class... Xs>
inline constexpr bool is_tuple<std::tuple<Xs...>> = true;

/// A key as the loader compares it: an integer when it is one integer column (every width
/// binds as a 64-bit integer), else the tuple of its columns' values.
template <class Types>
struct key_kind;
template <class... Ks>
struct key_kind<type_list<Ks...>> {
  static constexpr bool integral = [] {
    if constexpr (sizeof...(Ks) != 1) return false;
    else return (std::integral<unwrap_optional<Ks>> && ...) && !(std::same_as<unwrap_optional<Ks>, bool> || ...);
  }();
  using type = std::conditional_t<integral, std::int64_t, std::tuple<unwrap_optional<Ks>...>>;
};

/// Hashes one key value of any column type.
template <class X>
std::size_t hash_value(const X& v) noexcept {
  if constexpr (std::is_enum_v<X>) return std::hash<std::underlying_type_t<X>>{}(static_cast<std::underlying_type_t<X>>(v));
  else if constexpr (std::same_as<X, std::vector<std::byte>>)
    return std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(v.data()), v.size()));
  else if constexpr (requires { v.time_since_epoch(); }) return std::hash<std::int64_t>{}(v.time_since_epoch().count());
  else if constexpr (is_tuple<X>) return std::apply([](const auto&... e) {
    std::size_t h = 0;
    ((h = h * 1000003u ^ hash_value(e)), ...);
    return h;
  }, v);
  else if constexpr (std::floating_point<X>) return v != v ? 0 : std::hash<X>{}(v);  // every NaN alike
  else return std::hash<X>{}(v);
}

/// Key equality as the databases have it: PostgreSQL's NaN equals NaN (SQLite stores none),
/// where C++'s never does, and a parent with a NaN key would miss its rows.
template <class X>
bool same_value(const X& a, const X& b) noexcept {
  if constexpr (std::floating_point<X>) return a == b || (a != a && b != b);
  else if constexpr (is_tuple<X>)
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return (same_value(std::get<I>(a), std::get<I>(b)) && ...);
    }(std::make_index_sequence<std::tuple_size_v<X>>{});
  else return a == b;
}

struct key_equal {
  template <class X>
  bool operator()(const X& a, const X& b) const noexcept {
    return same_value(a, b);
  }
};

/// Hashes one value of any column type, or a tuple of them, for sets of keys.
struct value_hash {
  template <class X>
  std::size_t operator()(const X& v) const noexcept {
    return hash_value(v);
  }
};

struct key_hash {
  template <class... Xs>
  std::size_t operator()(const std::tuple<Xs...>& t) const noexcept {
    return hash_value(t);
  }
  std::size_t operator()(std::int64_t k) const noexcept { return std::hash<std::int64_t>{}(k); }
};

/// An integer key member of `table`.`column` as a 64-bit integer; an unsigned value above
/// INT64_MAX, which no row can hold, is refused rather than wrapped to a negative key. A
/// template of the member's type only: one copy serves every key column.
template <class I>
std::int64_t integer_key(I v, std::string_view table, std::string_view column) {
  if constexpr (std::is_unsigned_v<I> && sizeof(I) >= sizeof(std::int64_t)) {
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      throw conversion_error(table, column, 0, cat(std::to_string(v), " does not fit a signed 64-bit INTEGER"));
  }
  return static_cast<std::int64_t>(v);
}

/// The key of `row` at `Columns` (field indexes of `Tb`), unless a member is NULL.
template <class Key, class Tb, auto Columns, class Row>
std::optional<Key> key_of(const Row& row) {
  if constexpr (std::is_same_v<Key, std::int64_t>) {
    const auto& v = field_ref<Columns[0]>(row);
    if constexpr (is_optional_v<std::remove_cvref_t<decltype(v)>>) {
      if (!v) return std::nullopt;
      return integer_key(*v, Tb::name, Tb::columns[Columns[0]]);
    } else {
      return integer_key(v, Tb::name, Tb::columns[Columns[0]]);
    }
  } else {
    bool null = false;
    const auto value = [&]<std::size_t K>() -> decltype(auto) {
      const auto& v = field_ref<Columns[K]>(row);
      if constexpr (is_optional_v<std::remove_cvref_t<decltype(v)>>) {
        null = null || !v;
        return v ? *v : unwrap_optional<std::remove_cvref_t<decltype(v)>>{};
      } else {
        return v;
      }
    };
    Key key = [&]<std::size_t... K>(std::index_sequence<K...>) {
      return Key{value.template operator()<K>()...};
    }(std::make_index_sequence<Columns.size()>{});
    if (null) return std::nullopt;
    return key;
  }
}

/// The parents of one eager load by key: their distinct keys in order (bound to the query) and,
/// for each key, the last parent holding it and before it the previous one (a chain), so that
/// rows shared by several parents (a BelongsTo) reach all of them. A template of the key type
/// only, and kept out of line: one copy serves every relation of every table.
template <class Key>
class parent_index {
 public:
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  [[gnu::noinline]] explicit parent_index(std::size_t parents) : previous_(parents, none) {}

  [[gnu::noinline]] void add(std::size_t parent, const Key& key) {
    auto [at, fresh] = last_.try_emplace(key, parent);
    if (fresh) keys_.push_back(key);
    else previous_[parent] = std::exchange(at->second, parent);
  }
  bool empty() const noexcept { return keys_.empty(); }
  /// The distinct keys, in the order their first parent came.
  const std::vector<Key>& keys() const noexcept { return keys_; }
  /// The last parent with `key`, or `none`.
  [[gnu::noinline]] std::size_t last_of(const Key& key) const {
    const auto found = last_.find(key);
    return found == last_.end() ? none : found->second;
  }
  /// The parent before `parent` with the same key, or `none`.
  std::size_t previous(std::size_t parent) const noexcept { return previous_[parent]; }

 private:
  std::unordered_map<Key, std::size_t, key_hash, key_equal> last_;
  std::vector<std::size_t> previous_;
  std::vector<Key> keys_;
};

}  // namespace ctorm::detail
