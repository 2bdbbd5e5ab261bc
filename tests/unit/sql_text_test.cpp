// Golden SQL text, checked by the compiler: every string here is a compile-time constant.
#include <catch2/catch.hpp>

#include <ctorm/sql/crud.hpp>
#include <ctorm/sql/ddl.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace golden {
enum class Status : std::uint8_t { draft, published };
struct User {
  std::int64_t id{};
  std::string email{};
  std::optional<std::string> name{};
};
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::string title{};
  std::optional<std::string> body{};
  bool pinned{};
  std::optional<bool> featured{};
  Status status{};
  double score{};
  std::vector<std::byte> cover{};
  std::chrono::sys_seconds created_at{};
  std::optional<std::chrono::sys_days> due{};
};
struct PostTag {
  std::int64_t post_id{};
  std::int64_t tag_id{};
  std::int64_t position{};
};
struct Membership {
  std::int64_t user_id{};
  std::int64_t group_id{};
};
struct Slug {
  std::string slug{};
  std::int32_t hits{};
};
struct Tricky {
  std::int64_t id{};
  std::string value{};
};
struct Width {
  std::int64_t id{};
  std::int8_t i8{};
  std::int16_t i16{};
  std::int32_t i32{};
  std::int64_t i64{};
  std::uint8_t u8{};
  std::uint16_t u16{};
  std::uint32_t u32{};
  std::uint64_t u64{};
  std::optional<std::uint8_t> level{};
};
}  // namespace golden

using namespace golden;
using Users = ctorm::Table<User, ctorm::Unique<&User::email>>;
using Posts = ctorm::Table<Post, ctorm::Index<&Post::author_id>, ctorm::Index<&Post::title, &Post::id>>;
using PostTags = ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                              ctorm::Unique<&PostTag::tag_id, &PostTag::position>>;
using Memberships = ctorm::Table<Membership, ctorm::PrimaryKey<&Membership::user_id, &Membership::group_id>>;
using Slugs = ctorm::Table<Slug, ctorm::PrimaryKey<&Slug::slug>>;
using Trickies = ctorm::Table<Tricky, ctorm::Name<"odd \"name\"">, ctorm::Column<&Tricky::value, "va\"lue">>;
using Blog = ctorm::Schema<Users, Posts, PostTags>;
using Others = ctorm::Schema<Slugs, Trickies, Memberships>;
using Ranges = ctorm::Schema<ctorm::Table<Width>>;

TEST_CASE("CREATE TABLE text", "[sql][ddl]") {
  STATIC_REQUIRE(ctorm::sql::create_table<Blog, User> ==
                 R"(CREATE TABLE IF NOT EXISTS "users" ("id" INTEGER PRIMARY KEY, "email" TEXT NOT NULL, )"
                 R"("name" TEXT, UNIQUE ("email")) STRICT)");
  STATIC_REQUIRE(ctorm::sql::create_table<Blog, Post> ==
                 R"(CREATE TABLE IF NOT EXISTS "posts" ("id" INTEGER PRIMARY KEY, "author_id" INTEGER NOT NULL, )"
                 R"("title" TEXT NOT NULL, "body" TEXT, "pinned" INTEGER NOT NULL CHECK ("pinned" IN (0, 1)), )"
                 R"("featured" INTEGER CHECK ("featured" IN (0, 1)), "status" INTEGER NOT NULL, )"
                 R"("score" REAL NOT NULL, "cover" BLOB NOT NULL, "created_at" TEXT NOT NULL, "due" TEXT) STRICT)");
  STATIC_REQUIRE(ctorm::sql::create_table<Blog, PostTag> ==
                 R"(CREATE TABLE IF NOT EXISTS "post_tags" ("post_id" INTEGER NOT NULL, )"
                 R"("tag_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, PRIMARY KEY ("post_id", "tag_id"), )"
                 R"(UNIQUE ("tag_id", "position")) STRICT)");
  STATIC_REQUIRE(ctorm::sql::create_table<Others, Slug> ==
                 R"(CREATE TABLE IF NOT EXISTS "slugs" ("slug" TEXT NOT NULL, )"
                 R"("hits" INTEGER NOT NULL CHECK ("hits" BETWEEN -2147483648 AND 2147483647), )"
                 R"(PRIMARY KEY ("slug")) STRICT)");
}

TEST_CASE("integer columns are kept within their member's range", "[sql][ddl]") {
  STATIC_REQUIRE(ctorm::sql::create_table<Ranges, Width> ==
                 R"(CREATE TABLE IF NOT EXISTS "widths" ("id" INTEGER PRIMARY KEY, )"
                 R"("i8" INTEGER NOT NULL CHECK ("i8" BETWEEN -128 AND 127), )"
                 R"("i16" INTEGER NOT NULL CHECK ("i16" BETWEEN -32768 AND 32767), )"
                 R"("i32" INTEGER NOT NULL CHECK ("i32" BETWEEN -2147483648 AND 2147483647), )"
                 R"("i64" INTEGER NOT NULL, )"
                 R"("u8" INTEGER NOT NULL CHECK ("u8" BETWEEN 0 AND 255), )"
                 R"("u16" INTEGER NOT NULL CHECK ("u16" BETWEEN 0 AND 65535), )"
                 R"("u32" INTEGER NOT NULL CHECK ("u32" BETWEEN 0 AND 4294967295), )"
                 R"("u64" INTEGER NOT NULL CHECK ("u64" >= 0), )"
                 R"("level" INTEGER CHECK ("level" BETWEEN 0 AND 255)) STRICT)");
}

TEST_CASE("identifiers are quoted, embedded quotes doubled", "[sql][ddl]") {
  STATIC_REQUIRE(ctorm::sql::create_table<Others, Tricky> ==
                 R"(CREATE TABLE IF NOT EXISTS "odd ""name""" ("id" INTEGER PRIMARY KEY, "va""lue" TEXT NOT NULL) STRICT)");
  STATIC_REQUIRE(ctorm::sql::insert<Trickies> == R"(INSERT INTO "odd ""name""" ("va""lue") VALUES (?1))");
}

TEST_CASE("CREATE INDEX text", "[sql][ddl]") {
  STATIC_REQUIRE(ctorm::sql::create_indexes<Blog, User> == "");
  STATIC_REQUIRE(ctorm::sql::create_indexes<Blog, Post> ==
                 "CREATE INDEX IF NOT EXISTS \"posts_author_id_index\" ON \"posts\" (\"author_id\");\n"
                 "CREATE INDEX IF NOT EXISTS \"posts_title_id_index\" ON \"posts\" (\"title\", \"id\");\n");
}

// string_view::find is not a constant expression under GCC's UBSan; an index loop is.
constexpr std::size_t position(std::string_view text, std::string_view part) {
  for (std::size_t i = 0; i + part.size() <= text.size(); ++i)
    if (text.substr(i, part.size()) == part) return i;
  return std::string_view::npos;
}

TEST_CASE("the whole schema, in declaration order", "[sql][ddl]") {
  constexpr std::string_view all = ctorm::sql::create_schema<Blog>;
  STATIC_REQUIRE(all.starts_with(ctorm::sql::create_table<Blog, User>));
  STATIC_REQUIRE(position(all, ctorm::sql::create_table<Blog, Post>) < position(all, ctorm::sql::create_table<Blog, PostTag>));
  STATIC_REQUIRE(all.ends_with("UNIQUE (\"tag_id\", \"position\")) STRICT;\n"));
  STATIC_REQUIRE(position(all, ctorm::sql::create_indexes<Blog, Post>) != std::string_view::npos);
}

TEST_CASE("insert leaves an integer key to SQLite", "[sql][crud]") {
  STATIC_REQUIRE(ctorm::sql::insert<Users> == R"(INSERT INTO "users" ("email", "name") VALUES (?1, ?2))");
  STATIC_REQUIRE(ctorm::sql::insert<PostTags> ==
                 R"(INSERT INTO "post_tags" ("post_id", "tag_id", "position") VALUES (?1, ?2, ?3))");
  STATIC_REQUIRE(ctorm::sql::insert<Slugs> == R"(INSERT INTO "slugs" ("slug", "hits") VALUES (?1, ?2))");
  STATIC_REQUIRE(ctorm::sql::insert_columns<Users>.size() == 2);
}

TEST_CASE("replace and upsert keep the key", "[sql][crud]") {
  STATIC_REQUIRE(ctorm::sql::replace<Users> ==
                 R"(INSERT OR REPLACE INTO "users" ("id", "email", "name") VALUES (?1, ?2, ?3))");
  STATIC_REQUIRE(ctorm::sql::upsert<Users> ==
                 R"(INSERT INTO "users" ("id", "email", "name") VALUES (?1, ?2, ?3) ON CONFLICT ("id") )"
                 R"(DO UPDATE SET "email" = excluded."email", "name" = excluded."name")");
  STATIC_REQUIRE(ctorm::sql::upsert<Memberships> ==
                 R"(INSERT INTO "memberships" ("user_id", "group_id") VALUES (?1, ?2) )"
                 R"(ON CONFLICT ("user_id", "group_id") DO NOTHING)");
}

TEST_CASE("select, update and delete by key", "[sql][crud]") {
  STATIC_REQUIRE(ctorm::sql::select_by_key<Users> ==
                 R"(SELECT "users"."id", "users"."email", "users"."name" FROM "users" WHERE "users"."id" = ?1)");
  STATIC_REQUIRE(ctorm::sql::select_by_key<PostTags> ==
                 R"(SELECT "post_tags"."post_id", "post_tags"."tag_id", "post_tags"."position" FROM "post_tags" )"
                 R"(WHERE "post_tags"."post_id" = ?1 AND "post_tags"."tag_id" = ?2)");
  STATIC_REQUIRE(ctorm::sql::select_all<Users> ==
                 R"(SELECT "users"."id", "users"."email", "users"."name" FROM "users")");
  STATIC_REQUIRE(ctorm::sql::update<Users> == R"(UPDATE "users" SET "email" = ?1, "name" = ?2 WHERE "id" = ?3)");
  STATIC_REQUIRE(ctorm::sql::update<PostTags> ==
                 R"(UPDATE "post_tags" SET "position" = ?1 WHERE "post_id" = ?2 AND "tag_id" = ?3)");
  STATIC_REQUIRE(ctorm::sql::remove<PostTags> ==
                 R"(DELETE FROM "post_tags" WHERE "post_id" = ?1 AND "tag_id" = ?2)");
  STATIC_REQUIRE(ctorm::sql::count<Users> == R"(SELECT count(*) FROM "users")");
}

TEST_CASE("keys: default id, PrimaryKey, rowid alias", "[schema]") {
  STATIC_REQUIRE(Users::has_rowid_key);
  STATIC_REQUIRE(Users::primary_key.size() == 1);
  STATIC_REQUIRE_FALSE(PostTags::has_rowid_key);
  STATIC_REQUIRE(PostTags::primary_key[1] == 1);
  STATIC_REQUIRE_FALSE(Slugs::has_rowid_key);
  STATIC_REQUIRE(Slugs::has_primary_key);
  STATIC_REQUIRE(Blog::contains<Post>);
  STATIC_REQUIRE_FALSE(Blog::contains<Slug>);
}

namespace golden_defaults {
enum class Stage : std::int8_t { draft = 1, live = 2 };
struct Writer {
  std::int64_t id{};
  std::string name{};
};
struct Article {
  std::int64_t id{};
  std::int64_t writer_id{};
  std::optional<std::int64_t> editor_id{};
  std::string status{};
  bool pinned{};
  double score{};
  float weight{};
  Stage stage{};
  std::int16_t rank{};
  std::optional<std::string> note{};
};
using Articles = ctorm::Table<
    Article, ctorm::BelongsTo<Writer, &Article::writer_id, ctorm::OnDelete::SetDefault, ctorm::OnUpdate::SetDefault>,
    ctorm::BelongsTo<Writer, &Article::editor_id, ctorm::OnDelete::SetDefault>, ctorm::Default<&Article::writer_id, 1>,
    ctorm::Default<&Article::status, "it's new">, ctorm::Default<&Article::pinned, false>,
    ctorm::Default<&Article::score, -0.1>, ctorm::Default<&Article::weight, 0.1f>,
    ctorm::Default<&Article::stage, Stage::live>, ctorm::Default<&Article::rank, -7>, ctorm::Default<&Article::note, "">>;
using Defaults = ctorm::Schema<ctorm::Table<Writer>, Articles>;

/// The literal `write_real` makes of `v`, at compile time.
struct real_text {
  char data[40]{};
  std::size_t size = 0;
  constexpr bool operator==(std::string_view s) const { return std::string_view(data, size) == s; }
};
constexpr real_text literal_of(double v) {
  real_text t;
  ctorm::detail::text_sink sink{t.data};
  ctorm::detail::write_real(sink, v);
  t.size = sink.size;
  return t;
}
}  // namespace golden_defaults

TEST_CASE("Default<> writes DEFAULT and the literal after the column's type", "[sql][ddl][defaults]") {
  using namespace golden_defaults;
  STATIC_REQUIRE(ctorm::sql::create_table<Defaults, Article> ==
                 R"(CREATE TABLE IF NOT EXISTS "articles" ("id" INTEGER PRIMARY KEY, )"
                 R"("writer_id" INTEGER NOT NULL DEFAULT 1, "editor_id" INTEGER, )"
                 R"("status" TEXT NOT NULL DEFAULT 'it''s new', )"
                 R"("pinned" INTEGER NOT NULL DEFAULT 0 CHECK ("pinned" IN (0, 1)), "score" REAL NOT NULL DEFAULT -0.1, )"
                 R"("weight" REAL NOT NULL DEFAULT 0.10000000149011612, "stage" INTEGER NOT NULL DEFAULT 2, )"
                 R"("rank" INTEGER NOT NULL DEFAULT -7 CHECK ("rank" BETWEEN -32768 AND 32767), "note" TEXT DEFAULT '', )"
                 R"(FOREIGN KEY ("writer_id") REFERENCES "writers" ("id") ON DELETE SET DEFAULT ON UPDATE SET DEFAULT, )"
                 R"(FOREIGN KEY ("editor_id") REFERENCES "writers" ("id") ON DELETE SET DEFAULT) STRICT)");
  // ALTER TABLE ... ADD COLUMN takes the same definition.
  STATIC_REQUIRE(ctorm::sql::column_definitions<Defaults, Article>[3] == R"("status" TEXT NOT NULL DEFAULT 'it''s new')");
  STATIC_REQUIRE(Articles::has_default(1));
  STATIC_REQUIRE_FALSE(Articles::has_default(2));
}

TEST_CASE("floating-point defaults are the shortest decimal that reads back the same", "[sql][ddl][defaults]") {
  using golden_defaults::literal_of;
  STATIC_REQUIRE(literal_of(0.1) == "0.1");
  STATIC_REQUIRE(literal_of(-2.0) == "-2.0");
  STATIC_REQUIRE(literal_of(0.0) == "0.0");
  STATIC_REQUIRE(literal_of(100.0) == "100.0");
  STATIC_REQUIRE(literal_of(1.0 / 3) == "0.3333333333333333");
  STATIC_REQUIRE(literal_of(1e16) == "10000000000000000.0");
  STATIC_REQUIRE(literal_of(1e17) == "1e+17");
  STATIC_REQUIRE(literal_of(0.0001) == "0.0001");
  STATIC_REQUIRE(literal_of(1e-5) == "1e-5");
  STATIC_REQUIRE(literal_of(5e-324) == "5e-324");  // the smallest subnormal
  STATIC_REQUIRE(literal_of(1.7976931348623157e308) == "1.7976931348623157e+308");
  STATIC_REQUIRE(literal_of(2.2250738585072014e-308) == "2.2250738585072014e-308");
  STATIC_REQUIRE(literal_of(static_cast<double>(0.1f)) == "0.10000000149011612");
}
