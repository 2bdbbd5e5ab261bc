// Golden SQL of MorphAs<R, Target> (a MorphTo followed to one of its targets) and of where_has
// on a whole MorphTo, on both dialects: the owner's type column names the target's table in
// every statement that walks it.
#include <catch2/catch.hpp>

#include <ctorm/core.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace ma {
struct Post { std::int64_t id{}; std::string title{}; };
struct Video { std::int64_t id{}; std::string url{}; };
struct Comment { std::int64_t id{}; std::string commentable_type{}; std::int64_t commentable_id{}; std::string body{}; };
using comments = ctorm::MorphMany<Comment, &Comment::commentable_type, &Comment::commentable_id>;
using commentable = ctorm::MorphTo<&Comment::commentable_type, &Comment::commentable_id, Post, Video>;
using Schema = ctorm::Schema<ctorm::Table<Post, comments>, ctorm::Table<Video, comments>,
                             ctorm::Table<Comment, commentable>>;
static_assert(ctorm::valid<Schema>);
using on_post = ctorm::MorphAs<commentable, Post>;
}  // namespace ma

namespace {
using namespace ma;
using namespace ctorm::detail;
using ctorm::col;
template <class D>
ctorm::Database<Schema, ctorm::no_database<D>>& db();
}  // namespace

TEST_CASE("MorphAs is a relation to one target: its path tests the owner's type column",
          "[relations][morph_as][sql]") {
  using P = path<Schema, Comment, on_post>;
  STATIC_REQUIRE(P::size == 1);
  STATIC_REQUIRE(std::is_same_v<at<0, P>::to::type, Post>);
  STATIC_REQUIRE(at<0, P>::from_where::size == 1);
  STATIC_REQUIRE(at<0, P>::where::size == 0);  // nothing is tested on the target's own columns
  // MorphAs is used where its MorphTo is declared, without a declaration of its own.
  STATIC_REQUIRE(declares<table_in<Schema, Comment>, on_post>);
  STATIC_REQUIRE(!declares<table_in<Schema, Post>, on_post>);
}

TEST_CASE("MorphAs in where_has where_doesnt_have with_count and joins on SQLite", "[relations][morph_as][sql]") {
  using D = ctorm::sqlite_dialect;
  STATIC_REQUIRE(decltype(db<D>().select<Comment>().where_has<on_post>(col<&Post::title> == std::string("a")))::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body" FROM "comments" WHERE EXISTS (SELECT 1 FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts' AND "posts"."title" = ?1))sql");
  STATIC_REQUIRE(decltype(db<D>().select<Comment>().where_has<on_post>(ctorm::at_least(1)))::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body" FROM "comments" WHERE (SELECT count(*) FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts') >= ?1)sql");
  STATIC_REQUIRE(decltype(db<D>().select<Comment>().where_doesnt_have<on_post>())::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body" FROM "comments" WHERE NOT EXISTS (SELECT 1 FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts'))sql");
  STATIC_REQUIRE(decltype(db<D>().select<Comment>().with_count<on_post>())::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body", (SELECT count(*) FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts') FROM "comments")sql");
  STATIC_REQUIRE(decltype(db<D>().select(col<&Comment::id>, col<&Post::title>).join<on_post>())::sql ==
                 R"sql(SELECT "comments"."id", "posts"."title" FROM "comments" JOIN "posts" ON "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts')sql");
  STATIC_REQUIRE(decltype(db<D>().select(col<&Comment::id>, col<&Post::title>).left_join<on_post>())::sql ==
                 R"sql(SELECT "comments"."id", "posts"."title" FROM "comments" LEFT JOIN "posts" ON "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts')sql");
  // Loads and related rows: the type is tested on the owner's rows in memory.
  STATIC_REQUIRE(ctorm::static_text<eager_gen<Schema, Comment, on_post, load_constraint<>, D>> ==
                 R"sql(SELECT "posts"."id", "posts"."id", "posts"."title" FROM "posts" WHERE "posts"."id" IN (SELECT value FROM json_each(?1)))sql");
  STATIC_REQUIRE(decltype(db<D>().related<on_post>(Comment{}))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."title" FROM "posts" WHERE "posts"."id" = ?1)sql");
}

TEST_CASE("MorphAs in where_has where_doesnt_have with_count and joins on PostgreSQL", "[relations][morph_as][sql]") {
  using D = ctorm::postgresql_dialect;
  STATIC_REQUIRE(decltype(db<D>().select<Comment>().where_has<on_post>(col<&Post::title> == std::string("a")))::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body" FROM "comments" WHERE EXISTS (SELECT 1 FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts' AND "posts"."title" = $1::TEXT))sql");
  STATIC_REQUIRE(decltype(db<D>().select<Comment>().where_has<on_post>(ctorm::at_least(1)))::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body" FROM "comments" WHERE (SELECT count(*) FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts') >= $1)sql");
  STATIC_REQUIRE(decltype(db<D>().select<Comment>().where_doesnt_have<on_post>())::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body" FROM "comments" WHERE NOT EXISTS (SELECT 1 FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts'))sql");
  STATIC_REQUIRE(decltype(db<D>().select<Comment>().with_count<on_post>())::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body", (SELECT count(*) FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts') FROM "comments")sql");
  STATIC_REQUIRE(decltype(db<D>().select(col<&Comment::id>, col<&Post::title>).join<on_post>())::sql ==
                 R"sql(SELECT "comments"."id", "posts"."title" FROM "comments" JOIN "posts" ON "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts')sql");
  STATIC_REQUIRE(decltype(db<D>().select(col<&Comment::id>, col<&Post::title>).left_join<on_post>())::sql ==
                 R"sql(SELECT "comments"."id", "posts"."title" FROM "comments" LEFT JOIN "posts" ON "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts')sql");
  STATIC_REQUIRE(ctorm::static_text<eager_gen<Schema, Comment, on_post, load_constraint<>, D>> ==
                 R"sql(SELECT "posts"."id", "posts"."id", "posts"."title" FROM "posts" WHERE "posts"."id" = ANY ($1::BIGINT[]))sql");
  STATIC_REQUIRE(decltype(db<D>().related<on_post>(Comment{}))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."title" FROM "posts" WHERE "posts"."id" = $1)sql");
}

TEST_CASE("where_has on a whole MorphTo asks for a row of any target on both dialects", "[relations][morph_as][sql]") {
  STATIC_REQUIRE(decltype(db<ctorm::sqlite_dialect>().select<Comment>().where_has<commentable>())::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body" FROM "comments" WHERE EXISTS (SELECT 1 FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts') OR EXISTS (SELECT 1 FROM "videos" WHERE "videos"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'videos'))sql");
  // Beside another condition the alternatives keep together.
  STATIC_REQUIRE(decltype(db<ctorm::sqlite_dialect>().select<Comment>().where_has<commentable>().where(col<&Comment::id> > 1))::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body" FROM "comments" WHERE (EXISTS (SELECT 1 FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts') OR EXISTS (SELECT 1 FROM "videos" WHERE "videos"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'videos')) AND "comments"."id" > ?1)sql");
  STATIC_REQUIRE(decltype(db<ctorm::sqlite_dialect>().select<Comment>().where_doesnt_have<commentable>())::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body" FROM "comments" WHERE NOT EXISTS (SELECT 1 FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts') AND NOT EXISTS (SELECT 1 FROM "videos" WHERE "videos"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'videos'))sql");
  STATIC_REQUIRE(decltype(db<ctorm::postgresql_dialect>().select<Comment>().where_has<commentable>().where(col<&Comment::id> > 1))::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body" FROM "comments" WHERE (EXISTS (SELECT 1 FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts') OR EXISTS (SELECT 1 FROM "videos" WHERE "videos"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'videos')) AND "comments"."id" > $1::BIGINT)sql");
  STATIC_REQUIRE(decltype(db<ctorm::postgresql_dialect>().select<Comment>().where_doesnt_have<commentable>())::sql ==
                 R"sql(SELECT "comments"."id", "comments"."commentable_type", "comments"."commentable_id", "comments"."body" FROM "comments" WHERE NOT EXISTS (SELECT 1 FROM "posts" WHERE "posts"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'posts') AND NOT EXISTS (SELECT 1 FROM "videos" WHERE "videos"."id" = "comments"."commentable_id" AND "comments"."commentable_type" = 'videos'))sql");
}
