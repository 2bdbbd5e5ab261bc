#pragma once
/// \file
/// Saving a loaded graph (`db.save(graph)`): a `Loaded<T, relations...>` written back in one
/// transaction, parents before children, keys copied down the way.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/memory.hpp"
#include "ctorm/detail/type_list.hpp"
#include "ctorm/load/loaded.hpp"
#include "ctorm/load/write_through.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/schema/path.hpp"
#include "ctorm/schema/schema.hpp"
#include "ctorm/sql/expr.hpp"

namespace ctorm {

/// Tag for `db.save(graph, ctorm::delete_missing)`: a `HasMany`, `HasOne`, `MorphMany` or
/// `MorphOne` of the graph holds exactly the rows it had when saved — the relation's other rows
/// of that owner are deleted.
struct delete_missing_t {
  explicit delete_missing_t() = default;
};
inline constexpr delete_missing_t delete_missing{};

}  // namespace ctorm

namespace ctorm::detail {

/// Whether `save` writes the relation of with-item `W`; false after the message.
template <class W>
consteval bool with_is_saveable() {
  constexpr relation_kind k = with_parts<W>::relation::kind;
  constexpr bool writes = k != relation_kind::morph_to && k != relation_kind::morph_as &&
                          k != relation_kind::has_many_through && k != relation_kind::has_one_through &&
                          !is_recursive<W> && std::is_void_v<typename with_parts<W>::via>;
  static_assert(writes || involving<W>,
                "ctorm: save writes BelongsTo, HasOne, HasMany, MorphOne, MorphMany and ManyToMany relations - "
                "save the rows a MorphTo, a through relation or a Recursive tree reaches on their own");
  if constexpr (!writes) return false;
  else return []<class... Subs>(type_list<Subs...>) { return (with_is_saveable<Subs>() && ...); }(
      typename with_parts<W>::subs{});
}

/// Whether `save` can write every relation of the graph type `G` (a `Loaded`), checked where
/// `save` is called.
template <class G>
inline constexpr bool graph_is_saveable = false;
template <class T, class... Ws>
inline constexpr bool graph_is_saveable<Loaded<T, Ws...>> = (with_is_saveable<Ws>() && ...);

/// The rows of the graphs one `save` writes that are there more than once (the same table and
/// key): a user who is a post's author and its reviewer, a post loaded again below its author,
/// an author shared by several posts. Each such row is written once: the copy that differs
/// from the database, whichever it is. A template on the Database only so that a program that
/// never saves does not compile its containers.
template <class Db>
struct row_copies {
  struct table_copies {
    virtual ~table_copies() = default;
    /// Makes every copy of a row that was written equal to what was written.
    virtual void settle() = 0;
  };
  template <class T, class Key>
  struct of_table final : table_copies {
    struct row {
      std::vector<T*> copies;
      bool fetched = false;
      std::optional<T> original;  // the database's row before the save, if there was one
      std::optional<T> written;
    };
    std::unordered_map<Key, row, value_hash, key_equal> rows;
    void settle() override {
      for (auto& entry : rows)
        if (const auto& written = entry.second.written)
          for (T* c : entry.second.copies) *c = *written;
    }
  };
  // One entry per table, found by the address of a variable of its own (not const: read-only
  // data that looks alike may be merged by a linker).
  template <class T>
  static inline char tag = 0;
  std::unordered_map<const void*, std::unique_ptr<table_copies>> tables;

  template <class T, class Key>
  of_table<T, Key>& of() {
    auto& t = tables[&tag<T>];
    if (!t) t = std::make_unique<of_table<T, Key>>();
    return static_cast<of_table<T, Key>&>(*t);
  }
  void settle() {
    for (auto& entry : tables) entry.second->settle();
  }
};

/// What `db.save(graph)` does, on database `Db` of schema `S`; with `Prune`, what
/// `ctorm::delete_missing` asks for too.
template <class S, class Db, bool Prune = false>
struct graph_saver {
  using copies_type = row_copies<Db>;

  /// Writes one row: a new row (a database-assigned key still 0, or a nil key that `UuidKeys`
  /// makes) is inserted and takes its key;
  /// any other row is written by key (`upsert`).
  template <class T>
  static void save_row(Db& db, copies_type& copies, T& row) {
    using Tb = table_of<S, T>;
    static_assert(Tb::has_primary_key, "ctorm: save writes rows by their primary key - this table has none");
    if constexpr (Tb::has_primary_key) {
      if (is_new(row)) {
        insert_new(db, row);
        return;
      }
      using Key = row_key_t<Tb>;
      auto& rows = copies.template of<T, Key>().rows;
      const auto it = rows.find(row_key<Tb, Key>(row));
      if (it == rows.end() || it->second.copies.size() < 2) {
        db.upsert(row);
        return;
      }
      auto& r = it->second;
      if (!r.fetched) {  // before any copy is written, the database holds the row as it was
        r.original = [&]<std::size_t... K>(std::index_sequence<K...>) {
          return db.template get<T>(field_ref<Tb::primary_key[K]>(row)...);
        }(std::make_index_sequence<Tb::primary_key.size()>{});
        r.fetched = true;
      }
      if (r.original && same_values(row, *r.original)) return;  // an unedited copy
      if (r.written) {
        if (same_values(row, *r.written)) return;
        throw usage_error(cat("ctorm: save found two copies of the ", Tb::name, " row with key ", show_key(it->first),
                              " edited differently - make the same edit on every copy, or edit one"));
      }
      db.upsert(row);
      r.written = row;
    }
  }

  /// A row whose key the database or `UuidKeys` still has to assign: 0, or a nil UUID.
  template <class T>
  static bool is_new(const T& row) {
    using Tb = table_of<S, T>;
    if constexpr (Tb::has_rowid_key) return field_ref<Tb::primary_key[0]>(row) == 0;
    else if constexpr (Tb::makes_uuid_keys) return field_ref<Tb::uuid_key>(row).is_nil();
    else return false;
  }

  template <class T>
  static void insert_new(Db& db, T& row) {
    using Tb = table_of<S, T>;
    if constexpr (Tb::has_rowid_key) field_ref<Tb::primary_key[0]>(row) = db.insert(row);
    else if constexpr (Tb::makes_uuid_keys) field_ref<Tb::uuid_key>(row) = db.insert(row);
  }

  template <class Tb>
  using row_key_t = typename link_key_of<Tb, hop<Tb, Tb, Tb::primary_key, Tb::primary_key>>::type;

  /// Counts the copies of every row of a graph node that has its key, before anything is
  /// written (the traversal `save_graph` makes).
  template <class X>
  static void count_node(copies_type& copies, X& row) {
    using Tb = table_of<S, X>;
    if constexpr (Tb::has_primary_key) {
      if (!is_new(row)) copies.template of<X, row_key_t<Tb>>().rows[row_key<Tb, row_key_t<Tb>>(row)].copies.push_back(&row);
    }
  }
  template <class T, class... Ws>
  static void count_node(copies_type& copies, Loaded<T, Ws...>& g) {
    count_node(copies, g.row);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (count_slot<typename with_parts<Ws>::relation>(copies, slot_at<I>(g.relations)), ...);
    }(std::index_sequence_for<Ws...>{});
  }
  template <class R, class Slot>
  static void count_slot(copies_type& copies, Slot& slot) {
    constexpr relation_kind k = R::kind;
    if constexpr (k == relation_kind::has_many || k == relation_kind::morph_many) {
      for (auto& child : slot) count_node(copies, child);
    } else if constexpr (k == relation_kind::many_to_many) {
      for (auto& linked : slot) {
        if constexpr (requires { linked.pivot; }) count_node(copies, linked.row);
        else count_node(copies, linked);
      }
    } else if constexpr (k == relation_kind::belongs_to || k == relation_kind::has_one ||
                         k == relation_kind::morph_one) {
      if (slot) count_node(copies, *slot);
    }
  }

  /// The row of a graph node: the row itself, or a `Loaded`'s.
  template <class X>
  static auto& row_ref(X& x) {
    return row_of(x);
  }

  /// The primary key of `row` of `Tc`: one value, or the tuple of several.
  template <class Tc, class Key, class Row>
  static Key row_key(const Row& row) {
    if constexpr (Tc::primary_key.size() == 1) {
      return Key(field_ref<Tc::primary_key[0]>(row));
    } else {
      return [&]<std::size_t... K>(std::index_sequence<K...>) {
        return Key(field_ref<Tc::primary_key[K]>(row)...);
      }(std::make_index_sequence<Tc::primary_key.size()>{});
    }
  }

  /// Deletes `owner`'s rows of `R` (as `related<R>` selects them, conditions included) whose
  /// keys are not in `kept`: with one statement for a one-column key, else row by row.
  template <class R, class Owner, class Key>
  static void delete_others(Db& db, const Owner& owner, const std::vector<Key>& kept) {
    using Tc = table_of<S, typename R::target>;
    if constexpr (Tc::primary_key.size() == 1) {
      const indexed_column<typename R::target, Tc::primary_key[0]> key{};
      db.template related<R>(owner).where(key.not_in(kept)).remove();
    } else {
      const std::unordered_set<Key, value_hash, key_equal> keep(kept.begin(), kept.end());
      for (const auto& row : db.template related<R>(owner).all()) {
        if (keep.contains(row_key<Tc, Key>(row))) continue;
        [&]<std::size_t... K>(std::index_sequence<K...>) {
          db.template remove<typename R::target>(field_ref<Tc::primary_key[K]>(row)...);
        }(std::make_index_sequence<Tc::primary_key.size()>{});
      }
    }
  }

  template <class X>
  static void save_node(Db& db, copies_type& copies, X& x) {
    if constexpr (requires { x.relations; }) save_graph(db, copies, x);
    else save_row(db, copies, x);
  }

  /// Saves `g` and what it holds, in foreign-key order.
  template <class T, class... Ws>
  static void save_graph(Db& db, copies_type& copies, Loaded<T, Ws...>& g) {
    using L = type_list<Ws...>;
    // Parents first: the rows this one's BelongsTo relations hold, then their keys into it.
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (save_parent<at<I, L>, I>(db, copies, g), ...);
    }(std::index_sequence_for<Ws...>{});
    save_row(db, copies, g.row);
    // Then the rows that hang on it.
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (save_children<at<I, L>, I>(db, copies, g), ...);
    }(std::index_sequence_for<Ws...>{});
  }

  template <class W, std::size_t I, class G>
  static void save_parent(Db& db, copies_type& copies, G& g) {
    using R = typename with_parts<W>::relation;
    if constexpr (R::kind == relation_kind::belongs_to) {
      auto& slot = slot_at<I>(g.relations);
      if (!slot) return;  // no parent loaded (a NULL key): nothing to save
      save_node(db, copies, *slot);
      using T = std::remove_cvref_t<decltype(g.row)>;
      using H = at<0, path<S, T, R>>;
      copy_key<typename H::to, H::to_columns, H::from_columns>(row_ref(*slot), g.row);
    }
  }

  template <class W, std::size_t I, class G>
  static void save_children(Db& db, copies_type& copies, G& g) {
    using R = typename with_parts<W>::relation;
    using T = std::remove_cvref_t<decltype(g.row)>;
    constexpr relation_kind k = R::kind;
    auto& slot = slot_at<I>(g.relations);
    if constexpr (k == relation_kind::has_many || k == relation_kind::has_one || k == relation_kind::morph_many ||
                  k == relation_kind::morph_one) {
      using Tc = table_of<S, typename R::target>;
      using Key = row_key_t<Tc>;
      const auto each = [&](auto&& f) {
        if constexpr (k == relation_kind::has_many || k == relation_kind::morph_many) {
          for (auto& child : slot) f(child);
        } else {
          if (slot) f(*slot);
        }
      };
      // A HasOne's row that is gone goes before its replacement is written, which takes its
      // unique key; the rows of a HasMany go after the rows kept are written, which may take
      // over rows hanging on them (written first, they no longer reference them).
      constexpr bool one = k == relation_kind::has_one || k == relation_kind::morph_one;
      const auto prune = [&] {
        std::vector<Key> kept;
        each([&](auto& child) {
          if (!is_new(row_ref(child))) kept.push_back(row_key<Tc, Key>(row_ref(child)));
        });
        delete_others<R>(db, g.row, kept);
      };
      each([&](auto& child) { hang_on<at<0, path<S, T, R>>>(g.row, row_ref(child)); });
      if constexpr (Prune && one) prune();
      each([&](auto& child) { save_node(db, copies, child); });
      if constexpr (Prune && !one) prune();
    } else if constexpr (k == relation_kind::many_to_many) {
      // The targets first, then the links: exactly the loaded ones, with their pivot data.
      using P = path<S, T, R>;
      using H1 = at<0, P>;
      using H2 = at<1, P>;
      using Tj = typename H1::to;
      using Key = typename link_key_of<Tj, H2>::type;
      if constexpr (!std::is_void_v<typename R::junction>) {
        std::vector<std::pair<Key, junction_row<S, T, R>>> links;
        for (auto& linked : slot) {
          save_node(db, copies, linked.row);
          // The graph's junction rows get the keys they link and the values the relation fixes.
          link_row<H1, H2>(g.row, row_ref(linked.row), linked.pivot);
          links.emplace_back(link_key<Tj, H2>(row_ref(linked.row)), linked.pivot);
        }
        db.template sync<R>(g.row, links);
      } else {
        std::vector<Key> keys;
        for (auto& target : slot) {
          save_node(db, copies, target);
          keys.push_back(link_key<Tj, H2>(row_ref(target)));
        }
        db.template sync<R>(g.row, keys);
      }
    }
  }
};

}  // namespace ctorm::detail
