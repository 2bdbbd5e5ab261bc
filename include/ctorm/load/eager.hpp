#pragma once
/// \file
/// Eager loading: one query per relation and level, never one per row. The parents' distinct
/// keys are bound as one list (the backend's encoding); the children come back with the key
/// they hang on and are grouped in memory.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/load/hydrate.hpp"
#include "ctorm/load/keys.hpp"
#include "ctorm/load/loaded.hpp"
#include "ctorm/schema/path.hpp"
#include "ctorm/sql/eager.hpp"
#include "ctorm/sql/select.hpp"

namespace ctorm {
namespace detail {

template <class E>
struct unpivoted {
  using type = E;
};
template <class T, class J>
struct unpivoted<Pivoted<T, J>> {
  using type = T;
};

template <class B, class S, class Owner, class W, std::size_t I>
struct path_loader;
template <class B, class S, class Owner, class R, class W, std::size_t I>
struct morph_to_loader;
template <class B, class S, class Owner, class W, std::size_t I>
struct recursive_loader;

/// Loads the relation of with-item `W` into slot `I` of every parent, on backend `B`.
template <class B, class S, class Owner, class W, std::size_t I>
struct eager_loader
    : std::conditional_t<
          with_parts<W>::relation::kind == relation_kind::morph_to,
          morph_to_loader<B, S, Owner, typename with_parts<W>::relation, W, I>,
          std::conditional_t<is_recursive<W>, recursive_loader<B, S, Owner, W, I>, path_loader<B, S, Owner, W, I>>> {};

/// A backend that can send several statements before reading their results
/// (`B::run_together(conn, statements)`): the relations of one level of an eager load then
/// cost one round trip together.
template <class B>
concept runs_together =
    requires(typename B::connection& c, std::span<typename B::statement* const> batch) { B::run_together(c, batch); };

/// Loads the with-items `Ws` (slots 0, 1, ...) on `parents` (rows of `Owner`), one query each:
/// the queries one after the other, or all sent at once where the backend can.
template <class B, class S, class Owner, class... Ws, class Parents, class Constraints>
void load_level(typename B::connection& conn, Parents& parents, const Constraints& constraints) {
  if constexpr (sizeof...(Ws) == 1) {
    (eager_loader<B, S, Owner, Ws, 0>::load(conn, parents, std::get<0>(constraints)), ...);
  } else {
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      if constexpr (runs_together<B>) {
        std::tuple<typename eager_loader<B, S, Owner, Ws, J>::pending...> pending;
        (eager_loader<B, S, Owner, Ws, J>::start(conn, parents, std::get<J>(constraints), std::get<J>(pending)), ...);
        const std::array<typename B::statement*, sizeof...(J)> batch{std::get<J>(pending).statement()...};
        B::run_together(conn, batch);
        (eager_loader<B, S, Owner, Ws, J>::finish(conn, parents, std::get<J>(pending), std::get<J>(constraints)), ...);
      } else {
        (eager_loader<B, S, Owner, Ws, J>::load(conn, parents, std::get<J>(constraints)), ...);
      }
    }(std::index_sequence_for<Ws...>{});
  }
}

/// The position in `Given` (a tuple of `sub_constraint`s) of the one for relation `R`, or its
/// size when there is none.
template <class R, class Given>
struct sub_constraint_index;
template <class R, class... Gs>
struct sub_constraint_index<R, std::tuple<Gs...>> {
  static constexpr std::size_t value = index_of_type<R, typename Gs::relation...>();
};

/// The constraint given with `on<R>(...)` for with-item `W` (by copy), or none.
template <class W, class Given>
auto sub_constraint_for(const Given& given) {
  constexpr std::size_t i = sub_constraint_index<typename with_parts<W>::relation, Given>::value;
  if constexpr (i == std::tuple_size_v<Given>) return load_constraint<>{};
  else return std::get<i>(given).constraint;
}

/// Whether every `on<R>(...)` of constraint `C` (for with-item `W`) names a relation loaded
/// just below `W`, once, and fits that relation's with-item in turn.
template <class W, class C>
consteval bool constraint_fits() {
  using Subs = typename with_parts<W>::subs;
  return []<class... Gs>(std::type_identity<std::tuple<Gs...>>) {
    using Named = type_list<typename Gs::relation...>;
    if constexpr (unique<Named>::size != Named::size) {
      return false;
    } else {
      return ([]<class G>(std::type_identity<G>) {
        return []<class... Ws>(type_list<Ws...>) {
          constexpr std::size_t i = index_of_type<typename G::relation, typename with_parts<Ws>::relation...>();
          if constexpr (i == sizeof...(Ws)) return false;
          else return constraint_fits<at<i, type_list<Ws...>>, decltype(G::constraint)>();
        }(Subs{});
      }(std::type_identity<Gs>{}) && ...);
    }
  }(std::type_identity<typename C::subs>{});
}

// What `with<W>(args...)` must get right, reported from functions (where `with` is written, and
// again by the loaders when `load<W>()` reaches them).
namespace load_check {
template <bool SelfMany, class... Involved>
consteval bool recursive_on_self() {
  static_assert(SelfMany || involving<Involved...>,
                "ctorm: Recursive<R, depth> takes a HasMany from a table to itself on a one-member key "
                "(HasMany<Comment, &Comment::parent_id> on comments), loaded on rows of that table, and a "
                "depth of at least 1");
  return SelfMany;
}
template <bool Unordered, class... Involved>
consteval bool recursive_unordered() {
  static_assert(Unordered || involving<Involved...>, "ctorm: with<Recursive<R>>(...) takes conditions only - the rows come in tree order");
  return Unordered;
}
template <bool Whole, class... Involved>
consteval bool morph_to_whole() {
  static_assert(Whole || involving<Involved...>, "ctorm: a MorphTo is loaded whole - with<R>() of a MorphTo takes no conditions, order or take");
  return Whole;
}
}  // namespace load_check

/// `R` links rows of `Owner` to rows of the same table by a one-member key (a tree).
template <class S, class Owner, class R>
inline constexpr bool recursive_is_self_many = [] {
  if constexpr (R::kind != relation_kind::has_many || !std::is_same_v<typename R::target, Owner>) {
    return false;
  } else {
    using Hops = path<S, Owner, R>;
    return Hops::size == 1 && at<0, Hops>::from_columns.size() == 1;
  }
}();

template <class W>
inline constexpr bool with_parts_ok = true;
template <class W>
  requires requires { with_parts<W>::ok; }
inline constexpr bool with_parts_ok<W> = with_parts<W>::ok;

/// Checks `with<W>(...)` on rows of `T`, given its constraint `C`, where it is written; false
/// after the message, and the query goes on without `W`.
template <class S, class T, class W, class C>
consteval bool with_is_usable() {
  if constexpr (!with_parts_ok<W>) {
    return false;
  } else if constexpr (is_recursive<W>) {
    using R = typename with_parts<W>::relation;
    if constexpr (!load_check::recursive_on_self<recursive_is_self_many<S, T, R>, T, R>()) return false;
    else return load_check::recursive_unordered<C::order::size == 0 && !C::take, R>();
  } else if constexpr (with_parts<W>::relation::kind == relation_kind::morph_to) {
    return load_check::morph_to_whole<std::is_same_v<C, load_constraint<>>, typename with_parts<W>::relation>();
  } else {
    return true;
  }
}

/// The relations named by the `on<R>(...)` of a constraint, for the message when one is wrong.
template <class... Rs>
struct on_relations {};
template <class Subs>
struct on_relations_of;
template <class... Gs>
struct on_relations_of<std::tuple<Gs...>> {
  using type = on_relations<typename Gs::relation...>;
};

/// The constraint of `with<W>(args...)`, checked against the relations `W` loads.
template <class W, class... Args>
auto with_constraint(Args&&... args) {
  if constexpr (sizeof...(Args) == 0) {
    return load_constraint<>{};  // nothing to check
  } else {
    auto c = make_constraint(std::forward<Args>(args)...);
    constexpr bool fits = constraint_fits<W, decltype(c)>();
    static_assert(fits || involving<W, typename on_relations_of<typename decltype(c)::subs>::type>,
                  "ctorm: each on<R>(...) names a relation loaded just below, once - load it there "
                  "(With<posts, R>) or merge the two on<R>(...)");
    return c;
  }
}

/// The constraint of a with-item given no arguments.
template <class W>
using with_constraint_t = load_constraint<>;

/// Loads the sub-relations `Subs` on `items` (rows of `T` being loaded), one query each, with
/// the constraints `given` for them (`on<R>(...)`).
template <class B, class S, class T, class... Subs, class Items, class Given>
void load_subs(typename B::connection& conn, Items& items, type_list<Subs...>, const Given& given) {
  load_level<B, S, T, Subs...>(conn, items, std::make_tuple(sub_constraint_for<Subs>(given)...));
}

/// Gives `e` to parent `last` and every parent before it with the same key (the index's chain):
/// copied to all but the first of them, moved into that one. A copy is made and then moved, so
/// that a slot is only ever appended to by move: one growth path per element type.
template <std::size_t I, class Key, class Parents, class Element>
void attach(Parents& parents, const parent_index<Key>& index, std::size_t last, Element&& e) {
  for (std::size_t p = last; p != parent_index<Key>::none;) {
    const std::size_t before = index.previous(p);
    auto& slot = slot_at<I>(parents[p].relations);
    if constexpr (requires { slot.push_back(std::move(e)); }) {
      if (before == parent_index<Key>::none) slot.push_back(std::move(e));
      else slot.push_back(Element(e));
    } else if constexpr (requires { slot.emplace(std::move(e)); }) {
      if (!slot) {
        if (before == parent_index<Key>::none) slot.emplace(std::move(e));
        else slot.emplace(Element(e));
      }
    } else {
      slot = e;  // a MorphTo's variant
    }
    p = before;
  }
}

/// The key of the current row at result columns 0.. (the key columns `Columns` of `Tb`).
template <class Key, class Tb, auto Columns, class Statement>
Key read_key(const Statement& st, std::size_t row) {
  using Types = column_types<Tb, Columns>;
  if constexpr (std::is_same_v<Key, std::int64_t>) {
    using K = unwrap_optional<at<0, Types>>;
    return static_cast<std::int64_t>(st.template read<K>(0, cell{Tb::name, Tb::columns[Columns[0]], row}));
  } else {
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
      return Key{st.template read<unwrap_optional<at<K, Types>>>(static_cast<int>(K),
                                                                  cell{Tb::name, Tb::columns[Columns[K]], row})...};
    }(std::make_index_sequence<Columns.size()>{});
  }
}

/// The parents' keys and the statement bound to them, not run yet (no statement when no parent
/// has a key: there is nothing to load). Made in place and never moved: a statement may point
/// into itself.
template <class B, class Key>
struct pending_load {
  std::optional<parent_index<Key>> index;
  std::optional<typename B::statement> st;
  typename B::statement* statement() { return st ? &*st : nullptr; }

  /// Indexes `parents` by their key at the first hop `H` and, when one has a key, makes the
  /// statement of `Sql` bound to the distinct keys, `constraint`'s values and its take.
  template <class H, class Sql, class Parents, class C>
  void start(typename B::connection& conn, const Parents& parents, const C& constraint) {
    auto& keys = index.emplace(parents.size());
    for (std::size_t i = 0; i < parents.size(); ++i) {
      // A parent that fails the path's owner-side conditions (a MorphAs whose type names
      // another table) has no related row: its key is not asked for.
      if constexpr (H::from_where::size != 0)
        if (!conditions_hold<typename H::from_where>(row_of(parents[i]))) continue;
      auto k = key_of<Key, typename H::from, H::from_columns>(row_of(parents[i]));
      if (k) keys.add(i, *k);
    }
    if (keys.empty()) return;  // no parent can have related rows: no query
    auto& s = st.emplace(conn, static_text<Sql>);
    s.bind_keys(keys.keys());
    binder<typename B::statement> b{s};
    constraint.condition.bind(b);
    if constexpr (C::take) b(constraint.count);
  }
};

/// Loads a relation with a join path (every kind but MorphTo).
template <class B, class S, class Owner, class W, std::size_t I>
struct path_loader {
  using R = typename with_parts<W>::relation;
  using Subs = typename with_parts<W>::subs;
  using Target = typename R::target;
  using Hops = path<S, Owner, R>;
  using H1 = at<0, Hops>;
  using Key = typename key_kind<column_types<table_in<S, Owner>, H1::from_columns>>::type;
  using Element = typename slot_of<W>::element;   // what the slot holds
  using Item = element_t<Target, Subs>;           // the loaded row, without pivot
  using Via = typename with_parts<W>::via;        // the step row loaded with it, or void

  using index_type = parent_index<Key>;
  using pending = pending_load<B, Key>;

  template <class Parents, class C>
  static void start(typename B::connection& conn, const Parents& parents, const C& constraint, pending& p) {
    p.template start<H1, eager_gen<S, Owner, R, C, typename B::dialect, Via>>(conn, parents, constraint);
  }

  template <class Parents, class C>
  static void load(typename B::connection& conn, Parents& parents, const C& constraint) {
    pending p;
    p.template start<H1, eager_gen<S, Owner, R, C, typename B::dialect, Via>>(conn, parents, constraint);
    finish(conn, parents, p, constraint);
  }

  /// Reads the rows of `p`'s statement into the parents, and loads the relations below them
  /// with `constraint`'s `on<R>(...)`. The statement's SQL depends on the constraint, which is
  /// not needed here otherwise: the columns are read by position.
  template <class Parents, class C>
  static void finish(typename B::connection& conn, Parents& parents, pending& p, const C& constraint) {
    if (!p.st) return;
    auto& st = *p.st;
    const index_type& index = *p.index;
    // The tables of the path's first and last hop: the constraint does not change them.
    using Gen = eager_gen<S, Owner, R, load_constraint<>, typename B::dialect, Via>;
    using First = typename Gen::First;
    using Last = typename Gen::Last;

    constexpr int key_width = static_cast<int>(H1::to_columns.size());
    constexpr int pivot_at = key_width + static_cast<int>(Last::table::column_count);
    using key_table = typename First::table;
    if constexpr (Subs::size == 0) {
      // Nothing to load below: each row goes straight to its parents, in the query's order.
      for (std::size_t row = 1; st.step(); ++row) {
        const std::size_t last = index.last_of(read_key<Key, key_table, H1::to_columns>(st, row));
        if (last == index_type::none) continue;
        if constexpr (Gen::pivot)
          attach<I>(parents, index, last,
                    Element{read_row<typename Last::table>(st, key_width, row),
                            read_row<typename First::table>(st, pivot_at, row)});
        else if constexpr (!std::is_void_v<Via>)
          attach<I>(parents, index, last,
                    Element{read_row<typename Last::table>(st, key_width, row),
                            read_row<typename Gen::ViaScoped::table>(st, pivot_at, row)});
        else
          attach<I>(parents, index, last, read_row<typename Last::table>(st, key_width, row));
      }
    } else {
      // The rows are gathered first: the next level loads on all of them at once.
      std::vector<Item> items;
      std::conditional_t<Gen::pivot, std::vector<typename First::table::type>, nothing> pivots;
      std::vector<Key> item_keys;
      for (std::size_t row = 1; st.step(); ++row) {
        if constexpr (B::statement::counts_rows) {
          if (row == 1) {
            item_keys.reserve(st.rows_expected());
            items.reserve(st.rows_expected());
            if constexpr (Gen::pivot) pivots.reserve(st.rows_expected());
          }
        }
        item_keys.push_back(read_key<Key, key_table, H1::to_columns>(st, row));
        items.push_back(Item{read_row<typename Last::table>(st, key_width, row), {}});
        if constexpr (Gen::pivot) pivots.push_back(read_row<typename First::table>(st, pivot_at, row));
      }
      load_subs<B, S, Target>(conn, items, Subs{}, constraint.sub_constraints);
      for (std::size_t i = 0; i < items.size(); ++i) {
        const std::size_t last = index.last_of(item_keys[i]);
        if (last == index_type::none) continue;
        if constexpr (Gen::pivot) attach<I>(parents, index, last, Element{std::move(items[i]), std::move(pivots[i])});
        else attach<I>(parents, index, last, std::move(items[i]));
      }
    }
  }
};

/// `Recursive<R, MaxDepth>`: one statement for every level below the parents, grown into
/// `Tree`s in memory.
template <class B, class S, class Owner, class R, std::size_t MaxDepth, std::size_t I>
struct recursive_loader<B, S, Owner, Recursive<R, MaxDepth>, I> {
  using Tb = table_in<S, Owner>;
  using Hops = path<S, Owner, R>;
  using H = at<0, Hops>;
  static constexpr bool self_many = recursive_is_self_many<S, Owner, R>;
  static_assert(load_check::recursive_on_self<self_many, Owner, R>() || true);
  using Key = typename key_kind<column_types<Tb, H::from_columns>>::type;
  using index_type = parent_index<Key>;
  using Node = Tree<Owner>;
  using pending = pending_load<B, Key>;

  template <class C>
  using gen = recursive_gen<S, Owner, R, C, typename B::dialect, MaxDepth>;

  template <class Parents, class C>
  static void start(typename B::connection& conn, const Parents& parents, const C& constraint, pending& p) {
    if constexpr (self_many && load_check::recursive_unordered<C::order::size == 0 && !C::take, R>())
      p.template start<H, gen<C>>(conn, parents, constraint);
  }

  template <class Parents, class C>
  static void load(typename B::connection& conn, Parents& parents, const C& constraint) {
    pending p;
    start(conn, parents, constraint, p);
    finish(conn, parents, p, constraint);
  }

  template <class Parents, class C>
  static void finish(typename B::connection&, Parents& parents, pending& p, const C&) {
    if constexpr (self_many) {
      if (!p.st) return;
      auto& st = *p.st;
      // Each row with the parent key it descends from and its depth; children found by
      // (root, depth, parent's key).
      struct found {
        Key root;
        std::int64_t depth;
        Owner row;
      };
      std::vector<found> rows;
      for (std::size_t row = 1; st.step(); ++row) {
        if constexpr (B::statement::counts_rows)
          if (row == 1) rows.reserve(st.rows_expected());
        Key root = read_key<Key, Tb, H::to_columns>(st, row);
        const auto depth = st.template read<std::int64_t>(1, cell{Tb::name, "ctorm_depth", row});
        rows.push_back(found{std::move(root), depth, read_row<Tb>(st, 2, row)});
      }
      std::unordered_map<std::tuple<Key, std::int64_t, Key>, std::vector<std::size_t>, value_hash, key_equal> children;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        auto above = key_of<Key, Tb, H::to_columns>(rows[i].row);
        if (above) children[{rows[i].root, rows[i].depth, *above}].push_back(i);
      }
      std::vector<Key> branch;  // the keys from the root down: a cycle stops where it repeats one
      const auto grow = [&](auto& self, const Key& root, std::int64_t depth, const Key& parent) {
        std::vector<Node> out;
        const auto it = children.find({root, depth, parent});
        if (it == children.end()) return out;
        for (std::size_t i : it->second) {
          auto own = key_of<Key, Tb, H::from_columns>(rows[i].row);
          if (!own) continue;
          bool seen = false;  // <algorithm>'s find would cost every program that includes ctorm
          for (const Key& k : branch) seen = seen || same_value(k, *own);
          if (seen) continue;
          branch.push_back(*own);
          auto below = self(self, root, depth + 1, *own);
          branch.pop_back();
          out.push_back(Node{rows[i].row, std::move(below)});
        }
        return out;
      };
      const index_type& index = *p.index;
      for (std::size_t i = 0; i < parents.size(); ++i) {
        auto k = key_of<Key, Tb, H::from_columns>(row_of(parents[i]));
        if (!k || index.last_of(*k) == index_type::none) continue;
        branch.assign(1, *k);
        slot_at<I>(parents[i].relations) = grow(grow, *k, 1, *k);
      }
    }
  }
};

/// A `MorphTo` loads each target type with its own query, for the rows whose type column
/// names that target's table.
template <class B, class S, class Owner, auto TypeColumn, auto IdColumn, class... Targets, class W, std::size_t I>
struct morph_to_loader<B, S, Owner, MorphTo<TypeColumn, IdColumn, Targets...>, W, I> {
  using R = MorphTo<TypeColumn, IdColumn, Targets...>;

  template <class Parents, class C>
  static void load(typename B::connection& conn, Parents& parents, const C&) {
    if constexpr (load_check::morph_to_whole<std::is_same_v<C, load_constraint<>>, R>() &&
                  with_parts<W>::subs::size == 0)
      (load_target<Targets>(conn, parents), ...);
  }

  // Beside other relations of its level, a MorphTo runs its queries when its turn comes.
  struct pending {
    static constexpr typename B::statement* statement() { return nullptr; }
  };
  template <class Parents, class C>
  static void start(typename B::connection&, const Parents&, const C&, pending&) {
    static_assert(load_check::morph_to_whole<std::is_same_v<C, load_constraint<>>, R>() || true);
  }
  template <class Parents>
  static void finish(typename B::connection& conn, Parents& parents, pending&, const auto&) {
    load(conn, parents, load_constraint<>{});
  }

 private:
  template <class Target, class Parents>
  static void load_target(typename B::connection& conn, Parents& parents) {
    using Tb = table_in<S, Target>;
    constexpr std::array<std::size_t, 1> key_column{Tb::primary_key[0]};
    using Key = typename key_kind<column_types<Tb, key_column>>::type;
    // The parents whose type names this target, indexed by their id: MorphAs's first hop.
    using H = at<0, path<S, Owner, MorphAs<MorphTo<TypeColumn, IdColumn, Targets...>, Target>>>;
    pending_load<B, Key> p;
    p.template start<H, morph_target_gen<Tb, typename B::dialect>>(conn, parents, load_constraint<>{});
    if (!p.st) return;
    auto& st = *p.st;
    const parent_index<Key>& index = *p.index;
    for (std::size_t row = 1; st.step(); ++row) {
      Target t = read_row<Tb>(st, 0, row);
      const auto k = key_of<Key, Tb, key_column>(t);
      if (!k) continue;
      const std::size_t last = index.last_of(*k);
      if (last != parent_index<Key>::none) attach<I>(parents, index, last, std::move(t));
    }
  }
};

/// Loads every with-item `Ws` on `parents` (rows of `Owner` already read into `Loaded`s).
template <class B, class S, class Owner, class... Ws, class Parents, class Constraints>
void load_all(typename B::connection& conn, Parents& parents, const Constraints& constraints) {
  // with<R>(...) checked its constraint already; load<R>(rows, ...) is checked here.
  if constexpr (fits_dialect<Constraints, typename B::dialect>()) {
    if (parents.empty()) return;
    load_level<B, S, Owner, Ws...>(conn, parents, constraints);
  }
}

}  // namespace detail

}  // namespace ctorm
