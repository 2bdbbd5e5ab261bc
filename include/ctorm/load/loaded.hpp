#pragma once
/// \file
/// What eager loading returns: `Loaded<T, R...>` (a row with its related rows), `Pivoted`
/// (a related row with its junction row), `Nested` (relations of relations, a chain) and
/// `With` (a relation and the relations loaded below it, a tree).

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/type_list.hpp"
#include "ctorm/error.hpp"
#include "ctorm/reflect/member.hpp"
#include "ctorm/relation/kind.hpp"
#include "ctorm/types/value_traits.hpp"

namespace ctorm {

/// Loads relation `R`, then on its rows `R2`, then `R3`...: `Nested<posts, comments, author>`
/// loads a user's posts, their comments and each comment's author, one query per level.
template <class R, class... Subs>
struct With;

namespace detail {
template <class X>
inline constexpr bool is_with = false;
template <class R, class... Subs>
inline constexpr bool is_with<With<R, Subs...>> = true;
}  // namespace detail

template <class R, class... Rs>
struct Nested {
  // A constant, not the concept: a failed concept would print its whole definition.
  static constexpr bool takes_relations = Relation<R> && ((Relation<Rs> || detail::is_with<Rs>) && ...);
  static_assert(takes_relations || detail::involving<R, Rs...>,
                "ctorm: Nested<> takes relations (or a With<> tree) - one per level");
};

/// Loads relation `R`, then on its rows each of `Subs` (a relation, a `Nested<>` chain or
/// another `With<>`): a tree of loads, one statement per relation and level.
/// `With<posts, Nested<comments, author>, tags>` loads a user's posts, their comments with
/// each comment's author, and their tags.
template <class R, class... Subs>
struct With {
  static constexpr bool starts_with_relation = Relation<R>;
  static_assert(starts_with_relation || detail::involving<R>, "ctorm: With<R, ...> starts with a relation");
};

/// A row reached through a junction, with the junction row itself (`pivot`): the elements of
/// `get<tags>()` for `ManyToMany<Tag, PostTag>`.
template <class T, class Junction>
struct Pivoted {
  T row;
  Junction pivot;
  T* operator->() noexcept { return &row; }
  const T* operator->() const noexcept { return &row; }
  T& operator*() noexcept { return row; }
  const T& operator*() const noexcept { return row; }
};

/// Loads a through relation (`HasManyThrough`, `HasOneThrough`) with, for each row it reaches,
/// the row of the chain's previous step: `with<Via<received>>()` gives each comment with its
/// post. The elements of `get<received>()` are then `Reached`.
template <class R>
struct Via {
  static_assert(Relation<R>, "ctorm: Via<R> takes a HasManyThrough or HasOneThrough - its rows come with the row of "
                             "the step before them");
};

/// A row reached through a chain (`row`) with the row of the step before it (`via`): the
/// elements of `get<R>()` for `with<Via<R>>()`.
template <class T, class Step>
struct Reached {
  T row;
  Step via;
  T* operator->() noexcept { return &row; }
  const T* operator->() const noexcept { return &row; }
  T& operator*() noexcept { return row; }
  const T& operator*() const noexcept { return row; }
};

/// Loads a self-referential `HasMany` (comment replies, an org chart, categories) to any
/// depth up to `MaxDepth`, in one statement (`WITH RECURSIVE`), into `Tree`s: the elements of
/// `get<R>()` are the rows' children, each with its own. A cycle in the data ends where it
/// would repeat a row of its own branch.
template <class R, std::size_t MaxDepth = 64>
struct Recursive {
  static_assert(Relation<R> && MaxDepth > 0,
                "ctorm: Recursive<R, depth> takes a HasMany from a table to itself on a one-member key "
                "(HasMany<Comment, &Comment::parent_id> on comments), loaded on rows of that table, and a "
                "depth of at least 1");
};

/// A row with its children, and theirs: the elements of `get<R>()` for `with<Recursive<R>>()`.
template <class T>
struct Tree {
  T row;
  std::vector<Tree> children;
  T* operator->() noexcept { return &row; }
  const T* operator->() const noexcept { return &row; }
  T& operator*() noexcept { return row; }
  const T& operator*() const noexcept { return row; }
};

template <class T, class... Ws>
struct Loaded;

namespace detail {

template <class W>
struct with_parts {
  using relation = W;
  using subs = type_list<>;
  using via = void;
};
template <class R, std::size_t MaxDepth>
struct with_parts<Recursive<R, MaxDepth>> {
  using relation = R;
  using subs = type_list<>;
  using via = void;
};
template <class W>
inline constexpr bool is_recursive = false;
template <class R, std::size_t MaxDepth>
inline constexpr bool is_recursive<Recursive<R, MaxDepth>> = true;

template <bool Through, class... Involved>
consteval bool via_takes_a_through() {
  static_assert(Through || involving<Involved...>,
                "ctorm: Via<R> takes a HasManyThrough or HasOneThrough - its rows come with the row of the "
                "step before them");
  return Through;
}
template <class R, bool Through>
struct via_target {
  using type = void;
};
template <class R>
struct via_target<R, true> {
  using type = typename std::tuple_element_t<std::tuple_size_v<typename R::steps> - 2, typename R::steps>::target;
};

template <class R>
struct with_parts<Via<R>> {
  static constexpr bool ok =
      R::kind == relation_kind::has_many_through || R::kind == relation_kind::has_one_through;
  static_assert(via_takes_a_through<ok, R>() || true);  // reported from a function: nothing cascades
  using relation = R;
  using subs = type_list<>;
  /// The target of the chain's step before the last.
  using via = typename via_target<R, ok>::type;
};
template <class R>
struct with_parts<Nested<R>> {
  using relation = R;
  using subs = type_list<>;
  using via = void;
};
template <class R, class... Subs>
struct with_parts<With<R, Subs...>> {
  using relation = R;
  using subs = type_list<Subs...>;
  using via = void;
};
template <class R, class R2, class... Rs>
struct with_parts<Nested<R, R2, Rs...>> {
  using relation = R;
  using subs = type_list<std::conditional_t<sizeof...(Rs) == 0, R2, Nested<R2, Rs...>>>;
  using via = void;
};

template <class T, class Subs>
struct element_of_subs;
template <class T>
struct element_of_subs<T, type_list<>> {
  using type = T;
};
template <class T, class... Ws>
struct element_of_subs<T, type_list<Ws...>> {
  using type = Loaded<T, Ws...>;
};
/// `T`, or `Loaded<T, subs...>` when deeper relations are loaded on it.
template <class T, class Subs>
using element_t = typename element_of_subs<T, Subs>::type;

template <class R>
inline constexpr bool foreign_key_nullable = [] {
  bool any = false;
  R::keys::each([&]<auto M, std::size_t>() { any = any || column_traits<member_type<M>>::nullable; });
  return any;
}();

template <class Targets>
struct variant_of;
template <class... Ts>
struct variant_of<std::tuple<Ts...>> {
  using type = std::variant<std::monostate, Ts...>;
};

template <class W, class R = typename with_parts<W>::relation, relation_kind K = R::kind>
struct slot_of {
  using item = std::conditional_t<is_recursive<W>, Tree<typename R::target>,
                                  element_t<typename R::target, typename with_parts<W>::subs>>;
  using via = typename with_parts<W>::via;
  using element = std::conditional_t<std::is_void_v<via>, item, Reached<item, std::conditional_t<std::is_void_v<via>, int, via>>>;
  using type = std::conditional_t<is_to_one(K), std::optional<element>, std::vector<element>>;
  /// What `get<R>()` hands out.
  using view = type;
};
template <class W, class R>
struct slot_of<W, R, relation_kind::belongs_to> {
  using element = element_t<typename R::target, typename with_parts<W>::subs>;
  using type = std::optional<element>;
  // A non-null foreign key always has its row: `get<author>()` is the row itself.
  using view = std::conditional_t<foreign_key_nullable<R>, type, element>;
};
template <class W, class R>
  requires(!std::is_void_v<typename R::junction>)
struct slot_of<W, R, relation_kind::many_to_many> {
  using element = Pivoted<element_t<typename R::target, typename with_parts<W>::subs>, typename R::junction>;
  using type = std::vector<element>;
  using view = type;
};
template <class W, class R>
struct slot_of<W, R, relation_kind::morph_to> {
  static_assert(with_parts<W>::subs::size == 0 || involving<W>, "ctorm: Nested<> cannot go below a MorphTo");
  using type = typename variant_of<typename R::targets>::type;
  using view = type;
};

template <class W>
using slot_t = typename slot_of<W>::type;

template <std::size_t I, class T>
struct slot_leaf {
  T value;
};
template <class Indexes, class... Ts>
struct slot_pack;
template <std::size_t... I, class... Ts>
struct slot_pack<std::index_sequence<I...>, Ts...> : slot_leaf<I, Ts>... {
  static constexpr std::size_t size = sizeof...(Ts);
};

/// The relation slots of a `Loaded`: a plain aggregate, which the compiler builds, moves and
/// destroys with much less work than a `std::tuple`.
template <class... Ts>
using slots = slot_pack<std::index_sequence_for<Ts...>, Ts...>;

/// Slot `I` of a `slots`.
template <std::size_t I, class T>
constexpr T& slot_at(slot_leaf<I, T>& leaf) noexcept {
  return leaf.value;
}
template <std::size_t I, class T>
constexpr const T& slot_at(const slot_leaf<I, T>& leaf) noexcept {
  return leaf.value;
}

template <class R, class... Ws>
consteval std::size_t slot_index() {
  return index_of_type<R, typename with_parts<Ws>::relation...>();
}

/// The position of the first of `Rs...` that equals one before it (`sizeof...(Rs)` if none).
template <class... Rs>
struct repeated_relation {
  template <class R>
  static consteval std::size_t first_of() {
    return index_of_type<R, Rs...>();
  }
  static consteval std::size_t at() {
    constexpr std::size_t first[] = {first_of<Rs>()..., std::size_t(-1)};  // stops the scan
    std::size_t j = 0;
    while (first[j] == j) ++j;
    return j;
  }
};

/// A relation the items `Ws...` load twice on the same rows, or `void`.
template <class... Ws>
using loaded_twice = pack_at<repeated_relation<typename with_parts<Ws>::relation...>::at(),
                             typename with_parts<Ws>::relation..., void>;

/// Whether the items `Ws...` load each relation once (each has one slot, found by its type);
/// reports one loaded twice, by name. Asked where `.with<...>()` is written, and again by
/// `Loaded` if formed directly: the same question is one specialization, reported once.
template <class... Ws>
consteval bool loads_each_once() {
  using twice = loaded_twice<Ws...>;
  constexpr bool once = std::is_void_v<twice>;
  static_assert(once || involving<twice>,
                "ctorm: this relation is loaded twice on the same rows - load its branches together: "
                "With<posts, comments, tags> (or Nested<posts, With<comments, author>>)");
  return once;
}

template <class X>
struct row_type_of {
  using type = X;
};
template <class T, class... Ws>
struct row_type_of<Loaded<T, Ws...>> {
  using type = T;
};

/// The plain row of `x`, whether `x` is a row or a `Loaded`.
template <class X>
constexpr auto& row_of(X& x) {
  if constexpr (requires { x.row; x.relations; }) return x.row;
  else return x;
}

}  // namespace detail

/// A row of `T` with the relations `Ws...` loaded (`select<Post>().with<author, tags>()`):
/// `row->title` reaches the row, `row.get<author>()` a relation.
template <class T, class... Ws>
struct Loaded {
  // Reported by a function, so that the class stays usable and nothing else fails after it.
  static_assert(detail::loads_each_once<Ws...>() || true);
  T row;
  detail::slots<detail::slot_t<Ws>...> relations;

  T* operator->() noexcept { return &row; }
  const T* operator->() const noexcept { return &row; }
  T& operator*() noexcept { return row; }
  const T& operator*() const noexcept { return row; }

  /// The rows loaded for relation `R`: the target row (non-null `BelongsTo`),
  /// `std::optional` (nullable `BelongsTo`, `HasOne`, `MorphOne`, `HasOneThrough`, `MorphAs`),
  /// `std::vector` (`HasMany`, `HasManyThrough`, `MorphMany`; of `Pivoted` for a
  /// `ManyToMany` with a junction struct), or a `std::variant` (`MorphTo`).
  template <class R>
  const auto& get() const {
    return get_slot<R>(*this);
  }
  template <class R>
  auto& get() {
    return get_slot<R>(*this);
  }

  /// Sets what relation `R` holds — a row, rows, or `std::nullopt` — as when building a graph
  /// to write with `db.save(graph)`.
  template <class R, class V>
  void set(V&& value) {
    constexpr std::size_t i = detail::slot_index<R, Ws...>();
    static_assert(i < sizeof...(Ws) || detail::involving<T, R>, "ctorm: this relation was not loaded - add it to .with<...>() or load<...>()");
    if constexpr (i < sizeof...(Ws)) detail::slot_at<i>(relations) = std::forward<V>(value);
  }

 private:
  template <class R, class Self>
  static auto& get_slot(Self& self) {
    constexpr std::size_t i = detail::slot_index<R, Ws...>();
    if constexpr (i == sizeof...(Ws)) {
      static_assert(i < sizeof...(Ws) || detail::involving<T, R>, "ctorm: this relation was not loaded - add it to .with<...>() or load<...>()");
      return self.row;
    } else {
      using W = detail::at<i, detail::type_list<Ws...>>;
      auto& slot = detail::slot_at<i>(self.relations);
      if constexpr (std::is_same_v<typename detail::slot_of<W>::view, typename detail::slot_of<W>::type>) {
        return slot;
      } else {
        if (!slot) missing_target<typename detail::with_parts<W>::relation>();
        return *slot;
      }
    }
  }

  /// A non-null BelongsTo whose foreign key matched no row (the database does not enforce the
  /// key, or the row went after it was read): named by its foreign-key members.
  template <class R>
  [[noreturn]] static void missing_target() {
    std::string members;
    if constexpr (requires { typename R::keys; })
      R::keys::each([&]<auto M, std::size_t K>() { members.append(K == 0 ? "" : ", ").append(member_name<M>); });
    throw not_found(detail::cat("ctorm: get<R>() of a BelongsTo on foreign key ", members,
                                " found no row - the key references a row that does not exist"));
  }
};

}  // namespace ctorm
