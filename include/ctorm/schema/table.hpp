#pragma once
/// \file
/// `ctorm::Table<T, Options...>`: a struct mapped to a table.

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/type_list.hpp"
#include "ctorm/reflect/field_names.hpp"
#include "ctorm/reflect/naming.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/schema/options.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm {
namespace detail {

/// Spells a member's name in compiler diagnostics: both GCC and Clang print
/// `member_named<'t', 'i', 't', 'l', 'e'>`, which names the offending member.
template <char... Name>
struct member_named {};

// The struct and member appear in the compiler's "required from" line of the check.
template <class Struct, class Member, class MemberType>
consteval bool check_member_type() {
  static_assert(involving<Struct, Member, MemberType>,
                "ctorm: this member type cannot be a column - use an integer, bool, float, double, "
                "std::string, std::vector<std::byte>, an enum, std::chrono::sys_seconds or sys_days, "
                "ctorm::Uuid, or std::optional of one of them");
  return false;
}

template <class T, std::size_t I>
consteval bool member_type_ok() {
  if constexpr (ColumnValue<field_type<T, I>>) {
    return true;
  } else {
    using name = decltype([]<std::size_t... K>(std::index_sequence<K...>) {
      return member_named<field_name<T, I>[K]...>{};
    }(std::make_index_sequence<field_name<T, I>.size()>{}));
    return check_member_type<T, name, field_type<T, I>>();
  }
}

template <class T, class Kind, class... Opts>
inline constexpr std::size_t count_options = (std::size_t{is_option_of<Opts, Kind>} + ... + 0);

template <class T, class... Opts>
consteval bool check_table() {
  if constexpr (!reflection<T>::check()) {
    return false;
  } else if constexpr (!(table_option<Opts> && ...)) {
    static_assert(always_false<T>,
                  "ctorm: unknown table option - use Name, Column, PrimaryKey, Unique, Index, Default, "
                  "UuidKeys, DistributedBy, ReferenceTable or a relation");
    return false;
  } else if constexpr (count_options<T, name_option, Opts...> > 1) {
    static_assert(always_false<T>, "ctorm: a table takes at most one ctorm::Name<>");
    return false;
  } else if constexpr (count_options<T, primary_key_option, Opts...> > 1) {
    static_assert(always_false<T>,
                  "ctorm: a table takes at most one ctorm::PrimaryKey<> - list every key member in it");
    return false;
  } else if constexpr (count_options<T, distributed_by_option, Opts...> +
                           count_options<T, reference_table_option, Opts...> >
                       1) {
    static_assert(always_false<T>,
                  "ctorm: a table is distributed one way - one DistributedBy<&T::column> or ReferenceTable, not both "
                  "or twice");
    return false;
  } else {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (member_type_ok<T, I>() && ...);
    }(std::make_index_sequence<field_count<T>>{});
  }
}

template <class T, class Opt>
consteval bool option_members_ok() {
  if constexpr (is_option_of<Opt, column_option>) {
    static_assert(std::is_same_v<typename Opt::owner, T>,
                  "ctorm: Column<> names a member of another struct - use a member of this table's struct");
    return std::is_same_v<typename Opt::owner, T>;
  } else if constexpr (is_option_of<Opt, default_option>) {
    static_assert(std::is_same_v<typename Opt::owner, T>,
                  "ctorm: Default<> names a member of another struct - use a member of this table's struct");
    return std::is_same_v<typename Opt::owner, T> && check_default<Opt::member, Opt::given>();
  } else if constexpr (is_option_of<Opt, distributed_by_option>) {
    if constexpr (!std::is_same_v<typename Opt::owner, T>) {
      static_assert(std::is_same_v<typename Opt::owner, T>,
                    "ctorm: DistributedBy<> names a member of another struct - use a member of this table's struct");
      return false;
    } else {
      static_assert(!column_traits<field_type<T, Opt::index>>::nullable || involving<Opt>,
                    "ctorm: a distribution column cannot be NULL - every row must say which node holds it; make "
                    "the member not std::optional");
      return !column_traits<field_type<T, Opt::index>>::nullable;
    }
  } else if constexpr (is_option_of<Opt, primary_key_option> || is_option_of<Opt, unique_option> ||
                       is_option_of<Opt, index_option>) {
    if constexpr (!Opt::names_members) {
      return false;  // its message is out
    } else {
      static_assert(Opt::template all_members_of<T>,
                    "ctorm: a key or index names a member of another struct - use members of this "
                    "table's struct");
      constexpr bool has_members = Opt::indices.size() > 0;
      static_assert(has_members || involving<T, Opt>,
                    "ctorm: a key or index needs at least one member (an empty Unique<> belongs inside "
                    "a BelongsTo)");
      return Opt::template all_members_of<T> && has_members;
    }
  } else if constexpr (requires { Opt::keys::well_formed; }) {
    return Opt::keys::well_formed;  // else its message is out, and the rules would follow it
  } else if constexpr (requires { Opt::columns_are_members; }) {
    return Opt::columns_are_members;  // a MorphTo: the same
  } else {
    return true;
  }
}

template <class Opt>
consteval void take_name(std::string_view& name) {
  if constexpr (is_option_of<Opt, name_option>) name = Opt::value;
}

template <class T, class... Opts>
consteval std::string_view table_name() {
  std::string_view name = default_table_name<T>;
  (take_name<Opts>(name), ...);
  return name;
}

template <class T, class Opt>
consteval void rename_column(std::array<std::string_view, field_count<T>>& names) {
  if constexpr (is_option_of<Opt, column_option>) names[Opt::index] = Opt::value;
}

template <class T, class... Opts>
consteval auto column_names() {
  std::array<std::string_view, field_count<T>> names = field_names<T>;
  (rename_column<T, Opts>(names), ...);
  return names;
}

template <class T>
consteval std::size_t index_of_field_named_id() {
  for (std::size_t i = 0; i < field_count<T>; ++i)
    if (field_names<T>[i] == "id") return i;
  return field_count<T>;
}

template <class T, class... Opts>
struct primary_key_of {
  static constexpr std::size_t id = index_of_field_named_id<T>();
  static constexpr auto value = [] {
    if constexpr (id < field_count<T>) return std::array<std::size_t, 1>{id};
    else return std::array<std::size_t, 0>{};
  }();
};
template <class T, class Opt, class... Opts>
  requires is_option_of<Opt, primary_key_option>
struct primary_key_of<T, Opt, Opts...> {
  static constexpr auto value = Opt::indices;
};
template <class T, class Opt, class... Opts>
  requires(!is_option_of<Opt, primary_key_option>)
struct primary_key_of<T, Opt, Opts...> : primary_key_of<T, Opts...> {};

template <class X>
inline constexpr bool is_rowid_type = std::is_integral_v<X> && !std::is_same_v<X, bool>;

/// The column a `Default<>` option gives a value, else none (`npos`).
template <class Opt>
consteval std::size_t default_column() {
  if constexpr (is_option_of<Opt, default_option>) return Opt::index;
  else return static_cast<std::size_t>(-1);
}

/// The column of `T`'s integer key the database assigns, else none (`npos`).
template <class T, class... Opts>
consteval std::size_t assigned_key_column() {
  constexpr auto key = primary_key_of<T, Opts...>::value;
  if constexpr (key.size() == 1) {
    if constexpr (is_rowid_type<field_type<T, key[0]>>) return key[0];
  }
  return static_cast<std::size_t>(-1);
}

template <std::size_t N>
consteval bool repeats_column(const std::array<std::size_t, N>& columns) {
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t j = i + 1; j < N; ++j)
      if (columns[i] != static_cast<std::size_t>(-1) && columns[i] == columns[j]) return true;
  return false;
}

/// At most one `Default<>` per column, and none on the integer key the database assigns.
template <class T, class... Opts>
consteval bool defaults_ok() {
  if constexpr (count_options<T, default_option, Opts...> == 0) {
    return true;
  } else {
    constexpr std::array<std::size_t, sizeof...(Opts)> columns{default_column<Opts>()...};
    constexpr bool repeated = repeats_column(columns);
    constexpr std::size_t key = assigned_key_column<T, Opts...>();
    constexpr bool on_assigned_key =
        key != static_cast<std::size_t>(-1) && ((default_column<Opts>() == key) || ...);
    if constexpr (repeated) {
      static_assert(!repeated || involving<T, Opts...>, "ctorm: a column takes at most one ctorm::Default<>");
      return false;
    } else if constexpr (on_assigned_key) {
      static_assert(!on_assigned_key || involving<T, Opts...>,
                    "ctorm: the integer primary key is assigned by the database and takes no Default<> - remove it");
      return false;
    } else {
      return true;
    }
  }
}

template <class Opt>
struct is_distribution_option : std::bool_constant<is_option_of<Opt, distributed_by_option>> {};

/// The distribution column of the `DistributedBy` option, else none (`npos`).
template <class... Opts>
consteval std::size_t distribution_column() {
  using Opt = find_first<is_distribution_option, type_list<Opts...>>;
  if constexpr (std::is_void_v<Opt>) return static_cast<std::size_t>(-1);
  else return Opt::index;
}

/// Whether field `i` is in the foreign key of a `BelongsTo` option.
template <class Opt>
consteval bool in_foreign_key_of(std::size_t i) {
  if constexpr (requires { Opt::keys::indices; Opt::kind; }) {
    if constexpr (Opt::kind == relation_kind::belongs_to) {
      for (std::size_t k : Opt::keys::indices)
        if (k == i) return true;
    }
  }
  return false;
}

/// For each of the fields `Key`, whether it is a `ctorm::Uuid`.
template <class T, auto Key, std::size_t... K>
consteval std::array<bool, sizeof...(K)> uuid_members(std::index_sequence<K...>) {
  return {std::is_same_v<field_type<T, Key[K]>, Uuid>...};
}

/// The primary-key member that holds the row's own UUID: the key's one member when it has one
/// (if a `ctorm::Uuid`), else its one `ctorm::Uuid` member that is neither the distribution
/// column nor in a foreign key; none (`npos`) when there is no such member or several.
template <class T, class... Opts>
consteval std::size_t own_uuid_key() {
  constexpr auto key = primary_key_of<T, Opts...>::value;
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  if constexpr (key.size() == 0) {
    return none;
  } else {
    constexpr auto is_uuid = uuid_members<T, key>(std::make_index_sequence<key.size()>{});
    if (key.size() == 1) return is_uuid[0] ? key[0] : none;
    std::size_t found = none;
    for (std::size_t k = 0; k < key.size(); ++k) {
      if (!is_uuid[k] || key[k] == distribution_column<Opts...>() || (in_foreign_key_of<Opts>(key[k]) || ...)) continue;
      if (found != none) return none;
      found = key[k];
    }
    return found;
  }
}

/// `UuidKeys` at most once, on a table whose key holds the row's own `ctorm::Uuid`.
template <class T, class... Opts>
consteval bool uuid_keys_ok() {
  constexpr std::size_t n = count_options<T, uuid_keys_option, Opts...>;
  if constexpr (n == 0) {
    return true;
  } else if constexpr (n > 1) {
    static_assert(n == 1 || involving<T>, "ctorm: a table takes ctorm::UuidKeys once");
    return false;
  } else {
    constexpr bool found = own_uuid_key<T, Opts...>() != static_cast<std::size_t>(-1);
    static_assert(found || involving<T>,
                  "ctorm: UuidKeys makes the primary key's own ctorm::Uuid member - the key must be one "
                  "ctorm::Uuid (Uuid id, not std::optional), or hold one besides its distribution column "
                  "and foreign keys (tenant_id, id), or remove UuidKeys");
    return found;
  }
}

/// The options' own rules, checked only once the table itself is well formed: an unknown
/// option or a wrong member type is one message, not a cascade.
template <bool WellFormed, class T, class... Opts>
consteval bool options_ok() {
  if constexpr (!WellFormed) return false;
  else return (option_members_ok<T, Opts>() && ...) && defaults_ok<T, Opts...>() && uuid_keys_ok<T, Opts...>();
}

// A table that is not well formed has no columns and no key: its one message is all the
// compiler prints, not a failure in each member that reads the struct's fields.
template <bool WellFormed, class T>
consteval std::size_t checked_column_count() {
  if constexpr (WellFormed) return field_count<T>;
  else return 0;
}
template <bool WellFormed, class T, class... Opts>
consteval auto checked_column_names() {
  if constexpr (WellFormed) return column_names<T, Opts...>();
  else return std::array<std::string_view, 0>{};
}
template <bool WellFormed, class T, class... Opts>
consteval auto checked_primary_key() {
  if constexpr (WellFormed) return primary_key_of<T, Opts...>::value;
  else return std::array<std::size_t, 0>{};
}

/// `Table<T, Opts...>::well_formed`, known without instantiating the `Table`.
template <class T, class... Opts>
inline constexpr bool table_well_formed = options_ok<check_table<T, Opts...>(), T, Opts...>();

}  // namespace detail

/// Maps the struct `T` to a table: a plain aggregate, or a type described with Boost.Hana
/// (with `<ctorm/hana.hpp>`). Options: `Name<"...">`, `Column<&T::m, "...">`,
/// `PrimaryKey<&T::a, ...>`, `Unique<&T::a, ...>`, `Index<&T::a, ...>`, `Default<&T::m, v>`,
/// `UuidKeys`, `DistributedBy<&T::m>`, `ReferenceTable`, and relations (`BelongsTo`, `HasMany`,
/// `ManyToMany`, ...), whose rules `ctorm::valid<Schema>` checks.
template <class T, class... Options>
struct Table {
  /// False after a message when `T` or an option breaks a rule of its own; the messages come
  /// from function bodies, so the class stays usable and nothing cascades.
  static constexpr bool well_formed = detail::table_well_formed<T, Options...>;

  using type = T;

  /// The SQL name of the table.
  static constexpr std::string_view name = detail::table_name<T, Options...>();
  /// Number of columns (one per field of `T`).
  static constexpr std::size_t column_count = detail::checked_column_count<well_formed, T>();
  /// SQL name of each column, in field order.
  static constexpr auto columns = detail::checked_column_names<well_formed, T, Options...>();
  /// Field indexes of the primary key; empty when the table has none.
  static constexpr auto primary_key = detail::checked_primary_key<well_formed, T, Options...>();
  static constexpr bool has_primary_key = primary_key.size() > 0;
  /// True when the key is one integer column, which the database assigns (SQLite's rowid, an
  /// identity column on PostgreSQL).
  static constexpr bool has_rowid_key = [] {
    if constexpr (primary_key.size() == 1)
      return detail::is_rowid_type<field_type<T, primary_key[0]>>;
    else
      return false;
  }();

  /// True when ctorm makes the UUID key of new rows (`UuidKeys`).
  static constexpr bool makes_uuid_keys = detail::count_options<T, detail::uuid_keys_option, Options...> > 0;
  /// The field `insert` returns as the new row's key when it is a `ctorm::Uuid`: the key's one
  /// member, or with `UuidKeys` the row's own member of a composite key; else none (`npos`).
  static constexpr std::size_t uuid_key = [] {
    if constexpr (!well_formed) return static_cast<std::size_t>(-1);
    else if constexpr (makes_uuid_keys) return detail::own_uuid_key<T, Options...>();
    else if constexpr (primary_key.size() != 1) return static_cast<std::size_t>(-1);
    else if constexpr (std::is_same_v<field_type<T, primary_key[0]>, Uuid>) return primary_key[0];
    else return static_cast<std::size_t>(-1);
  }();
  static constexpr bool has_uuid_key = uuid_key != static_cast<std::size_t>(-1);
  /// Citus: the distribution column (`DistributedBy`), else none (`npos`).
  static constexpr std::size_t distribution_column = detail::distribution_column<Options...>();
  static constexpr bool is_distributed = distribution_column != static_cast<std::size_t>(-1);
  /// Citus: a table copied to every node (`ReferenceTable`).
  static constexpr bool is_reference = detail::count_options<T, detail::reference_table_option, Options...> > 0;

  static constexpr bool is_key_column(std::size_t i) noexcept {
    for (std::size_t k : primary_key)
      if (k == i) return true;
    return false;
  }

  /// True when column `i` has a `Default<>`.
  static constexpr bool has_default([[maybe_unused]] std::size_t i) noexcept {
    return ((detail::default_column<Options>() == i) || ...);
  }

  /// The options, as a `detail::type_list`.
  using option_list = detail::type_list<Options...>;

  /// Calls `f.template operator()<Option>()` for each option, in declaration order.
  template <class F>
  static constexpr void for_each_option(F&& f) {
    (f.template operator()<Options>(), ...);
  }
};

namespace detail {
template <class T>
inline constexpr bool is_table = false;
template <class T, class... Opts>
inline constexpr bool is_table<Table<T, Opts...>> = true;
}  // namespace detail

/// A `ctorm::Table<...>` specialisation.
template <class T>
concept TableType = detail::is_table<T>;

}  // namespace ctorm
