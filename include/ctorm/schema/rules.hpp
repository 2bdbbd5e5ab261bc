#pragma once
/// \file
/// The schema rules: one check type per rule instance in `ctorm::check`, with `ok` and the
/// `report` that the compiler prints when it fails (in `ctorm::rule`). `all_checks<S>` lists the checks
/// a schema's tables and relations call for, rule by rule.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "ctorm/detail/type_list.hpp"
#include "ctorm/relation/belongs_to.hpp"
#include "ctorm/relation/has.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/relation/many_to_many.hpp"
#include "ctorm/relation/morph.hpp"
#include "ctorm/relation/morph_many.hpp"
#include "ctorm/relation/through.hpp"
#include "ctorm/schema/keys.hpp"
#include "ctorm/schema/relations.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/types/value_traits.hpp"
#include "ctorm/schema/lookup.hpp"
#include "ctorm/schema/options.hpp"
#include "ctorm/schema/path.hpp"

namespace ctorm {
/// What the compiler prints when a rule is broken: one report type per rule, whose template
/// arguments are the structs, members and relations involved. Only the first broken rule's
/// report is ever instantiated, outside of any type that spells out the whole schema.
namespace rule {

/// Never true. A report's `fire()` asserts `holds<report>`, so GCC's note ("... evaluates to false") and
/// Clang's "due to requirement" show the rule with the structs and members it names.
template <class Report>
inline constexpr bool holds = false;

template <class Struct>
struct table_name_is_unique {
  static consteval bool fire() {
    static_assert(holds<table_name_is_unique>,
                  "ctorm: two tables have the same name - rename one with ctorm::Name<\"...\">");
    return false;
  }
};

template <class Struct>
struct column_names_are_unique {
  static consteval bool fire() {
    static_assert(holds<column_names_are_unique>,
                  "ctorm: two columns of this table have the same name - rename one with "
                  "ctorm::Column<&T::member, \"...\">");
    return false;
  }
};

template <class Owner, class Target>
struct relation_target_has_table {
  static consteval bool fire() {
    static_assert(holds<relation_target_has_table>,
                  "ctorm: the target of this relation has no table in the schema - add "
                  "ctorm::Table<Target> to the Schema");
    return false;
  }
};

template <class Owner, class Junction>
struct junction_has_table {
  static consteval bool fire() {
    static_assert(holds<junction_has_table>,
                  "ctorm: the junction struct of this ManyToMany has no table in the schema - add "
                  "ctorm::Table<Junction, ...> to the Schema");
    return false;
  }
};

template <class Owner, class Relation>
struct foreign_key_is_on_owner {
  static consteval bool fire() {
    static_assert(holds<foreign_key_is_on_owner>,
                  "ctorm: a BelongsTo's foreign key must be members of the struct whose table declares "
                  "it");
    return false;
  }
};

template <class Owner, class Relation>
struct foreign_key_is_on_target {
  static consteval bool fire() {
    static_assert(holds<foreign_key_is_on_target>,
                  "ctorm: a HasOne or HasMany foreign key must be members of the target struct "
                  "(HasMany<Post, &Post::author_id>)");
    return false;
  }
};

template <class Relation>
struct references_are_on_target {
  static consteval bool fire() {
    static_assert(holds<references_are_on_target>,
                  "ctorm: References<> must name members of the BelongsTo's target struct");
    return false;
  }
};

template <class Relation>
struct junction_keys_are_on_junction {
  static consteval bool fire() {
    static_assert(holds<junction_keys_are_on_junction>,
                  "ctorm: the members named in ManyToMany<Target, Junction, ...> must belong to the "
                  "junction struct");
    return false;
  }
};

template <class Owner, class Relation>
struct morph_columns_are_on_owner {
  static consteval bool fire() {
    static_assert(holds<morph_columns_are_on_owner>,
                  "ctorm: a MorphTo's type and id members must belong to the struct whose table "
                  "declares it");
    return false;
  }
};

template <class Owner, class Relation>
struct morph_columns_are_on_target {
  static consteval bool fire() {
    static_assert(holds<morph_columns_are_on_target>,
                  "ctorm: a MorphOne or MorphMany names the type and id members of the target struct "
                  "(MorphMany<Like, &Like::target_type, &Like::target_id>)");
    return false;
  }
};

template <class Relation>
struct referenced_table_has_key {
  static consteval bool fire() {
    static_assert(holds<referenced_table_has_key>,
                  "ctorm: this BelongsTo references a table without a primary key - give the target a "
                  "key, or reference unique members with References<&Target::member>");
    return false;
  }
};

template <class Relation>
struct referenced_members_are_unique {
  static consteval bool fire() {
    static_assert(holds<referenced_members_are_unique>,
                  "ctorm: References<> must name the target's primary key or members it declares "
                  "ctorm::Unique<...>");
    return false;
  }
};

template <class Relation>
struct foreign_key_arity_matches {
  static consteval bool fire() {
    static_assert(holds<foreign_key_arity_matches>,
                  "ctorm: a foreign key must have as many members as the key it references - use "
                  "ctorm::Keys<&T::a, &T::b> for a composite key");
    return false;
  }
};

template <auto ForeignKey, class ForeignKeyType, class Target, class KeyType>
struct foreign_key_type_matches {
  static consteval bool fire() {
    static_assert(holds<foreign_key_type_matches>,
                  "ctorm: a foreign key member must have the type of the key it references "
                  "(std::optional of it when nullable) - make the types equal");
    return false;
  }
};

template <class Relation>
struct set_null_needs_optional {
  static consteval bool fire() {
    static_assert(holds<set_null_needs_optional>,
                  "ctorm: OnDelete::SetNull and OnUpdate::SetNull need a nullable foreign key - make "
                  "the member std::optional, or choose another action");
    return false;
  }
};

template <auto ForeignKey, class Relation>
struct set_default_needs_default {
  static consteval bool fire() {
    static_assert(holds<set_default_needs_default>,
                  "ctorm: OnDelete::SetDefault and OnUpdate::SetDefault need a default on a NOT NULL "
                  "foreign key - add ctorm::Default<&T::fk, value> (the key of a row that exists) to "
                  "the table, or make the member std::optional");
    return false;
  }
};

template <class Owner, class Relation>
struct foreign_key_has_index {
  static consteval bool fire() {
    static_assert(holds<foreign_key_has_index>,
                  "ctorm: no index starts with this foreign key - add ctorm::Index<&T::fk> "
                  "(RequireForeignKeyIndexes turns automatic indexes off)");
    return false;
  }
};

template <class Owner, class Relation>
struct inverse_belongs_to_exists {
  static consteval bool fire() {
    static_assert(holds<inverse_belongs_to_exists>,
                  "ctorm: HasOne and HasMany need the matching BelongsTo<Owner, &Target::fk> in the "
                  "target's table");
    return false;
  }
};

template <class Owner, class Relation>
struct has_one_key_is_unique {
  static consteval bool fire() {
    static_assert(holds<has_one_key_is_unique>,
                  "ctorm: HasOne needs a unique foreign key - add Unique<> to the target's BelongsTo, "
                  "or ctorm::Unique<&Target::fk> to its table (else use HasMany)");
    return false;
  }
};

template <class Owner, class Relation>
struct junction_foreign_keys {
  static consteval bool fire() {
    static_assert(holds<junction_foreign_keys>,
                  "ctorm: a junction needs exactly one BelongsTo to each side - or name both: "
                  "ManyToMany<Target, Junction, &Junction::owner_fk, &Junction::target_fk>, each with "
                  "its BelongsTo in the junction's table");
    return false;
  }
};

template <class Owner, class Relation>
struct junction_pair_is_unique {
  static consteval bool fire() {
    static_assert(holds<junction_pair_is_unique>,
                  "ctorm: a junction's pair of foreign keys must be unique - make the pair its "
                  "PrimaryKey<...> or add Unique<...>");
    return false;
  }
};

template <class Owner, class Relation>
struct join_table_is_possible {
  static consteval bool fire() {
    static_assert(holds<join_table_is_possible>,
                  "ctorm: ManyToMany<Target> without a junction struct links two different tables with "
                  "single-member primary keys - otherwise declare a junction struct");
    return false;
  }
};

template <class Relation, class Step>
struct through_step_is_a_relation {
  static consteval bool fire() {
    static_assert(holds<through_step_is_a_relation>,
                  "ctorm: each step of a through-chain must be a BelongsTo, HasOne, HasMany or "
                  "ManyToMany declared in the table of its owner");
    return false;
  }
};

template <class Owner, class Relation>
struct through_starts_at_owner {
  static consteval bool fire() {
    static_assert(holds<through_starts_at_owner>,
                  "ctorm: a through-chain's first step must be a relation of the table that declares "
                  "the chain");
    return false;
  }
};

template <class Step, class NextStep>
struct through_step_connects {
  static consteval bool fire() {
    static_assert(holds<through_step_connects>,
                  "ctorm: a through-chain is broken - each step's target must be the next step's owner");
    return false;
  }
};

template <class Relation>
struct has_one_through_is_to_one {
  static consteval bool fire() {
    static_assert(holds<has_one_through_is_to_one>,
                  "ctorm: every step of a HasOneThrough must lead to at most one row (BelongsTo or "
                  "HasOne) - use HasManyThrough");
    return false;
  }
};

template <class Relation>
struct morph_type_is_text {
  static consteval bool fire() {
    static_assert(holds<morph_type_is_text>,
                  "ctorm: a MorphTo's type member must be std::string - it holds the target's table "
                  "name");
    return false;
  }
};

template <class Relation, class Target>
struct morph_id_matches_key {
  static consteval bool fire() {
    static_assert(holds<morph_id_matches_key>,
                  "ctorm: a MorphTo's id member must have the type of each target's single-member "
                  "primary key (std::optional of it when nullable)");
    return false;
  }
};

template <class Owner, class Relation>
struct morph_inverse_exists {
  static consteval bool fire() {
    static_assert(holds<morph_inverse_exists>,
                  "ctorm: MorphOne and MorphMany need a MorphTo on the target with the same type and id "
                  "members that lists this table's struct");
    return false;
  }
};

template <class Owner, class Relation>
struct conditions_are_reached {
  static consteval bool fire() {
    static_assert(holds<conditions_are_reached>,
                  "ctorm: a condition of this Constrained relation is on a member of a table the "
                  "relation does not reach - use a member of its target (or of its junction, for a "
                  "ManyToMany)");
    return false;
  }
};

/// An `Is<>` value that does not fit its member: `check_default` says why, as for `Default<>`.
template <class Owner, class Condition>
struct condition_value_fits {
  static consteval bool fire() { return detail::check_default<Condition::member, Condition::given>(); }
};

template <class Owner, class Relation>
struct morph_junction_is_valid {
  static consteval bool fire() {
    static_assert(holds<morph_junction_is_valid>,
                  "ctorm: MorphToMany and MorphedByMany need a junction table with one BelongsTo to the "
                  "shared side (the tags), a std::string type member and an id member of the type of "
                  "the tagged table's one-member key, both on the junction");
    return false;
  }
};

template <class Relation>
struct default_order_is_on_target {
  static consteval bool fire() {
    static_assert(holds<default_order_is_on_target>,
                  "ctorm: OrderBy<> of a Constrained relation takes asc<&T::m> and desc<&T::m> terms on "
                  "members of its target - order by other tables in with<R>(...)");
    return false;
  }
};

// Rule 9: where rows live on a distributed database (Citus). A table's rows are spread over
// the nodes by its distribution column; a constraint the database checks on one node only
// must include it, and related rows must be on the same node.

template <class Struct, class Distribution>
struct distributed_key_includes_column {
  static consteval bool fire() {
    static_assert(holds<distributed_key_includes_column>,
                  "ctorm: a distributed table's primary key must include its distribution column - "
                  "PrimaryKey<&T::tenant_id, &T::id>: each node checks the keys of the rows it holds");
    return false;
  }
};

template <class Struct, class Distribution>
struct distributed_unique_includes_column {
  static consteval bool fire() {
    static_assert(holds<distributed_unique_includes_column>,
                  "ctorm: a distributed table's unique constraints must include its distribution column - "
                  "Unique<&T::tenant_id, &T::member>, or a unique BelongsTo whose foreign key holds it");
    return false;
  }
};

template <class Owner, class Relation>
struct distributed_belongs_to_is_colocated {
  static consteval bool fire() {
    static_assert(holds<distributed_belongs_to_is_colocated>,
                  "ctorm: a BelongsTo between two distributed tables must include both distribution columns - "
                  "give the target the key (tenant_id, id) and reference it with "
                  "ctorm::Keys<&T::tenant_id, &T::target_id>, so related rows live on one node");
    return false;
  }
};

template <class Owner, class Relation>
struct distributed_table_references_local {
  static consteval bool fire() {
    static_assert(holds<distributed_table_references_local>,
                  "ctorm: a distributed table can reference only a reference table or another distributed "
                  "table - make the target ctorm::ReferenceTable, or distribute it by the same column");
    return false;
  }
};

template <class Owner, class Relation>
struct reference_table_references_distributed {
  static consteval bool fire() {
    static_assert(holds<reference_table_references_distributed>,
                  "ctorm: a reference table (or a table that is not distributed) cannot reference a "
                  "distributed table - its rows are on every node, the target's on one: distribute this "
                  "table by the same column, or reverse the relation");
    return false;
  }
};

template <class Owner, class Relation>
struct distributed_many_to_many_has_junction {
  static consteval bool fire() {
    static_assert(holds<distributed_many_to_many_has_junction>,
                  "ctorm: a ManyToMany with a distributed side needs a junction struct that holds the "
                  "distribution column - ManyToMany<Target, Junction> with the junction DistributedBy<> it");
    return false;
  }
};

}  // namespace rule

/// One check type per rule instance; the template arguments name what is checked.
namespace check {

// ---- Rule 1: targets have tables; names are unique; members belong where they should. ----

template <class S, class Tb>
struct table_name_is_unique {
  static constexpr bool ok = detail::count_tables_named<typename S::table_list>(Tb::name) == 1;
  using report = rule::table_name_is_unique<typename Tb::type>;
};

template <class Tb>
struct column_names_are_unique {
  static constexpr bool ok = [] {
    for (std::size_t i = 0; i < Tb::columns.size(); ++i)
      for (std::size_t j = i + 1; j < Tb::columns.size(); ++j)
        if (Tb::columns[i] == Tb::columns[j]) return false;
    return true;
  }();
  using report = rule::column_names_are_unique<typename Tb::type>;
};

template <class S, class Owner, class Target>
struct relation_target_has_table {
  static constexpr bool ok = S::template contains<Target>;
  using report = rule::relation_target_has_table<Owner, Target>;
};

template <class S, class Owner, class Junction>
struct junction_has_table {
  static constexpr bool ok = S::template contains<Junction>;
  using report = rule::junction_has_table<Owner, Junction>;
};

template <class Owner, class R>
struct foreign_key_is_on_owner {
  static constexpr bool ok = R::keys::template all_members_of<Owner>;
  using report = rule::foreign_key_is_on_owner<Owner, R>;
};

template <class Owner, class R>
struct foreign_key_is_on_target {
  static constexpr bool ok = R::keys::template all_members_of<typename R::target>;
  using report = rule::foreign_key_is_on_target<Owner, R>;
};

template <class R>
struct references_are_on_target {
  static constexpr bool ok = R::references::template all_members_of<typename R::target>;
  using report = rule::references_are_on_target<R>;
};

template <class R>
struct junction_keys_are_on_junction {
  static constexpr bool ok = std::is_same_v<member_owner<R::owner_key>, typename R::junction> &&
                             std::is_same_v<member_owner<R::target_key>, typename R::junction>;
  using report = rule::junction_keys_are_on_junction<R>;
};

template <class Owner, class R>
struct morph_columns_are_on_owner {
  static constexpr bool ok = std::is_same_v<member_owner<R::type_column>, Owner> &&
                             std::is_same_v<member_owner<R::id_column>, Owner>;
  using report = rule::morph_columns_are_on_owner<Owner, R>;
};

template <class Owner, class R>
struct morph_columns_are_on_target {
  static constexpr bool ok = std::is_same_v<member_owner<R::type_column>, typename R::target> &&
                             std::is_same_v<member_owner<R::id_column>, typename R::target>;
  using report = rule::morph_columns_are_on_target<Owner, R>;
};

// ---- Rule 2: a foreign key matches the key it references. ----

template <class S, class R>
struct referenced_table_has_key {
  static constexpr bool ok = detail::table_in<S, typename R::target>::has_primary_key;
  using report = rule::referenced_table_has_key<R>;
};

template <class S, class R>
struct referenced_members_are_unique {
  static constexpr bool ok =
      detail::is_unique_set<detail::table_in<S, typename R::target>>(R::references::indices);
  using report = rule::referenced_members_are_unique<R>;
};

template <class S, class R>
struct foreign_key_arity_matches {
  static constexpr bool ok = R::keys::size == detail::referenced_columns<S, R>().size();
  using report = rule::foreign_key_arity_matches<R>;
};

template <class S, class R, auto ForeignKey, std::size_t Position>
struct foreign_key_type_matches {
  using target = typename R::target;
  using key_type = field_type<target, detail::referenced_columns<S, R>()[Position]>;
  static constexpr bool ok = detail::key_type_matches<member_type<ForeignKey>, key_type>;
  using report = rule::foreign_key_type_matches<ForeignKey, member_type<ForeignKey>, target, key_type>;
};

// ---- Rule 3: SET NULL only on a nullable foreign key. ----

template <class R>
struct set_null_needs_optional {
  static constexpr bool ok = [] {
    if constexpr (R::on_delete != action::set_null && R::on_update != action::set_null) {
      return true;
    } else {
      bool all = true;
      R::keys::each([&]<auto M, std::size_t>() { all = all && column_traits<member_type<M>>::nullable; });
      return all;
    }
  }();
  using report = rule::set_null_needs_optional<R>;
};

// ---- Rule 3 (continued): SET DEFAULT on a NOT NULL foreign key needs a column default. ----

template <auto ForeignKey, class R, class Tb>
struct set_default_needs_default {
  static constexpr bool ok =
      column_traits<member_type<ForeignKey>>::nullable || Tb::has_default(member_index<ForeignKey>);
  using report = rule::set_default_needs_default<ForeignKey, R>;
};

// ---- Rule 4: an index leads with every foreign key (with RequireForeignKeyIndexes). ----

template <class S, class Tb, class R>
struct foreign_key_has_index {
  static constexpr bool ok =
      !S::require_foreign_key_indexes || detail::has_leading_index<Tb>(R::keys::indices);
  using report = rule::foreign_key_has_index<typename Tb::type, R>;
};

// ---- Rule 5: HasOne/HasMany have their BelongsTo; HasOne's key is unique. ----

template <class S, class Owner, class R>
struct inverse_belongs_to_exists {
  static constexpr bool ok = detail::count_belongs_to_in_target<S, Owner, R>() > 0;
  using report = rule::inverse_belongs_to_exists<Owner, R>;
};

template <class S, class Owner, class R>
struct has_one_key_is_unique {
  static constexpr bool ok =
      detail::is_unique_set<detail::table_in<S, typename R::target>>(R::keys::indices);
  using report = rule::has_one_key_is_unique<Owner, R>;
};

// ---- Rule 6: junctions. ----

template <class S, class Owner, class R>
struct junction_foreign_keys {
  using Tj = detail::table_in<S, typename R::junction>;
  static constexpr bool ok = [] {
    if constexpr (R::named_keys) {
      return detail::count_belongs_to<Tj, Owner, detail::keys_t<R::owner_key>>() == 1 &&
             detail::count_belongs_to<Tj, typename R::target, detail::keys_t<R::target_key>>() == 1;
    } else {
      return !std::is_same_v<Owner, typename R::target> &&
             detail::count_belongs_to<Tj, Owner>() == 1 &&
             detail::count_belongs_to<Tj, typename R::target>() == 1;
    }
  }();
  using report = rule::junction_foreign_keys<Owner, R>;
};

template <class S, class Owner, class R>
struct junction_pair_is_unique {
  using Tj = detail::table_in<S, typename R::junction>;
  using owner_named = detail::named_keys<R::owner_key>;
  using target_named = detail::named_keys<R::target_key>;
  static constexpr bool ok = detail::is_unique_set<Tj>(
      detail::join_columns(detail::junction_side_columns<Tj, Owner, owner_named>(),
                           detail::junction_side_columns<Tj, typename R::target, target_named>()));
  using report = rule::junction_pair_is_unique<Owner, R>;
};

template <class S, class Owner, class R>
struct join_table_is_possible {
  static constexpr bool ok = !std::is_same_v<Owner, typename R::target> &&
                             detail::table_in<S, Owner>::primary_key.size() == 1 &&
                             detail::table_in<S, typename R::target>::primary_key.size() == 1;
  using report = rule::join_table_is_possible<Owner, R>;
};

// ---- Rule 7: through-chains connect. ----

template <class S, class R, class Step>
struct through_step_is_a_relation {
  static constexpr bool ok = [] {
    if constexpr (!Relation<Step>) {
      return false;
    } else {
      constexpr auto k = Step::kind;
      return (k == relation_kind::belongs_to || k == relation_kind::has_one ||
              k == relation_kind::has_many || k == relation_kind::many_to_many) &&
             !std::is_void_v<typename detail::declaring_table<typename S::table_list, Step>::type>;
    }
  }();
  using report = rule::through_step_is_a_relation<R, Step>;
};

template <class S, class Owner, class R>
struct through_starts_at_owner {
  using first = std::tuple_element_t<0, typename R::steps>;
  static constexpr bool ok =
      std::is_same_v<typename detail::declaring_table<typename S::table_list, first>::type, Owner>;
  using report = rule::through_starts_at_owner<Owner, R>;
};

template <class S, class R, class Step, class Next>
struct through_step_connects {
  static constexpr bool ok = std::is_same_v<typename Step::target,
                                            typename detail::declaring_table<typename S::table_list, Next>::type>;
  using report = rule::through_step_connects<Step, Next>;
};

template <class R>
struct has_one_through_is_to_one {
  static constexpr bool ok = []<class... Steps>(std::type_identity<std::tuple<Steps...>>) {
    return (detail::is_to_one(Steps::kind) && ...);
  }(std::type_identity<typename R::steps>{});
  using report = rule::has_one_through_is_to_one<R>;
};

// ---- Rule 8: polymorphic relations. ----

template <class R>
struct morph_type_is_text {
  static constexpr bool ok = std::is_same_v<member_type<R::type_column>, std::string> ||
                             std::is_same_v<member_type<R::type_column>, std::optional<std::string>>;
  using report = rule::morph_type_is_text<R>;
};

template <class S, class R, class Target>
struct morph_id_matches_key {
  using Tt = detail::table_in<S, Target>;
  static constexpr bool ok = [] {
    if constexpr (Tt::primary_key.size() != 1)
      return false;
    else
      return detail::key_type_matches<member_type<R::id_column>, field_type<Target, Tt::primary_key[0]>>;
  }();
  using report = rule::morph_id_matches_key<R, Target>;
};

template <class S, class Owner, class R>
struct morph_inverse_exists {
  static constexpr bool ok = [] {
    bool found = false;
    detail::table_in<S, typename R::target>::for_each_option([&]<class Opt>() {
      if constexpr (detail::relation<Opt>) {
        if constexpr (Opt::kind == relation_kind::morph_to) {
          if constexpr (Opt::type_column == R::type_column && Opt::id_column == R::id_column) {
            found = found || []<class... Ts>(std::type_identity<std::tuple<Ts...>>) {
              return (std::is_same_v<Ts, Owner> || ...);
            }(std::type_identity<typename Opt::targets>{});
          }
        }
      }
    });
    return found;
  }();
  using report = rule::morph_inverse_exists<Owner, R>;
};

// ---- Rule 8 (continued): the conditions of a Constrained relation are on its tables. ----

template <class S, class Owner, class R>
struct conditions_are_reached {
  static constexpr bool ok =
      detail::constrained_path<S, Owner, R>::placed::rest::size == 0;
  using report = rule::conditions_are_reached<Owner, R>;
};

/// The value of each `Is<>` condition fits its member (other parts hold no value).
template <class Owner, class Part>
struct condition_value_fits {
  static constexpr bool ok = [] {
    if constexpr (requires { Part::given; }) return Part::well_formed;
    else return true;
  }();
  using report = rule::condition_value_fits<Owner, Part>;
};

// ---- Rule 6 (continued): a polymorphic junction. ----

template <class S, class Owner, class R>
struct morph_junction_is_valid {
  using Tj = detail::table_in<S, typename R::junction>;
  using Morph = std::conditional_t<R::owner_is_morph, Owner, typename R::target>;
  using Shared = std::conditional_t<R::owner_is_morph, typename R::target, Owner>;
  static constexpr bool ok = [] {
    if constexpr (std::is_void_v<Tj> || !std::is_same_v<member_owner<R::type_column>, typename R::junction> ||
                  !std::is_same_v<member_owner<R::id_column>, typename R::junction>) {
      return false;
    } else {
      using Tm = detail::table_in<S, Morph>;
      if constexpr (std::is_void_v<Tm>) return false;
      else if constexpr (Tm::primary_key.size() != 1) return false;
      else
        return detail::count_belongs_to<Tj, Shared>() == 1 &&
               std::is_same_v<member_type<R::type_column>, std::string> &&
               std::is_same_v<member_type<R::id_column>, field_type<Morph, Tm::primary_key[0]>>;
    }
  }();
  using report = rule::morph_junction_is_valid<Owner, R>;
};

template <class R>
struct default_order_is_on_target {
  template <class X>
  static constexpr bool term_ok = [] {
    if constexpr (requires {
                    X::descending;
                    typename X::expression::owners;
                  })
      return std::is_same_v<typename X::expression::owners, detail::type_list<typename R::target>>;
    else
      return false;
  }();
  static constexpr bool ok = []<class... Xs>(detail::type_list<Xs...>) {
    return (term_ok<Xs> && ...);
  }(typename detail::default_order_of<R>::type{});
  using report = rule::default_order_is_on_target<R>;
};

// ---- Rule 9: distribution (Citus). ----

namespace distribution {
template <std::size_t N>
constexpr bool holds_column(const std::array<std::size_t, N>& columns, std::size_t c) {
  for (std::size_t k : columns)
    if (k == c) return true;
  return false;
}
template <class S, class R>
using target_table = detail::table_in<S, typename R::target>;
/// The `DistributedBy` option of table `Tb`, named in the reports.
template <class Tb>
using option = detail::find_first<detail::is_distribution_option, typename Tb::option_list>;
}  // namespace distribution

template <class Tb>
struct distributed_key_includes_column {
  static constexpr bool ok = !Tb::is_distributed || Tb::is_key_column(Tb::distribution_column);
  using report = rule::distributed_key_includes_column<typename Tb::type, distribution::option<Tb>>;
};

template <class Tb>
struct distributed_unique_includes_column {
  static constexpr bool ok = [] {
    if constexpr (!Tb::is_distributed) {
      return true;
    } else {
      bool all = true;
      Tb::for_each_option([&]<class Opt>() {
        if constexpr (detail::is_option_of<Opt, detail::unique_option>) {
          all = all && distribution::holds_column(Opt::indices, Tb::distribution_column);
        } else if constexpr (detail::is_belongs_to<Opt>) {
          if constexpr (Opt::unique) all = all && distribution::holds_column(Opt::keys::indices, Tb::distribution_column);
        }
      });
      return all;
    }
  }();
  using report = rule::distributed_unique_includes_column<typename Tb::type, distribution::option<Tb>>;
};

template <class S, class Tb, class R>
struct distributed_belongs_to_is_colocated {
  static constexpr bool ok = [] {
    using Tt = distribution::target_table<S, R>;
    if constexpr (std::is_void_v<Tt>) {
      return true;
    } else if constexpr (!Tb::is_distributed || !Tt::is_distributed) {
      return true;
    } else {
      constexpr auto refs = detail::referenced_columns<S, R>();
      for (std::size_t p = 0; p < refs.size() && p < R::keys::indices.size(); ++p)
        if (refs[p] == Tt::distribution_column) return R::keys::indices[p] == Tb::distribution_column;
      return false;
    }
  }();
  using report = rule::distributed_belongs_to_is_colocated<typename Tb::type, R>;
};

template <class S, class Tb, class R>
struct distributed_table_references_local {
  static constexpr bool ok = [] {
    using Tt = distribution::target_table<S, R>;
    if constexpr (std::is_void_v<Tt>) return true;
    else return !Tb::is_distributed || Tt::is_distributed || Tt::is_reference;
  }();
  using report = rule::distributed_table_references_local<typename Tb::type, R>;
};

template <class S, class Tb, class R>
struct reference_table_references_distributed {
  static constexpr bool ok = [] {
    using Tt = distribution::target_table<S, R>;
    if constexpr (std::is_void_v<Tt>) return true;
    else return Tb::is_distributed || !Tt::is_distributed;
  }();
  using report = rule::reference_table_references_distributed<typename Tb::type, R>;
};

template <class S, class Tb, class R>
struct distributed_many_to_many_has_junction {
  static constexpr bool ok = [] {
    using Tt = distribution::target_table<S, R>;
    if constexpr (std::is_void_v<Tt> || !std::is_void_v<typename R::junction>) return true;
    else return !Tb::is_distributed && !Tt::is_distributed;
  }();
  using report = rule::distributed_many_to_many_has_junction<typename Tb::type, R>;
};

}  // namespace check

namespace detail {

/// The checks of one relation `R` declared on table `Tb`, one list per rule (index 1..9).
template <class S, class Tb, class R, std::size_t Rule>
struct relation_checks {
  using type = type_list<>;
};

// BelongsTo
template <class S, class Tb, class Target, auto FK, class... O>
struct relation_checks<S, Tb, BelongsTo<Target, FK, O...>, 1> {
  using R = BelongsTo<Target, FK, O...>;
  using type = concat<type_list<check::relation_target_has_table<S, typename Tb::type, Target>,
                                check::foreign_key_is_on_owner<typename Tb::type, R>>,
                      std::conditional_t<std::is_void_v<typename R::references>, type_list<>,
                                         type_list<check::references_are_on_target<R>>>>;
};
template <class S, class R, class Keys, class Positions = std::make_index_sequence<Keys::size>>
struct foreign_key_type_checks;
template <class S, class R, auto... Ms, std::size_t... K>
struct foreign_key_type_checks<S, R, keys_t<Ms...>, std::index_sequence<K...>> {
  using type = type_list<check::foreign_key_type_matches<S, R, Ms, K>...>;
};
template <class S, class Tb, class Target, auto FK, class... O>
struct relation_checks<S, Tb, BelongsTo<Target, FK, O...>, 2> {
  using R = BelongsTo<Target, FK, O...>;
  using type = concat<std::conditional_t<std::is_void_v<typename R::references>,
                                         type_list<check::referenced_table_has_key<S, R>>,
                                         type_list<check::referenced_members_are_unique<S, R>>>,
                      type_list<check::foreign_key_arity_matches<S, R>>,
                      typename foreign_key_type_checks<S, R, typename R::keys>::type>;
};
template <class Tb, class R, class Keys = typename R::keys,
          bool SetsDefault = R::on_delete == action::set_default || R::on_update == action::set_default>
struct set_default_checks {
  using type = type_list<>;
};
template <class Tb, class R, auto... Ms>
struct set_default_checks<Tb, R, keys_t<Ms...>, true> {
  using type = type_list<check::set_default_needs_default<Ms, R, Tb>...>;
};
template <class S, class Tb, class Target, auto FK, class... O>
struct relation_checks<S, Tb, BelongsTo<Target, FK, O...>, 3> {
  using R = BelongsTo<Target, FK, O...>;
  using type = concat<type_list<check::set_null_needs_optional<R>>, typename set_default_checks<Tb, R>::type>;
};
template <class S, class Tb, class Target, auto FK, class... O>
struct relation_checks<S, Tb, BelongsTo<Target, FK, O...>, 4> {
  using type = type_list<check::foreign_key_has_index<S, Tb, BelongsTo<Target, FK, O...>>>;
};

template <class S, class Tb, class Target, auto FK, class... O>
struct relation_checks<S, Tb, BelongsTo<Target, FK, O...>, 9> {
  using R = BelongsTo<Target, FK, O...>;
  using type = type_list<check::distributed_table_references_local<S, Tb, R>,
                         check::reference_table_references_distributed<S, Tb, R>,
                         check::distributed_belongs_to_is_colocated<S, Tb, R>>;
};

// HasOne / HasMany
template <class S, class Tb, class R>
struct has_checks_1 {
  using type = type_list<check::relation_target_has_table<S, typename Tb::type, typename R::target>,
                         check::foreign_key_is_on_target<typename Tb::type, R>>;
};
template <class S, class Tb, class Target, auto FK>
struct relation_checks<S, Tb, HasMany<Target, FK>, 1> : has_checks_1<S, Tb, HasMany<Target, FK>> {};
template <class S, class Tb, class Target, auto FK>
struct relation_checks<S, Tb, HasOne<Target, FK>, 1> : has_checks_1<S, Tb, HasOne<Target, FK>> {};
template <class S, class Tb, class Target, auto FK>
struct relation_checks<S, Tb, HasMany<Target, FK>, 5> {
  using type = type_list<check::inverse_belongs_to_exists<S, typename Tb::type, HasMany<Target, FK>>>;
};
template <class S, class Tb, class Target, auto FK>
struct relation_checks<S, Tb, HasOne<Target, FK>, 5> {
  using type = type_list<check::inverse_belongs_to_exists<S, typename Tb::type, HasOne<Target, FK>>,
                         check::has_one_key_is_unique<S, typename Tb::type, HasOne<Target, FK>>>;
};

// ManyToMany
template <class S, class Tb, class Target, class J, auto A, auto B>
struct relation_checks<S, Tb, ManyToMany<Target, J, A, B>, 1> {
  using R = ManyToMany<Target, J, A, B>;
  using type = concat<type_list<check::relation_target_has_table<S, typename Tb::type, Target>>,
                      std::conditional_t<std::is_void_v<J>, type_list<>,
                                         type_list<check::junction_has_table<S, typename Tb::type, J>>>,
                      std::conditional_t<R::named_keys, type_list<check::junction_keys_are_on_junction<R>>,
                                         type_list<>>>;
};
template <class S, class Tb, class Target, class J, auto A, auto B>
struct relation_checks<S, Tb, ManyToMany<Target, J, A, B>, 9> {
  using type = type_list<check::distributed_many_to_many_has_junction<S, Tb, ManyToMany<Target, J, A, B>>>;
};
template <class S, class Tb, class Target, class J, auto A, auto B>
struct relation_checks<S, Tb, ManyToMany<Target, J, A, B>, 6> {
  using R = ManyToMany<Target, J, A, B>;
  using type = std::conditional_t<
      std::is_void_v<J>, type_list<check::join_table_is_possible<S, typename Tb::type, R>>,
      type_list<check::junction_foreign_keys<S, typename Tb::type, R>,
                check::junction_pair_is_unique<S, typename Tb::type, R>>>;
};

// HasOneThrough / HasManyThrough
template <class S, class Tb, class R, class Steps>
struct through_checks;
template <class S, class Tb, class R, class... Steps>
struct through_checks<S, Tb, R, std::tuple<Steps...>> {
  template <class... Pairs>
  struct links {
    using type = type_list<>;
  };
  template <class A, class B, class... Rest>
  struct links<A, B, Rest...> {
    using type = concat<type_list<check::through_step_connects<S, R, A, B>>,
                        typename links<B, Rest...>::type>;
  };
  using type = concat<type_list<check::through_step_is_a_relation<S, R, Steps>...>,
                      type_list<check::through_starts_at_owner<S, typename Tb::type, R>>,
                      typename links<Steps...>::type,
                      std::conditional_t<R::kind == relation_kind::has_one_through,
                                         type_list<check::has_one_through_is_to_one<R>>, type_list<>>>;
};
template <class S, class Tb, class A, class B, class... Rs>
struct relation_checks<S, Tb, HasManyThrough<A, B, Rs...>, 7>
    : through_checks<S, Tb, HasManyThrough<A, B, Rs...>, std::tuple<A, B, Rs...>> {};
template <class S, class Tb, class A, class B, class... Rs>
struct relation_checks<S, Tb, HasOneThrough<A, B, Rs...>, 7>
    : through_checks<S, Tb, HasOneThrough<A, B, Rs...>, std::tuple<A, B, Rs...>> {};

// MorphTo / MorphOne / MorphMany
template <class S, class Tb, auto T, auto I, class... Targets>
struct relation_checks<S, Tb, MorphTo<T, I, Targets...>, 1> {
  using type = type_list<check::relation_target_has_table<S, typename Tb::type, Targets>...,
                         check::morph_columns_are_on_owner<typename Tb::type, MorphTo<T, I, Targets...>>>;
};
template <class S, class Tb, auto T, auto I, class... Targets>
struct relation_checks<S, Tb, MorphTo<T, I, Targets...>, 8> {
  using R = MorphTo<T, I, Targets...>;
  using type = type_list<check::morph_type_is_text<R>, check::morph_id_matches_key<S, R, Targets>...>;
};
template <class S, class Tb, class R>
struct morph_inverse_checks_1 {
  using type = type_list<check::relation_target_has_table<S, typename Tb::type, typename R::target>,
                         check::morph_columns_are_on_target<typename Tb::type, R>>;
};
template <class S, class Tb, class Target, auto T, auto I>
struct relation_checks<S, Tb, MorphMany<Target, T, I>, 1> : morph_inverse_checks_1<S, Tb, MorphMany<Target, T, I>> {};
template <class S, class Tb, class Target, auto T, auto I>
struct relation_checks<S, Tb, MorphOne<Target, T, I>, 1> : morph_inverse_checks_1<S, Tb, MorphOne<Target, T, I>> {};
template <class S, class Tb, class Target, auto T, auto I>
struct relation_checks<S, Tb, MorphMany<Target, T, I>, 8> {
  using type = type_list<check::morph_inverse_exists<S, typename Tb::type, MorphMany<Target, T, I>>>;
};
template <class S, class Tb, class Target, auto T, auto I>
struct relation_checks<S, Tb, MorphOne<Target, T, I>, 8> {
  using type = type_list<check::morph_inverse_exists<S, typename Tb::type, MorphOne<Target, T, I>>>;
};

// MorphToMany / MorphedByMany
template <class S, class Tb, class Target, class J, auto T, auto I>
struct relation_checks<S, Tb, MorphToMany<Target, J, T, I>, 6> {
  using type = type_list<check::morph_junction_is_valid<S, typename Tb::type, MorphToMany<Target, J, T, I>>>;
};
template <class S, class Tb, class Target, class J, auto T, auto I>
struct relation_checks<S, Tb, MorphedByMany<Target, J, T, I>, 6> {
  using type = type_list<check::morph_junction_is_valid<S, typename Tb::type, MorphedByMany<Target, J, T, I>>>;
};
template <class S, class Tb, class Target, class J, auto T, auto I>
struct relation_checks<S, Tb, MorphToMany<Target, J, T, I>, 1> {
  using type = type_list<check::relation_target_has_table<S, typename Tb::type, Target>,
                         check::junction_has_table<S, typename Tb::type, J>>;
};
template <class S, class Tb, class Target, class J, auto T, auto I>
struct relation_checks<S, Tb, MorphedByMany<Target, J, T, I>, 1> {
  using type = type_list<check::relation_target_has_table<S, typename Tb::type, Target>,
                         check::junction_has_table<S, typename Tb::type, J>>;
};

// Constrained: the relation's own checks, then (last) that its conditions can be placed.
template <class S, class Tb, class R, class... Parts, std::size_t Rule>
struct relation_checks<S, Tb, Constrained<R, Parts...>, Rule> {
  using type = concat<typename relation_checks<S, Tb, R, Rule>::type,
                      std::conditional_t<Rule == 8,
                                         type_list<check::condition_value_fits<typename Tb::type, Parts>...,
                                                   check::conditions_are_reached<S, typename Tb::type,
                                                                                 Constrained<R, Parts...>>,
                                                   check::default_order_is_on_target<Constrained<R, Parts...>>>,
                                         type_list<>>>;
};

template <class S, class Tb, std::size_t Rule, class Relations = relations_of<Tb>>
struct table_checks;
template <class S, class Tb, std::size_t Rule, class... Rs>
struct table_checks<S, Tb, Rule, type_list<Rs...>> {
  using own = std::conditional_t<
      Rule == 1, type_list<check::table_name_is_unique<S, Tb>, check::column_names_are_unique<Tb>>,
      std::conditional_t<Rule == 9,
                         type_list<check::distributed_key_includes_column<Tb>, check::distributed_unique_includes_column<Tb>>,
                         type_list<>>>;
  using type = concat<own, typename relation_checks<S, Tb, Rs, Rule>::type...>;
};

template <class S, std::size_t Rule, class Tables = typename S::table_list>
struct rule_checks;
template <class S, std::size_t Rule, class... Tbs>
struct rule_checks<S, Rule, type_list<Tbs...>> {
  using type = type_list<typename table_checks<S, Tbs, Rule>::type...>;  // one list per table
};

/// Whether a table of `S` says where its rows live (`DistributedBy`, `ReferenceTable`): only
/// then are rule 9's checks made, so a schema for one server pays nothing for them.
template <class Tables>
inline constexpr bool places_rows = false;
template <class... Tbs>
inline constexpr bool places_rows<type_list<Tbs...>> = ((Tbs::is_distributed || Tbs::is_reference) || ...);

template <class S, bool Places = places_rows<typename S::table_list>>
struct distribution_checks {
  using type = type_list<>;
};
template <class S>
struct distribution_checks<S, true> : rule_checks<S, 9> {};

/// Every check, as a tree: rules, then tables, then the table's checks. Walking the tree keeps
/// each recursion as short as one level's list (8 rules, the tables, one table's checks) instead
/// of one call per check of the whole schema.
template <class S>
using all_checks = type_list<typename rule_checks<S, 1>::type, typename rule_checks<S, 2>::type,
                             typename rule_checks<S, 3>::type, typename rule_checks<S, 4>::type,
                             typename rule_checks<S, 5>::type, typename rule_checks<S, 6>::type,
                             typename rule_checks<S, 7>::type, typename rule_checks<S, 8>::type,
                             typename distribution_checks<S>::type>;

}  // namespace detail
}  // namespace ctorm
