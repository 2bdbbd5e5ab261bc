// Golden SQL of polymorphic many-to-many relations (MorphToMany / MorphedByMany): the junction's
// type column names the morph side's table in every statement that walks it, on both dialects.
#include <catch2/catch.hpp>

#include <ctorm/core.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace mm {
struct Post { std::int64_t id{}; std::string title{}; };
struct Video { std::int64_t id{}; std::string url{}; };
struct Tag { std::int64_t id{}; std::string name{}; };
struct Taggable { std::int64_t tag_id{}; std::string taggable_type{}; std::int64_t taggable_id{}; std::int64_t weight{}; };
using tags = ctorm::MorphToMany<Tag, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>;
using posts = ctorm::MorphedByMany<Post, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>;
using videos = ctorm::MorphedByMany<Video, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>;
using Schema = ctorm::Schema<
    ctorm::Table<Post, tags>, ctorm::Table<Video, tags>, ctorm::Table<Tag, posts, videos>,
    ctorm::Table<Taggable, ctorm::PrimaryKey<&Taggable::tag_id, &Taggable::taggable_type, &Taggable::taggable_id>,
                 ctorm::BelongsTo<Tag, &Taggable::tag_id, ctorm::OnDelete::Cascade>,
                 ctorm::MorphTo<&Taggable::taggable_type, &Taggable::taggable_id, Post, Video>>>;
static_assert(ctorm::valid<Schema>);
}  // namespace mm

namespace {
using namespace mm;
using namespace ctorm::detail;
template <class D>
ctorm::Database<Schema, ctorm::no_database<D>>& db();
using P = path<Schema, Post, tags>;
}  // namespace

TEST_CASE("MorphToMany and MorphedByMany name the morph side's table in the junction's type column",
          "[relations][morph_many][sql]") {
  STATIC_REQUIRE(ctorm::static_text<eager_gen<Schema, Post, tags, load_constraint<>, ctorm::sqlite_dialect>> ==
                 R"sql(SELECT "taggables"."taggable_id", "tags"."id", "tags"."name", "taggables"."tag_id", "taggables"."taggable_type", "taggables"."taggable_id", "taggables"."weight" FROM "taggables" JOIN "tags" ON "tags"."id" = "taggables"."tag_id" WHERE "taggables"."taggable_id" IN (SELECT value FROM json_each(?1)) AND "taggables"."taggable_type" = 'posts')sql");
  STATIC_REQUIRE(ctorm::static_text<eager_gen<Schema, Tag, videos, load_constraint<>, ctorm::sqlite_dialect>> ==
                 R"sql(SELECT "taggables"."tag_id", "videos"."id", "videos"."url", "taggables"."tag_id", "taggables"."taggable_type", "taggables"."taggable_id", "taggables"."weight" FROM "taggables" JOIN "videos" ON "videos"."id" = "taggables"."taggable_id" WHERE "taggables"."tag_id" IN (SELECT value FROM json_each(?1)) AND "taggables"."taggable_type" = 'videos')sql");
  STATIC_REQUIRE(decltype(db<ctorm::sqlite_dialect>().select<Tag>().where_has<posts>())::sql ==
                 R"sql(SELECT "tags"."id", "tags"."name" FROM "tags" WHERE EXISTS (SELECT 1 FROM "taggables" JOIN "posts" ON "posts"."id" = "taggables"."taggable_id" WHERE "taggables"."tag_id" = "tags"."id" AND "taggables"."taggable_type" = 'posts'))sql");
  STATIC_REQUIRE(ctorm::static_text<detach_gen<at<0, P>::to, at<0, P>, at<1, P>, true, ctorm::sqlite_dialect>> ==
                 R"sql(DELETE FROM "taggables" WHERE "taggable_id" = ?1 AND "tag_id" = ?2 AND "taggable_type" = 'posts')sql");
  STATIC_REQUIRE(ctorm::static_text<eager_gen<Schema, Post, tags, load_constraint<>, ctorm::postgresql_dialect>> ==
                 R"sql(SELECT "taggables"."taggable_id", "tags"."id", "tags"."name", "taggables"."tag_id", "taggables"."taggable_type", "taggables"."taggable_id", "taggables"."weight" FROM "taggables" JOIN "tags" ON "tags"."id" = "taggables"."tag_id" WHERE "taggables"."taggable_id" = ANY ($1::BIGINT[]) AND "taggables"."taggable_type" = 'posts')sql");
  STATIC_REQUIRE(ctorm::static_text<eager_gen<Schema, Tag, videos, load_constraint<>, ctorm::postgresql_dialect>> ==
                 R"sql(SELECT "taggables"."tag_id", "videos"."id", "videos"."url", "taggables"."tag_id", "taggables"."taggable_type", "taggables"."taggable_id", "taggables"."weight" FROM "taggables" JOIN "videos" ON "videos"."id" = "taggables"."taggable_id" WHERE "taggables"."tag_id" = ANY ($1::BIGINT[]) AND "taggables"."taggable_type" = 'videos')sql");
  STATIC_REQUIRE(decltype(db<ctorm::postgresql_dialect>().select<Tag>().where_has<posts>())::sql ==
                 R"sql(SELECT "tags"."id", "tags"."name" FROM "tags" WHERE EXISTS (SELECT 1 FROM "taggables" JOIN "posts" ON "posts"."id" = "taggables"."taggable_id" WHERE "taggables"."tag_id" = "tags"."id" AND "taggables"."taggable_type" = 'posts'))sql");
  STATIC_REQUIRE(ctorm::static_text<detach_gen<at<0, P>::to, at<0, P>, at<1, P>, true, ctorm::postgresql_dialect>> ==
                 R"sql(DELETE FROM "taggables" WHERE "taggable_id" = $1 AND "tag_id" = $2 AND "taggable_type" = 'posts')sql");
}
