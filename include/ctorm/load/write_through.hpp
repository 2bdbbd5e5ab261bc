#pragma once
/// \file
/// Writing through relations, for every backend: creating a related row, pointing or clearing
/// a foreign key, and linking rows through a junction (attach, detach, sync). `Database`'s
/// members of the same names call these.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/error.hpp"
#include "ctorm/load/hydrate.hpp"
#include "ctorm/load/keys.hpp"
#include "ctorm/load/loaded.hpp"
#include "ctorm/load/write.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/schema/path.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/sql/related.hpp"
#include "ctorm/types/real.hpp"

namespace ctorm {

/// What `sync` changed: the keys it linked and unlinked.
template <class Key>
struct Synced {
  std::vector<Key> attached;
  std::vector<Key> detached;
  /// Links that stayed and took the pivot data given for them (sync with pivot data only).
  std::vector<Key> updated;
};

namespace detail {

/// Runs `text` on `conn` with the members at the field-index lists `Fields...` bound to the
/// parameters in order; returns the number of rows changed.
template <class B, TableType Tb, const auto&... Fields>
std::int64_t write_row(typename B::connection& conn, std::string_view text, const typename Tb::type& obj) {
  typename B::statement st(conn, text);
  (bind_fields<Tb, Fields>(st, obj), ...);
  return st.run();
}

/// Copies `from`'s members at `FromColumns` (columns of table `FromTb`) into `to`'s at
/// `ToColumns`. A NULL there links to no row: refused, whether or not `to` could hold a NULL.
template <class FromTb, auto FromColumns, auto ToColumns, class From, class To>
void copy_key(const From& from, To& to) {
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    const auto assign = [&]<std::size_t I, class X, class Y>(X& dest, const Y& src) {
      if constexpr (is_optional_v<Y>) {
        if (!src)
          throw usage_error(cat("ctorm: cannot link through a NULL key - ", FromTb::name, ".",
                                FromTb::columns[FromColumns[I]], " is NULL in the row given"));
        dest = *src;
      } else {
        dest = src;
      }
    };
    (assign.template operator()<K>(field_ref<ToColumns[K]>(to), field_ref<FromColumns[K]>(from)), ...);
  }(std::make_index_sequence<FromColumns.size()>{});
}

/// Makes `child` a row of `owner`'s relation whose first hop is `H` (a HasMany, HasOne,
/// MorphMany or MorphOne): the owner's key, the owner's table name in a morph type column, and
/// the values a `Constrained` relation fixes.
template <class H, class Owner, class Child>
void hang_on(const Owner& owner, Child& child) {
  copy_key<typename H::from, H::from_columns, H::to_columns>(owner, child);
  if constexpr (H::morph_column != no_column) field_ref<H::morph_column>(child) = std::string(H::from::name);
  H::where::each([&]<class C>() { C::fill(child); });
}

/// Whether rows `a` and `b` hold the same values, member by member.
template <class T>
bool same_values(const T& a, const T& b) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return ((field_ref<I>(a) == field_ref<I>(b)) && ...);
  }(std::make_index_sequence<field_count<T>>{});
}

/// A primary key for a message: the value, or the values of a composite key in parentheses.
template <class K>
std::string show_key(const K& key) {
  if constexpr (is_tuple<K>) {
    std::string out = "(";
    std::apply([&](const auto&... v) {
      std::size_t i = 0;
      ((out.append(i++ == 0 ? "" : ", ").append(show_key(v))), ...);
    }, key);
    out += ')';
    return out;
  } else if constexpr (std::is_same_v<K, std::string>) {
    return show_text(key);
  } else if constexpr (std::is_integral_v<K>) {
    return std::to_string(key);
  } else if constexpr (requires { key.to_string(); }) {
    return key.to_string();
  } else {
    return "given";
  }
}

/// Value `v`, given to name a target (`attach`, `sync`), as the junction's key member type
/// `X` (column `Tj::columns[Column]`): the same value, or a `conversion_error` - a number is
/// never rounded or wrapped into another key. Anything else converts as `X(v)` (a string
/// literal for a TEXT key).
template <class X, class Tj, std::size_t Column, class V>
X exact_key(const V& v) {
  if constexpr (std::is_arithmetic_v<V> && std::is_arithmetic_v<X> && !std::is_same_v<V, X>) {
    if (!converts_exactly<X>(v)) {
      std::string shown;
      if constexpr (std::is_floating_point_v<V>) shown = show_double(static_cast<double>(v));
      else if constexpr (std::is_same_v<V, bool>) shown = v ? "true" : "false";
      else shown = std::to_string(v);
      throw conversion_error(Tj::name, Tj::columns[Column], 0,
                             cat(shown, " given as a key does not fit the key's member exactly - a key is "
                                        "never converted into another"));
    }
    return static_cast<X>(v);
  } else {
    return X(v);
  }
}

/// Makes junction row `j` the link from `owner` (over hop `H1`) to `target` (over hop `H2`):
/// both sides' keys and the pivot values a `Constrained` relation fixes. `target` is the target
/// row, the value of a one-column key, or a `std::tuple` of a composite key's values.
template <class H1, class H2, class Owner, class Target, class Junction>
void link_row(const Owner& owner, const Target& target, Junction& j) {
  copy_key<typename H1::from, H1::from_columns, H1::to_columns>(owner, j);
  H1::where::each([&]<class C>() { C::fill(j); });
  if constexpr (std::is_same_v<Target, typename H2::to::type>) {
    copy_key<typename H2::to, H2::to_columns, H2::from_columns>(target, j);
  } else {
    // The value of each key column, converted exactly or refused.
    const auto put = [&]<std::size_t K>(const auto& value) {
      constexpr std::size_t column = H2::from_columns[K];
      using X = unwrap_optional<field_type<typename H2::from::type, column>>;
      field_ref<column>(j) = exact_key<X, typename H2::from, column>(value);
    };
    if constexpr (is_tuple<Target>) {
      [&]<std::size_t... K>(std::index_sequence<K...>) {
        (put.template operator()<K>(std::get<K>(target)), ...);
      }(std::make_index_sequence<H2::from_columns.size()>{});
    } else {
      put.template operator()<0>(target);
    }
  }
}

/// The key of a link's target as `sync` compares it: the value of a one-column key, else the
/// tuple of the values of the junction's columns at `H2::from_columns`.
template <class Tj, class H2, class Seq = std::make_index_sequence<H2::from_columns.size()>>
struct link_key_of;
template <class Tj, class H2, std::size_t... K>
struct link_key_of<Tj, H2, std::index_sequence<K...>> {
  using type = std::conditional_t<sizeof...(K) == 1,
                                  unwrap_optional<field_type<typename Tj::type, H2::from_columns[0]>>,
                                  std::tuple<unwrap_optional<field_type<typename Tj::type, H2::from_columns[K]>>...>>;
};

/// The key of target row `row` over hop `H2` (junction to target), as `sync` compares it.
template <class Tj, class H2, class Target>
auto link_key(const Target& row) {
  using Key = typename link_key_of<Tj, H2>::type;
  if constexpr (H2::to_columns.size() == 1) {
    return Key(field_ref<H2::to_columns[0]>(row));
  } else {
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
      return Key(field_ref<H2::to_columns[K]>(row)...);
    }(std::make_index_sequence<H2::to_columns.size()>{});
  }
}

/// What names the target in an element given to `sync`: the element, or a pair's `first`.
template <class Element, bool Pair>
struct key_part {
  using type = Element;
};
template <class Element>
struct key_part<Element, true> {
  using type = std::remove_cvref_t<decltype(std::declval<const Element&>().first)>;
};

/// Whether `Key` names one target over hop `H2` (junction to target): the target row, a
/// `std::tuple` with one value per key column, or one value when the key has one column.
template <class H2, class Key>
consteval bool names_target() {
  constexpr std::size_t width = H2::from_columns.size();
  if constexpr (std::is_same_v<Key, typename H2::to::type>) {
    return true;
  } else if constexpr (is_tuple<Key>) {
    static_assert(std::tuple_size_v<Key> == width || involving<typename H2::to::type, Key>,
                  "ctorm: a target key given as a std::tuple needs one value per column of the target's key");
    return std::tuple_size_v<Key> == width;
  } else {
    static_assert(width == 1 || involving<typename H2::to::type, Key>,
                  "ctorm: the target's key has several columns - pass the target row or a std::tuple of its key "
                  "values");
    return width == 1;
  }
}

/// The write-through operations of a `Database` `Db` of schema `S` on backend `B`.
template <class S, class B, class Db>
struct write_through {
  using dialect = typename B::dialect;
  using statement = typename B::statement;
  using connection = typename B::connection;

  template <class Owner, class R>
  static consteval bool relation_of() {
    if constexpr (!S::template contains<Owner>) return false;
    else return declares<table_of<S, Owner>, R>;
  }

  template <class R, class Owner, class Child>
  static consteval bool creatable() {
    constexpr bool kind = R::kind == relation_kind::has_many || R::kind == relation_kind::has_one ||
                          R::kind == relation_kind::morph_many || R::kind == relation_kind::morph_one ||
                          R::kind == relation_kind::many_to_many;
    if constexpr (!kind) {
      static_assert(kind || involving<R>, "ctorm: create<R> writes through HasMany, HasOne, MorphMany, MorphOne or ManyToMany - set a "
                          "BelongsTo with associate");
      return false;
    } else if constexpr (!relation_of<Owner, R>()) {
      static_assert(relation_of<Owner, R>() || involving<Owner, R>, "ctorm: create<R>(owner, row) takes a relation declared on the owner's table");
      return false;
    } else {
      static_assert(std::is_same_v<Child, typename R::target> || involving<Child, R>, "ctorm: create<R> takes a row of the relation's target");
      return std::is_same_v<Child, typename R::target>;
    }
  }

  template <class R, class Owner>
  static consteval bool linkable() {
    constexpr bool ok = R::kind == relation_kind::many_to_many && relation_of<Owner, R>();
    static_assert(ok || involving<Owner, R>, "ctorm: attach, detach and sync take a ManyToMany declared on the owner's table");
    return ok;
  }

  template <class R, class Owner, class Child>
  static void create(Db& db, const Owner& owner, Child& child) {
    if constexpr (R::kind == relation_kind::many_to_many) {
      create_linked<R>(db, owner, child, junction_row<S, Owner, R>{});
    } else {
      hang_on<at<0, path<S, Owner, R>>>(owner, child);
      const auto key = db.insert(child);
      if constexpr (table_of<S, Child>::has_rowid_key) field_ref<table_of<S, Child>::primary_key[0]>(child) = key;
      else if constexpr (table_of<S, Child>::makes_uuid_keys) field_ref<table_of<S, Child>::uuid_key>(child) = key;
    }
  }

  /// Inserts `target` and links it to `owner` through ManyToMany `R` with `pivot` as the
  /// junction row, in one transaction; `target` gets its assigned key.
  template <class R, class Owner, class Target, class Junction>
  static void create_linked(Db& db, const Owner& owner, Target& target, Junction pivot) {
    constexpr bool junction = std::is_same_v<Junction, junction_row<S, Owner, R>>;
    static_assert(junction || involving<Junction, R>, "ctorm: create's pivot is a row of the relation's junction struct");
    if constexpr (junction) {
      at<1, path<S, Owner, R>>::where::each([&]<class C>() { C::fill(target); });
      auto tx = db.transaction();
      const auto key = db.insert(target);
      if constexpr (table_of<S, Target>::has_rowid_key) field_ref<table_of<S, Target>::primary_key[0]>(target) = key;
      else if constexpr (table_of<S, Target>::makes_uuid_keys) field_ref<table_of<S, Target>::uuid_key>(target) = key;
      attach<R>(db, owner, target, std::move(pivot));
      tx.commit();
    }
  }

  template <class R, class Child, class Parent>
  static bool associate(connection& conn, Child& child, const Parent& parent) {
    static_assert(R::kind == relation_kind::belongs_to && std::is_same_v<typename R::owner, Child> &&
                      std::is_same_v<typename R::target, Parent>,
                  "ctorm: associate<R>(child, parent) takes a BelongsTo of the child's table and a row of its target");
    using H = at<0, path<S, Child, R>>;
    using Tb = table_of<S, Child>;
    return restored_on_failure(child, [&] {
      copy_key<typename H::to, H::to_columns, H::from_columns>(parent, child);
      return write_row<B, Tb, H::from_columns, Tb::primary_key>(
                 conn, static_text<set_foreign_key_gen<Tb, R, false, dialect>>, child) > 0;
    });
  }

  /// `change_and_write()`, with `row` put back as it was if it throws: the caller's row keeps
  /// matching the database's.
  template <class Row, class F>
  static bool restored_on_failure(Row& row, F&& change_and_write) {
    Row before = row;
    try {
      return change_and_write();
    } catch (...) {
      row = std::move(before);
      throw;
    }
  }

  template <class R, class Child>
  static bool dissociate(connection& conn, Child& child) {
    static_assert(R::kind == relation_kind::belongs_to && std::is_same_v<typename R::owner, Child>,
                  "ctorm: dissociate<R>(child) takes a BelongsTo of the child's table");
    static_assert(foreign_key_nullable<R>,
                  "ctorm: dissociate<R> needs a nullable foreign key (std::optional) - this one cannot be NULL");
    if constexpr (foreign_key_nullable<R>) {
      using Tb = table_of<S, Child>;
      return restored_on_failure(child, [&] {
        R::keys::each([&]<auto M, std::size_t>() { child.*M = std::nullopt; });
        return write_row<B, Tb, Tb::primary_key>(conn, static_text<set_foreign_key_gen<Tb, R, true, dialect>>, child) > 0;
      });
    } else {
      return false;
    }
  }

  template <class R, class Owner, class TargetOrKey, class Junction>
  static void attach(Db& db, const Owner& owner, const TargetOrKey& target, Junction pivot) {
    static_assert(std::is_same_v<Junction, junction_row<S, Owner, R>>,
                  "ctorm: attach's pivot is a row of the relation's junction struct");
    using P = path<S, Owner, R>;
    if constexpr (names_target<at<1, P>, TargetOrKey>()) {
      link_row<at<0, P>, at<1, P>>(owner, target, pivot);
      db.insert(pivot);
    }
  }


  /// Deletes `owner`'s links to the target with key `*key`, or (`key` null) to every target.
  template <class R, bool One, class Owner, class Key>
  static std::int64_t detach(connection& conn, const Owner& owner, const Key* key) {
    using P = path<S, Owner, R>;
    constexpr bool named = [] {
      if constexpr (One) return names_target<at<1, P>, Key>();
      else return true;
    }();
    if constexpr (named) {
      using Tj = typename at<0, P>::to;
      using Gen = detach_gen<Tj, at<0, P>, at<1, P>, One, dialect>;
      statement st(conn, static_text<Gen>);
      binder<statement> b{st};
      const auto owner_key = owner_key_values<S, Owner, R>(owner);  // bound without a copy
      b.all(owner_key);
      // Declared at this scope: the statement points at text and bytes of these values until run().
      const auto target_key = [&] {
        if constexpr (One) return target_key_values<Tj, at<1, P>, typename R::target>(*key);
        else return std::tuple<>{};
      }();
      b.all(target_key);
      return st.run();
    } else {
      return 0;
    }
  }

  /// One value of a target key as it is bound: of the column's type by reference, anything else
  /// (a string literal for a TEXT key) converted to the column's type.
  template <class X, class V>
  static decltype(auto) key_value(const V& v) {
    if constexpr (std::is_same_v<V, X>) return (v);
    else return X(v);
  }

  /// The junction's values for one target (named as `names_target` allows), as they are bound.
  template <class Tj, class H2, class Target, class Key>
  static auto target_key_values(const Key& key) {
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
      if constexpr (std::is_same_v<Key, Target>) {
        return std::tie(field_ref<H2::to_columns[K]>(key)...);
      } else if constexpr (is_tuple<Key>) {
        return std::tuple<decltype(target_value<Tj, H2::from_columns[K]>(std::get<K>(key)))...>(
            target_value<Tj, H2::from_columns[K]>(std::get<K>(key))...);
      } else {
        return std::tuple<decltype(target_value<Tj, H2::from_columns[0]>(key))>(target_value<Tj, H2::from_columns[0]>(key));
      }
    }(std::make_index_sequence<H2::from_columns.size()>{});
  }

  /// A number naming a target, as the junction's member at `Field`: the same value or a
  /// conversion_error, as attach and sync have it (no link can hold a key its member cannot,
  /// and PostgreSQL could not bind one to the column); anything else as `key_value`.
  template <class Tj, std::size_t Field, class V>
  static decltype(auto) target_value(const V& v) {
    using X = unwrap_optional<field_type<typename Tj::type, Field>>;
    if constexpr (std::is_arithmetic_v<V> && std::is_arithmetic_v<X>) return exact_key<X, Tj, Field>(v);
    else return key_value<X>(v);
  }

  /// Makes `keys` (keys, target rows, or (key, junction row) pairs) exactly the targets linked
  /// to `owner` through `R`; see `Database::sync`.
  template <class R, class Owner, class Keys>
  static auto sync(Db& db, connection& conn, const Owner& owner, const Keys& keys) {
    using P = path<S, Owner, R>;
    using H1 = at<0, P>;
    using H2 = at<1, P>;
    using Tj = typename H1::to;
    using Target = typename R::target;
    constexpr std::size_t width = H2::from_columns.size();
    using Key = typename link_key_of<Tj, H2>::type;
    using Junction = junction_row<S, Owner, R>;
    using Element = std::remove_cvref_t<decltype(*std::begin(keys))>;
    // An element is a key, a target row, or a (key, junction row) pair: the pivot data of a link.
    constexpr bool with_pivot = requires(const Element& e) {
      requires std::is_same_v<std::remove_cvref_t<decltype(e.second)>, Junction>;
    };
    using Given = typename key_part<Element, with_pivot>::type;
    Synced<Key> result;
    if constexpr (names_target<H2, Given>()) {
      const auto key_of = [](const Element& e) {
        const Given& given = [&]() -> const Given& {
          if constexpr (with_pivot) return e.first;
          else return e;
        }();
        if constexpr (std::is_same_v<Given, Target>) {
          return link_key<Tj, H2>(given);
        } else if constexpr (width == 1) {
          return exact_key<Key, Tj, H2::from_columns[0]>(given);
        } else {
          return [&]<std::size_t... K>(std::index_sequence<K...>) {
            return Key(exact_key<std::tuple_element_t<K, Key>, Tj, H2::from_columns[K]>(std::get<K>(given))...);
          }(std::make_index_sequence<width>{});
        }
      };
      auto tx = db.transaction();
      const auto owner_key = owner_key_values<S, Owner, R>(owner);  // bound without a copy
      std::vector<Key> current;
      {
        using Gen = linked_keys_gen<Tj, H1, H2, dialect>;
        statement st(conn, static_text<Gen>);
        binder<statement> b{st};
        b.all(owner_key);
        const auto read = [&]<std::size_t K, class X>(std::size_t row) {
          return st.template read<X>(K, cell{Tj::name, Tj::columns[H2::from_columns[K]], row});
        };
        for (std::size_t row = 1; st.step(); ++row) {
          if constexpr (width == 1) {
            current.push_back(read.template operator()<0, Key>(row));
          } else {
            current.push_back([&]<std::size_t... K>(std::index_sequence<K...>) {
              return Key{read.template operator()<K, std::tuple_element_t<K, Key>>(row)...};
            }(std::make_index_sequence<width>{}));
          }
        }
      }
      std::unordered_set<Key, value_hash, key_equal> wanted;
      for (const auto& x : keys) wanted.insert(key_of(x));
      for (const Key& k : current)
        if (!wanted.contains(k)) result.detached.push_back(k);
      const std::unordered_set<Key, value_hash, key_equal> linked(current.begin(), current.end());
      std::unordered_map<Key, const Element*, value_hash, key_equal> seen;
      std::vector<Junction> links;
      const auto link_for = [&](const Element& x, const Key& k) {
        Junction j{};
        if constexpr (with_pivot) j = x.second;
        link_row<H1, H2>(owner, k, j);
        return j;
      };
      for (const auto& x : keys) {
        Key k = key_of(x);
        if (const auto [first, fresh] = seen.try_emplace(k, &x); !fresh) {
          // A key given twice is one link: with two different junction rows, which one was meant?
          if constexpr (with_pivot)
            if (!same_values(first->second->second, x.second))
              throw usage_error(cat("ctorm: sync was given the key ", show_key(k), " of ", Tj::name,
                                    " twice with different junction rows - give each key once"));
          continue;
        }
        if (!linked.contains(k)) {
          links.push_back(link_for(x, k));
          result.attached.push_back(std::move(k));
        } else if constexpr (with_pivot && pivot_columns<Tj, H1, H2>::count > 0) {
          // The link stays and takes the pivot data given; found by its two sides, whatever the
          // junction's own key, and counted only when a value changed.
          using Gen = update_pivot_gen<Tj, H1, H2, dialect>;
          if (write_row<B, Tj, pivot_columns<Tj, H1, H2>::value, H1::to_columns, H2::from_columns>(
                  conn, static_text<Gen>, link_for(x, k)) > 0)
            result.updated.push_back(std::move(k));
        }
      }
      // Links removed: one DELETE for a list of one-column keys (no list of tuples binds as one
      // parameter on every backend, so a composite key takes one DELETE per link). New links:
      // one bulk insert (COPY on PostgreSQL). With pivot data, one UPDATE per link that stays.
      if constexpr (width == 1) {
        if (!result.detached.empty()) {
          statement st(conn, static_text<detach_many_gen<Tj, H1, H2, Key, dialect>>);
          binder<statement> b{st};
          b.all(owner_key);
          b(value_list<Key>{result.detached});
          st.run();
        }
      } else {
        for (const Key& k : result.detached) detach<R, true>(conn, owner, &k);
      }
      if (!links.empty()) db.insert_all(links);
      tx.commit();
    }
    return result;
  }
};

}  // namespace detail
}  // namespace ctorm
