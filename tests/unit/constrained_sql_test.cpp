// Golden SQL of relations with conditions and orders of their own (ctorm::Constrained): the
// conditions are SQL constants in every statement that walks the relation, on both dialects.
#include <catch2/catch.hpp>

#include <string_view>
#include <type_traits>
#include <utility>

#include "../constrained_blog.hpp"

namespace {
using namespace constrained_blog;
using namespace ctorm::detail;
using ctorm::static_text;
using Lite = ctorm::sqlite_dialect;
using Pg = ctorm::postgresql_dialect;

/// Only named inside decltype(): declared, never defined.
template <class D>
ctorm::Database<Schema, ctorm::no_database<D>>& db();

using P = path<Schema, Post, primary_tags>;
using H1 = at<0, P>;
using H2 = at<1, P>;
using Tj = H1::to;
}  // namespace

TEST_CASE("Constrained: eager loads carry the relation's conditions and default order", "[relations][constrained][sql]") {
  STATIC_REQUIRE(static_text<eager_gen<Schema, User, published, load_constraint<>, Lite>> ==
                 R"sql(SELECT "posts"."author_id", "posts"."id", "posts"."author_id", "posts"."title", "posts"."published", "posts"."rank", "posts"."deleted" FROM "posts" WHERE "posts"."author_id" IN (SELECT value FROM json_each(?1)) AND "posts"."published" = 1 AND "posts"."deleted" IS NULL ORDER BY "posts"."rank" DESC, "posts"."id")sql");
  STATIC_REQUIRE(static_text<eager_gen<Schema, Post, primary_tags, load_constraint<>, Lite>> ==
                 R"sql(SELECT "post_tags"."post_id", "tags"."id", "tags"."name", "post_tags"."post_id", "post_tags"."tag_id", "post_tags"."primary" FROM "post_tags" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id" WHERE "post_tags"."post_id" IN (SELECT value FROM json_each(?1)) AND "post_tags"."primary" = 1 ORDER BY "tags"."name")sql");
  STATIC_REQUIRE(static_text<eager_gen<Schema, User, praise, load_constraint<>, Lite>> ==
                 R"sql(SELECT "posts"."author_id", "comments"."id", "comments"."post_id", "comments"."text", "comments"."state" FROM "posts" JOIN "comments" ON "comments"."post_id" = "posts"."id" AND "comments"."state" = 'approved' WHERE "posts"."author_id" IN (SELECT value FROM json_each(?1)) AND "posts"."published" = 1 AND "posts"."deleted" IS NULL)sql");
  STATIC_REQUIRE(static_text<eager_gen<Schema, User, published, load_constraint<>, Pg>> ==
                 R"sql(SELECT "posts"."author_id", "posts"."id", "posts"."author_id", "posts"."title", "posts"."published", "posts"."rank", "posts"."deleted" FROM "posts" WHERE "posts"."author_id" = ANY ($1::BIGINT[]) AND "posts"."published" = TRUE AND "posts"."deleted" IS NULL ORDER BY "posts"."rank" DESC, "posts"."id")sql");
  STATIC_REQUIRE(static_text<eager_gen<Schema, Post, primary_tags, load_constraint<>, Pg>> ==
                 R"sql(SELECT "post_tags"."post_id", "tags"."id", "tags"."name", "post_tags"."post_id", "post_tags"."tag_id", "post_tags"."primary" FROM "post_tags" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id" WHERE "post_tags"."post_id" = ANY ($1::BIGINT[]) AND "post_tags"."primary" = TRUE ORDER BY "tags"."name")sql");
  STATIC_REQUIRE(static_text<eager_gen<Schema, User, praise, load_constraint<>, Pg>> ==
                 R"sql(SELECT "posts"."author_id", "comments"."id", "comments"."post_id", "comments"."text", "comments"."state" FROM "posts" JOIN "comments" ON "comments"."post_id" = "posts"."id" AND "comments"."state" = 'approved' WHERE "posts"."author_id" = ANY ($1::BIGINT[]) AND "posts"."published" = TRUE AND "posts"."deleted" IS NULL)sql");
}

TEST_CASE("Constrained: related() carries them and orders by the relation's order", "[relations][constrained][sql]") {
  STATIC_REQUIRE(decltype(db<Lite>().related<published>(std::declval<const User&>()))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."title", "posts"."published", "posts"."rank", "posts"."deleted" FROM "posts" WHERE "posts"."author_id" = ?1 AND "posts"."published" = 1 AND "posts"."deleted" IS NULL ORDER BY "posts"."rank" DESC, "posts"."id")sql");
  STATIC_REQUIRE(decltype(db<Lite>().related<primary_tags>(std::declval<const Post&>()))::sql ==
                 R"sql(SELECT "tags"."id", "tags"."name" FROM "tags" WHERE "tags"."id" IN (SELECT "tags"."id" FROM "post_tags" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id" WHERE "post_tags"."post_id" = ?1 AND "post_tags"."primary" = 1) ORDER BY "tags"."name")sql");
  STATIC_REQUIRE(decltype(db<Pg>().related<published>(std::declval<const User&>()))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."title", "posts"."published", "posts"."rank", "posts"."deleted" FROM "posts" WHERE "posts"."author_id" = $1 AND "posts"."published" = TRUE AND "posts"."deleted" IS NULL ORDER BY "posts"."rank" DESC, "posts"."id")sql");
  STATIC_REQUIRE(decltype(db<Pg>().related<primary_tags>(std::declval<const Post&>()))::sql ==
                 R"sql(SELECT "tags"."id", "tags"."name" FROM "tags" WHERE "tags"."id" IN (SELECT "tags"."id" FROM "post_tags" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id" WHERE "post_tags"."post_id" = $1 AND "post_tags"."primary" = TRUE) ORDER BY "tags"."name")sql");
}

TEST_CASE("Constrained: where_has with_count and join put them in the subquery or the ON clause", "[relations][constrained][sql]") {
  STATIC_REQUIRE(decltype(db<Lite>().select<User>().where_has<published>())::sql ==
                 R"sql(SELECT "users"."id", "users"."name" FROM "users" WHERE EXISTS (SELECT 1 FROM "posts" WHERE "posts"."author_id" = "users"."id" AND "posts"."published" = 1 AND "posts"."deleted" IS NULL))sql");
  STATIC_REQUIRE(decltype(db<Lite>().select<User>().with_count<drafts>())::sql ==
                 R"sql(SELECT "users"."id", "users"."name", (SELECT count(*) FROM "posts" WHERE "posts"."author_id" = "users"."id" AND "posts"."published" = 0) FROM "users")sql");
  STATIC_REQUIRE(decltype(db<Lite>().select<Post>().join<primary_tags>())::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."title", "posts"."published", "posts"."rank", "posts"."deleted" FROM "posts" JOIN "post_tags" ON "post_tags"."post_id" = "posts"."id" AND "post_tags"."primary" = 1 JOIN "tags" ON "tags"."id" = "post_tags"."tag_id")sql");
  STATIC_REQUIRE(decltype(db<Lite>().select<User>().where_has<praise>())::sql ==
                 R"sql(SELECT "users"."id", "users"."name" FROM "users" WHERE EXISTS (SELECT 1 FROM "posts" JOIN "comments" ON "comments"."post_id" = "posts"."id" AND "comments"."state" = 'approved' WHERE "posts"."author_id" = "users"."id" AND "posts"."published" = 1 AND "posts"."deleted" IS NULL))sql");
  STATIC_REQUIRE(decltype(db<Pg>().select<User>().where_has<published>())::sql ==
                 R"sql(SELECT "users"."id", "users"."name" FROM "users" WHERE EXISTS (SELECT 1 FROM "posts" WHERE "posts"."author_id" = "users"."id" AND "posts"."published" = TRUE AND "posts"."deleted" IS NULL))sql");
  STATIC_REQUIRE(decltype(db<Pg>().select<User>().with_count<drafts>())::sql ==
                 R"sql(SELECT "users"."id", "users"."name", (SELECT count(*) FROM "posts" WHERE "posts"."author_id" = "users"."id" AND "posts"."published" = FALSE) FROM "users")sql");
  STATIC_REQUIRE(decltype(db<Pg>().select<Post>().join<primary_tags>())::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."title", "posts"."published", "posts"."rank", "posts"."deleted" FROM "posts" JOIN "post_tags" ON "post_tags"."post_id" = "posts"."id" AND "post_tags"."primary" = TRUE JOIN "tags" ON "tags"."id" = "post_tags"."tag_id")sql");
  STATIC_REQUIRE(decltype(db<Pg>().select<User>().where_has<praise>())::sql ==
                 R"sql(SELECT "users"."id", "users"."name" FROM "users" WHERE EXISTS (SELECT 1 FROM "posts" JOIN "comments" ON "comments"."post_id" = "posts"."id" AND "comments"."state" = 'approved' WHERE "posts"."author_id" = "users"."id" AND "posts"."published" = TRUE AND "posts"."deleted" IS NULL))sql");
}

TEST_CASE("Constrained: detach and sync see only the links that pass the pivot conditions", "[relations][constrained][sql]") {
  STATIC_REQUIRE(static_text<detach_gen<Tj, H1, H2, true, Lite>> ==
                 R"sql(DELETE FROM "post_tags" WHERE "post_id" = ?1 AND "tag_id" = ?2 AND "primary" = 1)sql");
  STATIC_REQUIRE(static_text<linked_keys_gen<Tj, H1, H2, Lite>> ==
                 R"sql(SELECT "tag_id" FROM "post_tags" WHERE "post_id" = ?1 AND "primary" = 1)sql");
  STATIC_REQUIRE(static_text<detach_gen<Tj, H1, H2, true, Pg>> ==
                 R"sql(DELETE FROM "post_tags" WHERE "post_id" = $1 AND "tag_id" = $2 AND "primary" = TRUE)sql");
  STATIC_REQUIRE(static_text<linked_keys_gen<Tj, H1, H2, Pg>> ==
                 R"sql(SELECT "tag_id" FROM "post_tags" WHERE "post_id" = $1 AND "primary" = TRUE)sql");
}

TEST_CASE("Constrained: a constrained relation adds nothing to the DDL", "[relations][constrained][ddl]") {
  STATIC_REQUIRE(ctorm::sql::create_table<Schema, Post> ==
                 R"sql(CREATE TABLE IF NOT EXISTS "posts" ("id" INTEGER PRIMARY KEY, "author_id" INTEGER NOT NULL, "title" TEXT NOT NULL, "published" INTEGER NOT NULL CHECK ("published" IN (0, 1)), "rank" INTEGER NOT NULL, "deleted" TEXT, FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE) STRICT)sql");
  STATIC_REQUIRE(std::is_same_v<ctorm::detail::base_relation<published>, posts>);
  STATIC_REQUIRE(std::is_same_v<ctorm::detail::base_relation<posts>, posts>);
}

TEST_CASE("Constrained: target conditions of a ManyToMany in detach, a left join nested, a Constrained of a Constrained",
          "[relations][constrained][sql]") {
  using C = path<Schema, Post, cpp_tags>;
  STATIC_REQUIRE(static_text<detach_gen<at<0, C>::to, at<0, C>, at<1, C>, true, Lite>> ==
                 R"sql(DELETE FROM "post_tags" WHERE "post_id" = ?1 AND "tag_id" = ?2 AND "tag_id" IN (SELECT "id" FROM "tags" WHERE "name" = 'cpp'))sql");
  STATIC_REQUIRE(decltype(db<Lite>().select<Post>().left_join<cpp_tags>())::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."title", "posts"."published", "posts"."rank", "posts"."deleted" FROM "posts" LEFT JOIN ("post_tags" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id" AND "tags"."name" = 'cpp') ON "post_tags"."post_id" = "posts"."id")sql");
  STATIC_REQUIRE(decltype(db<Lite>().related<top_published>(std::declval<const User&>()))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."title", "posts"."published", "posts"."rank", "posts"."deleted" FROM "posts" WHERE "posts"."author_id" = ?1 AND "posts"."published" = 1 AND "posts"."deleted" IS NULL AND "posts"."rank" = 5 ORDER BY "posts"."rank" DESC, "posts"."id")sql");
  STATIC_REQUIRE(static_text<detach_gen<at<0, C>::to, at<0, C>, at<1, C>, true, Pg>> ==
                 R"sql(DELETE FROM "post_tags" WHERE "post_id" = $1 AND "tag_id" = $2 AND "tag_id" IN (SELECT "id" FROM "tags" WHERE "name" = 'cpp'))sql");
  STATIC_REQUIRE(decltype(db<Pg>().related<top_published>(std::declval<const User&>()))::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."title", "posts"."published", "posts"."rank", "posts"."deleted" FROM "posts" WHERE "posts"."author_id" = $1 AND "posts"."published" = TRUE AND "posts"."deleted" IS NULL AND "posts"."rank" = 5 ORDER BY "posts"."rank" DESC, "posts"."id")sql");
}
