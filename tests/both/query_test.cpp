// The query builder, the same on every backend: conditions, lists, text matching, ordering
// and paging, projections and aggregates, joins through relations, relation conditions and
// counts, UPDATE and DELETE with conditions.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "../query_blog.hpp"
#include "backends.hpp"

using namespace qblog;
using ctorm::asc;
using ctorm::col;
using ctorm::desc;

namespace both_query {
struct AuthorStats {
  std::int64_t author_id{};
  std::int64_t posts{};
  std::optional<double> mean{};
  std::optional<std::int64_t> total{};
};

template <class Db>
void seed(Db& db) {
  db.create_all();
  const auto ann = db.insert(User{.email = "ann@example.org", .name = "Ann", .age = 41});
  const auto bob = db.insert(User{.email = "bob@example.org", .age = 25});
  db.insert(User{.email = "cat@example.org", .name = "Cat", .age = 33});
  const auto p1 = db.insert(Post{.author_id = ann, .title = "C++ templates", .score = 4.5, .published = true});
  const auto p2 = db.insert(Post{.author_id = ann, .reviewer_id = bob, .title = "c++ ranges", .score = 3.0, .published = true});
  db.insert(Post{.author_id = bob, .title = "Rust traits", .score = 2.0});
  const auto cpp = db.insert(Tag{.name = "cpp"});
  const auto lang = db.insert(Tag{.name = "lang"});
  db.template attach<tags>(Post{.id = p1}, cpp, PostTag{.position = 1});
  db.template attach<tags>(Post{.id = p1}, lang, PostTag{.position = 2});
  db.template attach<tags>(Post{.id = p2}, cpp, PostTag{.position = 1});
  db.template create<comments>(Post{.id = p1}, Comment{.text = "great", .approved = true});
  db.template create<comments>(Post{.id = p1}, Comment{.text = "meh"});
  db.template create<comments>(Post{.id = p2}, Comment{.text = "ok", .approved = true});
}

template <class Q>
std::vector<std::int64_t> ids(Q&& q) {
  std::vector<std::int64_t> out;
  for (const auto& row : std::forward<Q>(q).all()) out.push_back(row.id);
  return out;
}
using V = std::vector<std::int64_t>;
}  // namespace both_query

using namespace both_query;

TEMPLATE_TEST_CASE("conditions, lists and text matching mean the same on every backend", "[both][query]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  seed(db);
  CHECK(ids(db.template select<Post>().where(col<&Post::score> >= 3).order_by(asc<&Post::id>)) == V{1, 2});
  CHECK(ids(db.template select<Post>().where(col<&Post::id> != 2 && !col<&Post::published>)) == V{3});
  CHECK(ids(db.template select<Post>().where(col<&Post::reviewer_id>.is_null()).order_by(asc<&Post::id>)) == V{1, 3});
  CHECK(ids(db.template select<Post>().where(col<&Post::reviewer_id> == 2)) == V{2});
  // LIKE ignores ASCII case and has no escape character, on both.
  CHECK(ids(db.template select<Post>().where(col<&Post::title>.like("C++%")).order_by(asc<&Post::id>)) == V{1, 2});
  CHECK(ids(db.template select<Post>().where(col<&Post::title>.like("C++ RANGES"))) == V{2});
  CHECK(ids(db.template select<Post>().where(col<&Post::score>.between(2.5, 4.0))) == V{2});
  // Lists of any length, empty ones too, and values wider than the column.
  CHECK(ids(db.template select<Post>().where(col<&Post::id>.in(std::vector<std::int64_t>{3, 1, 99})).order_by(asc<&Post::id>)) ==
        V{1, 3});
  CHECK(ids(db.template select<Post>().where(col<&Post::id>.in(std::vector<std::int64_t>{}))) == V{});
  CHECK(ids(db.template select<Post>().where(col<&Post::id>.not_in(std::vector<std::int64_t>{})).order_by(asc<&Post::id>)) ==
        V{1, 2, 3});
  CHECK(ids(db.template select<Post>().where(col<&Post::title>.in({std::string("Rust traits")}))) == V{3});
  CHECK(ids(db.template select<Post>().where(col<&Post::id> < 5000000000LL).order_by(desc<&Post::id>)) == V{3, 2, 1});
  // NOT IN with a NULL in the list is never true, as SQL has it.
  CHECK(ids(db.template select<Post>().where(col<&Post::reviewer_id>.not_in(std::vector<std::optional<std::int64_t>>{std::nullopt}))) == V{});
}

TEMPLATE_TEST_CASE("a std::optional value compares as std::optional does: an empty one equals NULL", "[both][query]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  seed(db);  // posts 1 and 3 have no reviewer, post 2 has user 2
  using Id = std::optional<std::int64_t>;
  const auto where = [&](auto condition) { return ids(db.template select<Post>().where(condition).order_by(asc<&Post::id>)); };
  CHECK(where(col<&Post::reviewer_id> == Id{}) == V{1, 3});
  CHECK(where(col<&Post::reviewer_id> == Id{2}) == V{2});
  CHECK(where(Id{} == col<&Post::reviewer_id>) == V{1, 3});
  // As std::optional compares: a value is unequal to NULL, and the result is never unknown, so
  // that ! turns == into != (SQL's `<> 2` leaves the NULL rows out, `!(= 2)` too).
  CHECK(where(col<&Post::reviewer_id> != Id{}) == V{2});
  CHECK(where(col<&Post::reviewer_id> != Id{2}) == V{1, 3});
  CHECK(where(col<&Post::reviewer_id> != 2) == V{});
  CHECK(where(col<&Post::reviewer_id> != Id{1}) == V{1, 2, 3});
  CHECK(where(!(col<&Post::reviewer_id> != Id{2})) == V{2});
  CHECK(where(!(col<&Post::reviewer_id> == Id{2})) == V{1, 3});
  CHECK(where(!(col<&Post::reviewer_id> == Id{})) == V{2});
  CHECK(where(col<&Post::id> > 1 && col<&Post::reviewer_id> == Id{}) == V{3});
  // Whatever the other side: a column that is not optional, an expression with values.
  CHECK(where(col<&Post::id> != Id{}) == V{1, 2, 3});
  CHECK(where(!(col<&Post::id> == Id{})) == V{1, 2, 3});
  CHECK(where(col<&Post::id> == Id{2}) == V{2});
  CHECK(where(col<&Post::reviewer_id> + 1 == Id{}) == V{1, 3});
  CHECK(where(col<&Post::reviewer_id> * 1 != Id{1}) == V{1, 2, 3});
  CHECK(where(col<&Post::published> != std::optional<bool>{true}) == V{3});
  // Inside another comparison, on both backends alike.
  CHECK(where((col<&Post::published> != std::optional<bool>{true}) == false) == V{1, 2});
  CHECK(where((col<&Post::id> != 1) == false) == V{1});
  CHECK(where((col<&Post::id> < 2) == (col<&Post::score> > 4.0)) == V{1, 2, 3});
  CHECK(where((col<&Post::id> < col<&Post::author_id>) == std::optional<bool>{false}) == V{1, 2, 3});
  CHECK(where((col<&Post::score> < 3.5).in({true})) == V{2, 3});
  CHECK(where((col<&Post::score> < 3.5).between(true, true)) == V{2, 3});
  // In writes too.
  CHECK(db.template update<Post>().set(col<&Post::score> = 9.5).where(col<&Post::reviewer_id> == Id{}) == 2);
  CHECK(db.template remove<Post>().where(col<&Post::reviewer_id> == Id{} && col<&Post::id> == 3) == 1);
  CHECK(where(col<&Post::score> == 9.5) == V{1});
}

TEMPLATE_TEST_CASE("ordering, paging, counting, existence", "[both][query]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  seed(db);
  CHECK(ids(db.template select<Post>().order_by(desc<&Post::score>).limit(2)) == V{1, 2});
  CHECK(ids(db.template select<Post>().order_by(asc<&Post::id>).limit(1).offset(1)) == V{2});
  CHECK(ids(db.template select<Post>().order_by(asc<&Post::id>).offset(2)) == V{3});
  CHECK(db.template select<Post>().where(col<&Post::published>).count() == 2);
  CHECK(db.template select<Post>().where(col<&Post::id> > 3).count() == 0);
  CHECK(db.template select<Post>().where(col<&Post::published>).exists());
  CHECK_FALSE(db.template select<Post>().where(col<&Post::id> > 3).exists());
  CHECK(db.template select<Post>().where(col<&Post::id> == 1).one().title == "C++ templates");
  CHECK_THROWS_AS(db.template select<Post>().where(col<&Post::id> == 9).one(), ctorm::not_found);
  CHECK_THROWS_AS(db.template select<Post>().one(), ctorm::usage_error);
  CHECK(db.template select<Post>().where(col<&Post::id> == 9).first() == std::nullopt);
  // first() and one() ask the server for at most one and two rows, within the query's own paging.
  CHECK(db.template select<Post>().order_by(asc<&Post::id>).offset(2).first()->id == 3);
  CHECK(db.template select<Post>().order_by(asc<&Post::id>).limit(3).offset(1).first()->id == 2);
  CHECK(db.template select<Post>().order_by(asc<&Post::id>).limit(0).first() == std::nullopt);
  CHECK(db.template select<Post>().order_by(asc<&Post::id>).limit(1).offset(1).one().id == 2);
  CHECK(db.template select<Post>().order_by(asc<&Post::id>).offset(2).one().id == 3);
  CHECK_THROWS_AS(db.template select<Post>().order_by(asc<&Post::id>).limit(2).one(), ctorm::usage_error);
  CHECK(db.template select<Post>().order_by(desc<&Post::id>).distinct().first()->id == 3);
  // Reading rows one at a time.
  std::vector<std::int64_t> seen;
  for (const auto& p : db.template select<Post>().order_by(asc<&Post::id>)) seen.push_back(p.id);
  CHECK(seen == V{1, 2, 3});
  seen.clear();
  for (const auto& p : db.template select<Post>().order_by(asc<&Post::id>)) {
    seen.push_back(p.id);
    break;  // leaving early
  }
  CHECK(seen == V{1});
  CHECK(db.template count<Post>() == 3);  // the connection is free again
}

TEMPLATE_TEST_CASE("ordering by aggregates and arithmetic with values bound in the text's order", "[both][query]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  seed(db);  // scores: post 1 (Ann) 4.5, post 2 (Ann) 3.0, post 3 (Bob) 2.0
  // The top author by total score, in one query.
  const auto top = db.select(col<&Post::author_id>, ctorm::sum(col<&Post::score>))
                       .group_by(col<&Post::author_id>)
                       .order_by(ctorm::sum(col<&Post::score>).desc())
                       .limit(1)
                       .one();
  CHECK(std::get<0>(top) == 1);
  CHECK(std::get<1>(top) == 7.5);
  const auto by_count = db.select(col<&Post::author_id>, ctorm::count())
                            .group_by(col<&Post::author_id>)
                            .order_by(ctorm::count().asc(), col<&Post::author_id>)
                            .all();
  REQUIRE(by_count.size() == 2);
  CHECK(std::get<0>(by_count[0]) == 2);
  // Distance from 3.5: values in WHERE, then in ORDER BY, then LIMIT.
  auto nearest = db.template select<Post>()
                           .where(col<&Post::score> > 1.0)
                           .order_by((col<&Post::score> - 3.5) * (col<&Post::score> - 3.5))
                           .limit(2);
  CHECK(ids(std::move(nearest)) == V{2, 1});
  CHECK(ids(db.template select<Post>().order_by(((col<&Post::score> - 3.5) * (col<&Post::score> - 3.5)).desc(),
                                                desc<&Post::id>)) == V{3, 1, 2});
  // The same terms where a query is counted or tested for rows.
  CHECK(db.template select<Post>().order_by((col<&Post::score> * 2).desc()).limit(2).count() == 2);
}

TEMPLATE_TEST_CASE("projections, aggregates, group_by and having", "[both][query]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  seed(db);
  const auto stats = db.template select_as<AuthorStats>(col<&Post::author_id>, ctorm::count(), ctorm::avg(col<&Post::score>),
                                                        ctorm::sum(col<&Post::id>))
                         .group_by(col<&Post::author_id>)
                         .having(ctorm::count() > 1)
                         .all();
  REQUIRE(stats.size() == 1);
  CHECK(stats[0].author_id == 1);
  CHECK(stats[0].posts == 2);
  CHECK(stats[0].mean == 3.75);
  CHECK(stats[0].total == 3);
  const auto none = db.template select<Post>(ctorm::sum(col<&Post::score>), ctorm::max(col<&Post::title>))
                        .where(col<&Post::id> > 10)
                        .one();
  CHECK(std::get<0>(none) == std::nullopt);
  CHECK(std::get<1>(none) == std::nullopt);
  const auto pairs = db.select(col<&Post::title>, col<&User::email>)
                         .template join<author>()
                         .where(col<&User::age> > 30)
                         .order_by(asc<&Post::id>)
                         .all();
  REQUIRE(pairs.size() == 2);
  CHECK(std::get<1>(pairs[0]) == "ann@example.org");
  // A left-joined column reads as optional.
  const auto reviewers = db.select(col<&Post::id>, col<&User::email>)
                             .template left_join<reviewer>()
                             .order_by(asc<&Post::id>)
                             .all();
  REQUIRE(reviewers.size() == 3);
  CHECK(std::get<1>(reviewers[0]) == std::nullopt);
  CHECK(std::get<1>(reviewers[1]) == "bob@example.org");
}

TEMPLATE_TEST_CASE("where_has, where_doesnt_have, with_count and pivot conditions", "[both][query]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  seed(db);
  CHECK(ids(db.template select<Post>().template where_has<comments>().order_by(asc<&Post::id>)) == V{1, 2});
  CHECK(ids(db.template select<Post>().template where_has<comments>(ctorm::at_least(2))) == V{1});
  CHECK(ids(db.template select<Post>().template where_has<comments>(col<&Comment::approved> == true, ctorm::exactly(1))
                .order_by(asc<&Post::id>)) == V{1, 2});
  CHECK(ids(db.template select<Post>().template where_doesnt_have<tags>()) == V{3});
  CHECK(ids(db.template select<Post>().template where_has<tags>(col<&PostTag::position> == 2)) == V{1});
  CHECK(ids(db.template select<User>().template where_has<received>()) == V{1});
  const auto counted = db.template select<Post>().template with_count<comments>().template with_count<tags>()
                           .order_by(asc<&Post::id>).all();
  REQUIRE(counted.size() == 3);
  CHECK(counted[0].template count<comments>() == 2);
  CHECK(counted[0].template count<tags>() == 2);
  CHECK(counted[2].template count<comments>() == 0);
}

TEMPLATE_TEST_CASE("UPDATE and DELETE with conditions return the rows changed", "[both][query]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  seed(db);
  const std::int64_t bumped =
      db.template update<Post>().set(col<&Post::score> = col<&Post::score> + 1).where(col<&Post::published> == true);
  CHECK(bumped == 2);
  CHECK(db.template get<Post>(std::int64_t{1})->score == 5.5);
  CHECK(db.template update<Post>().set(col<&Post::reviewer_id> = std::nullopt).all_rows() == 3);
  CHECK(db.template remove<Comment>().where(col<&Comment::approved> == false) == 1);
  CHECK(db.template remove<PostTag>().where(col<&PostTag::position>.in({1, 2})) == 3);
  CHECK(db.template count<PostTag>() == 0);
}

TEMPLATE_TEST_CASE("lists of bools, a loop inside a loop over one query, a fraction set into an integer column",
                   "[both][query]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  seed(db);
  // A std::vector<bool> hands out its elements by value, not by reference.
  CHECK(ids(db.template select<Post>().where(col<&Post::published>.in({true})).order_by(asc<&Post::id>)) == V{1, 2});
  CHECK(ids(db.template select<Post>().where(col<&Post::published>.not_in({true}))) == V{3});

  // A second loop over the same query would take the rows of the first away under it.
  auto q = db.template select<Post>().order_by(asc<&Post::id>);
  std::int64_t seen = 0;
  const auto nested = test::caught<ctorm::usage_error>([&] {
    for (auto& a : q) {
      seen = a.id;
      for (auto& b : q) seen += b.id;
    }
  });
  CHECK(nested.what() == std::string("ctorm: this query is already being looped over - an inner loop needs a query "
                                     "of its own (or read the rows with all() first)"));
  CHECK(seen == 1);
  V again;
  for (auto& p : q) again.push_back(p.id);  // the query loops again once the first loop has ended
  CHECK(again == V{1, 2, 3});

  // A fraction or a number beyond the member's range is refused, not cut to fit.
  CHECK_THAT(test::caught<ctorm::conversion_error>([&] {
               db.template update<User>().set(col<&User::age> = 2.9).all_rows();
             }).what(),
             Catch::Contains("age") && Catch::Contains("2.8999999999999999 is not a whole number the member's type can hold"));
  CHECK_THROWS_AS(db.template update<User>().set(col<&User::age> = 1e300).all_rows(), ctorm::conversion_error);
  CHECK(db.template update<User>().set(col<&User::age> = 42.0).where(col<&User::id> == 2) == 1);
  CHECK(db.template get<User>(2)->age == 42);
}

namespace both_query {
struct Reading {
  std::int64_t id{};
  float value{};
};
using Readings = ctorm::Schema<ctorm::Table<Reading>>;
}  // namespace both_query

TEMPLATE_TEST_CASE("sum() of a float column adds in double precision on every backend", "[both][query]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Readings>();
  db.create_all();
  db.insert(Reading{.value = 16777216.0f});  // 2^24: a float cannot hold 2^24 + 1
  db.insert(Reading{.value = 1.0f});
  const auto total = db.template select<Reading>(ctorm::sum(col<&Reading::value>), ctorm::count()).one();
  CHECK(std::get<0>(total) == std::optional<double>(16777217.0));
}
