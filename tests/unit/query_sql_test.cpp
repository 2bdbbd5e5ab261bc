// Golden SQL of the query builder, checked by the compiler. Every query is built inside
// decltype() from a Database on `no_database<sqlite_dialect>` that is never constructed: this
// executable includes only ctorm's core and links no database.
#include <catch2/catch.hpp>

#include <ctorm/core.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "../query_blog.hpp"

namespace qry {

using namespace qblog;

/// Only ever named inside decltype(): declared, never defined, never called.
ctorm::Database<Blog, ctorm::no_database<ctorm::sqlite_dialect>>& db();

/// A projection read into a struct (`select_as`).
struct AuthorStats {
  std::int64_t author_id{};
  std::int64_t posts{};
  std::optional<double> mean{};
};

template <class X>
inline constexpr bool is_affected = false;
template <class Gen>
inline constexpr bool is_affected<ctorm::Affected<Gen>> = true;

/// Every column of posts, as a whole-row SELECT writes them.
inline constexpr std::string_view select_posts =
    R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts")sql";

}  // namespace qry

using namespace qry;
using ctorm::asc;
using ctorm::col;
using ctorm::desc;

TEST_CASE("select<T>() writes every column of the table, qualified", "[query][sql]") {
  STATIC_REQUIRE(decltype(db().select<Post>())::sql == select_posts);
  STATIC_REQUIRE(decltype(db().select<User>())::sql ==
                 R"sql(SELECT "users"."id", "users"."email", "users"."name", "users"."age" FROM "users")sql");
  STATIC_REQUIRE(std::is_same_v<decltype(db().select<Post>())::result_type, Post>);
}

TEST_CASE("where with each comparison operator", "[query][sql]") {
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::id> == 1))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" = ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::id> != 1))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" <> ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::score> < 2.5))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."score" < ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::score> <= 2.5))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."score" <= ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::score> > 2.5))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."score" > ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::score> >= 2.5))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."score" >= ?1)sql");
  // The value may come first.
  STATIC_REQUIRE(decltype(db().select<Post>().where(3 < col<&Post::id>))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE ?1 < "posts"."id")sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::title> == "C++"))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."title" = ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::published> == true))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."published" = ?1)sql");
  // A bool column is a condition by itself.
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::published>))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."published")sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(!(col<&Post::published>) || col<&Post::id> < 3))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE NOT "posts"."published" OR "posts"."id" < ?1)sql");
}

TEST_CASE("&&, || and NOT get exactly the parentheses SQL needs", "[query][sql]") {
  // (a || b) && c keeps its parentheses.
  STATIC_REQUIRE(decltype(db().select<Post>().where((col<&Post::id> == 1 || col<&Post::id> == 2) &&
                                         col<&Post::published> == true))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE ("posts"."id" = ?1 OR "posts"."id" = ?2) AND "posts"."published" = ?3)sql");
  // a && b || c needs none.
  STATIC_REQUIRE(decltype(db().select<Post>().where((col<&Post::id> == 1 && col<&Post::id> == 2) ||
                                         col<&Post::published> == true))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" = ?1 AND "posts"."id" = ?2 OR "posts"."published" = ?3)sql");
  // a && (b || c) keeps them on the right.
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::id> == 1 &&
                                         (col<&Post::id> == 2 || col<&Post::published> == true)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" = ?1 AND ("posts"."id" = ?2 OR "posts"."published" = ?3))sql");
  // a || (b || c): OR is associative, no parentheses.
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::id> == 1 ||
                                         (col<&Post::id> == 2 || col<&Post::id> == 3)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" = ?1 OR "posts"."id" = ?2 OR "posts"."id" = ?3)sql");
  // a || b && c: AND binds tighter in C++ and in SQL.
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::id> == 1 ||
                                         (col<&Post::id> == 2 && col<&Post::id> == 3)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" = ?1 OR "posts"."id" = ?2 AND "posts"."id" = ?3)sql");
  // NOT of a comparison needs none (NOT binds looser than =); NOT of AND does.
  STATIC_REQUIRE(decltype(db().select<Post>().where(!(col<&Post::id> == 1)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE NOT "posts"."id" = ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(!(col<&Post::id> == 1 && col<&Post::id> == 2)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE NOT ("posts"."id" = ?1 AND "posts"."id" = ?2))sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(!(col<&Post::id> == 1 || col<&Post::id> == 2)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE NOT ("posts"."id" = ?1 OR "posts"."id" = ?2))sql");
  // NOT binds tighter than AND.
  STATIC_REQUIRE(decltype(db().select<Post>().where(!(col<&Post::title>.like("x%")) && col<&Post::id> == 2))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE NOT "posts"."title" LIKE ?1 AND "posts"."id" = ?2)sql");
  // Several where() calls are ANDed; an OR condition keeps its parentheses.
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::id> == 1).where(col<&Post::id> == 2 ||
                                                                      col<&Post::id> == 3))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" = ?1 AND ("posts"."id" = ?2 OR "posts"."id" = ?3))sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::id> == 1 || col<&Post::id> == 2).where(col<&Post::id> ==
                                                                                             3))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE ("posts"."id" = ?1 OR "posts"."id" = ?2) AND "posts"."id" = ?3)sql");
}

TEST_CASE("SQLite's comparison levels: =, LIKE, IN... bind looser than <, <=, >, >=", "[query][sql]") {
  // `(a = b) < c` keeps its parentheses: SQLite would read `a = b < c` as `a = (b < c)`.
  CHECK(decltype(db().select<Post>().where((col<&Post::author_id> == 1) < col<&Post::published>))::sql ==
        std::string(select_posts) + R"sql( WHERE ("posts"."author_id" = ?1) < "posts"."published")sql");
  CHECK(decltype(db().select<Post>().where(col<&Post::title>.like("x") >= col<&Post::published>))::sql ==
        std::string(select_posts) + R"sql( WHERE ("posts"."title" LIKE ?1) >= "posts"."published")sql");
}

TEST_CASE("a comparison inside a comparison keeps its parentheses on either side", "[query][sql]") {
  // SQLite would read a < b = c as (a < b) = c, but PostgreSQL's = and < are one level and not
  // associative: the text is the same for both.
  STATIC_REQUIRE(decltype(db().select<Post>().where((col<&Post::score> < 2.0) == col<&Post::published>))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE ("posts"."score" < ?1) = "posts"."published")sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::published> == (col<&Post::score> < 2.0)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."published" = ("posts"."score" < ?1))sql");
  // a = (b = c) keeps them: = is left-associative.
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::published> == (col<&Post::score> == 2.0)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."published" = ("posts"."score" = ?1))sql");
}

TEST_CASE("like, glob, between, is_null, == nullopt", "[query][sql]") {
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::title>.like("C++%")))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."title" LIKE ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::title>.glob("C*")))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."title" GLOB ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::title>.like("a%") || col<&Post::title>.glob("b*")))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."title" LIKE ?1 OR "posts"."title" GLOB ?2)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::score>.between(1.5, 3)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."score" BETWEEN ?1 AND ?2)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::score>.between(1, 3) && col<&Post::id> > 2))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."score" BETWEEN ?1 AND ?2 AND "posts"."id" > ?3)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::reviewer_id>.is_null()))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."reviewer_id" IS NULL)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::reviewer_id>.is_not_null()))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."reviewer_id" IS NOT NULL)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::reviewer_id> == std::nullopt))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."reviewer_id" IS NULL)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::reviewer_id> != std::nullopt))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."reviewer_id" IS NOT NULL)sql");
  STATIC_REQUIRE(std::is_same_v<decltype(col<&Post::reviewer_id> == std::nullopt),
                                decltype(col<&Post::reviewer_id>.is_null())>);
  // An optional column compared with a plain value is an ordinary comparison.
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::reviewer_id> == 1))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."reviewer_id" = ?1)sql");
  // ... but against a std::optional it compares as std::optional does: an empty value equals
  // NULL, a value never does, and the result is never unknown (IS and IS NOT).
  const std::optional<std::int64_t> none;
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::reviewer_id> == none))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."reviewer_id" IS ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(none == col<&Post::reviewer_id>))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."reviewer_id" IS ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(!(col<&Post::reviewer_id> != none) || col<&Post::id> == 1))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE NOT "posts"."reviewer_id" IS NOT ?1 OR "posts"."id" = ?2)sql");
  // Whatever the other side: a non-optional column, an expression with values of its own.
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::author_id> != none))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."author_id" IS NOT ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::reviewer_id> + 1 == none && col<&Post::id> == 2))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."reviewer_id" + ?1 IS ?2 AND "posts"."id" = ?3)sql");
  // A comparison inside a comparison is parenthesised on either side (PostgreSQL's = and < are
  // not associative, and its IS binds less tightly).
  STATIC_REQUIRE(decltype(db().select<Post>().where((col<&Post::id> != 1) == (col<&Post::score> < 2.0)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE ("posts"."id" <> ?1) = ("posts"."score" < ?2))sql");
}

TEST_CASE("in and not_in: one JSON parameter, one text for every length", "[query][sql]") {
  using In1 = decltype(db().select<Post>().where(col<&Post::id>.in(std::vector<std::int64_t>{1})));
  using In5 = decltype(db().select<Post>().where(col<&Post::id>.in(std::vector<std::int64_t>{1, 2, 3, 4, 5})));
  using InList = decltype(db().select<Post>().where(col<&Post::id>.in({1, 2})));
  STATIC_REQUIRE(In1::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" IN (SELECT value FROM json_each(?1)))sql");
  STATIC_REQUIRE(std::is_same_v<In1, In5>);
  STATIC_REQUIRE(std::is_same_v<In1, InList>);
  STATIC_REQUIRE(std::is_same_v<In1, decltype(db().select<Post>().where(col<&Post::id>.in(std::set<int>{1, 2})))>);
  STATIC_REQUIRE(In1::sql.data() == In5::sql.data());  // one statement in the cache
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::id>.not_in(std::vector<std::int64_t>{1, 2})))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" NOT IN (SELECT value FROM json_each(?1)))sql");
  STATIC_REQUIRE(std::is_same_v<decltype(col<&Post::id>.not_in(std::vector<std::int64_t>{})),
                                decltype(col<&Post::id>.not_in(std::vector<std::int64_t>{1, 2, 3, 4, 5}))>);
  // A text list may unpack its values in the SELECT list; it is still one json_each parameter,
  // one text for every length, and the parameters after it are numbered on.
  using Text1 = decltype(db().select<Post>().where(col<&Post::title>.in(std::vector<std::string>{"a"}) &&
                                                   col<&Post::id> > 3));
  using Text3 = decltype(db().select<Post>().where(col<&Post::title>.in({"a", "b", "c"}) && col<&Post::id> > 3));
  STATIC_REQUIRE(std::is_same_v<Text1, Text3>);
  STATIC_REQUIRE(Text1::sql.starts_with(select_posts));
  STATIC_REQUIRE(Text1::sql.substr(select_posts.size()).starts_with(R"sql( WHERE "posts"."title" IN (SELECT )sql"));
  STATIC_REQUIRE(Text1::sql.ends_with(R"sql( FROM json_each(?1)) AND "posts"."id" > ?2)sql"));
}

TEST_CASE("column against column, and arithmetic", "[query][sql]") {
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::reviewer_id> == col<&Post::author_id>))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."reviewer_id" = "posts"."author_id")sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::score> * 2 + 1 > 10))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."score" * ?1 + ?2 > ?3)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::score> * (col<&Post::score> + 1) > 10))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."score" * ("posts"."score" + ?1) > ?2)sql");
  // Subtraction and division are not associative: a - (b - c) and a / (b * c) keep parentheses.
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::id> - (col<&Post::id> + 1) == 3))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" - ("posts"."id" + ?1) = ?2)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::id> / (col<&Post::id> * 2) == 3))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" / ("posts"."id" * ?1) = ?2)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::id> * 2 / 4 == 3))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" * ?1 / ?2 = ?3)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::score> / 2 - col<&Post::id> % 3 <= 1))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."score" / ?1 - "posts"."id" % ?2 <= ?3)sql");
  // Types of arithmetic results.
  STATIC_REQUIRE(std::is_same_v<decltype(col<&Post::score> * 2)::value_type, double>);
  STATIC_REQUIRE(std::is_same_v<decltype(col<&Post::id> * 2)::value_type, std::int64_t>);
  STATIC_REQUIRE(std::is_same_v<decltype(col<&Post::reviewer_id> + 1)::value_type, std::optional<std::int64_t>>);
}

TEST_CASE("order_by, limit, offset, distinct", "[query][sql]") {
  STATIC_REQUIRE(decltype(db().select<Post>().order_by(asc<&Post::author_id>, desc<&Post::score>))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" ORDER BY "posts"."author_id", "posts"."score" DESC)sql");
  // order_by calls add terms.
  STATIC_REQUIRE(decltype(db().select<Post>().order_by(desc<&Post::published>).order_by(asc<&Post::title>, asc<&Post::id>))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" ORDER BY "posts"."published" DESC, "posts"."title", "posts"."id")sql");
  STATIC_REQUIRE(decltype(db().select<Post>().limit(3))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" LIMIT ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().limit(3).offset(2))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" LIMIT ?1 OFFSET ?2)sql");
  // The order of the calls does not matter; LIMIT always comes before OFFSET.
  STATIC_REQUIRE(std::is_same_v<decltype(db().select<Post>().offset(2).limit(3)),
                                decltype(db().select<Post>().limit(3).offset(2))>);
  // SQLite needs a LIMIT before OFFSET: -1 is no limit.
  STATIC_REQUIRE(decltype(db().select<Post>().offset(2))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" LIMIT -1 OFFSET ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().distinct())::sql ==
                 R"sql(SELECT DISTINCT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts")sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::published> == true).order_by(desc<&Post::score>).limit(5).offset(10))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."published" = ?1 ORDER BY "posts"."score" DESC LIMIT ?2 OFFSET ?3)sql");
}

TEST_CASE("order_by any expression: aggregates, arithmetic with its values bound after WHERE's", "[query][sql]") {
  STATIC_REQUIRE(decltype(db().select(col<&Post::author_id>, ctorm::sum(col<&Post::score>))
                              .group_by(col<&Post::author_id>)
                              .order_by(ctorm::sum(col<&Post::score>).desc(), ctorm::count())
                              .limit(5))::sql ==
                 R"sql(SELECT "posts"."author_id", sum("posts"."score") FROM "posts" GROUP BY "posts"."author_id" ORDER BY sum("posts"."score") DESC, count(*) LIMIT ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>()
                              .where(col<&Post::published> == true)
                              .order_by((col<&Post::score> - 3.5).desc(), asc<&Post::id>)
                              .limit(2))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."published" = ?1 ORDER BY "posts"."score" - ?2 DESC, "posts"."id" LIMIT ?3)sql");
}

TEST_CASE("count_sql and exists_sql wrap the whole query, limit and offset included", "[query][sql]") {
  using Q = decltype(db().select<Post>().where(col<&Post::id> > 1).limit(2).offset(1));
  STATIC_REQUIRE(Q::count_sql ==
                 R"sql(SELECT count(*) FROM (SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" > ?1 LIMIT ?2 OFFSET ?3))sql");
  STATIC_REQUIRE(Q::exists_sql ==
                 R"sql(SELECT EXISTS (SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" > ?1 LIMIT ?2 OFFSET ?3))sql");
  using P = decltype(db().select(col<&Post::author_id>).distinct());
  STATIC_REQUIRE(P::count_sql == R"sql(SELECT count(*) FROM (SELECT DISTINCT "posts"."author_id" FROM "posts"))sql");
  STATIC_REQUIRE(P::exists_sql == R"sql(SELECT EXISTS (SELECT DISTINCT "posts"."author_id" FROM "posts"))sql");
}

TEST_CASE("projections are tuples; a left join makes the joined columns optional", "[query][sql]") {
  using Q = decltype(db().select(col<&Post::id>, col<&Post::title>));
  STATIC_REQUIRE(Q::sql == R"sql(SELECT "posts"."id", "posts"."title" FROM "posts")sql");
  STATIC_REQUIRE(std::is_same_v<Q::result_type, std::tuple<std::int64_t, std::string>>);

  using Expr = decltype(db().select<Post>(col<&Post::id>, col<&Post::score> * 2));
  STATIC_REQUIRE(Expr::sql == R"sql(SELECT "posts"."id", "posts"."score" * ?1 FROM "posts")sql");
  STATIC_REQUIRE(std::is_same_v<Expr::result_type, std::tuple<std::int64_t, double>>);

  using Joined = decltype(db().select(col<&Post::id>, col<&User::email>).join<author>());
  STATIC_REQUIRE(Joined::sql ==
                 R"sql(SELECT "posts"."id", "users"."email" FROM "posts" JOIN "users" ON "users"."id" = "posts"."author_id")sql");
  STATIC_REQUIRE(std::is_same_v<Joined::result_type, std::tuple<std::int64_t, std::string>>);

  using Left = decltype(db().select(col<&Post::id>, col<&User::email>, col<&User::name>).left_join<reviewer>());
  STATIC_REQUIRE(Left::sql ==
                 R"sql(SELECT "posts"."id", "users"."email", "users"."name" FROM "posts" LEFT JOIN "users" ON "users"."id" = "posts"."reviewer_id")sql");
  // email becomes optional; name already is (not optional<optional>).
  STATIC_REQUIRE(std::is_same_v<Left::result_type, std::tuple<std::int64_t, std::optional<std::string>,
                                                                std::optional<std::string>>>);
  // The optional survives later calls.
  STATIC_REQUIRE(std::is_same_v<decltype(db().select(col<&Post::id>, col<&User::email>)
                                             .left_join<reviewer>()
                                             .where(col<&Post::id> > 1)
                                             .order_by(asc<&Post::id>)
                                             .limit(3))::result_type,
                                std::tuple<std::int64_t, std::optional<std::string>>>);
  // Through a ManyToMany, both the junction's and the target's columns.
  using LeftTags = decltype(db().select(col<&Post::id>, col<&Tag::name>, col<&PostTag::position>).left_join<tags>());
  STATIC_REQUIRE(LeftTags::sql ==
                 R"sql(SELECT "posts"."id", "tags"."name", "post_tags"."position" FROM "posts" LEFT JOIN "post_tags" ON "post_tags"."post_id" = "posts"."id" LEFT JOIN "tags" ON "tags"."id" = "post_tags"."tag_id")sql");
  STATIC_REQUIRE(std::is_same_v<LeftTags::result_type, std::tuple<std::int64_t, std::optional<std::string>,
                                                                    std::optional<std::int64_t>>>);
  // An inner join after a left join: only the left-joined tables become optional.
  using Mixed = decltype(db().select(col<&User::id>, col<&Post::title>, col<&Comment::text>)
                             .join<posts>()
                             .left_join<comments>());
  STATIC_REQUIRE(Mixed::sql ==
                 R"sql(SELECT "users"."id", "posts"."title", "comments"."text" FROM "users" JOIN "posts" ON "posts"."author_id" = "users"."id" LEFT JOIN "comments" ON "comments"."post_id" = "posts"."id")sql");
  STATIC_REQUIRE(std::is_same_v<Mixed::result_type,
                                std::tuple<std::int64_t, std::string, std::optional<std::string>>>);
}

TEST_CASE("select_as reads a projection into a struct", "[query][sql]") {
  using Q = decltype(db().select_as<AuthorStats>(col<&Post::author_id>, ctorm::count(), ctorm::avg(col<&Post::score>))
                         .group_by(col<&Post::author_id>));
  STATIC_REQUIRE(Q::sql ==
                 R"sql(SELECT "posts"."author_id", count(*), avg("posts"."score") FROM "posts" GROUP BY "posts"."author_id")sql");
  STATIC_REQUIRE(std::is_same_v<Q::result_type, AuthorStats>);
}

TEST_CASE("aggregates, group_by and having", "[query][sql]") {
  STATIC_REQUIRE(decltype(db().select(ctorm::count(col<&User::name>), ctorm::min(col<&User::name>),
                                      ctorm::max(col<&User::age>)))::sql ==
                 R"sql(SELECT count("users"."name"), min("users"."name"), max("users"."age") FROM "users")sql");
  using Agg = decltype(db().select(col<&Post::author_id>, ctorm::count(), ctorm::sum(col<&Post::score>),
                                   ctorm::avg(col<&Post::score>), ctorm::min(col<&Post::score>),
                                   ctorm::max(col<&Post::reviewer_id>), ctorm::sum(col<&Post::id>))
                          .group_by(col<&Post::author_id>)
                          .having(ctorm::count() > 1));
  STATIC_REQUIRE(Agg::sql ==
                 R"sql(SELECT "posts"."author_id", count(*), sum("posts"."score"), avg("posts"."score"), min("posts"."score"), max("posts"."reviewer_id"), sum("posts"."id") FROM "posts" GROUP BY "posts"."author_id" HAVING count(*) > ?1)sql");
  // count is never NULL; the others are NULL over no rows.
  STATIC_REQUIRE(std::is_same_v<Agg::result_type,
                                std::tuple<std::int64_t, std::int64_t, std::optional<double>, std::optional<double>,
                                           std::optional<double>, std::optional<std::int64_t>,
                                           std::optional<std::int64_t>>>);
  // Several group columns; several having calls are ANDed.
  STATIC_REQUIRE(decltype(db().select(col<&Post::author_id>, col<&Post::published>, ctorm::count())
                              .group_by(col<&Post::author_id>, col<&Post::published>)
                              .having(ctorm::count() >= 2)
                              .having(ctorm::max(col<&Post::score>) > 4 || ctorm::min(col<&Post::score>) < 1))::sql ==
                 R"sql(SELECT "posts"."author_id", "posts"."published", count(*) FROM "posts" GROUP BY "posts"."author_id", "posts"."published" HAVING count(*) >= ?1 AND (max("posts"."score") > ?2 OR min("posts"."score") < ?3))sql");
}

TEST_CASE("parameters are numbered in text order: projection, where, having, limit, offset", "[query][sql]") {
  // Built in another order than the text's.
  using Q = decltype(db().select<Post>(col<&Post::author_id>, ctorm::sum(col<&Post::score> * 2))
                         .limit(10)
                         .having(ctorm::count() >= 1)
                         .offset(1)
                         .where(col<&Post::published> == true)
                         .group_by(col<&Post::author_id>)
                         .order_by(asc<&Post::author_id>));
  STATIC_REQUIRE(Q::sql ==
                 R"sql(SELECT "posts"."author_id", sum("posts"."score" * ?1) FROM "posts" WHERE "posts"."published" = ?2 GROUP BY "posts"."author_id" HAVING count(*) >= ?3 ORDER BY "posts"."author_id" LIMIT ?4 OFFSET ?5)sql");
  STATIC_REQUIRE(Q::count_sql ==
                 R"sql(SELECT count(*) FROM (SELECT "posts"."author_id", sum("posts"."score" * ?1) FROM "posts" WHERE "posts"."published" = ?2 GROUP BY "posts"."author_id" HAVING count(*) >= ?3 ORDER BY "posts"."author_id" LIMIT ?4 OFFSET ?5))sql");
  // where_has: the predicate's parameters inside the subquery, then the bound, then the rest.
  STATIC_REQUIRE(decltype(db().select<Post>()
                   .where(col<&Post::id> > 0)
                   .where_has<comments>(col<&Comment::text> != "", ctorm::at_least(2))
                   .where(col<&Post::score> < 9)
                   .limit(1))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."id" > ?1 AND (SELECT count(*) FROM "comments" WHERE "comments"."post_id" = "posts"."id" AND "comments"."text" <> ?2) >= ?3 AND "posts"."score" < ?4 LIMIT ?5)sql");
}

TEST_CASE("joins follow the relation's path", "[query][sql]") {
  STATIC_REQUIRE(decltype(db().select<Post>().join<author>())::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" JOIN "users" ON "users"."id" = "posts"."author_id")sql");
  STATIC_REQUIRE(decltype(db().select<Post>().left_join<reviewer>())::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" LEFT JOIN "users" ON "users"."id" = "posts"."reviewer_id")sql");
  // A ManyToMany walks its junction.
  STATIC_REQUIRE(decltype(db().select<Post>().join<tags>())::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" JOIN "post_tags" ON "post_tags"."post_id" = "posts"."id" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id")sql");
  // Conditions and order on the joined tables, pivot column included.
  STATIC_REQUIRE(decltype(db().select<Post>().join<tags>().where(col<&PostTag::position> == 1 && col<&Tag::name> == "cpp"))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" JOIN "post_tags" ON "post_tags"."post_id" = "posts"."id" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id" WHERE "post_tags"."position" = ?1 AND "tags"."name" = ?2)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().join<author>().where(col<&User::age> > 28).order_by(desc<&User::age>, asc<&Post::id>))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" JOIN "users" ON "users"."id" = "posts"."author_id" WHERE "users"."age" > ?1 ORDER BY "users"."age" DESC, "posts"."id")sql");
  // A relation of a joined table, in a subquery: the joined "users" is its owner, and the
  // posts inside get their own alias.
  STATIC_REQUIRE(decltype(db().select<Post>().join<author>().where_has<posts>(ctorm::at_least(2)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" JOIN "users" ON "users"."id" = "posts"."author_id" WHERE (SELECT count(*) FROM "posts" AS "posts_2" WHERE "posts_2"."author_id" = "users"."id") >= ?1)sql");
  // A condition as a projected column.
  STATIC_REQUIRE(decltype(db().select<Post>(col<&Post::id>, col<&Post::score> > 2))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."score" > ?1 FROM "posts")sql");
  STATIC_REQUIRE(std::is_same_v<decltype(db().select<Post>(col<&Post::id>, col<&Post::score> > 2))::result_type,
                                std::tuple<std::int64_t, bool>>);
  // A relation of a joined table.
  STATIC_REQUIRE(decltype(db().select<User>().join<posts>().join<comments>())::sql ==
                 R"sql(SELECT "users"."id", "users"."email", "users"."name", "users"."age" FROM "users" JOIN "posts" ON "posts"."author_id" = "users"."id" JOIN "comments" ON "comments"."post_id" = "posts"."id")sql");
  // A through relation joins each step.
  STATIC_REQUIRE(decltype(db().select<User>().join<received>())::sql ==
                 R"sql(SELECT "users"."id", "users"."email", "users"."name", "users"."age" FROM "users" JOIN "posts" ON "posts"."author_id" = "users"."id" JOIN "comments" ON "comments"."post_id" = "posts"."id")sql");
  STATIC_REQUIRE(decltype(db().select<Post>().join<tags>().distinct())::sql ==
                 R"sql(SELECT DISTINCT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" JOIN "post_tags" ON "post_tags"."post_id" = "posts"."id" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id")sql");
}

TEST_CASE("where_has and where_doesnt_have are correlated subqueries", "[query][sql]") {
  STATIC_REQUIRE(decltype(db().select<Post>().where_has<comments>())::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE EXISTS (SELECT 1 FROM "comments" WHERE "comments"."post_id" = "posts"."id"))sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where_has<comments>(col<&Comment::approved> == true))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE EXISTS (SELECT 1 FROM "comments" WHERE "comments"."post_id" = "posts"."id" AND "comments"."approved" = ?1))sql");
  // An OR predicate is parenthesised inside the subquery's AND.
  STATIC_REQUIRE(decltype(db().select<Post>().where_has<comments>(col<&Comment::approved> == true ||
                                                       col<&Comment::text> == "x"))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE EXISTS (SELECT 1 FROM "comments" WHERE "comments"."post_id" = "posts"."id" AND ("comments"."approved" = ?1 OR "comments"."text" = ?2)))sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where_has<comments>(ctorm::at_least(3)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE (SELECT count(*) FROM "comments" WHERE "comments"."post_id" = "posts"."id") >= ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where_has<comments>(col<&Comment::approved> == true, ctorm::at_most(2)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE (SELECT count(*) FROM "comments" WHERE "comments"."post_id" = "posts"."id" AND "comments"."approved" = ?1) <= ?2)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where_has<comments>(ctorm::exactly(2)))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE (SELECT count(*) FROM "comments" WHERE "comments"."post_id" = "posts"."id") = ?1)sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where_doesnt_have<tags>())::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE NOT EXISTS (SELECT 1 FROM "post_tags" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id" WHERE "post_tags"."post_id" = "posts"."id"))sql");
  STATIC_REQUIRE(decltype(db().select<Post>().where_doesnt_have<tags>(col<&Tag::name> == "cpp"))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE NOT EXISTS (SELECT 1 FROM "post_tags" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id" WHERE "post_tags"."post_id" = "posts"."id" AND "tags"."name" = ?1))sql");
  // Combined with other conditions.
  STATIC_REQUIRE(decltype(db().select<Post>().where(col<&Post::published> == true).where_doesnt_have<comments>())::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" WHERE "posts"."published" = ?1 AND NOT EXISTS (SELECT 1 FROM "comments" WHERE "comments"."post_id" = "posts"."id"))sql");
}

TEST_CASE("where_has through a chain and on a self-reference", "[query][sql]") {
  STATIC_REQUIRE(decltype(db().select<User>().where_has<received>())::sql ==
                 R"sql(SELECT "users"."id", "users"."email", "users"."name", "users"."age" FROM "users" WHERE EXISTS (SELECT 1 FROM "posts" JOIN "comments" ON "comments"."post_id" = "posts"."id" WHERE "posts"."author_id" = "users"."id"))sql");
  STATIC_REQUIRE(decltype(db().select<User>().where_has<received>(col<&Post::published> == true &&
                                                                  col<&Comment::approved> == false))::sql ==
                 R"sql(SELECT "users"."id", "users"."email", "users"."name", "users"."age" FROM "users" WHERE EXISTS (SELECT 1 FROM "posts" JOIN "comments" ON "comments"."post_id" = "posts"."id" WHERE "posts"."author_id" = "users"."id" AND "posts"."published" = ?1 AND "comments"."approved" = ?2))sql");
  // The parent of a comment is a comment: the subquery's copy is "comments_1", and the
  // predicate is about the parent.
  STATIC_REQUIRE(decltype(db().select<Comment>().where_has<parent>())::sql ==
                 R"sql(SELECT "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved" FROM "comments" WHERE EXISTS (SELECT 1 FROM "comments" AS "comments_1" WHERE "comments_1"."id" = "comments"."parent_id"))sql");
  STATIC_REQUIRE(decltype(db().select<Comment>().where_has<parent>(col<&Comment::approved> == true))::sql ==
                 R"sql(SELECT "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved" FROM "comments" WHERE EXISTS (SELECT 1 FROM "comments" AS "comments_1" WHERE "comments_1"."id" = "comments"."parent_id" AND "comments_1"."approved" = ?1))sql");
  STATIC_REQUIRE(decltype(db().select<Comment>().where_doesnt_have<parent>())::sql ==
                 R"sql(SELECT "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved" FROM "comments" WHERE NOT EXISTS (SELECT 1 FROM "comments" AS "comments_1" WHERE "comments_1"."id" = "comments"."parent_id"))sql");
  // A table already joined gets its own alias in the subquery too.
  STATIC_REQUIRE(decltype(db().select<Post>().join<comments>().where_has<comments>(col<&Comment::approved> == true))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" JOIN "comments" ON "comments"."post_id" = "posts"."id" WHERE EXISTS (SELECT 1 FROM "comments" AS "comments_2" WHERE "comments_2"."post_id" = "posts"."id" AND "comments_2"."approved" = ?1))sql");
  // Outer joined tables stay visible inside the subquery.
  STATIC_REQUIRE(decltype(db().select<Post>().join<author>().where_has<comments>(col<&User::age> > 3))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published" FROM "posts" JOIN "users" ON "users"."id" = "posts"."author_id" WHERE EXISTS (SELECT 1 FROM "comments" WHERE "comments"."post_id" = "posts"."id" AND "users"."age" > ?1))sql");
}

TEST_CASE("with_count adds a counting subquery per relation", "[query][sql]") {
  using One = decltype(db().select<Post>().with_count<comments>());
  STATIC_REQUIRE(One::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published", (SELECT count(*) FROM "comments" WHERE "comments"."post_id" = "posts"."id") FROM "posts")sql");
  STATIC_REQUIRE(std::is_same_v<One::result_type, ctorm::Counted<Post, comments>>);
  using Two = decltype(db().select<Post>().with_count<comments>().where(col<&Post::id> == 1).with_count<tags>());
  STATIC_REQUIRE(Two::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title", "posts"."score", "posts"."published", (SELECT count(*) FROM "comments" WHERE "comments"."post_id" = "posts"."id"), (SELECT count(*) FROM "post_tags" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id" WHERE "post_tags"."post_id" = "posts"."id") FROM "posts" WHERE "posts"."id" = ?1)sql");
  STATIC_REQUIRE(std::is_same_v<Two::result_type, ctorm::Counted<Post, comments, tags>>);
  using Received = decltype(db().select<User>().with_count<received>().with_count<posts>());
  STATIC_REQUIRE(Received::sql ==
                 R"sql(SELECT "users"."id", "users"."email", "users"."name", "users"."age", (SELECT count(*) FROM "posts" JOIN "comments" ON "comments"."post_id" = "posts"."id" WHERE "posts"."author_id" = "users"."id"), (SELECT count(*) FROM "posts" WHERE "posts"."author_id" = "users"."id") FROM "users")sql");
}

TEST_CASE("update: SET list then WHERE, or every row", "[query][sql]") {
  using Set = decltype(db().update<Post>()
                           .set(col<&Post::title> = "x", col<&Post::score> = col<&Post::score> + 1)
                           .where(col<&Post::id> == 1));
  STATIC_REQUIRE(Set::sql == R"sql(UPDATE "posts" SET "title" = ?1, "score" = "posts"."score" + ?2 WHERE "posts"."id" = ?3)sql");
  STATIC_REQUIRE(is_affected<Set>);
  STATIC_REQUIRE(std::is_convertible_v<Set, std::int64_t>);
  // set() calls add assignments.
  STATIC_REQUIRE(decltype(db().update<Post>()
                              .set(col<&Post::score> = 1.5)
                              .set(col<&Post::published> = false)
                              .where(col<&Post::title>.like("x%") && col<&Post::id> > 2))::sql ==
                 R"sql(UPDATE "posts" SET "score" = ?1, "published" = ?2 WHERE "posts"."title" LIKE ?3 AND "posts"."id" > ?4)sql");
  STATIC_REQUIRE(decltype(db().update<Post>().set(col<&Post::reviewer_id> = std::nullopt).all_rows())::sql ==
                 R"sql(UPDATE "posts" SET "reviewer_id" = ?1)sql");
  STATIC_REQUIRE(decltype(db().update<Post>()
                              .set(col<&Post::reviewer_id> = std::nullopt)
                              .where(col<&Post::reviewer_id>.in(std::vector<std::int64_t>{1, 2})))::sql ==
                 R"sql(UPDATE "posts" SET "reviewer_id" = ?1 WHERE "posts"."reviewer_id" IN (SELECT value FROM json_each(?2)))sql");
}

TEST_CASE("remove: DELETE with WHERE, or every row", "[query][sql]") {
  STATIC_REQUIRE(decltype(db().remove<Post>().where(col<&Post::id> == 1))::sql ==
                 R"sql(DELETE FROM "posts" WHERE "posts"."id" = ?1)sql");
  STATIC_REQUIRE(decltype(db().remove<Comment>().where(col<&Comment::approved> == false ||
                                                       col<&Comment::parent_id>.is_null()))::sql ==
                 R"sql(DELETE FROM "comments" WHERE "comments"."approved" = ?1 OR "comments"."parent_id" IS NULL)sql");
  STATIC_REQUIRE(decltype(db().remove<Post>().all_rows())::sql == R"sql(DELETE FROM "posts")sql");
  STATIC_REQUIRE(is_affected<decltype(db().remove<Post>().all_rows())>);
}

namespace qry_composite {
struct Student {
  std::int64_t id{};
};
struct Course {
  std::int64_t year{};
  std::string code{};
};
struct Enrollment {
  std::int64_t student_id{};
  std::int64_t course_year{};
  std::string course_code{};
};
using courses = ctorm::ManyToMany<Course, Enrollment>;
using Shop = ctorm::Schema<
    ctorm::Table<Student, courses>, ctorm::Table<Course, ctorm::PrimaryKey<&Course::year, &Course::code>>,
    ctorm::Table<Enrollment, ctorm::PrimaryKey<&Enrollment::student_id, &Enrollment::course_year, &Enrollment::course_code>,
                 ctorm::BelongsTo<Student, &Enrollment::student_id>,
                 ctorm::BelongsTo<Course, ctorm::Keys<&Enrollment::course_year, &Enrollment::course_code>>>>;
template <class D>
ctorm::Database<Shop, ctorm::no_database<D>>& db();
}  // namespace qry_composite

TEST_CASE("related() through a path compares a composite target key as a row value", "[query][sql]") {
  using namespace qry_composite;
  STATIC_REQUIRE(decltype(db<ctorm::sqlite_dialect>().related<courses>(std::declval<const Student&>()))::sql ==
                 R"sql(SELECT "courses"."year", "courses"."code" FROM "courses" WHERE ("courses"."year", "courses"."code") IN (SELECT "courses"."year", "courses"."code" FROM "enrollments" JOIN "courses" ON "courses"."year" = "enrollments"."course_year" AND "courses"."code" = "enrollments"."course_code" WHERE "enrollments"."student_id" = ?1))sql");
  STATIC_REQUIRE(decltype(db<ctorm::postgresql_dialect>().related<courses>(std::declval<const Student&>()))::sql ==
                 R"sql(SELECT "courses"."year", "courses"."code" FROM "courses" WHERE ("courses"."year", "courses"."code") IN (SELECT "courses"."year", "courses"."code" FROM "enrollments" JOIN "courses" ON "courses"."year" = "enrollments"."course_year" AND "courses"."code" = "enrollments"."course_code" WHERE "enrollments"."student_id" = $1))sql");
}
