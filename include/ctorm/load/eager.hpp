#pragma once
/// \file
/// Eager loading: one query per relation and level, never one per row. The parents' keys are
/// bound as one JSON array; the children come back with the key they hang on and are grouped
/// in memory.

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "ctorm/load/hydrate.hpp"
#include "ctorm/load/loaded.hpp"
#include "ctorm/query.hpp"
#include "ctorm/schema/path.hpp"
#include "ctorm/sql/eager.hpp"
#include "ctorm/sql/select.hpp"
#include "ctorm/sqlite/json_list.hpp"
#include "ctorm/sqlite/connection.hpp"
#include "ctorm/sqlite/values.hpp"

namespace ctorm {
namespace detail {

/// A key as the loader compares it: an integer when it is one integer column, else its JSON text.
template <class Types>
struct key_kind;
template <class K>
struct key_kind<type_list<K>> {
  static constexpr bool integral = std::integral<unwrap_optional<K>> && !std::same_as<unwrap_optional<K>, bool>;
  using type = std::conditional_t<integral, std::int64_t, std::string>;
};
template <class K1, class K2, class... Ks>
struct key_kind<type_list<K1, K2, Ks...>> {
  static constexpr bool integral = false;
  using type = std::string;
};

template <class Tb, auto Columns, class Seq = std::make_index_sequence<Columns.size()>>
struct column_types_of;
template <class Tb, auto Columns, std::size_t... K>
struct column_types_of<Tb, Columns, std::index_sequence<K...>> {
  using type = type_list<field_type<typename Tb::type, Columns[K]>...>;
};
/// The member types of `Tb`'s columns at `Columns`.
template <class Tb, auto Columns>
using column_types = typename column_types_of<Tb, Columns>::type;

/// An integer key member as SQLite's 64-bit INTEGER; an unsigned value above INT64_MAX, which
/// no row can hold, is refused rather than wrapped to a negative key.
template <class Tb, std::size_t Column, class I>
std::int64_t integer_key(I v) {
  if constexpr (std::is_unsigned_v<I> && sizeof(I) >= sizeof(std::int64_t)) {
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      throw conversion_error(Tb::name, Tb::columns[Column], 0,
                             std::to_string(v) + " does not fit SQLite's signed 64-bit INTEGER");
  }
  return static_cast<std::int64_t>(v);
}

/// The key of `row` at `Columns`, unless a member is NULL.
template <class Key, class Tb, auto Columns, class Row>
std::optional<Key> key_of(const Row& row) {
  bool null = false;
  std::string text;
  Key key{};
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    (([&] {
       const auto& v = field_ref<Columns[K]>(row);
       if constexpr (is_optional_v<std::remove_cvref_t<decltype(v)>>) {
         if (!v) {
           null = true;
           return;
         }
       }
       if constexpr (std::is_same_v<Key, std::int64_t>) {
         if constexpr (is_optional_v<std::remove_cvref_t<decltype(v)>>) key = integer_key<Tb, Columns[K]>(*v);
         else key = integer_key<Tb, Columns[K]>(v);
       } else {
         if (K != 0) text += ',';
         sqlite_backend::append_json_value(text, v);
       }
     }()),
     ...);
  }(std::make_index_sequence<Columns.size()>{});
  if (null) return std::nullopt;
  if constexpr (std::is_same_v<Key, std::int64_t>) return key;
  else return Columns.size() == 1 ? text : "[" + text + "]";
}

template <class Key>
void append_key_json(std::string& json, const Key& key) {
  if (json.size() > 1) json += ',';
  if constexpr (std::is_same_v<Key, std::int64_t>) json += std::to_string(key);
  else json += key;
}

/// The parents of one eager load by key: the JSON array of their distinct keys (bound to the
/// query) and, for each key, the last parent holding it and before it the previous one (a
/// chain), so that rows shared by several parents (a BelongsTo) reach all of them. A template
/// of the key type only, and kept out of line: one copy serves every relation of every table.
template <class Key>
class parent_index {
 public:
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  [[gnu::noinline]] explicit parent_index(std::size_t parents) : previous_(parents, none), json_(1, '[') {}

  [[gnu::noinline]] void add(std::size_t parent, const Key& key) {
    auto [at, fresh] = last_.try_emplace(key, parent);
    if (fresh) append_key_json(json_, key);
    else previous_[parent] = std::exchange(at->second, parent);
  }
  bool empty() const noexcept { return last_.empty(); }
  /// The keys as a JSON array; call once.
  [[gnu::noinline]] sqlite_backend::json_list take_json() {
    json_ += ']';
    return sqlite_backend::json_list{std::move(json_)};
  }
  /// The last parent with `key`, or `none`.
  [[gnu::noinline]] std::size_t last_of(const Key& key) const {
    const auto found = last_.find(key);
    return found == last_.end() ? none : found->second;
  }
  /// The parent before `parent` with the same key, or `none`.
  std::size_t previous(std::size_t parent) const noexcept { return previous_[parent]; }

 private:
  std::unordered_map<Key, std::size_t> last_;
  std::vector<std::size_t> previous_;
  std::string json_;
};

template <class E>
struct unpivoted {
  using type = E;
};
template <class T, class J>
struct unpivoted<Pivoted<T, J>> {
  using type = T;
};

template <class S, class Owner, class W, std::size_t I>
struct path_loader;
template <class S, class Owner, class R, class W, std::size_t I>
struct morph_to_loader;

/// Loads the relation of with-item `W` into slot `I` of every parent.
template <class S, class Owner, class W, std::size_t I>
struct eager_loader
    : std::conditional_t<with_parts<W>::relation::kind == relation_kind::morph_to,
                         morph_to_loader<S, Owner, typename with_parts<W>::relation, W, I>,
                         path_loader<S, Owner, W, I>> {};

/// Loads the sub-relations `Subs` on `items` (rows of `T` being loaded), one query each.
template <class S, class T, class... Subs, class Items>
void load_subs(sqlite::connection& conn, Items& items, type_list<Subs...>) {
  [&]<std::size_t... J>(std::index_sequence<J...>) {
    (eager_loader<S, T, Subs, J>::load(conn, items, load_constraint<>{}), ...);
  }(std::index_sequence_for<Subs...>{});
}

/// Loads a relation with a join path (every kind but MorphTo).
template <class S, class Owner, class W, std::size_t I>
struct path_loader {
  using R = typename with_parts<W>::relation;
  using Subs = typename with_parts<W>::subs;
  using Target = typename R::target;
  using Hops = path<S, Owner, R>;
  using H1 = at<0, Hops>;
  using Key = typename key_kind<column_types<table_in<S, Owner>, H1::from_columns>>::type;
  using Element = typename slot_of<W>::element;   // what the slot holds
  using Item = element_t<Target, Subs>;           // the loaded row, without pivot

  template <class Parents, class C>
  static void load(sqlite::connection& conn, Parents& parents, const C& constraint) {
    using OwnerTable = table_in<S, Owner>;
    using index_type = parent_index<Key>;
    index_type index(parents.size());
    for (std::size_t p = 0; p < parents.size(); ++p) {
      auto k = key_of<Key, OwnerTable, H1::from_columns>(row_of(parents[p]));
      if (k) index.add(p, *k);
    }
    if (index.empty()) return;  // no parent can have related rows: no query

    using Gen = eager_gen<S, Owner, R, C, sqlite_dialect>;
    using First = typename Gen::First;
    using Last = typename Gen::Last;
    sqlite::statement st(conn, static_text<Gen>);
    binder b{st.handle()};
    const sqlite_backend::json_list keys = index.take_json();  // bound without a copy: must outlive the steps
    b(keys);
    constraint.condition.bind(b);
    if constexpr (C::take) b(constraint.count);

    constexpr int key_width = static_cast<int>(H1::to_columns.size());
    constexpr int pivot_at = key_width + static_cast<int>(Last::table::column_count);
    if constexpr (Subs::size == 0) {
      // Nothing to load below: each row goes straight to its parents, in the query's order.
      for (std::size_t row = 1; st.step(); ++row) {
        const std::size_t last = index.last_of(read_key<First>(st.handle(), row));
        if (last == index_type::none) continue;
        if constexpr (Gen::pivot)
          attach(parents, index, last,
                 Element{read_row<typename Last::table>(st.handle(), key_width, row),
                         read_row<typename First::table>(st.handle(), pivot_at, row)});
        else
          attach(parents, index, last, read_row<typename Last::table>(st.handle(), key_width, row));
      }
    } else {
      // The rows are gathered first: the next level loads on all of them at once.
      std::vector<Item> items;
      std::conditional_t<Gen::pivot, std::vector<typename First::table::type>, nothing> pivots;
      std::vector<Key> item_keys;
      for (std::size_t row = 1; st.step(); ++row) {
        item_keys.push_back(read_key<First>(st.handle(), row));
        items.push_back(Item{read_row<typename Last::table>(st.handle(), key_width, row), {}});
        if constexpr (Gen::pivot) pivots.push_back(read_row<typename First::table>(st.handle(), pivot_at, row));
      }
      load_subs<S, Target>(conn, items, Subs{});
      for (std::size_t i = 0; i < items.size(); ++i) {
        const std::size_t last = index.last_of(item_keys[i]);
        if (last == index_type::none) continue;
        if constexpr (Gen::pivot) attach(parents, index, last, Element{std::move(items[i]), std::move(pivots[i])});
        else attach(parents, index, last, std::move(items[i]));
      }
    }
  }

 private:
  /// Gives `e` to parent `last` and every parent before it with the same key (the index's
  /// chain): copied to all but the first of them, moved into that one. A copy is made and then
  /// moved, so that a slot is only ever appended to by move: one growth path per element type.
  template <class Parents>
  static void attach(Parents& parents, const parent_index<Key>& index, std::size_t last, Element&& e) {
    for (std::size_t p = last; p != parent_index<Key>::none;) {
      const std::size_t before = index.previous(p);
      auto& slot = slot_at<I>(parents[p].relations);
      if constexpr (requires { slot.push_back(std::move(e)); }) {
        if (before == parent_index<Key>::none) slot.push_back(std::move(e));
        else slot.push_back(Element(e));
      } else if (!slot) {
        if (before == parent_index<Key>::none) slot.emplace(std::move(e));
        else slot.emplace(Element(e));
      }
      p = before;
    }
  }

  template <class First>
  static Key read_key(sqlite3_stmt* s, std::size_t row) {
    return []<class... Ks>(sqlite3_stmt* st, std::size_t r, type_list<Ks...>) {
      const auto cell = [r](std::size_t k) {
        return sqlite::cell{First::table::name, First::table::columns[H1::to_columns[k]], r};
      };
      if constexpr (std::is_same_v<Key, std::int64_t>) {
        return static_cast<std::int64_t>(sqlite::read_value<unwrap_optional<Ks>...>(st, 0, cell(0)));
      } else {
        std::string text;
        std::size_t k = 0;
        ((text += (k == 0 ? "" : ","),
          sqlite_backend::append_json_value(text, sqlite::read_value<unwrap_optional<Ks>>(st, static_cast<int>(k), cell(k))), ++k),
         ...);
        return sizeof...(Ks) == 1 ? text : "[" + text + "]";
      }
    }(s, row, column_types<typename First::table, H1::to_columns>{});
  }
};

/// A `MorphTo` loads each target type with its own query, for the rows whose type column
/// names that target's table.
template <class S, class Owner, auto TypeColumn, auto IdColumn, class... Targets, class W, std::size_t I>
struct morph_to_loader<S, Owner, MorphTo<TypeColumn, IdColumn, Targets...>, W, I> {
  template <class Parents, class C>
  static void load(sqlite::connection& conn, Parents& parents, const C&) {
    static_assert(std::is_same_v<C, load_constraint<>>,
                  "ctorm: a MorphTo is loaded whole — with<R>() of a MorphTo takes no conditions, order or take");
    if constexpr (with_parts<W>::subs::size == 0) (load_target<Targets>(conn, parents), ...);
  }

 private:
  template <class Target>
  using gen = morph_target_gen<table_in<S, Target>, sqlite_dialect>;

  template <class Target, class Parents>
  static void load_target(sqlite::connection& conn, Parents& parents) {
    using Tb = table_in<S, Target>;
    std::string json = "[";
    std::unordered_set<std::string> seen;
    for (auto& p : parents) {
      const auto& type = field_ref<member_index<TypeColumn>>(row_of(p));
      const auto& id = field_ref<member_index<IdColumn>>(row_of(p));
      if (!has_value(type) || !has_value(id) || value_of(type) != Tb::name) continue;
      std::string k;
      sqlite_backend::append_json_value(k, value_of(id));
      if (seen.insert(k).second) {
        if (json.size() > 1) json += ',';
        json += k;
      }
    }
    json += ']';
    if (seen.empty()) return;
    sqlite::statement st(conn, static_text<gen<Target>>);
    binder b{st.handle()};
    const sqlite_backend::json_list keys{std::move(json)};  // bound without a copy: must outlive the steps
    b(keys);
    std::unordered_map<std::string, Target> by_id;
    for (std::size_t row = 1; st.step(); ++row) {
      Target t = read_row<Tb>(st.handle(), 0, row);
      std::string k;
      sqlite_backend::append_json_value(k, field_ref<Tb::primary_key[0]>(t));
      by_id.emplace(std::move(k), std::move(t));
    }
    for (auto& p : parents) {
      const auto& type = field_ref<member_index<TypeColumn>>(row_of(p));
      const auto& id = field_ref<member_index<IdColumn>>(row_of(p));
      if (!has_value(type) || !has_value(id) || value_of(type) != Tb::name) continue;
      std::string k;
      sqlite_backend::append_json_value(k, value_of(id));
      if (auto found = by_id.find(k); found != by_id.end()) slot_at<I>(p.relations) = found->second;
    }
  }

  template <class X>
  static bool has_value(const X& x) {
    if constexpr (is_optional_v<X>) return x.has_value();
    else return true;
  }
  template <class X>
  static const auto& value_of(const X& x) {
    if constexpr (is_optional_v<X>) return *x;
    else return x;
  }
};

/// Loads every with-item `Ws` on `parents` (rows of `Owner` already read into `Loaded`s).
template <class S, class Owner, class... Ws, class Parents, class Constraints>
void load_all(sqlite::connection& conn, Parents& parents, const Constraints& constraints) {
  if (parents.empty()) return;
  [&]<std::size_t... J>(std::index_sequence<J...>) {
    (eager_loader<S, Owner, Ws, J>::load(conn, parents, std::get<J>(constraints)), ...);
  }(std::index_sequence_for<Ws...>{});
}

/// `.with<R>(...)` items: the with-item and its constraint.
template <class W, class C>
struct with_item {
  using with = W;
  using constraint = C;
};

/// The rows related to one row of `Owner` through `R`, as a condition on the target's table:
/// `"posts"."author_id" = ?1` for one step; for longer paths the target's key is looked up
/// along the path.
template <class S, class Owner, class R, class Values>
struct related_to : expression_base<related_to<S, Owner, R, Values>> {
  using value_type = bool;
  using owners = type_list<typename R::target>;
  using Hops = path<S, Owner, R>;
  using H1 = at<0, Hops>;
  static constexpr int precedence = Hops::size == 1 && H1::to_columns.size() == 1 && H1::morph_column == no_column
                                        ? prec_compare
                                        : prec_and;
  static constexpr std::size_t parameters = std::tuple_size_v<Values>;
  Values values;

  template <class Ctx>
  static constexpr void write(auto& out, std::size_t& next) {
    using D = typename Ctx::dialect;
    using Scope = typename path_scope<Hops, type_list<>, 1>::type;
    using First = at<0, Scope>;
    using Last = at<Scope::size - 1, Scope>;
    if constexpr (Hops::size == 1) {
      // The target is the first hop's table: compare its columns directly.
      using Root = typename find_scoped<typename R::target, typename Ctx::scope>::type;
      equal_keys<D, Root>(out, next);
      if constexpr (H1::morph_column != no_column) {
        out.put(" AND ");
        scoped_column<Root, D>(out, H1::morph_column);
        out.put(" = ");
        D::string_literal(out, H1::from::name);
      }
    } else {
      using Root = typename find_scoped<typename R::target, typename Ctx::scope>::type;
      using Tt = typename Root::table;
      static_assert(Tt::primary_key.size() == 1, "ctorm: related<R> through a path needs a single-column key on the target");
      scoped_column<Root, D>(out, Tt::primary_key[0]);
      out.put(" IN (SELECT ");
      scoped_column<Last, D>(out, Tt::primary_key[0]);
      out.put(" FROM ");
      table_reference<typename First::table, D, First>(out);
      join_hops<D, Hops, concat<type_list<void>, Scope>, Scope, false, 1>(out);
      out.put(" WHERE ");
      equal_keys<D, First>(out, next);
      if constexpr (H1::morph_column != no_column) {
        out.put(" AND ");
        scoped_column<First, D>(out, H1::morph_column);
        out.put(" = ");
        D::string_literal(out, H1::from::name);
      }
      out.put(')');
    }
  }

  template <class D, class At>
  static constexpr void equal_keys(auto& out, std::size_t& next) {
    for (std::size_t k = 0; k < H1::to_columns.size(); ++k) {
      if (k != 0) out.put(" AND ");
      scoped_column<At, D>(out, H1::to_columns[k]);
      out.put(" = ");
      D::parameter(out, next++);
    }
  }

  template <class B>
  void bind(B& b) const {
    b.all(values);
  }
};

/// The key values of `row` at the first hop's owner-side columns.
template <class S, class Owner, class R>
auto owner_key_values(const Owner& row) {
  using H1 = at<0, path<S, Owner, R>>;
  return [&]<std::size_t... K>(std::index_sequence<K...>) {
    return std::make_tuple(field_ref<H1::from_columns[K]>(row)...);
  }(std::make_index_sequence<H1::from_columns.size()>{});
}

}  // namespace detail

/// A SELECT whose rows come with relations loaded (`select<Post>().with<author, tags>()`):
/// one query for the rows, then one per relation and level.
template <class Base, class S, class T, class... Items>
class EagerSelect {
 public:
  using result_type = Loaded<T, typename Items::with...>;
  /// The SQL of the rows' own query; each relation adds its own statement.
  static constexpr std::string_view sql = Base::sql;

  EagerSelect(sqlite::connection& c, Base base, std::tuple<typename Items::constraint...> constraints)
      : conn_(&c), base_(std::move(base)), constraints_(std::move(constraints)) {}

  /// Loads relation `W` too (`R` or `Nested<R, ...>`), restricted by `args`: conditions,
  /// `asc<>`/`desc<>` terms and `ctorm::take(n)` (the first n per row).
  template <class W, class... Args>
  auto with(Args&&... args) && {
    auto c = detail::fold_constraint<detail::nothing, false>(detail::nothing{}, 0, detail::type_list<>{},
                                                            std::forward<Args>(args)...);
    using Next = EagerSelect<Base, S, T, Items..., detail::with_item<W, decltype(c)>>;
    return Next(*conn_, std::move(base_), std::tuple_cat(std::move(constraints_), std::make_tuple(std::move(c))));
  }

  /// Loads several relations too, unrestricted.
  template <class W1, class W2, class... Ws>
  auto with() && {
    return std::move(*this).template with<W1>().template with<W2, Ws...>();
  }

  /// Every row, with its relations.
  std::vector<result_type> all() {
    auto out = base_.template all_wrapped<result_type>();
    detail::load_all<S, T, typename Items::with...>(*conn_, out, constraints_);
    return out;
  }

  /// The first row, with its relations.
  std::optional<result_type> first() {
    auto row = base_.first();
    if (!row) return std::nullopt;
    std::vector<result_type> one{result_type{std::move(*row), {}}};
    detail::load_all<S, T, typename Items::with...>(*conn_, one, constraints_);
    return std::move(one.front());
  }

  /// The only row, with its relations (throws like `Select::one`).
  result_type one() {
    std::vector<result_type> one{result_type{base_.one(), {}}};
    detail::load_all<S, T, typename Items::with...>(*conn_, one, constraints_);
    return std::move(one.front());
  }

  /// The number of rows (relations are not loaded).
  std::int64_t count() { return base_.count(); }
  /// True when there is a row (relations are not loaded).
  bool exists() { return base_.exists(); }

 private:
  sqlite::connection* conn_;
  Base base_;
  std::tuple<typename Items::constraint...> constraints_;
};


}  // namespace ctorm
