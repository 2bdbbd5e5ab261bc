// The query builder against a real SQLite database: every form returns exactly the rows it
// should, values are bound (never spliced into the text), and statements are cached.

#include <catch2/catch.hpp>

#include <ctorm/ctorm.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "../query_blog.hpp"
#include "sqlite_helpers.hpp"

namespace qrt {

using namespace qblog;

using BlogDb = ctorm::Database<Blog>;

/// A projection read into a struct (`select_as`).
struct AuthorStats {
  std::int64_t author_id{};
  std::int64_t posts{};
  std::optional<double> total{};
  std::optional<double> mean{};
  std::optional<double> low{};
  std::optional<double> high{};
  bool operator==(const AuthorStats&) const = default;
};

/// The known dataset; ids are the ones SQLite assigns in insertion order.
///
///   users     1 alice@x "Alice" 30 · 2 bob@x (no name) 25 · 3 carol@x "Carol" 41
///   posts     id author reviewer title           score published
///             1  1      2        "Intro to C++"  4.5   yes
///             2  1      -        "Templates"     3.0   no
///             3  2      1        "SQLite tips"   5.0   yes
///             4  2      2        "Self review"   2.0   yes
///             5  1      3        "C++20 ranges"  1.5   yes
///             6  3      -        "Draft"         0.5   no
///   tags      1 cpp · 2 db · 3 news
///   post_tags (post, tag, position) (1,1,1) (1,3,2) (2,1,1) (3,2,1) (5,1,2) (5,2,1)
///   comments  id post parent text              approved
///             1  1    -      "Great"           yes
///             2  1    1      "Thanks"          no
///             3  1    2      "You're welcome"  yes
///             4  3    -      "Useful"          yes
///             5  3    -      "Spam"            no
///             6  5    -      "Nice"            no
struct Seeded {
  BlogDb db{":memory:"};
  Seeded() {
    db.create_all();
    db.insert(User{0, "alice@x", "Alice", 30});
    db.insert(User{0, "bob@x", std::nullopt, 25});
    db.insert(User{0, "carol@x", "Carol", 41});
    db.insert(Post{0, 1, 2, "Intro to C++", 4.5, true});
    db.insert(Post{0, 1, std::nullopt, "Templates", 3.0, false});
    db.insert(Post{0, 2, 1, "SQLite tips", 5.0, true});
    db.insert(Post{0, 2, 2, "Self review", 2.0, true});
    db.insert(Post{0, 1, 3, "C++20 ranges", 1.5, true});
    db.insert(Post{0, 3, std::nullopt, "Draft", 0.5, false});
    db.insert(Tag{0, "cpp"});
    db.insert(Tag{0, "db"});
    db.insert(Tag{0, "news"});
    for (const PostTag& pt : {PostTag{1, 1, 1}, PostTag{1, 3, 2}, PostTag{2, 1, 1}, PostTag{3, 2, 1},
                              PostTag{5, 1, 2}, PostTag{5, 2, 1}})
      db.insert(pt);
    db.insert(Comment{0, 1, std::nullopt, "Great", true});
    db.insert(Comment{0, 1, 1, "Thanks", false});
    db.insert(Comment{0, 1, 2, "You're welcome", true});
    db.insert(Comment{0, 3, std::nullopt, "Useful", true});
    db.insert(Comment{0, 3, std::nullopt, "Spam", false});
    db.insert(Comment{0, 5, std::nullopt, "Nice", false});
  }
  sqlite3* raw() const { return db.native_handle(); }
};

using Ids = std::vector<std::int64_t>;

/// The ids of rows (whole rows or Counted rows), in the order returned.
template <class Row>
Ids ids(const std::vector<Row>& rows) {
  Ids out;
  for (const auto& r : rows) {
    if constexpr (requires { r.id; }) out.push_back(r.id);
    else out.push_back(r->id);
  }
  return out;
}

/// The ids of posts meeting `condition`, by id.
template <class E>
Ids post_ids(BlogDb& db, const E& condition) {
  return ids(db.select<Post>().where(condition).order_by(ctorm::asc<&Post::id>).all());
}

/// Number of prepared statements open on the connection.
inline int prepared_statements(sqlite3* db) {
  int n = 0;
  for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s != nullptr; s = sqlite3_next_stmt(db, s)) ++n;
  return n;
}

/// `x` as an optional whether or not it is one.
template <class X>
std::optional<std::int64_t> as_optional(const X& x) {
  if constexpr (std::is_same_v<X, std::optional<std::int64_t>>) return x;
  else return std::optional<std::int64_t>(x);
}

}  // namespace qrt

using namespace qrt;
using ctorm::asc;
using ctorm::col;
using ctorm::desc;

TEST_CASE_METHOD(Seeded, "where with each comparison operator returns exactly the matching rows", "[query]") {
  CHECK(post_ids(db, col<&Post::score> > 3.0) == Ids{1, 3});
  CHECK(post_ids(db, col<&Post::score> >= 3.0) == Ids{1, 2, 3});
  CHECK(post_ids(db, col<&Post::score> < 2.0) == Ids{5, 6});
  CHECK(post_ids(db, col<&Post::score> <= 2.0) == Ids{4, 5, 6});
  CHECK(post_ids(db, col<&Post::score> == 2.0) == Ids{4});
  CHECK(post_ids(db, col<&Post::score> != 2.0) == Ids{1, 2, 3, 5, 6});
  CHECK(post_ids(db, col<&Post::score> > 2) == Ids{1, 2, 3});  // an int against a REAL column
  CHECK(post_ids(db, 3 < col<&Post::id>) == Ids{4, 5, 6});
  CHECK(post_ids(db, col<&Post::title> == "Draft") == Ids{6});
  CHECK(post_ids(db, col<&Post::title> == std::string("Templates")) == Ids{2});
  CHECK(post_ids(db, col<&Post::published> == false) == Ids{2, 6});
  CHECK(post_ids(db, col<&Post::title> == "draft").empty());  // = is case-sensitive
  // A bool column is a condition by itself.
  CHECK(post_ids(db, col<&Post::published>) == Ids{1, 3, 4, 5});
  CHECK(post_ids(db, !(col<&Post::published>)) == Ids{2, 6});
  CHECK(post_ids(db, col<&Post::published> && col<&Post::author_id> == 2) == Ids{3, 4});
}

TEST_CASE_METHOD(Seeded, "&&, || and NOT combine as written", "[query]") {
  CHECK(post_ids(db, (col<&Post::author_id> == 1 || col<&Post::author_id> == 2) && col<&Post::published> == true) ==
        Ids{1, 3, 4, 5});
  CHECK(post_ids(db, (col<&Post::author_id> == 1 && col<&Post::published> == true) || col<&Post::author_id> == 3) ==
        Ids{1, 5, 6});
  CHECK(post_ids(db, col<&Post::author_id> == 1 && (col<&Post::published> == false || col<&Post::author_id> == 3)) ==
        Ids{2});
  CHECK(post_ids(db, !(col<&Post::author_id> == 1)) == Ids{3, 4, 6});
  CHECK(post_ids(db, !(col<&Post::author_id> == 1 || col<&Post::author_id> == 2)) == Ids{6});
  CHECK(post_ids(db, !(col<&Post::title>.like("%C++%")) && col<&Post::published> == true) == Ids{3, 4});
  // Several where() calls are ANDed, each keeping its own grouping.
  CHECK(ids(db.select<Post>()
                .where(col<&Post::published> == true)
                .where(col<&Post::author_id> == 2 || col<&Post::score> > 4)
                .order_by(asc<&Post::id>)
                .all()) == Ids{1, 3, 4});
  CHECK(ids(db.select<Post>()
                .where(col<&Post::author_id> == 3 || col<&Post::score> > 4)
                .where(col<&Post::published> == false)
                .order_by(asc<&Post::id>)
                .all()) == Ids{6});
}

TEST_CASE_METHOD(Seeded, "a =-level comparison under < <= > >= keeps its meaning", "[query]") {
  // Written `("posts"."author_id" = ?1) < "posts"."published"`: without the parentheses SQLite
  // would read author_id = (1 < published).
  CHECK(post_ids(db, (col<&Post::author_id> == 1) < col<&Post::published>) == Ids{3, 4});
  CHECK(post_ids(db, (col<&Post::reviewer_id> == 2) > col<&Post::published>) == Ids{});
  CHECK(post_ids(db, col<&Post::title>.like("%C++%") >= col<&Post::published>) == Ids{1, 2, 5, 6});
}

TEST_CASE_METHOD(Seeded, "like is case-insensitive, glob case-sensitive", "[query]") {
  CHECK(post_ids(db, col<&Post::title>.like("%c++%")) == Ids{1, 5});
  CHECK(post_ids(db, col<&Post::title>.glob("*C++*")) == Ids{1, 5});
  CHECK(post_ids(db, col<&Post::title>.glob("*c++*")).empty());
  CHECK(post_ids(db, col<&Post::title>.like("S_lf%")) == Ids{4});
  CHECK(post_ids(db, col<&Post::title>.like("_____")) == Ids{6});
  CHECK(post_ids(db, col<&Post::title>.glob("[ST]*")) == Ids{2, 3, 4});
  CHECK(post_ids(db, col<&Post::title>.like("%tips") || col<&Post::title>.glob("D*")) == Ids{3, 6});
  CHECK(ids(db.select<User>().where(col<&User::name>.like("%l%")).order_by(asc<&User::id>).all()) == Ids{1, 3});
}

TEST_CASE_METHOD(Seeded, "in and not_in take lists of any length", "[query]") {
  CHECK(post_ids(db, col<&Post::id>.in(std::vector<std::int64_t>{2, 4, 99})) == Ids{2, 4});
  CHECK(post_ids(db, col<&Post::id>.in({1, 3})) == Ids{1, 3});
  CHECK(post_ids(db, col<&Post::id>.in(std::vector<std::int64_t>{})).empty());
  CHECK(db.select<Post>().where(col<&Post::id>.in(std::vector<std::int64_t>{})).count() == 0);
  CHECK_FALSE(db.select<Post>().where(col<&Post::id>.in(std::vector<std::int64_t>{})).exists());

  std::vector<std::int64_t> evens;
  for (std::int64_t i = 1; i <= 1000; ++i) evens.push_back(2 * i);
  CHECK(post_ids(db, col<&Post::id>.in(evens)) == Ids{2, 4, 6});
  CHECK(db.select<Post>().where(col<&Post::id>.in(evens)).count() == 3);
  CHECK(post_ids(db, col<&Post::id>.not_in(evens)) == Ids{1, 3, 5});

  CHECK(post_ids(db, col<&Post::id>.not_in({1, 2, 3})) == Ids{4, 5, 6});
  CHECK(post_ids(db, col<&Post::id>.not_in(std::vector<std::int64_t>{})) == Ids{1, 2, 3, 4, 5, 6});
  // Optional column: NULL is neither in nor not in a list.
  CHECK(post_ids(db, col<&Post::reviewer_id>.in({2})) == Ids{1, 4});
  CHECK(post_ids(db, col<&Post::reviewer_id>.not_in({2})) == Ids{3, 5});
  // Other value types.
  CHECK(post_ids(db, col<&Post::score>.in(std::vector<double>{1.5, 5.0, 7.25})) == Ids{3, 5});
  CHECK(post_ids(db, col<&Post::published>.in(std::vector<bool>{false})) == Ids{2, 6});
  CHECK(post_ids(db, col<&Post::title>.in(std::vector<std::string>{"Draft", "SQLite tips", "draft"})) == Ids{3, 6});
  CHECK(post_ids(db, col<&Post::title>.not_in({"Draft", "SQLite tips"})) == Ids{1, 2, 4, 5});
  CHECK(ids(db.select<User>().where(col<&User::email>.in({"bob@x", "nobody@x"})).all()) == Ids{2});
  // NULL in a list matches nothing, and makes NOT IN unknown for every other value.
  CHECK(post_ids(db, col<&Post::reviewer_id>.in(std::vector<std::optional<std::int64_t>>{2, std::nullopt})) == Ids{1, 4});
  CHECK(post_ids(db, col<&Post::reviewer_id>.not_in(std::vector<std::optional<std::int64_t>>{2, std::nullopt})).empty());
  // Any range.
  CHECK(post_ids(db, col<&Post::id>.in(std::array<std::int64_t, 2>{6, 1})) == Ids{1, 6});
  CHECK(post_ids(db, col<&Post::id>.in(std::set<std::int64_t>{5, 3})) == Ids{3, 5});
  // A list and other parameters: numbered on after the list.
  CHECK(post_ids(db, col<&Post::id>.in({1, 2, 3, 4}) && col<&Post::published> == true && col<&Post::score> > 2) ==
        Ids{1, 3});
}

TEST_CASE_METHOD(Seeded, "between includes both ends", "[query]") {
  CHECK(post_ids(db, col<&Post::score>.between(1.5, 3.0)) == Ids{2, 4, 5});
  CHECK(post_ids(db, col<&Post::id>.between(2, 4)) == Ids{2, 3, 4});
  CHECK(post_ids(db, col<&Post::id>.between(4, 2)).empty());
  CHECK(post_ids(db, col<&Post::id>.between(col<&Post::author_id>, col<&Post::author_id> + 2)) == Ids{1, 2, 3, 4});
}

TEST_CASE_METHOD(Seeded, "optional columns follow SQL NULL semantics", "[query]") {
  CHECK(post_ids(db, col<&Post::reviewer_id> == 1) == Ids{3});
  CHECK(post_ids(db, col<&Post::reviewer_id> != 1) == Ids{1, 4, 5});  // not the NULL rows 2 and 6
  CHECK(post_ids(db, col<&Post::reviewer_id> > 1) == Ids{1, 4, 5});
  CHECK(post_ids(db, col<&Post::reviewer_id> == std::optional<std::int64_t>(3)) == Ids{5});
  CHECK(post_ids(db, col<&Post::reviewer_id>.is_null()) == Ids{2, 6});
  CHECK(post_ids(db, col<&Post::reviewer_id>.is_not_null()) == Ids{1, 3, 4, 5});
  CHECK(post_ids(db, col<&Post::reviewer_id> == std::nullopt) == Ids{2, 6});
  CHECK(post_ids(db, col<&Post::reviewer_id> != std::nullopt) == Ids{1, 3, 4, 5});
  CHECK(post_ids(db, col<&Post::reviewer_id> == 2 || col<&Post::reviewer_id>.is_null()) == Ids{1, 2, 4, 6});
  CHECK(post_ids(db, !(col<&Post::reviewer_id> == 1)) == Ids{1, 4, 5});
  // Column against column.
  CHECK(post_ids(db, col<&Post::reviewer_id> == col<&Post::author_id>) == Ids{4});
  CHECK(post_ids(db, col<&Post::reviewer_id> != col<&Post::author_id>) == Ids{1, 3, 5});
  CHECK(post_ids(db, col<&Post::reviewer_id> + 1 == 3) == Ids{1, 4});
  CHECK(ids(db.select<User>().where(col<&User::name> == "Alice").all()) == Ids{1});
  CHECK(ids(db.select<User>().where(col<&User::name> != "Alice").all()) == Ids{3});
}

TEST_CASE_METHOD(Seeded, "arithmetic in conditions", "[query]") {
  CHECK(post_ids(db, col<&Post::score> * 2 + 1 > 10) == Ids{3});
  CHECK(post_ids(db, col<&Post::score> * 2 + 1 >= 10) == Ids{1, 3});
  CHECK(post_ids(db, col<&Post::id> % 2 == 0) == Ids{2, 4, 6});
  CHECK(post_ids(db, col<&Post::score> / 2 < 1) == Ids{5, 6});
  CHECK(post_ids(db, col<&Post::id> - col<&Post::author_id> == 0) == Ids{1});
  CHECK(post_ids(db, col<&Post::id> - (col<&Post::author_id> - 1) == 2) == Ids{2, 3});
  CHECK(post_ids(db, col<&Post::score> * (col<&Post::id> + 1) > 15) == Ids{3});
}

TEST_CASE_METHOD(Seeded, "order_by, limit and offset", "[query]") {
  CHECK(ids(db.select<Post>().order_by(asc<&Post::author_id>, desc<&Post::score>).all()) == Ids{1, 2, 5, 3, 4, 6});
  CHECK(ids(db.select<Post>().order_by(asc<&Post::author_id>).order_by(asc<&Post::score>).all()) ==
        Ids{5, 2, 1, 4, 3, 6});
  CHECK(ids(db.select<Post>().order_by(desc<&Post::score>).limit(2).all()) == Ids{3, 1});
  CHECK(ids(db.select<Post>().order_by(desc<&Post::score>).limit(2).offset(2).all()) == Ids{2, 4});
  CHECK(ids(db.select<Post>().offset(2).limit(2).order_by(desc<&Post::score>).all()) == Ids{2, 4});
  CHECK(ids(db.select<Post>().order_by(desc<&Post::score>).offset(4).all()) == Ids{5, 6});
  CHECK(ids(db.select<Post>().order_by(desc<&Post::score>).offset(6).all()).empty());
  CHECK(db.select<Post>().limit(0).all().empty());
  CHECK(ids(db.select<Post>().where(col<&Post::published> == true).order_by(desc<&Post::id>).limit(3).offset(1).all()) ==
        Ids{4, 3, 1});
}

TEST_CASE_METHOD(Seeded, "count and exists respect where, limit and offset", "[query]") {
  CHECK(db.select<Post>().count() == 6);
  CHECK(db.select<Post>().where(col<&Post::published> == true).count() == 4);
  CHECK(db.select<Post>().limit(2).count() == 2);
  CHECK(db.select<Post>().limit(2).offset(5).count() == 1);
  CHECK(db.select<Post>().limit(10).offset(4).count() == 2);
  CHECK(db.select<Post>().offset(4).count() == 2);
  CHECK(db.select<Post>().limit(0).count() == 0);
  CHECK(db.select<Post>().where(col<&Post::published> == true).offset(3).count() == 1);
  CHECK(db.select<Post>().exists());
  CHECK(db.select<Post>().offset(5).exists());
  CHECK_FALSE(db.select<Post>().offset(6).exists());
  CHECK_FALSE(db.select<Post>().limit(0).exists());
  CHECK_FALSE(db.select<Post>().where(col<&Post::id> > 100).exists());
  CHECK(db.select<Post>().where(col<&Post::id> > 100).count() == 0);
  // Whole rows with relation counts, and joins that repeat rows.
  CHECK(db.select<Post>().with_count<comments>().where(col<&Post::id> < 4).count() == 3);
  CHECK(db.select<Post>().join<tags>().count() == 6);
  CHECK(db.select<Post>().join<tags>().distinct().count() == 4);
  CHECK(db.select(col<&Post::author_id>).count() == 6);
  CHECK(db.select(col<&Post::author_id>).distinct().count() == 3);
}

TEST_CASE_METHOD(Seeded, "distinct removes repeated rows", "[query]") {
  using Row = std::tuple<std::int64_t>;
  CHECK(db.select(col<&Post::author_id>).distinct().order_by(asc<&Post::author_id>).all() ==
        std::vector<Row>{{1}, {2}, {3}});
  CHECK(ids(db.select<Post>().join<tags>().order_by(asc<&Post::id>).all()) == Ids{1, 1, 2, 3, 5, 5});
  CHECK(ids(db.select<Post>().join<tags>().distinct().order_by(asc<&Post::id>).all()) == Ids{1, 2, 3, 5});
}

TEST_CASE_METHOD(Seeded, "first and one", "[query]") {
  const std::optional<Post> top = db.select<Post>().order_by(desc<&Post::score>).first();
  REQUIRE(top);
  CHECK(top->id == 3);
  CHECK(top->title == "SQLite tips");
  CHECK_FALSE(db.select<Post>().where(col<&Post::id> > 100).first());

  const Post p = db.select<Post>().where(col<&Post::id> == 3).one();
  CHECK(p.id == 3);
  CHECK(p.author_id == 2);
  CHECK(p.reviewer_id == std::optional<std::int64_t>(1));
  CHECK(p.title == "SQLite tips");
  CHECK(p.score == 5.0);
  CHECK(p.published);

  CHECK_THROWS_AS(db.select<Post>().where(col<&Post::id> == 99).one(), ctorm::not_found);
  CHECK_THROWS_AS(db.select<Post>().where(col<&Post::author_id> == 2).one(), ctorm::usage_error);
  // The statement is usable again after one() threw.
  CHECK(db.select<Post>().where(col<&Post::author_id> == 3).one().id == 6);
  CHECK(db.select<Post>().where(col<&Post::author_id> == 2).limit(1).one().id == 3);

  const auto pair = db.select(col<&Post::title>, col<&Post::score>).where(col<&Post::id> == 2).one();
  CHECK(pair == std::tuple<std::string, double>{"Templates", 3.0});
}

TEST_CASE_METHOD(Seeded, "range-for reads rows lazily", "[query]") {
  Ids seen;
  for (const Post& p : db.select<Post>().order_by(asc<&Post::id>)) seen.push_back(p.id);
  CHECK(seen == Ids{1, 2, 3, 4, 5, 6});

  SECTION("an empty result runs no loop body") {
    int bodies = 0;
    for ([[maybe_unused]] auto& p : db.select<Post>().where(col<&Post::id> > 100)) ++bodies;
    CHECK(bodies == 0);
  }

  SECTION("breaking out early, then running more queries") {
    Ids first_two;
    for (const Post& p : db.select<Post>().where(col<&Post::published> == true).order_by(asc<&Post::id>)) {
      first_two.push_back(p.id);
      if (first_two.size() == 2) break;
    }
    CHECK(first_two == Ids{1, 3});
    // Same shape, other values.
    CHECK(ids(db.select<Post>().where(col<&Post::published> == false).order_by(asc<&Post::id>).all()) == Ids{2, 6});
    // Another shape.
    CHECK(db.select<Comment>().count() == 6);
    // A named query, left half-read, then read again from the start.
    auto q = db.select<Post>().order_by(desc<&Post::score>);
    for (const Post& p : q) {
      CHECK(p.id == 3);
      break;
    }
    CHECK(ids(q.all()) == Ids{3, 1, 2, 4, 5, 6});
    Ids again;
    for (const Post& p : q) again.push_back(p.id);
    CHECK(again == Ids{3, 1, 2, 4, 5, 6});
  }

  SECTION("queries run inside the loop body") {
    Ids comment_counts, same_author;
    for (const Post& p : db.select<Post>().order_by(asc<&Post::id>)) {
      comment_counts.push_back(db.select<Comment>().where(col<&Comment::post_id> == p.id).count());
      // The same shape as the loop's query, while it is being read.
      same_author.push_back(static_cast<std::int64_t>(
          db.select<Post>().order_by(asc<&Post::id>).all().size()));
      // A nested loop over the same shape.
      Ids siblings;
      for (const Post& s : db.select<Post>().where(col<&Post::author_id> == p.author_id).order_by(asc<&Post::id>))
        siblings.push_back(s.id);
      if (p.id == 1) CHECK(siblings == Ids{1, 2, 5});
      if (p.id == 4) CHECK(siblings == Ids{3, 4});
    }
    CHECK(comment_counts == Ids{3, 0, 2, 0, 1, 0});
    CHECK(same_author == Ids{6, 6, 6, 6, 6, 6});
  }

  SECTION("iterating projections and counted rows") {
    std::vector<std::tuple<std::int64_t, std::string>> rows;
    for (const auto& [id, email] : db.select(col<&Post::id>, col<&User::email>).join<author>().where(col<&Post::id> > 4))
      rows.emplace_back(id, email);
    CHECK(rows == std::vector<std::tuple<std::int64_t, std::string>>{{5, "alice@x"}, {6, "carol@x"}});
    Ids counts;
    for (const auto& c : db.select<Post>().with_count<comments>().order_by(asc<&Post::id>))
      counts.push_back(c.count<comments>());
    CHECK(counts == Ids{3, 0, 2, 0, 1, 0});
  }
}

TEST_CASE_METHOD(Seeded, "projections, with left joins giving nullopt", "[query]") {
  using Pair = std::tuple<std::int64_t, std::string>;
  CHECK(db.select(col<&Post::id>, col<&User::email>).join<author>().order_by(asc<&Post::id>).all() ==
        std::vector<Pair>{{1, "alice@x"}, {2, "alice@x"}, {3, "bob@x"}, {4, "bob@x"}, {5, "alice@x"}, {6, "carol@x"}});

  auto left = db.select(col<&Post::id>, col<&User::email>, col<&User::name>).left_join<reviewer>().order_by(asc<&Post::id>);
  using Left = std::tuple<std::int64_t, std::optional<std::string>, std::optional<std::string>>;
  STATIC_REQUIRE(std::is_same_v<decltype(left)::result_type, Left>);
  CHECK(std::move(left).all() == std::vector<Left>{{1, "bob@x", std::nullopt},
                                                   {2, std::nullopt, std::nullopt},
                                                   {3, "alice@x", "Alice"},
                                                   {4, "bob@x", std::nullopt},
                                                   {5, "carol@x", "Carol"},
                                                   {6, std::nullopt, std::nullopt}});

  // A condition as a column.
  using Flag = std::tuple<std::int64_t, bool>;
  CHECK(db.select<Post>(col<&Post::id>, col<&Post::score> > 2).order_by(asc<&Post::id>).all() ==
        std::vector<Flag>{{1, true}, {2, true}, {3, true}, {4, false}, {5, false}, {6, false}});
  // An expression and a column of the query's table.
  using Scored = std::tuple<std::int64_t, double>;
  CHECK(db.select<Post>(col<&Post::id>, col<&Post::score> * 2).where(col<&Post::id> <= 2).order_by(asc<&Post::id>).all() ==
        std::vector<Scored>{{1, 9.0}, {2, 6.0}});

  // Left join through a ManyToMany: the junction's and the target's columns are optional.
  using Tagged = std::tuple<std::int64_t, std::optional<std::string>, std::optional<std::int64_t>>;
  CHECK(db.select(col<&Post::id>, col<&Tag::name>, col<&PostTag::position>)
            .left_join<tags>()
            .order_by(asc<&Post::id>, asc<&PostTag::position>)
            .all() == std::vector<Tagged>{{1, "cpp", 1},
                                          {1, "news", 2},
                                          {2, "cpp", 1},
                                          {3, "db", 1},
                                          {4, std::nullopt, std::nullopt},
                                          {5, "db", 1},
                                          {5, "cpp", 2},
                                          {6, std::nullopt, std::nullopt}});
}

TEST_CASE_METHOD(Seeded, "an expression over a left-joined column reads NULL as nullopt", "[query]") {
  // `col<&User::age> + 0` over the left-joined reviewer is std::optional, like the bare column.
  auto q = db.select<Post>(col<&Post::id>, col<&User::age> + 0).left_join<reviewer>().order_by(asc<&Post::id>);
  CHECK(std::is_same_v<std::tuple_element_t<1, decltype(q)::result_type>, std::optional<std::int64_t>>);
  std::vector<std::optional<std::int64_t>> ages;
  REQUIRE_NOTHROW([&] {
    for (const auto& row : std::move(q).all()) ages.push_back(as_optional(std::get<1>(row)));
  }());
  CHECK(ages == std::vector<std::optional<std::int64_t>>{25, std::nullopt, 30, 25, 41, std::nullopt});
}

TEST_CASE_METHOD(Seeded, "select_as reads into a struct", "[query]") {
  const auto stats = db.select_as<AuthorStats>(col<&Post::author_id>, ctorm::count(), ctorm::sum(col<&Post::score>),
                                               ctorm::avg(col<&Post::score>), ctorm::min(col<&Post::score>),
                                               ctorm::max(col<&Post::score>))
                         .group_by(col<&Post::author_id>)
                         .having(ctorm::count() >= 2)
                         .order_by(asc<&Post::author_id>)
                         .all();
  REQUIRE(stats.size() == 2);
  CHECK(stats[0] == AuthorStats{1, 3, 9.0, 3.0, 1.5, 4.5});
  CHECK(stats[1] == AuthorStats{2, 2, 7.0, 3.5, 2.0, 5.0});
  // One row, no group.
  CHECK(db.select_as<AuthorStats>(col<&Post::author_id>, ctorm::count(), ctorm::sum(col<&Post::score>),
                                  ctorm::avg(col<&Post::score>), ctorm::min(col<&Post::score>),
                                  ctorm::max(col<&Post::score>))
            .where(col<&Post::author_id> == 3)
            .one() == AuthorStats{3, 1, 0.5, 0.5, 0.5, 0.5});
}

TEST_CASE_METHOD(Seeded, "aggregates, group_by and having", "[query]") {
  using All = std::tuple<std::int64_t, std::optional<double>, std::optional<double>, std::optional<double>,
                         std::optional<double>>;
  const auto everything = db.select(ctorm::count(), ctorm::sum(col<&Post::score>), ctorm::avg(col<&Post::score>),
                                    ctorm::min(col<&Post::score>), ctorm::max(col<&Post::score>));
  STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(everything)>::result_type, All>);
  CHECK(db.select(ctorm::count(), ctorm::sum(col<&Post::score>), ctorm::avg(col<&Post::score>),
                  ctorm::min(col<&Post::score>), ctorm::max(col<&Post::score>))
            .one() == All{6, 16.5, 2.75, 0.5, 5.0});
  // Over no rows: count is 0, the others NULL.
  CHECK(db.select(ctorm::count(), ctorm::sum(col<&Post::score>), ctorm::avg(col<&Post::score>),
                  ctorm::min(col<&Post::score>), ctorm::max(col<&Post::score>))
            .where(col<&Post::id> > 100)
            .one() == All{0, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  // Integer and text aggregates; count(e) skips NULL.
  using Users = std::tuple<std::int64_t, std::int64_t, std::optional<std::int64_t>, std::optional<std::string>,
                           std::optional<std::string>, std::optional<std::int64_t>>;
  CHECK(db.select(ctorm::count(), ctorm::count(col<&User::name>), ctorm::sum(col<&User::age>),
                  ctorm::min(col<&User::name>), ctorm::max(col<&User::name>), ctorm::max(col<&User::age>))
            .one() == Users{3, 2, 96, "Alice", "Carol", 41});

  using Group = std::tuple<std::int64_t, std::int64_t, std::optional<double>>;
  CHECK(db.select(col<&Post::author_id>, ctorm::count(), ctorm::sum(col<&Post::score>))
            .group_by(col<&Post::author_id>)
            .order_by(asc<&Post::author_id>)
            .all() == std::vector<Group>{{1, 3, 9.0}, {2, 2, 7.0}, {3, 1, 0.5}});
  CHECK(db.select(col<&Post::author_id>, ctorm::count(), ctorm::sum(col<&Post::score>))
            .group_by(col<&Post::author_id>)
            .having(ctorm::count() >= 2 && ctorm::max(col<&Post::score>) > 4.6)
            .all() == std::vector<Group>{{2, 2, 7.0}});
  CHECK(db.select(col<&Post::author_id>, ctorm::count(), ctorm::sum(col<&Post::score>))
            .where(col<&Post::published> == true)
            .group_by(col<&Post::author_id>)
            .having(ctorm::sum(col<&Post::score>) < 7)
            .all() == std::vector<Group>{{1, 2, 6.0}});
  // Grouped by the column of a joined table.
  using PerTag = std::tuple<std::string, std::int64_t, std::optional<std::int64_t>>;
  CHECK(db.select<Post>(col<&Tag::name>, ctorm::count(), ctorm::max(col<&PostTag::position>))
            .join<tags>()
            .group_by(col<&Tag::name>)
            .order_by(asc<&Tag::name>)
            .all() == std::vector<PerTag>{{"cpp", 3, 2}, {"db", 2, 1}, {"news", 1, 2}});
  // Grouped by two columns.
  using Two = std::tuple<std::int64_t, bool, std::int64_t>;
  CHECK(db.select(col<&Post::author_id>, col<&Post::published>, ctorm::count())
            .group_by(col<&Post::author_id>, col<&Post::published>)
            .order_by(asc<&Post::author_id>, asc<&Post::published>)
            .all() == std::vector<Two>{{1, false, 1}, {1, true, 2}, {2, true, 2}, {3, false, 1}});
}

TEST_CASE_METHOD(Seeded, "parameters bind in text order: projection, where, having, limit, offset", "[query]") {
  using Row = std::tuple<std::int64_t, std::optional<double>>;
  auto q = db.select<Post>(col<&Post::author_id>, ctorm::sum(col<&Post::score> * 2))
               .limit(10)
               .having(ctorm::count() >= 2)
               .offset(1)
               .where(col<&Post::published> == true)
               .group_by(col<&Post::author_id>)
               .order_by(asc<&Post::author_id>);
  CHECK(std::move(q).all() == std::vector<Row>{{2, 14.0}});
  CHECK(db.select<Post>(col<&Post::author_id>, ctorm::sum(col<&Post::score> * 3))
            .where(col<&Post::published> == true)
            .group_by(col<&Post::author_id>)
            .having(ctorm::count() >= 2)
            .order_by(asc<&Post::author_id>)
            .limit(1)
            .offset(0)
            .all() == std::vector<Row>{{1, 18.0}});
  CHECK(db.select<Post>(col<&Post::author_id>, ctorm::sum(col<&Post::score> * 3))
            .where(col<&Post::published> == true)
            .group_by(col<&Post::author_id>)
            .having(ctorm::count() >= 2)
            .limit(1)
            .offset(0)
            .count() == 1);
}

TEST_CASE_METHOD(Seeded, "joins, and conditions on joined tables", "[query]") {
  CHECK(ids(db.select<Post>().join<author>().where(col<&User::age> > 28).order_by(asc<&Post::id>).all()) ==
        Ids{1, 2, 5, 6});
  CHECK(ids(db.select<Post>().join<author>().order_by(desc<&User::age>, asc<&Post::id>).all()) ==
        Ids{6, 1, 2, 5, 3, 4});
  CHECK(ids(db.select<Post>().join<reviewer>().where(col<&User::name>.is_null()).order_by(asc<&Post::id>).all()) ==
        Ids{1, 4});
  // A left join keeps the posts without reviewer.
  CHECK(ids(db.select<Post>().left_join<reviewer>().order_by(asc<&Post::id>).all()) == Ids{1, 2, 3, 4, 5, 6});
  // Through the junction; the pivot column in conditions.
  CHECK(ids(db.select<Post>().join<tags>().where(col<&PostTag::position> == 1).order_by(asc<&Post::id>).all()) ==
        Ids{1, 2, 3, 5});
  CHECK(ids(db.select<Post>().join<tags>().where(col<&Tag::name> == "cpp" && col<&PostTag::position> == 2).all()) ==
        Ids{5});
  CHECK(ids(db.select<Post>().join<tags>().where(col<&Tag::name> == "cpp").order_by(asc<&Post::id>).all()) ==
        Ids{1, 2, 5});
  using Row = std::tuple<std::int64_t, std::string, std::int64_t>;
  CHECK(db.select(col<&Post::id>, col<&Tag::name>, col<&PostTag::position>)
            .join<tags>()
            .order_by(asc<&Post::id>, asc<&PostTag::position>)
            .all() == std::vector<Row>{{1, "cpp", 1}, {1, "news", 2}, {2, "cpp", 1}, {3, "db", 1}, {5, "db", 1},
                                       {5, "cpp", 2}});
  // A relation of a joined table, and a through relation.
  CHECK(ids(db.select<User>().join<posts>().join<comments>().distinct().order_by(asc<&User::id>).all()) == Ids{1, 2});
  CHECK(ids(db.select<User>().join<received>().where(col<&Comment::text> == "Spam").all()) == Ids{2});
  using Received = std::tuple<std::string, std::string>;
  CHECK(db.select(col<&User::email>, col<&Comment::text>)
            .join<received>()
            .where(col<&Comment::approved> == false)
            .order_by(asc<&Comment::id>)
            .all() == std::vector<Received>{{"alice@x", "Thanks"}, {"bob@x", "Spam"}, {"alice@x", "Nice"}});
}

TEST_CASE_METHOD(Seeded, "where_has and where_doesnt_have", "[query]") {
  auto has = [&](auto&&... args) {
    return ids(db.select<Post>().where_has<comments>(args...).order_by(asc<&Post::id>).all());
  };
  CHECK(has() == Ids{1, 3, 5});
  CHECK(has(col<&Comment::approved> == true) == Ids{1, 3});
  CHECK(has(col<&Comment::text>.like("%s%")) == Ids{1, 3});  // Thanks, Useful, Spam
  // Counts at the boundaries: post 1 has 3 comments, post 3 has 2, post 5 has 1.
  CHECK(has(ctorm::at_least(3)) == Ids{1});
  CHECK(has(ctorm::at_least(2)) == Ids{1, 3});
  CHECK(has(ctorm::exactly(2)) == Ids{3});
  CHECK(has(ctorm::at_most(1)) == Ids{2, 4, 5, 6});
  CHECK(has(ctorm::exactly(0)) == Ids{2, 4, 6});
  CHECK(has(ctorm::at_least(0)) == Ids{1, 2, 3, 4, 5, 6});
  CHECK(has(ctorm::at_least(4)).empty());
  // With a condition: approved comments are 2 on post 1, 1 on post 3, none elsewhere.
  CHECK(has(col<&Comment::approved> == true, ctorm::at_most(1)) == Ids{2, 3, 4, 5, 6});
  CHECK(has(col<&Comment::approved> == true, ctorm::exactly(2)) == Ids{1});
  CHECK(has(col<&Comment::approved> == false, ctorm::at_least(1)) == Ids{1, 3, 5});
  CHECK(has(col<&Comment::approved> == false || col<&Comment::text> == "Great", ctorm::at_least(2)) == Ids{1});
  CHECK(has(col<&Comment::approved> == false || col<&Comment::text> == "Great", ctorm::exactly(1)) == Ids{3, 5});

  CHECK(ids(db.select<Post>().where_doesnt_have<comments>().order_by(asc<&Post::id>).all()) == Ids{2, 4, 6});
  CHECK(ids(db.select<Post>().where_doesnt_have<tags>().order_by(asc<&Post::id>).all()) == Ids{4, 6});
  CHECK(ids(db.select<Post>().where_doesnt_have<tags>(col<&Tag::name> == "cpp").order_by(asc<&Post::id>).all()) ==
        Ids{3, 4, 6});
  // The pivot column in a where_has condition.
  CHECK(ids(db.select<Post>().where_has<tags>(col<&PostTag::position> == 2).order_by(asc<&Post::id>).all()) ==
        Ids{1, 5});
  // With other conditions, limit and count.
  CHECK(ids(db.select<Post>()
                .where(col<&Post::published> == true)
                .where_has<comments>(ctorm::at_least(1))
                .where_has<tags>(col<&Tag::name> == "db")
                .all()) == Ids{3, 5});
  CHECK(db.select<Post>().where_has<comments>().count() == 3);
  CHECK(ids(db.select<Post>().where_has<comments>().order_by(desc<&Post::id>).limit(1).all()) == Ids{5});
}

TEST_CASE_METHOD(Seeded, "where_has through a chain and on a self-reference", "[query]") {
  // User 1 received comments 1, 2, 3 and 6; user 2 comments 4 and 5; user 3 none.
  auto users = [&](auto q) { return ids(std::move(q).order_by(asc<&User::id>).all()); };
  CHECK(users(db.select<User>().where_has<received>()) == Ids{1, 2});
  CHECK(users(db.select<User>().where_has<received>(col<&Comment::text> == "Nice")) == Ids{1});
  CHECK(users(db.select<User>().where_has<received>(col<&Comment::approved> == false &&
                                                    col<&Post::published> == true)) == Ids{1, 2});
  CHECK(users(db.select<User>().where_has<received>(col<&Post::score> > 4.8)) == Ids{2});
  CHECK(users(db.select<User>().where_has<received>(ctorm::at_least(3))) == Ids{1});
  CHECK(users(db.select<User>().where_has<received>(ctorm::exactly(2))) == Ids{2});
  CHECK(users(db.select<User>().where_doesnt_have<received>()) == Ids{3});
  CHECK(users(db.select<User>().where_has<posts>(ctorm::at_least(2))) == Ids{1, 2});

  // A comment's parent is a comment: comment 2 answers 1 (approved), 3 answers 2 (not approved).
  auto replies = [&](auto q) { return ids(std::move(q).order_by(asc<&Comment::id>).all()); };
  CHECK(replies(db.select<Comment>().where_has<parent>()) == Ids{2, 3});
  CHECK(replies(db.select<Comment>().where_has<parent>(col<&Comment::approved> == true)) == Ids{2});
  CHECK(replies(db.select<Comment>().where_has<parent>(col<&Comment::approved> == false)) == Ids{3});
  CHECK(replies(db.select<Comment>().where(col<&Comment::approved> == true).where_has<parent>()) == Ids{3});
  CHECK(replies(db.select<Comment>().where_doesnt_have<parent>()) == Ids{1, 4, 5, 6});
  // A relation of a joined table: posts whose author wrote at least two posts; users with a
  // commented post.
  CHECK(ids(db.select<Post>().join<author>().where_has<posts>(ctorm::at_least(2)).order_by(asc<&Post::id>).all()) ==
        Ids{1, 2, 3, 4, 5});
  CHECK(ids(db.select<User>().join<posts>().where_has<comments>().distinct().order_by(asc<&User::id>).all()) ==
        Ids{1, 2});
  // A joined table met again in a subquery.
  CHECK(ids(db.select<Post>()
                .join<comments>()
                .where(col<&Comment::text> == "Great")
                .where_has<comments>(col<&Comment::approved> == false)
                .all()) == Ids{1});
}

TEST_CASE_METHOD(Seeded, "with_count counts related rows", "[query]") {
  const auto rows = db.select<Post>().with_count<comments>().with_count<tags>().order_by(asc<&Post::id>).all();
  STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(rows)>::value_type, ctorm::Counted<Post, comments, tags>>);
  Ids c, t;
  for (const auto& r : rows) {
    c.push_back(r.count<comments>());
    t.push_back(r.count<tags>());
  }
  CHECK(ids(rows) == Ids{1, 2, 3, 4, 5, 6});
  CHECK(c == Ids{3, 0, 2, 0, 1, 0});
  CHECK(t == Ids{2, 1, 1, 0, 2, 0});
  CHECK(rows[2]->title == "SQLite tips");
  CHECK((*rows[4]).score == 1.5);

  const auto users = db.select<User>().with_count<received>().with_count<posts>().order_by(asc<&User::id>).all();
  REQUIRE(users.size() == 3);
  CHECK(users[0].count<received>() == 4);
  CHECK(users[1].count<received>() == 2);
  CHECK(users[2].count<received>() == 0);
  CHECK(users[0].count<posts>() == 3);
  CHECK(users[1].count<posts>() == 2);
  CHECK(users[2].count<posts>() == 1);

  const auto last = db.select<Post>()
                        .where_has<comments>(ctorm::at_least(1))
                        .with_count<comments>()
                        .order_by(desc<&Post::id>)
                        .first();
  REQUIRE(last);
  CHECK((*last)->id == 5);
  CHECK(last->count<comments>() == 1);
  const auto one = db.select<Post>().with_count<comments>().where(col<&Post::id> == 3).one();
  CHECK(one->id == 3);
  CHECK(one.count<comments>() == 2);
}

TEST_CASE_METHOD(Seeded, "update sets columns and returns the rows changed", "[query]") {
  const auto r = db.update<Post>().set(col<&Post::published> = true).where(col<&Post::author_id> == 1);
  const std::int64_t changed = r;
  CHECK(changed == 3);
  CHECK(r.rows == 3);
  CHECK(decltype(r)::sql == R"(UPDATE "posts" SET "published" = ?1 WHERE "posts"."author_id" = ?2)");
  CHECK(post_ids(db, col<&Post::published> == true) == Ids{1, 2, 3, 4, 5});

  // Expressions in SET, several columns, an in() condition.
  CHECK(db.update<Post>()
            .set(col<&Post::score> = col<&Post::score> + 1, col<&Post::title> = "bumped")
            .where(col<&Post::id>.in({4, 6})) == 2);
  CHECK(db.select(col<&Post::id>, col<&Post::title>, col<&Post::score>).where(col<&Post::id>.in({4, 6})).order_by(asc<&Post::id>).all() ==
        std::vector<std::tuple<std::int64_t, std::string, double>>{{4, "bumped", 3.0}, {6, "bumped", 1.5}});

  // NULL in and out.
  CHECK(db.update<Post>().set(col<&Post::reviewer_id> = std::nullopt).where(col<&Post::reviewer_id> == 2) == 2);
  CHECK(post_ids(db, col<&Post::reviewer_id>.is_null()) == Ids{1, 2, 4, 6});
  CHECK(db.update<Post>().set(col<&Post::reviewer_id> = 3).where(col<&Post::reviewer_id>.is_null()) == 4);
  CHECK(post_ids(db, col<&Post::reviewer_id> == 3) == Ids{1, 2, 4, 5, 6});

  // set() twice, a condition matching nothing.
  CHECK(db.update<Post>().set(col<&Post::score> = 0.0).set(col<&Post::published> = false).where(col<&Post::id> > 100) == 0);
  // Every row.
  const auto all = db.update<Post>().set(col<&Post::published> = false).all_rows();
  CHECK(all.rows == 6);
  CHECK(decltype(all)::sql == R"(UPDATE "posts" SET "published" = ?1)");
  CHECK(db.select<Post>().where(col<&Post::published> == true).count() == 0);
  // Other tables are untouched.
  CHECK(db.select<User>().count() == 3);
  CHECK(db.select<Comment>().count() == 6);
}

TEST_CASE_METHOD(Seeded, "remove deletes the rows meeting a condition, or every row", "[query]") {
  // Comments 2, 5, 6 are not approved; 3 answers 2 and goes with it (ON DELETE CASCADE), which
  // SQLite does not count as a change.
  const auto r = db.remove<Comment>().where(col<&Comment::approved> == false);
  CHECK(r == 3);
  CHECK(decltype(r)::sql == R"(DELETE FROM "comments" WHERE "comments"."approved" = ?1)");
  CHECK(ids(db.select<Comment>().order_by(asc<&Comment::id>).all()) == Ids{1, 4});

  CHECK(db.remove<PostTag>().where(col<&PostTag::position> == 2) == 2);
  CHECK(db.select<PostTag>().count() == 4);
  CHECK(db.remove<Post>().where(col<&Post::id> > 100) == 0);

  // Removing a post removes its comments and tag links.
  CHECK(db.remove<Post>().where(col<&Post::id> == 1) == 1);
  CHECK(ids(db.select<Comment>().all()) == Ids{4});
  CHECK(db.select<PostTag>().where(col<&PostTag::post_id> == 1).count() == 0);

  const std::int64_t tags_removed = db.remove<Tag>().all_rows();
  CHECK(tags_removed == 3);
  CHECK(db.select<PostTag>().count() == 0);
  CHECK(db.select<Post>().count() == 5);
  CHECK(db.remove<Post>().all_rows() == 5);
  CHECK_FALSE(db.select<Post>().exists());
  CHECK(db.select<User>().count() == 3);
}

TEST_CASE_METHOD(Seeded, "values with quotes and SQL in them are bound, never spliced", "[query]") {
  const std::string evil = "x'); DROP TABLE posts; --";
  const std::string quoted = "O'Brien \"the\" \\ back'slash`";
  db.insert(User{0, evil, quoted, 50});
  db.insert(Tag{0, evil});

  const User u = db.select<User>().where(col<&User::email> == evil).one();
  CHECK(u.id == 4);
  CHECK(u.email == evil);
  CHECK(u.name == quoted);
  CHECK(ids(db.select<User>().where(col<&User::email>.like("%DROP TABLE%")).all()) == Ids{4});
  CHECK(ids(db.select<User>().where(col<&User::email>.like("%'); DROP%")).all()) == Ids{4});
  CHECK(ids(db.select<User>().where(col<&User::name>.glob("O'Brien*")).all()) == Ids{4});
  CHECK(ids(db.select<User>().where(col<&User::email>.in({evil, std::string("bob@x")})).order_by(asc<&User::id>).all()) ==
        Ids{2, 4});
  CHECK(ids(db.select<User>().where(col<&User::name>.in(std::vector<std::string>{quoted})).all()) == Ids{4});
  CHECK(db.select<User>().where(col<&User::email>.not_in({evil})).count() == 3);
  CHECK(ids(db.select<Tag>().where(col<&Tag::name> == evil).all()) == Ids{4});

  // Through update.
  const std::string title = "It's \"quoted\"; DELETE FROM users; --";
  CHECK(db.update<Post>().set(col<&Post::title> = title).where(col<&Post::title> == "Draft") == 1);
  CHECK(db.select<Post>().where(col<&Post::id> == 6).one().title == title);
  CHECK(db.update<User>().set(col<&User::name> = evil).where(col<&User::email> == evil) == 1);
  CHECK(db.select(col<&User::name>).where(col<&User::email> == evil).one() == std::tuple<std::optional<std::string>>{evil});
  CHECK(ids(db.select<Post>().where(col<&Post::title>.in({title})).all()) == Ids{6});

  // Through remove; every table is still there.
  CHECK(db.remove<Tag>().where(col<&Tag::name> == evil) == 1);
  CHECK(test::scalar(raw(), "SELECT count(*) FROM sqlite_master WHERE type = 'table'") == "5");
  CHECK(test::scalar(raw(), "SELECT count(*) FROM posts") == "6");
  CHECK(test::scalar(raw(), "SELECT count(*) FROM users") == "4");
  CHECK(test::scalar(raw(), "SELECT count(*) FROM tags") == "3");
}

TEST_CASE_METHOD(Seeded, "text lists in in() come back byte for byte", "[query]") {
  const std::vector<std::string> names{"quote\"d", "back\\slash", "new\nline", "tab\t", std::string("\x01\x02\x1f\x7f"),
                                       "é€😀", std::string("nul\0byte", 8), "\\u0041", "[1,2]", "{\"a\":1}"};
  for (const auto& n : names) db.insert(Tag{0, n});
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto found = db.select<Tag>().where(col<&Tag::name>.in(std::vector<std::string>{names[i]})).all();
    REQUIRE(found.size() == 1);
    CHECK(found[0].name == names[i]);
    CHECK(found[0].id == static_cast<std::int64_t>(4 + i));
  }
  CHECK(db.select<Tag>().where(col<&Tag::name>.in(names)).count() == static_cast<std::int64_t>(names.size()));
  CHECK(db.select<Tag>().where(col<&Tag::name>.not_in(names)).count() == 3);
}

TEST_CASE_METHOD(Seeded, "a query shape is prepared once, whatever its values", "[query]") {
  sqlite3* h = raw();
  // Warm up every shape once. (The values' C++ types are part of the query's type: an int and
  // an std::int64_t give the same text but two statements, so the loop uses the same types.)
  (void)db.select<Post>().where(col<&Post::id> == std::int64_t{0}).all();
  (void)db.select<Post>().where(col<&Post::id>.in(std::vector<std::int64_t>{})).count();
  (void)db.select<User>().where(col<&User::email>.like("%")).first();
  (void)db.update<Post>().set(col<&Post::score> = 0.0).where(col<&Post::id> == std::int64_t{0});
  const int warm = prepared_statements(h);

  for (std::int64_t i = 1; i <= 100; ++i) {
    CHECK(db.select<Post>().where(col<&Post::id> == i).all().size() == (i <= 6 ? 1U : 0U));
    std::vector<std::int64_t> list(static_cast<std::size_t>(i));
    for (std::int64_t k = 0; k < i; ++k) list[static_cast<std::size_t>(k)] = k + 1;
    CHECK(db.select<Post>().where(col<&Post::id>.in(list)).count() == std::min<std::int64_t>(i, 6));
    (void)db.select<User>().where(col<&User::email>.like(std::to_string(i) + "%")).first();
    (void)db.update<Post>().set(col<&Post::score> = static_cast<double>(i)).where(col<&Post::id> == i + 100);
  }
  CHECK(prepared_statements(h) == warm);

  // One new shape: one more statement, however many times it runs.
  for (std::int64_t i = 0; i < 100; ++i) (void)db.select<Post>().where(col<&Post::author_id> == i % 4).exists();
  CHECK(prepared_statements(h) == warm + 1);

  // A query run while the same shape is being iterated gets a copy, finalized afterwards.
  for (const Post& p : db.select<Post>().where(col<&Post::id> == std::int64_t{1})) {
    CHECK(p.id == 1);
    CHECK(ids(db.select<Post>().where(col<&Post::id> == std::int64_t{2}).all()) == Ids{2});
    for (const Post& q : db.select<Post>().where(col<&Post::id> == std::int64_t{3})) {
      CHECK(q.id == 3);
      CHECK(prepared_statements(h) == warm + 2);
    }
    CHECK(prepared_statements(h) == warm + 1);
  }
  CHECK(prepared_statements(h) == warm + 1);
  CHECK(ids(db.select<Post>().where(col<&Post::id> == std::int64_t{4}).all()) == Ids{4});
}
