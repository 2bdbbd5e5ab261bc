#pragma once
/// \file
/// The query builder's objects: `Select` (from `db.select<T>()`), `Update` (from
/// `db.update<T>()`) and `Remove` (from `db.remove<T>()`). Each builder call returns a new
/// query type; `decltype(q)::sql` is the SQL text, and only the bound values live in `q`.

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ctorm/detail/always_false.hpp"
#include "ctorm/detail/memory.hpp"
#include "ctorm/error.hpp"
#include "ctorm/load/eager.hpp"
#include "ctorm/load/hydrate.hpp"
#include "ctorm/load/loaded.hpp"
#include "ctorm/reflect/fixed_string.hpp"
#include "ctorm/sql/dialect.hpp"
#include "ctorm/sql/eager.hpp"
#include "ctorm/sql/expr.hpp"
#include "ctorm/sql/functions.hpp"
#include "ctorm/sql/select.hpp"

namespace ctorm {

/// A row of `T` with the number of related rows of each relation in `Rs...`
/// (`select<Post>().with_count<comments>()`): `row->title`, `row.count<comments>()`.
template <class T, class... Rs>
struct Counted {
  T row;
  std::array<std::int64_t, sizeof...(Rs)> counts{};

  T* operator->() noexcept { return &row; }
  const T* operator->() const noexcept { return &row; }
  T& operator*() noexcept { return row; }
  const T& operator*() const noexcept { return row; }

  /// The number of rows related through `R`.
  template <class R>
  std::int64_t count() const noexcept {
    constexpr std::size_t i = detail::index_of_type<R, Rs...>();
    static_assert(i < sizeof...(Rs) || detail::involving<T, R>, "ctorm: this relation was not counted - add .with_count<R>() to the query");
    return counts[i];
  }
};

/// What an UPDATE or DELETE did: the rows it changed. Its type carries the statement's SQL.
template <class Gen>
struct Affected {
  /// The statement's SQL text.
  static constexpr std::string_view sql = static_text<Gen>;
  /// The number of rows changed.
  std::int64_t rows = 0;
  operator std::int64_t() const noexcept { return rows; }
};

namespace detail {

template <class E, class LeftTables>
struct projected {
  using V = typename E::value_type;
  static constexpr bool left = [] {
    bool found = false;
    E::owners::each([&]<class Owner>() {
      LeftTables::each([&]<class Sc>() { found = found || std::is_same_v<typename Sc::table::type, Owner>; });
    });
    return found;
  }();
  static constexpr bool aggregate = requires { E::is_aggregate; };
  // A left-joined table's columns read NULL where nothing matched, and so does an expression
  // over them; an aggregate decides for itself (count() is never NULL).
  using type = std::conditional_t<left && !aggregate && !is_optional_v<V>, std::optional<V>, V>;
};

/// The table and column an expression's result is named by in error messages.
template <class E, class S>
struct column_name_of {
  static constexpr std::string_view table = {};
  static constexpr std::string_view column = "result column";
};
template <auto M, class S>
struct column_name_of<column<M>, S> {
  static constexpr std::string_view table = table_in<S, member_owner<M>>::name;
  static constexpr std::string_view column = table_in<S, member_owner<M>>::columns[member_index<M>];
};

template <class Spec, class Result>
struct row_reader;

/// Whole rows of the query's table.
template <class Spec, class T>
  requires std::is_void_v<typename Spec::projection> && (Spec::counts::size == 0)
struct row_reader<Spec, T> {
  template <class Statement>
  static T read(const Statement& s, std::size_t row) {
    return read_row<table_in<typename Spec::schema, T>>(s, 0, row);
  }
};

/// Whole rows followed by relation counts.
template <class Spec, class T, class... Rs>
struct row_reader<Spec, Counted<T, Rs...>> {
  template <class Statement>
  static Counted<T, Rs...> read(const Statement& s, std::size_t row) {
    using Tb = table_in<typename Spec::schema, T>;
    Counted<T, Rs...> out{read_row<Tb>(s, 0, row), {}};
    for (std::size_t i = 0; i < sizeof...(Rs); ++i)
      out.counts[i] = s.template read<std::int64_t>(static_cast<int>(Tb::column_count + i), cell{Tb::name, "count", row});
    return out;
  }
};


/// A projection into a tuple, or into a struct (`select_as`, built like a table row), one
/// column per member.
template <class Spec, class Result>
  requires(!std::is_void_v<typename Spec::projection>)
struct row_reader<Spec, Result> {
  // The table and column each result column is named by in error messages.
  static constexpr auto names = []<class... Es>(type_list<Es...>) {
    using S = typename Spec::schema;
    return std::array<cell, sizeof...(Es)>{cell{column_name_of<Es, S>::table, column_name_of<Es, S>::column, 0}...};
  }(typename Spec::projection{});

  template <class Statement>
  static Result read(const Statement& s, std::size_t row) {
    const auto value_of = [&]<class X>(std::size_t i) {
      return s.template read<X>(static_cast<int>(i), cell{names[i].table, names[i].column, row});
    };
    if constexpr (is_tuple<Result>) {
      return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return Result{value_of.template operator()<std::tuple_element_t<I, Result>>(I)...};
      }(std::make_index_sequence<std::tuple_size_v<Result>>{});
    } else {
      return reflection<Result>::make(value_of);
    }
  }
};

/// The values a SELECT binds, in the order of its text.
template <class Projection, class Where, class Having, class Order = std::tuple<>>
struct select_values {
  Projection projection;
  Where where;
  Having having;
  Order order;  // the ORDER BY terms: an expression may bind values too
  std::int64_t limit = 0;
  std::int64_t offset = 0;
};

template <class List>
struct tuple_of;
template <class... Es>
struct tuple_of<type_list<Es...>> {
  using type = std::tuple<Es...>;
};
template <>
struct tuple_of<void> {
  using type = std::tuple<>;
};

template <class Spec, class Projection = typename Spec::projection, class Joins = typename Spec::joins,
          class Where = typename Spec::where, class Group = typename Spec::group,
          class Having = typename Spec::having, class Order = typename Spec::order,
          class Counts = typename Spec::counts, bool Distinct = Spec::distinct, bool Limit = Spec::limit,
          bool Offset = Spec::offset>
using respec = select_spec<typename Spec::schema, typename Spec::root, Projection, Joins, Where, Group, Having,
                           Order, Counts, Distinct, Limit, Offset>;

template <class X>
inline constexpr bool is_count_bound = false;
template <class Op>
inline constexpr bool is_count_bound<count_bound<Op>> = true;

/// `where_has` of a MorphTo: the row points at an existing row of any of its targets (each
/// target's EXISTS, OR-ed); `where_doesnt_have`: at none (each NOT EXISTS, AND-ed).
template <class R, bool Negate, class... Targets>
auto related_any_target(std::type_identity<std::tuple<Targets...>>) {
  if constexpr (Negate) return (related<MorphAs<R, Targets>, nothing, exists_mode, true>{} && ...);
  else return (related<MorphAs<R, Targets>, nothing, exists_mode, false>{} || ...);
}

template <class R, bool Negate, class... Args>
auto make_related(Args&&... args) {
  if constexpr (R::kind == relation_kind::morph_to) {
    static_assert(sizeof...(Args) == 0 || involving<R>,
                  "ctorm: where_has and where_doesnt_have of a MorphTo take no condition or count (its target "
                  "table differs from row to row) - give them to where_has<ctorm::MorphAs<R, Target>>(...)");
    return related_any_target<R, Negate>(std::type_identity<typename R::targets>{});
  } else if constexpr (sizeof...(Args) == 0) {
    return related<R, nothing, exists_mode, Negate>{};
  } else if constexpr (sizeof...(Args) == 1) {
    using A = std::remove_cvref_t<std::tuple_element_t<0, std::tuple<Args...>>>;
    if constexpr (is_count_bound<A>) {
      static_assert(!Negate || involving<R>, "ctorm: where_doesnt_have takes no count - use where_has<R>(ctorm::exactly(0))");
      return related<R, nothing, A, Negate>{{}, {}, std::forward<Args>(args)...};
    } else {
      check_predicate<A>();
      return related<R, A, exists_mode, Negate>{{}, std::forward<Args>(args)..., {}};
    }
  } else {
    return [](auto&& pred, auto&& bound) {
      using P = std::remove_cvref_t<decltype(pred)>;
      using B = std::remove_cvref_t<decltype(bound)>;
      static_assert(is_count_bound<B>, "ctorm: where_has<R>(condition, ctorm::at_least(n)): the count comes second");
      static_assert(!Negate || involving<R>, "ctorm: where_doesnt_have takes no count - use where_has<R>(ctorm::exactly(0))");
      if constexpr (is_count_bound<B> && !Negate) {
        check_predicate<P>();
        return related<R, P, B, Negate>{{}, std::forward<decltype(pred)>(pred), std::forward<decltype(bound)>(bound)};
      } else {
        return related<R, nothing, exists_mode, Negate>{};  // the assertion above said why
      }
    }(std::forward<Args>(args)...);
  }
}

template <class Result, class R>
struct counted_of {
  using type = Counted<Result, R>;
};
template <class T, class... Rs, class R>
struct counted_of<Counted<T, Rs...>, R> {
  using type = Counted<T, Rs..., R>;
};

/// The tuple a projection reads into, given the query's joins (left joins make columns optional).
template <class Spec, class Result>
struct projection_result_of {
  using type = Result;
};
template <class Spec, class... Xs>
struct projection_result_of<Spec, std::tuple<Xs...>> {
  using type = decltype([]<class... Es>(type_list<Es...>) {
    return std::tuple<typename projected<Es, left_joined<Spec>>::type...>{};
  }(typename Spec::projection{}));
};

template <class Result, class R>
using counted_t = typename counted_of<Result, R>::type;
template <class Spec, class Result>
using projection_result = typename projection_result_of<Spec, Result>::type;

}  // namespace detail

template <class B, class Base, class S, class T, class... Items>
class EagerSelect;

namespace detail {
/// `.with<R>(...)` items: the with-item and its constraint.
template <class W, class C>
struct with_item {
  using with = W;
  using constraint = C;
};

}  // namespace detail

/// A SELECT under construction or ready to run, on backend `B`. Obtained from `db.select<T>()`.
template <class B, class S, class T, class Assignments, class Values>
class Update;
template <class B, class S, class T>
class Remove;

template <class B, class Spec, class Result>
class Select {
  using dialect = typename B::dialect;
  using statement = typename B::statement;

  using values_type = detail::select_values<typename detail::tuple_of<typename Spec::projection>::type,
                                            typename Spec::where, typename Spec::having,
                                            typename detail::tuple_of<typename Spec::order>::type>;

 public:
  /// What each row becomes: `T`, `Counted<T, Rs...>`, a `std::tuple`, or the `select_as` struct.
  using result_type = Result;
  /// The SELECT's SQL text.
  static constexpr std::string_view sql = [] {
    // The columns are checked first, here rather than in a helper (a shorter backtrace); the
    // text is empty after the message.
    if constexpr (!detail::columns_in_query<Spec>()) return std::string_view{};
    else return static_text<detail::select_gen<Spec, dialect>>;
  }();
  /// The SELECT's SQL text in dialect `D` (e.g. to show what another database would run).
  template <class D>
  static constexpr std::string_view sql_in = static_text<detail::select_gen<Spec, D>>;
  /// `SELECT count(*) FROM (...)`, run by `count()`.
  static constexpr std::string_view count_sql = static_text<detail::count_gen<Spec, dialect>>;
  /// `SELECT EXISTS (...)`, run by `exists()`.
  static constexpr std::string_view exists_sql = static_text<detail::exists_gen<Spec, dialect>>;

  Select(typename B::connection& c, values_type values) : conn_(&c), values_(std::move(values)) {}

  /// Adds a condition; several `where` calls are joined with AND.
  template <detail::expression E>
  auto where(E e) && {
    detail::check_predicate<E>();
    if constexpr (!detail::fits_dialect<E, dialect>()) {
      return std::move(*this);  // the assertion is the one error
    } else {
      auto w = detail::and_where(std::move(values_.where), std::move(e));
      using Next = detail::respec<Spec, typename Spec::projection, typename Spec::joins, decltype(w)>;
      return rebuild<Next, Result>(std::move(values_.projection), std::move(w), std::move(values_.having));
    }
  }

  /// Rows with at least one row related through `R` (meeting `condition`), or with a number of
  /// them: `where_has<comments>(ctorm::at_least(3))`, `where_has<comments>(cond, ctorm::exactly(1))`.
  template <class R, class... Args>
  auto where_has(Args&&... args) && {
    if constexpr (!detail::relation_declared<R, detail::select_scope<Spec>>()) return std::move(*this);
    else return std::move(*this).where(detail::make_related<R, false>(std::forward<Args>(args)...));
  }

  /// Rows with no row related through `R` (meeting `condition`).
  template <class R, class... Args>
  auto where_doesnt_have(Args&&... args) && {
    if constexpr (!detail::relation_declared<R, detail::select_scope<Spec>>()) return std::move(*this);
    else return std::move(*this).where(detail::make_related<R, true>(std::forward<Args>(args)...));
  }

  /// Joins the table(s) of relation `R` (declared on the query's table or a joined one), so
  /// that conditions and projections can use their columns. A ManyToMany joins its junction too.
  template <class R>
  auto join() && {
    using J = detail::join_step<R, false>;
    // Checked here rather than in a helper: a mistake's backtrace is one level shorter.
    if constexpr (!detail::join_is_usable<Spec, J>()) return std::move(*this);
    else return add_checked_join<J>();
  }

  /// Like `join`, keeping rows without a match; projected columns of the joined tables read
  /// as `std::optional`.
  template <class R>
  auto left_join() && {
    using J = detail::join_step<R, true>;
    // Checked here rather than in a helper: a mistake's backtrace is one level shorter.
    if constexpr (!detail::join_is_usable<Spec, J>()) return std::move(*this);
    else return add_checked_join<J>();
  }

  /// Orders by `asc<&T::m>` / `desc<&T::m>` terms, or by any expression — an aggregate,
  /// arithmetic — ascending, or with `.asc()` / `.desc()`: `order_by(ctorm::sum(col<&Order::amount>).desc())`;
  /// in addition to earlier ones.
  template <class... Terms>
  auto order_by(Terms... terms) && {
    constexpr bool all_terms = (detail::order_by_argument<Terms> && ...);
    static_assert(all_terms || detail::involving<Terms...>,
                  "ctorm: order_by takes asc<&T::m>, desc<&T::m>, or an expression (a column, an aggregate, "
                  "arithmetic), optionally with .asc() or .desc()");
    if constexpr (all_terms) {
      auto order = std::tuple_cat(std::move(values_.order), std::tuple<detail::as_order_term<Terms>...>(
                                                                detail::as_order_term<Terms>{std::move(terms)}...));
      using Next = detail::respec<Spec, typename Spec::projection, typename Spec::joins, typename Spec::where,
                                  typename Spec::group, typename Spec::having,
                                  detail::concat<typename Spec::order, detail::type_list<detail::as_order_term<Terms>...>>>;
      return rebuild_ordered<Next, Result>(std::move(values_.projection), std::move(values_.where),
                                           std::move(values_.having), std::move(order));
    } else {
      return std::move(*this);  // the assertion above is the one error
    }
  }

  /// At most `n` rows.
  auto limit(std::int64_t n) && {
    values_.limit = n;
    return flags<Spec::distinct, true, Spec::offset>();
  }

  /// Skips the first `n` rows.
  auto offset(std::int64_t n) && {
    values_.offset = n;
    return flags<Spec::distinct, Spec::limit, true>();
  }

  /// Writes `assignments` (`col<&T::m> = value`) into exactly the rows this query selects —
  /// `db.related<posts>(user).update(col<&Post::published> = false)` — in one UPDATE with the
  /// query's conditions; returns the rows changed.
  template <class... As>
  auto update(As... assignments) && {
    static_assert(conditions_only() || detail::involving<typename Spec::root>, "ctorm: update() and remove() of a query take its conditions only - no join, "
                                     "projection, grouping, count, limit or offset (an order is ignored)");
    using T = typename Spec::root;
    auto u = Update<B, typename Spec::schema, T, detail::type_list<>, std::tuple<>>(*conn_, {})
                 .set(std::move(assignments)...);
    if constexpr (std::is_same_v<typename Spec::where, detail::nothing>) return std::move(u).all_rows();
    else return std::move(u).where(values_.where);
  }

  /// Deletes exactly the rows this query selects — `db.related<posts>(user).remove()` — in one
  /// DELETE with the query's conditions; returns the rows deleted.
  auto remove() && {
    static_assert(conditions_only() || detail::involving<typename Spec::root>, "ctorm: update() and remove() of a query take its conditions only - no join, "
                                     "projection, grouping, count, limit or offset (an order is ignored)");
    auto r = Remove<B, typename Spec::schema, typename Spec::root>(*conn_);
    if constexpr (std::is_same_v<typename Spec::where, detail::nothing>) return std::move(r).all_rows();
    else return std::move(r).where(values_.where);
  }

  /// `SELECT DISTINCT`.
  auto distinct() && { return flags<true, Spec::limit, Spec::offset>(); }

  /// Groups rows by the given columns (for projections with aggregates).
  template <detail::expression... Es>
  auto group_by(Es...) && {
    static_assert(((Es::parameters == 0) && ...) || detail::involving<Es...>, "ctorm: group_by takes columns");
    using Next = detail::respec<Spec, typename Spec::projection, typename Spec::joins, typename Spec::where,
                                detail::concat<typename Spec::group, detail::type_list<Es...>>>;
    return rebuild<Next, Result>(std::move(values_.projection), std::move(values_.where), std::move(values_.having));
  }

  /// A condition on groups; several `having` calls are joined with AND.
  template <detail::expression E>
  auto having(E e) && {
    detail::check_predicate<E>();
    if constexpr (!detail::fits_dialect<E, dialect>()) {
      return std::move(*this);  // the assertion is the one error
    } else {
      auto h = detail::and_where(std::move(values_.having), std::move(e));
      using Next = detail::respec<Spec, typename Spec::projection, typename Spec::joins, typename Spec::where,
                                  typename Spec::group, decltype(h)>;
      return rebuild<Next, Result>(std::move(values_.projection), std::move(values_.where), std::move(h));
    }
  }

  /// Adds, beside each row, the number of rows related through `R`.
  template <class R>
  auto with_count() && {
    constexpr bool whole_rows = std::is_void_v<typename Spec::projection>;
    static_assert(whole_rows || detail::involving<R>, "ctorm: with_count applies to whole rows, not projections");
    if constexpr (!whole_rows || !detail::relation_usable<R, detail::select_scope<Spec>>()) return std::move(*this);
    else return add_count<R>();
  }

 private:
  template <class R>
  auto add_count() {
    using Next = detail::respec<Spec, typename Spec::projection, typename Spec::joins, typename Spec::where,
                                typename Spec::group, typename Spec::having, typename Spec::order,
                                detail::concat<typename Spec::counts, detail::type_list<R>>>;
    return rebuild<Next, detail::counted_t<Result, R>>(std::move(values_.projection), std::move(values_.where),
                                                       std::move(values_.having));
  }

 public:
  /// Loads relation `W` (`R`, `Nested<R, ...>` or `With<R, ...>`) with the rows, one query per
  /// relation and level, restricted by `args`: conditions, `asc<>`/`desc<>` terms,
  /// `ctorm::take(n)` per row, and `ctorm::on<R2>(...)` for a relation loaded below it.
  template <class W, class... Args>
  auto with(Args&&... args) && {
    constexpr bool whole_rows = std::is_void_v<typename Spec::projection> && Spec::counts::size == 0;
    static_assert(whole_rows || detail::involving<typename Spec::root, W, typename Spec::projection>,
                  "ctorm: with<R>() loads relations of whole rows - not of projections or counted rows");
    auto c = detail::with_constraint<W>(std::forward<Args>(args)...);
    if constexpr (!detail::with_is_usable<typename Spec::schema, typename Spec::root, W, decltype(c)>() ||
                  !detail::fits_dialect<decltype(c), dialect>())
      return std::move(*this);
    else
      return EagerSelect<B, Select, typename Spec::schema, Result, detail::with_item<W, decltype(c)>>(
          *conn_, std::move(*this), std::make_tuple(std::move(c)));
  }

  /// Loads several relations, unrestricted: `.with<author, tags, Nested<comments, parent>>()`.
  template <class W1, class W2, class... Ws>
  auto with() && {
    // Asked here first, so that the error names this call and not the one it makes; the
    // chain goes on, so that the rows stay usable and nothing else fails after the message.
    static_assert(detail::loads_each_once<W1, W2, Ws...>() || true);
    return std::move(*this).template with<W1>().template with<W2, Ws...>();
  }

  /// Every row.
  std::vector<Result> all() {
    std::vector<Result> rows;
    statement st(*conn_, sql);
    bind(st);
    detail::collect(st, rows, [&](std::size_t row) { return read(st, row); });
    return rows;
  }

  /// The first row, if any. The query runs with LIMIT 1 (or its own limit, when lower): the
  /// server sends no more.
  std::optional<Result> first() {
    statement st(*conn_, limited_sql);
    bind(st, 1);
    if (!st.step()) return std::nullopt;
    return read(st, 1);
  }

  /// The only row; throws `not_found` when there is none and `usage_error` when there are more.
  /// The query runs with LIMIT 2: a second row is all it takes to know.
  Result one() {
    statement st(*conn_, limited_sql);
    bind(st, 2);
    if (!st.step()) throw not_found("ctorm: one() found no row in: " + std::string(sql));
    Result r = read(st, 1);
    if (st.step()) throw usage_error("ctorm: one() found more than one row in: " + std::string(sql));
    return r;
  }

  /// The number of rows the query returns.
  std::int64_t count() {
    statement st(*conn_, count_sql);
    bind(st);
    st.step();
    return st.template read<std::int64_t>(0, detail::cell{{}, "count(*)", 1});
  }

  /// True when the query returns at least one row.
  bool exists() {
    statement st(*conn_, exists_sql);
    bind(st);
    st.step();
    return st.template read<bool>(0, detail::cell{{}, "EXISTS", 1});
  }

  /// Reads rows one at a time as the loop asks for them (`for (auto& row : query)`).
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Result;
    using difference_type = std::ptrdiff_t;
    using pointer = Result*;
    using reference = Result&;

    iterator() = default;
    iterator(const iterator& o) noexcept : owner_(o.owner_) { hold(); }
    iterator& operator=(const iterator& o) noexcept {
      Select* next = o.owner_;
      if (next != nullptr) ++next->iterators_;  // first: releasing this one must not end o's loop
      release();
      owner_ = next;
      return *this;
    }
    ~iterator() { release(); }
    Result& operator*() const { return *owner_->open_cursor()->current; }
    Result* operator->() const { return &*owner_->open_cursor()->current; }
    iterator& operator++() {
      if (!owner_->advance()) release();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& a, const iterator& b) { return a.owner_ == b.owner_; }

   private:
    friend class Select;
    explicit iterator(Select* owner) : owner_(owner) { hold(); }
    // The rows are read while an iterator of the loop exists: a loop left early (break, return,
    // an exception) ends the query, which frees the connection for the next statement.
    void hold() noexcept {
      if (owner_ != nullptr) ++owner_->iterators_;
    }
    void release() noexcept {
      if (owner_ != nullptr && --owner_->iterators_ == 0) owner_->cursor_.reset();
      owner_ = nullptr;
    }
    Select* owner_ = nullptr;
  };

  /// Runs the query; rows are read as the iterator advances.
  iterator begin() {
    // The rows of a loop still running over this query come from its cursor: a second loop over
    // the same query would replace it under the first.
    if (iterators_ != 0)
      throw usage_error("ctorm: this query is already being looped over - an inner loop needs a query of its own "
                        "(or read the rows with all() first)");
    cursor_ = {new cursor{statement(*conn_, sql), std::nullopt, 0}, [](void* c) { delete static_cast<cursor*>(c); }};
    // A backend that can hand rows over as they arrive does so here, for a loop over a large result.
    if constexpr (requires { open_cursor()->st.stream(); }) open_cursor()->st.stream();
    try {
      bind(open_cursor()->st);
      return advance() ? iterator(this) : iterator();
    } catch (...) {
      cursor_.reset();  // no iterator holds it: the connection is let go here (the first row was bad)
      throw;
    }
  }
  iterator end() { return iterator(); }

 private:
  template <class, class, class>
  friend class Select;
  template <class, class, class, class, class...>
  friend class EagerSelect;

  /// Every row, each wrapped as `Wrapped{row, {}}` (a `Loaded` awaiting its relations) and read
  /// straight into the vector eager loading returns.
  template <class Wrapped>
  std::vector<Wrapped> all_wrapped() {
    std::vector<Wrapped> rows;
    statement st(*conn_, sql);
    bind(st);
    detail::collect(st, rows, [&](std::size_t row) { return Wrapped{read(st, row), {}}; });
    return rows;
  }

  static consteval bool conditions_only() {
    return std::is_void_v<typename Spec::projection> && Spec::joins::size == 0 && Spec::group::size == 0 &&
           std::is_same_v<typename Spec::having, detail::nothing> &&
           Spec::counts::size == 0 && !Spec::distinct && !Spec::limit && !Spec::offset;
  }

  template <class NextSpec, class NextResult, class P, class W, class H>
  auto rebuild(P&& p, W&& w, H&& h) {
    return rebuild_ordered<NextSpec, NextResult>(std::forward<P>(p), std::forward<W>(w), std::forward<H>(h),
                                                 std::move(values_.order));
  }

  template <class NextSpec, class NextResult, class P, class W, class H, class O>
  auto rebuild_ordered(P&& p, W&& w, H&& h, O&& o) {
    using V = detail::select_values<std::remove_cvref_t<P>, std::remove_cvref_t<W>, std::remove_cvref_t<H>,
                                    std::remove_cvref_t<O>>;
    return Select<B, NextSpec, NextResult>(*conn_, V{std::forward<P>(p), std::forward<W>(w), std::forward<H>(h),
                                                  std::forward<O>(o), values_.limit, values_.offset});
  }

  template <bool Distinct, bool Limit, bool Offset>
  auto flags() {
    using Next = detail::respec<Spec, typename Spec::projection, typename Spec::joins, typename Spec::where,
                                typename Spec::group, typename Spec::having, typename Spec::order,
                                typename Spec::counts, Distinct, Limit, Offset>;
    return rebuild<Next, Result>(std::move(values_.projection), std::move(values_.where), std::move(values_.having));
  }

  template <class J>
  auto add_checked_join() {
    using Next = detail::respec<Spec, typename Spec::projection, detail::concat<typename Spec::joins, detail::type_list<J>>>;
    using NextResult = std::conditional_t<std::is_void_v<typename Spec::projection>, Result,
                                          detail::projection_result<Next, Result>>;
    return rebuild<Next, NextResult>(std::move(values_.projection), std::move(values_.where), std::move(values_.having));
  }

  /// The SELECT with a LIMIT, which `first()` and `one()` bind.
  static constexpr std::string_view limited_sql =
      static_text<detail::select_gen<detail::respec<Spec, typename Spec::projection, typename Spec::joins,
                                                    typename Spec::where, typename Spec::group, typename Spec::having,
                                                    typename Spec::order, typename Spec::counts, Spec::distinct, true>,
                                     dialect>>;

  /// Binds the query's values; with `at_most`, to `limited_sql`, whose LIMIT is the smaller of
  /// the query's own and `at_most`.
  void bind(statement& s, std::int64_t at_most = -1) const {
    detail::binder<statement> b{s};
    if constexpr (std::tuple_size_v<decltype(values_.projection)> > 0)
      std::apply([&](const auto&... e) { (e.bind(b), ...); }, values_.projection);
    values_.where.bind(b);
    values_.having.bind(b);
    if constexpr (std::tuple_size_v<decltype(values_.order)> > 0)
      std::apply([&](const auto&... o) { (o.expression_value.bind(b), ...); }, values_.order);
    if (at_most >= 0) {
      if constexpr (Spec::limit) b(values_.limit < at_most ? values_.limit : at_most);
      else b(at_most);
    } else if constexpr (Spec::limit) {
      b(values_.limit);
    }
    if constexpr (Spec::offset) b(values_.offset);
  }

  static Result read(const statement& s, std::size_t row) { return detail::row_reader<Spec, Result>::read(s, row); }

  /// Reads the next row into the cursor; false (and the cursor closed) after the last.
  bool advance() {
    if (cursor* c = open_cursor(); c != nullptr && c->st.step()) {
      c->current.emplace(read(c->st, ++c->rows_read));
      return true;
    }
    cursor_.reset();
    return false;
  }

  typename B::connection* conn_;
  values_type values_;
  // The state of a range-for over the query, held type-erased and deleted through the function
  // set by begin(): a Select that is never iterated (most are not) compiles none of it.
  struct cursor {
    statement st;
    std::optional<Result> current;
    std::size_t rows_read;
  };
  cursor* open_cursor() const noexcept { return static_cast<cursor*>(cursor_.get()); }
  std::unique_ptr<void, void (*)(void*)> cursor_{nullptr, nullptr};
  std::size_t iterators_ = 0;  // of the loop reading cursor_
};

namespace detail {
/// What `set()` with no column gives, after its message: it runs nothing, and nothing written
/// after it fails as well.
struct update_without_set {
  template <class E>
  std::int64_t where(const E&) && {
    return 0;
  }
  std::int64_t all_rows() && { return 0; }
};
}  // namespace detail

/// An UPDATE under construction: `db.update<T>().set(col<&T::m> = v, ...)`, then `.where(...)`
/// or `.all_rows()`, which run it.
template <class B, class S, class T, class Assignments = detail::type_list<>, class Values = std::tuple<>>
class Update {
 public:
  Update(typename B::connection& c, Values values) : conn_(&c), values_(std::move(values)) {}

  /// The columns to write and their new values (`col<&T::m> = value`, expressions allowed).
  template <class... As>
  auto set(As... assignments) && {
    if constexpr (sizeof...(As) == 0) {
      static_assert(detail::involving<T>, "ctorm: set() takes at least one col<&T::m> = value");
      return detail::update_without_set{};
    } else {
      static_assert((std::is_same_v<typename As::owner, T> && ...),
                    "ctorm: set() assigns columns of the table being updated");
      return Update<B, S, T, detail::concat<Assignments, detail::type_list<As...>>,
                    decltype(std::tuple_cat(std::move(values_), std::tuple<As...>(std::move(assignments)...)))>(
          *conn_, std::tuple_cat(std::move(values_), std::tuple<As...>(std::move(assignments)...)));
    }
  }

  /// Runs the UPDATE on the rows meeting `condition`; returns how many changed.
  template <detail::expression E>
  auto where(const E& condition) && {
    detail::check_predicate<E>();
    if constexpr (!detail::fits_dialect<E, typename B::dialect>()) return std::int64_t{0};  // after the message
    else return run<E>(&condition);
  }

  /// Runs the UPDATE on every row of the table; returns how many changed.
  auto all_rows() && { return run<detail::nothing>(nullptr); }

 private:
  template <class W>
  auto run(const W* condition) {
    static_assert(Assignments::size > 0 || detail::involving<T>, "ctorm: call set(...) before where(...) or all_rows()");
    using Gen = detail::update_gen<detail::update_spec<S, T, Assignments, W>, typename B::dialect>;
    constexpr std::string_view text = static_text<Gen>;
    typename B::statement st(*conn_, text);
    detail::binder<typename B::statement> b{st};
    using Tb = detail::table_in<S, T>;
    std::apply(
        [&](const auto&... a) {
          ((b.target = detail::cell{Tb::name, Tb::columns[std::remove_cvref_t<decltype(a)>::index], 0}, a.bind(b)),
           ...);
        },
        values_);
    b.target = detail::cell{{}, "query parameter", 0};
    if (condition != nullptr) condition->bind(b);
    return Affected<Gen>{st.run()};
  }

  typename B::connection* conn_;
  Values values_;
};

/// A DELETE under construction: `db.remove<T>()`, then `.where(...)` or `.all_rows()`.
template <class B, class S, class T>
class Remove {
 public:
  explicit Remove(typename B::connection& c) : conn_(&c) {}

  /// Deletes the rows meeting `condition`; returns how many were deleted.
  template <detail::expression E>
  auto where(const E& condition) && {
    detail::check_predicate<E>();
    if constexpr (!detail::fits_dialect<E, typename B::dialect>()) return std::int64_t{0};  // after the message
    else return run<E>(&condition);
  }

  /// Deletes every row of the table; returns how many were deleted.
  auto all_rows() && { return run<detail::nothing>(nullptr); }

 private:
  template <class W>
  auto run(const W* condition) {
    using Gen = detail::delete_gen<detail::delete_spec<S, T, W>, typename B::dialect>;
    constexpr std::string_view text = static_text<Gen>;
    typename B::statement st(*conn_, text);
    detail::binder<typename B::statement> b{st};
    if (condition != nullptr) condition->bind(b);
    return Affected<Gen>{st.run()};
  }

  typename B::connection* conn_;
};

/// A SELECT whose rows come with relations loaded (`select<Post>().with<author, tags>()`):
/// one query for the rows, then one per relation and level.
template <class B, class Base, class S, class T, class... Items>
class EagerSelect {
 public:
  using result_type = Loaded<T, typename Items::with...>;
  /// The SQL of the rows' own query; each relation adds its own statement.
  static constexpr std::string_view sql = Base::sql;

  EagerSelect(typename B::connection& c, Base base, std::tuple<typename Items::constraint...> constraints)
      : conn_(&c), base_(std::move(base)), constraints_(std::move(constraints)) {}

  /// Loads relation `W` too (`R` or `Nested<R, ...>`), restricted by `args`: conditions,
  /// `asc<>`/`desc<>` terms and `ctorm::take(n)` (the first n per row).
  template <class W, class... Args>
  auto with(Args&&... args) && {
    if constexpr (!detail::loads_each_once<typename Items::with..., W>())
      return std::move(*this);
    else return add_with<W>(std::forward<Args>(args)...);
  }

  /// Loads several relations too, unrestricted.
  template <class W1, class W2, class... Ws>
  auto with() && {
    static_assert(detail::loads_each_once<typename Items::with..., W1, W2, Ws...>() || true);
    return std::move(*this).template with<W1>().template with<W2, Ws...>();
  }

  /// Every row, with its relations.
  std::vector<result_type> all() {
    auto out = base_.template all_wrapped<result_type>();
    detail::load_all<B, S, T, typename Items::with...>(*conn_, out, constraints_);
    return out;
  }

  /// The first row, with its relations.
  std::optional<result_type> first() {
    auto row = base_.first();
    if (!row) return std::nullopt;
    std::vector<result_type> one{result_type{std::move(*row), {}}};
    detail::load_all<B, S, T, typename Items::with...>(*conn_, one, constraints_);
    return std::move(one.front());
  }

  /// The only row, with its relations (throws like `Select::one`).
  result_type one() {
    std::vector<result_type> one{result_type{base_.one(), {}}};
    detail::load_all<B, S, T, typename Items::with...>(*conn_, one, constraints_);
    return std::move(one.front());
  }

  /// The number of rows (relations are not loaded).
  std::int64_t count() { return base_.count(); }
  /// True when there is a row (relations are not loaded).
  bool exists() { return base_.exists(); }

 private:
  template <class W, class... Args>
  auto add_with(Args&&... args) {
    auto c = detail::with_constraint<W>(std::forward<Args>(args)...);
    if constexpr (!detail::with_is_usable<S, T, W, decltype(c)>() || !detail::fits_dialect<decltype(c), typename B::dialect>())
      return std::move(*this);
    else return add_checked_with<W>(std::move(c));
  }

  template <class W, class C>
  auto add_checked_with(C c) {
    using Next = EagerSelect<B, Base, S, T, Items..., detail::with_item<W, C>>;
    return Next(*conn_, std::move(base_), std::tuple_cat(std::move(constraints_), std::make_tuple(std::move(c))));
  }

  typename B::connection* conn_;
  Base base_;
  std::tuple<typename Items::constraint...> constraints_;
};


}  // namespace ctorm
