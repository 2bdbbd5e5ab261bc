#pragma once
/// \file
/// The join path of a relation: the tables it walks from its owner to its target, and the
/// columns that match at each step. Joins, `where_has` and eager loading all follow it.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ctorm/detail/type_list.hpp"
#include "ctorm/reflect/field_names.hpp"
#include "ctorm/relation/belongs_to.hpp"
#include "ctorm/relation/constrained.hpp"
#include "ctorm/relation/has.hpp"
#include "ctorm/relation/many_to_many.hpp"
#include "ctorm/relation/morph.hpp"
#include "ctorm/relation/morph_many.hpp"
#include "ctorm/relation/through.hpp"
#include "ctorm/schema/lookup.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm::detail {

inline constexpr std::size_t no_column = static_cast<std::size_t>(-1);

template <class Tb, auto Columns, class Seq = std::make_index_sequence<Columns.size()>>
struct column_types_of;
template <class Tb, auto Columns, std::size_t... K>
struct column_types_of<Tb, Columns, std::index_sequence<K...>> {
  using type = type_list<field_type<typename Tb::type, Columns[K]>...>;
};
/// The member types of `Tb`'s columns at `Columns`.
template <class Tb, auto Columns>
using column_types = typename column_types_of<Tb, Columns>::type;

/// One step of a path: rows of `To` whose `ToColumns` equal `From`'s `FromColumns`, and, for a
/// polymorphic step, whose `MorphColumn` holds `From`'s table name, and that pass the
/// conditions `Where` (of a `Constrained` relation) on `To`'s columns; the rows of `From` it
/// starts from pass the conditions `FromWhere` (a `MorphAs`'s type test).
template <class From, class To, auto FromColumns, auto ToColumns, std::size_t MorphColumn = no_column,
          class Where = type_list<>, class FromWhere = type_list<>>
struct hop {
  using from = From;
  using to = To;
  static constexpr auto from_columns = FromColumns;
  static constexpr auto to_columns = ToColumns;
  static constexpr std::size_t morph_column = MorphColumn;
  using where = Where;
  using from_where = FromWhere;
};

/// Writes the conditions `Conds` (a hop's `where` or `from_where`) in dialect `D`, each as the
/// column (written by `column(out, index)`) followed by its test, joined by ` AND ` and led by
/// it unless `first`. Joins qualify the column with the table's alias, writes do not.
template <class Conds, class D>
constexpr void condition_tests(auto& out, auto column, bool first = false) {
  Conds::each([&]<class C>() {
    if (!first) out.put(" AND ");
    first = false;
    column(out, C::index);
    C::template write_test<D>(out);
  });
}

/// Hop `H` with the conditions `More` added.
template <class H, class More>
struct add_where;
template <class F, class T, auto FC, auto TC, std::size_t M, class W, class FW, class More>
struct add_where<hop<F, T, FC, TC, M, W, FW>, More> {
  using type = hop<F, T, FC, TC, M, concat<W, More>, FW>;
};

/// Whether `row` passes the conditions `Conds`: a path's first hop tests its owner-side
/// conditions on the row in memory, where no statement reads the owner's table.
template <class Conds, class T>
bool conditions_hold(const T& row) {
  return []<class... C>(type_list<C...>, const T& r) { return (C::holds(r) && ...); }(Conds{}, row);
}

template <class T>
struct condition_on {
  template <class C>
  using pred = std::is_same<typename C::owner, T>;
};
template <class T>
struct condition_not_on {
  template <class C>
  using pred = std::bool_constant<!std::is_same_v<typename C::owner, T>>;
};

/// Gives each condition of `Conds` to the last hop of `Hops` that reaches its table; what no
/// hop reaches is left in `rest` (a schema rule reports it).
template <class Hops, class Conds>
struct place_conditions {
  using type = Hops;
  using rest = Conds;
};
template <class H, class... Hs, class Conds>
struct place_conditions<type_list<H, Hs...>, Conds> {
  using later = place_conditions<type_list<Hs...>, Conds>;
  using mine = filter<condition_on<typename H::to::type>::template pred, typename later::rest>;
  using type = concat<type_list<typename add_where<H, mine>::type>, typename later::type>;
  using rest = filter<condition_not_on<typename H::to::type>::template pred, typename later::rest>;
};

/// The `BelongsTo` on `Target`'s table that a `HasOne`/`HasMany` with keys `Keys` mirrors.
template <class S, class Owner, class Target, class Keys>
struct inverse_of {
  template <class R>
  struct matches : std::bool_constant<belongs_to_side<R, Owner> && [] {
    if constexpr (is_belongs_to<R>) return std::is_same_v<typename R::keys, Keys>;
    else return false;
  }()> {};
  using type = at<0, filter<matches, relations_of<table_in<S, Target>>>>;
};

/// The `BelongsTo` of junction table `Tj` to `Side`: by its named member, else the only one.
template <class Tj, class Side, auto Named>
struct junction_side {
  template <class R>
  struct matches : std::bool_constant<belongs_to_side<R, Side> && [] {
    if constexpr (std::is_null_pointer_v<decltype(Named)>) return true;
    else if constexpr (is_belongs_to<R>) return std::is_same_v<typename R::keys, keys_t<Named>>;
    else return false;
  }()> {};
  using type = at<0, filter<matches, relations_of<Tj>>>;
};

template <class S, class Owner, class R, relation_kind = R::kind>
struct path_of;

template <class S, class Owner, class R>
struct path_of<S, Owner, R, relation_kind::belongs_to> {
  using type = type_list<hop<table_in<S, Owner>, table_in<S, typename R::target>, R::keys::indices,
                             referenced_columns<S, R>()>>;
};

template <class S, class Owner, class R>
struct has_path {
  using B = typename inverse_of<S, Owner, typename R::target, typename R::keys>::type;
  using type = type_list<hop<table_in<S, Owner>, table_in<S, typename R::target>,
                             referenced_columns<S, B>(), R::keys::indices>>;
};
template <class S, class Owner, class R>
struct path_of<S, Owner, R, relation_kind::has_many> : has_path<S, Owner, R> {};
template <class S, class Owner, class R>
struct path_of<S, Owner, R, relation_kind::has_one> : has_path<S, Owner, R> {};

template <class S, class Owner, class R>
struct junction_table_for {
  using type = table_in<S, typename R::junction>;
};
template <class S, class Owner, class Target>
struct junction_table_for<S, Owner, ManyToMany<Target>> {
  using type = junction_table_of<table_in<S, Owner>, table_in<S, Target>>;
};
template <class S, class Owner, class R, class... Parts>
struct junction_table_for<S, Owner, Constrained<R, Parts...>> : junction_table_for<S, Owner, R> {};

/// The row type of the junction of ManyToMany `R` on `Owner` (ctorm's `Pivot` without one).
template <class S, class Owner, class R>
using junction_row = typename junction_table_for<S, Owner, R>::type::type;

template <class S, class Owner, class R>
struct path_of<S, Owner, R, relation_kind::many_to_many> {
  using Tj = typename junction_table_for<S, Owner, R>::type;
  using Bo = typename junction_side<Tj, Owner, R::owner_key>::type;
  using Bt = typename junction_side<Tj, typename R::target, R::target_key>::type;
  using type = type_list<hop<table_in<S, Owner>, Tj, referenced_columns<S, Bo>(), Bo::keys::indices>,
                         hop<Tj, table_in<S, typename R::target>, Bt::keys::indices, referenced_columns<S, Bt>()>>;
};

/// A condition of a polymorphic junction: its type column (field `Index`) holds table `Tb`'s
/// name. Creating a link through it writes the name.
template <class Junction, std::size_t Index, class Tb>
struct type_is {
  using ctorm_relation_part = condition_part;
  using owner = Junction;
  static constexpr std::size_t index = Index;
  template <class D>
  static constexpr void write_test(auto& out) {
    out.put(" = ");
    D::string_literal(out, Tb::name);
  }
  template <class T>
  static void fill(T& row) {
    field_ref<Index>(row) = std::string(Tb::name);
  }
  /// Whether `row`'s type column names `Tb` (NULL names no table).
  template <class T>
  static bool holds(const T& row) {
    const auto& type = field_ref<Index>(row);
    if constexpr (column_traits<std::remove_cvref_t<decltype(type)>>::nullable) return type && *type == Tb::name;
    else return type == Tb::name;
  }
};

/// `MorphToMany` (the owner is named by the junction's type column) and `MorphedByMany` (the
/// target is): owner -> junction -> target, the junction's rows kept to those whose type column
/// names the morph side's table.
template <class S, class Owner, class R>
  requires morph_many_relation<R>
struct path_of<S, Owner, R, relation_kind::many_to_many> {
  using Tj = table_in<S, typename R::junction>;
  using To = table_in<S, Owner>;
  using Tt = table_in<S, typename R::target>;
  using Morph = std::conditional_t<R::owner_is_morph, To, Tt>;
  using Shared = std::conditional_t<R::owner_is_morph, typename R::target, Owner>;
  using Bs = typename junction_side<Tj, Shared, nullptr>::type;  // the junction's BelongsTo to the shared side
  static constexpr std::array<std::size_t, 1> id{member_index<R::id_column>};
  using named = type_list<type_is<typename R::junction, member_index<R::type_column>, Morph>>;
  using type = std::conditional_t<
      R::owner_is_morph,
      type_list<hop<To, Tj, To::primary_key, id, no_column, named>,
                hop<Tj, Tt, Bs::keys::indices, referenced_columns<S, Bs>()>>,
      type_list<hop<To, Tj, referenced_columns<S, Bs>(), Bs::keys::indices, no_column, named>,
                hop<Tj, Tt, id, Tt::primary_key>>>;
};

template <class S, class Owner, class R>
struct morph_path {
  using To = table_in<S, typename R::target>;
  static constexpr std::array<std::size_t, 1> id{member_index<R::id_column>};
  using type = type_list<hop<table_in<S, Owner>, To, table_in<S, Owner>::primary_key, id,
                             member_index<R::type_column>>>;
};
template <class S, class Owner, class R>
struct path_of<S, Owner, R, relation_kind::morph_many> : morph_path<S, Owner, R> {};
template <class S, class Owner, class R>
struct path_of<S, Owner, R, relation_kind::morph_one> : morph_path<S, Owner, R> {};

/// `MorphAs<R, Target>`: owner -> `Target`, the id column equal to `Target`'s key, on the
/// owner's rows whose type column names `Target`'s table.
template <class S, class Owner, class R>
struct path_of<S, Owner, R, relation_kind::morph_as> {
  using Tt = table_in<S, typename R::target>;
  static constexpr std::array<std::size_t, 1> id{member_index<R::id_column>};
  using named = type_list<type_is<Owner, member_index<R::type_column>, Tt>>;
  using type = type_list<hop<table_in<S, Owner>, Tt, id, Tt::primary_key, no_column, type_list<>, named>>;
};

template <class S, class Steps>
struct through_path;
template <class S, class Owner, class R>
struct constrained_path {
  using base = path_of<S, Owner, R>;
  using placed = place_conditions<typename base::type, typename conditions_of<R>::type>;
  using type = typename placed::type;
};

template <class S, class... Steps>
struct through_path<S, std::tuple<Steps...>> {
  using type = concat<typename constrained_path<S, typename declaring_table<typename S::table_list, Steps>::type,
                                                Steps>::type...>;
};
template <class S, class Owner, class R>
struct path_of<S, Owner, R, relation_kind::has_many_through> : through_path<S, typename R::steps> {};
template <class S, class Owner, class R>
struct path_of<S, Owner, R, relation_kind::has_one_through> : through_path<S, typename R::steps> {};

/// The hops of relation `R` declared on `Owner`, owner first, with the conditions of a
/// `Constrained` relation on the hops that reach their tables.
template <class S, class Owner, class R>
using path = typename constrained_path<S, Owner, R>::type;

}  // namespace ctorm::detail
