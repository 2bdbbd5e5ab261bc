#pragma once
/// \file
/// Saving a loaded graph (`db.save(graph)`): a `Loaded<T, relations...>` written back in one
/// transaction, parents before children, keys copied down the way.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "ctorm/detail/type_list.hpp"
#include "ctorm/load/loaded.hpp"
#include "ctorm/load/write_through.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/schema/path.hpp"
#include "ctorm/schema/schema.hpp"

namespace ctorm::detail {

/// What `db.save(graph)` does, on database `Db` of schema `S`.
template <class S, class Db>
struct graph_saver {
  /// Writes one row: a new row (a database-assigned key still 0) is inserted and takes its key;
  /// any other row is written by key (`upsert`).
  template <class T>
  static void save_row(Db& db, T& row) {
    using Tb = table_of<S, T>;
    static_assert(Tb::has_primary_key, "ctorm: save writes rows by their primary key - this table has none");
    if constexpr (Tb::has_primary_key) {
      if constexpr (Tb::has_rowid_key) {
        auto& key = field_ref<Tb::primary_key[0]>(row);
        if (key == 0) {
          key = db.insert(row);
          return;
        }
      }
      db.upsert(row);
    }
  }

  /// The row of a graph node: the row itself, or a `Loaded`'s.
  template <class X>
  static auto& row_ref(X& x) {
    return row_of(x);
  }

  template <class X>
  static void save_node(Db& db, X& x) {
    if constexpr (requires { x.relations; }) save_graph(db, x);
    else save_row(db, x);
  }

  /// Saves `g` and what it holds, in foreign-key order.
  template <class T, class... Ws>
  static void save_graph(Db& db, Loaded<T, Ws...>& g) {
    using L = type_list<Ws...>;
    // Parents first: the rows this one's BelongsTo relations hold, then their keys into it.
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (save_parent<at<I, L>, I>(db, g), ...);
    }(std::index_sequence_for<Ws...>{});
    save_row(db, g.row);
    // Then the rows that hang on it.
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (save_children<at<I, L>, I>(db, g), ...);
    }(std::index_sequence_for<Ws...>{});
  }

  template <class W, std::size_t I, class G>
  static void save_parent(Db& db, G& g) {
    using R = typename with_parts<W>::relation;
    if constexpr (R::kind == relation_kind::belongs_to) {
      auto& slot = slot_at<I>(g.relations);
      if (!slot) return;  // no parent loaded (a NULL key): nothing to save
      save_node(db, *slot);
      using T = std::remove_cvref_t<decltype(g.row)>;
      using H = at<0, path<S, T, R>>;
      copy_key<H::to_columns, H::from_columns>(row_ref(*slot), g.row);
    }
  }

  template <class W, std::size_t I, class G>
  static void save_children(Db& db, G& g) {
    using R = typename with_parts<W>::relation;
    using T = std::remove_cvref_t<decltype(g.row)>;
    constexpr relation_kind k = R::kind;
    static_assert(k != relation_kind::morph_to && k != relation_kind::has_many_through &&
                      k != relation_kind::has_one_through && !is_recursive<W> &&
                      std::is_void_v<typename with_parts<W>::via>,
                  "ctorm: save writes BelongsTo, HasOne, HasMany, MorphOne, MorphMany and ManyToMany relations - "
                  "save the rows a MorphTo, a through relation or a Recursive tree reaches on their own");
    auto& slot = slot_at<I>(g.relations);
    if constexpr (k == relation_kind::has_many || k == relation_kind::has_one || k == relation_kind::morph_many ||
                  k == relation_kind::morph_one) {
      using H = at<0, path<S, T, R>>;
      const auto hang = [&](auto& child) {
        auto& row = row_ref(child);
        copy_key<H::from_columns, H::to_columns>(g.row, row);
        if constexpr (H::morph_column != no_column) field_ref<H::morph_column>(row) = std::string(table_of<S, T>::name);
        H::where::each([&]<class C>() { C::fill(row); });  // a Constrained relation's fixed values
        save_node(db, child);
      };
      if constexpr (k == relation_kind::has_many || k == relation_kind::morph_many) {
        for (auto& child : slot) hang(child);
      } else {
        if (slot) hang(*slot);
      }
    } else if constexpr (k == relation_kind::many_to_many) {
      // The targets first, then the links: exactly the loaded ones, with their pivot data.
      using P = path<S, T, R>;
      using H2 = at<1, P>;
      using Key = unwrap_optional<field_type<typename at<0, P>::to::type, H2::from_columns[0]>>;
      constexpr bool pivoted = !std::is_void_v<typename R::junction>;
      if constexpr (pivoted) {
        using H1 = at<0, P>;
        std::vector<std::pair<Key, junction_row<S, T, R>>> links;
        for (auto& linked : slot) {
          save_node(db, linked.row);
          // The graph's junction rows get the keys they link and the values the relation fixes.
          copy_key<H1::from_columns, H1::to_columns>(g.row, linked.pivot);
          copy_key<H2::to_columns, H2::from_columns>(row_ref(linked.row), linked.pivot);
          H1::where::each([&]<class C>() { C::fill(linked.pivot); });
          links.emplace_back(Key(field_ref<H2::to_columns[0]>(row_ref(linked.row))), linked.pivot);
        }
        db.template sync<R>(g.row, links);
      } else {
        std::vector<Key> keys;
        for (auto& target : slot) {
          save_node(db, target);
          keys.push_back(Key(field_ref<H2::to_columns[0]>(row_ref(target))));
        }
        db.template sync<R>(g.row, keys);
      }
    }
  }
};

}  // namespace ctorm::detail
