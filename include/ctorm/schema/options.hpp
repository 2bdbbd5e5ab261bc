#pragma once
/// \file
/// Table options: `Name`, `Column`, `PrimaryKey`, `Unique`, `Index`, `Default`, `UuidKeys`,
/// and where rows live on a distributed database: `DistributedBy`, `ReferenceTable`.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/option_kind.hpp"
#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/reflect/member.hpp"
#include "ctorm/types/enum.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm {
namespace detail {

// Reported from a function: a failed static_assert in a class body would make Clang drop the
// class, and every use of the option would fail again after the message.
template <bool Members, auto... Ms>
consteval bool options_name_members() {
  static_assert(Members || involving<members<Ms...>>,
                "ctorm: keys and indexes take data-member pointers such as &Post::title");
  return Members;
}

/// A list of members of one struct, as used by keys and indexes.
template <auto... Ms>
struct member_list {
  static_assert(options_name_members<(DataMember<Ms> && ...), Ms...>() || true);
  /// Whether every element is a data member; the table's checks stop at one that is not.
  static constexpr bool names_members = (DataMember<Ms> && ...);
  static constexpr std::array<std::size_t, sizeof...(Ms)> indices{index_if_member<Ms>()...};
  template <class T>
  static constexpr bool all_members_of = (std::is_same_v<typename owner_if_member<Ms>::type, T> && ...);
};

}  // namespace detail

/// Sets the table's name: `ctorm::Table<Person, ctorm::Name<"people">>`.
template <fixed_string N>
struct Name {
  using ctorm_option = detail::name_option;
  static constexpr std::string_view value = N.view();
};

/// Sets a column's name: `ctorm::Column<&Post::title, "Title">`.
template <auto M, fixed_string N>
  requires DataMember<M>
struct Column {
  using ctorm_option = detail::column_option;
  using owner = member_owner<M>;
  static constexpr std::size_t index = member_index<M>;
  static constexpr std::string_view value = N.view();
};

/// The primary key, one member or several (composite). Without it, a member named `id` is
/// the key; a table with neither has only SQLite's rowid.
template <auto... Ms>
struct PrimaryKey : detail::member_list<Ms...> {
  using ctorm_option = detail::primary_key_option;
};

/// The table's `ctorm::Uuid` key is made by the client: `insert` (and `create`, `save`) writes
/// a new `ctorm::uuid_v7()` where it is nil, and returns the key written. The key is the
/// primary key's one member, or, in a composite key such as `(tenant_id, id)`, its one
/// `ctorm::Uuid` member that is neither the distribution column nor in a foreign key. Keys
/// made by every client at once neither collide nor wait for a sequence, and sort by time:
/// what distributed databases ask for.
struct UuidKeys {
  using ctorm_option = detail::uuid_keys_option;
};

/// Citus: the table's rows are spread over the nodes by member `M`, its distribution column
/// (`DistributedBy<&Project::tenant_id>`). Rows with the same value live together, so the
/// schema rules make the primary key, unique constraints and foreign keys to other
/// distributed tables include it; `schema_sql<S, ctorm::citus_dialect>()` distributes the
/// table with `create_distributed_table`, co-located with the other tables whose
/// distribution column has the same type.
template <auto M>
  requires DataMember<M>
struct DistributedBy {
  using ctorm_option = detail::distributed_by_option;
  using owner = member_owner<M>;
  static constexpr std::size_t index = member_index<M>;
};

/// Citus: the table is copied whole to every node (`create_reference_table`): small tables
/// that distributed tables reference, such as countries or plans. It may reference other
/// reference tables, never a distributed one.
struct ReferenceTable {
  using ctorm_option = detail::reference_table_option;
};

/// A UNIQUE constraint over one or more members. Empty (`Unique<>`) inside a `BelongsTo`,
/// it makes the foreign key unique: a one-to-one relation.
template <auto... Ms>
struct Unique : detail::member_list<Ms...> {
  using ctorm_option = detail::unique_option;
};

/// A (non-unique) index over one or more members, in order.
template <auto... Ms>
struct Index : detail::member_list<Ms...> {
  using ctorm_option = detail::index_option;
};

namespace detail {

/// The value of a `Default<>` as a template argument: an integer, bool, enumerator, string
/// literal, or float or double — held as its bits, since Clang 14 takes no floating-point
/// template argument. `get()` gives it back (a string literal as a `std::string_view`).
template <class V>
struct default_value {
  using type = V;
  V value;
  constexpr default_value(V v) noexcept : value(v) {}
  constexpr V get() const noexcept { return value; }
};
template <std::size_t N>
struct default_value<fixed_string<N>> {
  using type = fixed_string<N>;
  fixed_string<N> value;
  constexpr default_value(const char (&s)[N]) noexcept : value(s) {}
  constexpr std::string_view get() const noexcept { return value.view(); }
};
template <class V>
  requires(std::is_same_v<V, float> || std::is_same_v<V, double>)
struct default_value<V> {
  using type = V;
  using bits_type = std::conditional_t<sizeof(V) == sizeof(std::uint32_t), std::uint32_t, std::uint64_t>;
  bits_type bits;
  constexpr default_value(V v) noexcept : bits(std::bit_cast<bits_type>(v)) {}
  constexpr V get() const noexcept { return std::bit_cast<V>(bits); }
};
template <class V>
default_value(V) -> default_value<V>;
template <std::size_t N>
default_value(const char (&)[N]) -> default_value<fixed_string<N>>;

template <class L>
inline constexpr bool is_text_default = false;
template <std::size_t N>
inline constexpr bool is_text_default<fixed_string<N>> = true;

template <class L>
inline constexpr bool is_integer_default = std::is_integral_v<L> && !std::is_same_v<L, bool> && !char_like<L>;

/// Whether a literal of type `L` can be the default of a member whose value type is `X`.
template <class X, class L>
consteval bool default_type_fits() {
  constexpr value_kind kind = scalar_traits<X>::kind;
  if constexpr (kind == value_kind::integer) return is_integer_default<L>;
  else if constexpr (kind == value_kind::boolean) return std::is_same_v<L, bool>;
  else if constexpr (kind == value_kind::enumeration) return std::is_same_v<L, X>;
  else if constexpr (kind == value_kind::real)
    return is_integer_default<L> || std::is_same_v<L, float> || std::is_same_v<L, double>;
  else if constexpr (kind == value_kind::text) return is_text_default<L>;
  else return false;  // blobs, timestamps and dates take no Default<>
}

template <class L>
constexpr bool default_is_finite(L v) noexcept {
  if constexpr (std::is_floating_point_v<L>)
    return v == v && v <= std::numeric_limits<L>::max() && v >= -std::numeric_limits<L>::max();
  else
    return true;
}

/// Whether the value `v` (of a type `default_type_fits`) is one the member holds exactly, and
/// that the column stores: integers within the member's range and a 64-bit integer's, an
/// enum's named values, floating-point values without rounding.
template <class X, class L>
constexpr bool default_in_range(L v) noexcept {
  constexpr value_kind kind = scalar_traits<X>::kind;
  if constexpr (kind == value_kind::integer) {
    return std::in_range<X>(v) && std::in_range<std::int64_t>(v);
  } else if constexpr (kind == value_kind::enumeration) {
    return std::in_range<std::int64_t>(static_cast<std::underlying_type_t<X>>(v)) &&
           is_enum_value<X>(static_cast<std::underlying_type_t<X>>(v));
  } else if constexpr (kind == value_kind::real && is_integer_default<L>) {
    constexpr std::int64_t exact = std::int64_t{1} << std::numeric_limits<X>::digits;
    return std::cmp_less_equal(-exact, v) && std::cmp_less_equal(v, exact);
  } else if constexpr (kind == value_kind::real && sizeof(L) > sizeof(X)) {
    return v <= std::numeric_limits<X>::max() && v >= -std::numeric_limits<X>::max() &&
           static_cast<L>(static_cast<X>(v)) == v;
  } else {
    return true;
  }
}

template <auto V>
consteval bool default_has_nul() {
  if constexpr (is_text_default<typename decltype(V)::type>) {
    for (char c : V.get())  // not find(): see postgresql_dialect::string_literal
      if (c == '\0') return true;
    return false;
  } else {
    return false;
  }
}

/// Whether `V` is a well-formed default of a member of type `T`, without a message: a class
/// that holds a `Default<>` asks this, and only the table's check asks `check_default`.
template <class T, auto V>
consteval bool default_fits() {
  using L = typename decltype(V)::type;
  if constexpr (!ColumnValue<T>) {
    return false;
  } else {
    using X = typename column_traits<T>::value_type;
    if constexpr (!default_type_fits<X, L>()) return false;
    else return default_is_finite(V.get()) && default_in_range<X>(V.get()) && !default_has_nul<V>();
  }
}

/// False: the condition of `check_default`'s assertions, so that the compiler's note names the
/// member whose `Default<>` or `Is<>` value is wrong (`value_fits<&Post::level>`).
template <auto Member>
inline constexpr bool value_fits = false;

/// `default_fits` for the member `Member`, saying why not in a static_assert.
template <auto Member, auto V>
consteval bool check_default() {
  using T = member_type<Member>;
  using L = typename decltype(V)::type;
  if constexpr (!ColumnValue<T>) {
    return false;  // the table's check names the member type
  } else {
    using X = typename column_traits<T>::value_type;
    if constexpr (!default_type_fits<X, L>()) {
      static_assert(value_fits<Member>,
                    "ctorm: this Default<> or Is<> value does not fit the member's type - give an integer for an "
                    "integer member, true or false for a bool, a number for a float or double, one of its "
                    "enumerators for an enum, a string literal for a std::string; other members take no "
                    "Default<> or Is<>");
      return false;
    } else if constexpr (!default_is_finite(V.get())) {
      static_assert(value_fits<Member>, "ctorm: a Default<> or Is<> number must be finite - NaN and infinity have no SQL literal");
      return false;
    } else if constexpr (!default_in_range<X>(V.get())) {
      static_assert(value_fits<Member>,
                    "ctorm: this Default<> or Is<> value is not one the member holds - give a value within its "
                    "type's range (a float literal such as 0.1f for a float member, a named enumerator "
                    "for an enum)");
      return false;
    } else if constexpr (default_has_nul<V>()) {
      static_assert(value_fits<Member>, "ctorm: a Default<> or Is<> text cannot hold a NUL character - SQL text ends at it");
      return false;
    } else {
      return true;
    }
  }
}

/// The value of a well-formed `Default<>` as the dialect writes it: a `std::int64_t` for
/// integers and enums, `bool`, a `double` for floating point (a `float` member's value
/// exactly: SQLite's REAL is a double), a `std::string_view` for text.
template <class T, auto V>
consteval auto default_literal() {
  if constexpr (!default_fits<T, V>()) {
    return 0;
  } else {
    using X = typename column_traits<T>::value_type;
    constexpr value_kind kind = column_traits<T>::kind;
    if constexpr (kind == value_kind::integer) return static_cast<std::int64_t>(V.get());
    else if constexpr (kind == value_kind::enumeration)
      return static_cast<std::int64_t>(static_cast<std::underlying_type_t<X>>(V.get()));
    else if constexpr (kind == value_kind::real) return static_cast<double>(static_cast<X>(V.get()));
    else return V.get();  // bool, or text as a std::string_view
  }
}

}  // namespace detail

/// A column's SQL `DEFAULT`, written into CREATE TABLE by each dialect:
/// `ctorm::Default<&Post::author_id, 1>`, `ctorm::Default<&Post::status, "draft">`,
/// `ctorm::Default<&Post::score, 0.5>`, `ctorm::Default<&Post::kind, Kind::note>`. ctorm's own
/// inserts write every column; the default is what `OnDelete::SetDefault` and
/// `OnUpdate::SetDefault` set a foreign key to, and what other programs' inserts and
/// `migrate()`'s added columns get. The value must fit the member (checked by the compiler).
template <auto M, detail::default_value V>
  requires DataMember<M>
struct Default {
  using ctorm_option = detail::default_option;
  using owner = member_owner<M>;
  static constexpr std::size_t index = member_index<M>;
  /// The value the dialect writes (see `detail::default_literal`).
  static constexpr auto value = detail::default_literal<member_type<M>, V>();
  /// The member and the value as given. The table's check alone says why a value does not fit
  /// (`detail::check_default`): the class itself is instantiated wherever its kind is asked,
  /// deep in other checks, and a message from there would print that backtrace.
  static constexpr auto member = M;
  static constexpr auto given = V;
};

}  // namespace ctorm
