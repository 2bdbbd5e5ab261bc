// Golden DDL and diagrams for relations, checked by the compiler.
#include <catch2/catch.hpp>

#include <ctorm/export/mermaid.hpp>
#include <ctorm/relation/belongs_to.hpp>
#include <ctorm/relation/has.hpp>
#include <ctorm/relation/many_to_many.hpp>
#include <ctorm/relation/morph.hpp>
#include <ctorm/relation/through.hpp>
#include <ctorm/schema/checks.hpp>
#include <ctorm/sql/ddl.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace rels {
struct User {
  std::int64_t id{};
  std::string email{};
};
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::optional<std::int64_t> reviewer_id{};
};
struct Tag {
  std::int64_t id{};
};
struct Profile {
  std::int64_t id{};
  std::int64_t user_id{};
};
struct Category {
  std::int64_t id{};
  std::string slug{};
};
struct Product {
  std::int64_t id{};
  std::string category_slug{};
};
struct Order {
  std::int32_t year{};
  std::int64_t no{};
};
struct Line {
  std::int64_t id{};
  std::int32_t order_year{};
  std::int64_t order_no{};
};
struct Like {
  std::int64_t id{};
  std::string target_type{};
  std::int64_t target_id{};
};

using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using reviewer = ctorm::BelongsTo<User, &Post::reviewer_id, ctorm::OnDelete::SetNull, ctorm::OnUpdate::Cascade>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using profile = ctorm::HasOne<Profile, &Profile::user_id>;
using liked = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>;

using Schema = ctorm::Schema<
    ctorm::Table<Line, ctorm::BelongsTo<Order, ctorm::Keys<&Line::order_year, &Line::order_no>,
                                        ctorm::OnDelete::Restrict>>,
    ctorm::Table<Order, ctorm::PrimaryKey<&Order::year, &Order::no>>,
    ctorm::Table<Post, author, reviewer, ctorm::ManyToMany<Tag>, ctorm::Index<&Post::reviewer_id>,
                 ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>>,
    ctorm::Table<User, posts, profile>,
    ctorm::Table<Tag, ctorm::ManyToMany<Post>>,
    ctorm::Table<Profile, ctorm::BelongsTo<User, &Profile::user_id, ctorm::Unique<>>>,
    ctorm::Table<Category, ctorm::Unique<&Category::slug>>,
    ctorm::Table<Product, ctorm::BelongsTo<Category, &Product::category_slug, ctorm::References<&Category::slug>>>,
    ctorm::Table<Like, liked>>;

using Strict = ctorm::Schema<ctorm::RequireForeignKeyIndexes, ctorm::Table<User>,
                             ctorm::Table<Post, author, ctorm::Index<&Post::author_id>>>;
// ctorm's own join table indexes its second key, so the policy holds for it too.
using StrictJoin = ctorm::Schema<ctorm::RequireForeignKeyIndexes, ctorm::Table<Post, ctorm::ManyToMany<Tag>>,
                                 ctorm::Table<Tag>>;
}  // namespace rels

using namespace rels;

TEST_CASE("relation types describe themselves", "[relations]") {
  STATIC_REQUIRE(author::kind == ctorm::relation_kind::belongs_to);
  STATIC_REQUIRE(std::is_same_v<author::owner, Post>);
  STATIC_REQUIRE(author::on_delete == ctorm::action::cascade);
  STATIC_REQUIRE(author::on_update == ctorm::action::no_action);
  STATIC_REQUIRE(reviewer::on_update == ctorm::action::cascade);
  STATIC_REQUIRE_FALSE(author::unique);
  STATIC_REQUIRE(std::is_void_v<author::references>);
  STATIC_REQUIRE(posts::kind == ctorm::relation_kind::has_many);
  STATIC_REQUIRE(std::is_same_v<ctorm::HasManyThrough<posts, author>::target, User>);
  STATIC_REQUIRE(ctorm::Relation<liked>);
  STATIC_REQUIRE_FALSE(ctorm::Relation<ctorm::Index<&Post::id>>);
}

TEST_CASE("the schema is valid and counts ctorm's join table", "[relations]") {
  STATIC_REQUIRE(ctorm::valid<Schema>);
  STATIC_REQUIRE(ctorm::valid<Strict>);
  STATIC_REQUIRE(Schema::table_count == 10);
  using J = ctorm::junction_of<Schema, Tag, Post>;
  STATIC_REQUIRE(std::is_same_v<J, ctorm::junction_of<Schema, Post, Tag>>);
  STATIC_REQUIRE(J::name == "posts_tags");
  STATIC_REQUIRE(Schema::contains<J::type>);
}

TEST_CASE("foreign keys with their actions", "[relations][ddl]") {
  STATIC_REQUIRE(ctorm::sql::create_table<Schema, Post> ==
                 R"(CREATE TABLE IF NOT EXISTS "posts" ("id" INTEGER PRIMARY KEY, "author_id" INTEGER NOT NULL, )"
                 R"("reviewer_id" INTEGER, FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE, )"
                 R"(FOREIGN KEY ("reviewer_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE) STRICT)");
  STATIC_REQUIRE(ctorm::sql::create_table<Schema, Line> ==
                 R"(CREATE TABLE IF NOT EXISTS "lines" ("id" INTEGER PRIMARY KEY, )"
                 R"("order_year" INTEGER NOT NULL CHECK ("order_year" BETWEEN -2147483648 AND 2147483647), )"
                 R"("order_no" INTEGER NOT NULL, FOREIGN KEY ("order_year", "order_no") REFERENCES "orders" )"
                 R"(("year", "no") ON DELETE RESTRICT) STRICT)");
  STATIC_REQUIRE(ctorm::sql::create_table<Schema, Product> ==
                 R"(CREATE TABLE IF NOT EXISTS "products" ("id" INTEGER PRIMARY KEY, "category_slug" TEXT NOT NULL, )"
                 R"(FOREIGN KEY ("category_slug") REFERENCES "categories" ("slug")) STRICT)");
  STATIC_REQUIRE(ctorm::sql::create_table<Schema, Profile> ==
                 R"(CREATE TABLE IF NOT EXISTS "profiles" ("id" INTEGER PRIMARY KEY, "user_id" INTEGER NOT NULL, )"
                 R"(UNIQUE ("user_id"), FOREIGN KEY ("user_id") REFERENCES "users" ("id")) STRICT)");
}

TEST_CASE("an index for every uncovered foreign key, and for morph columns", "[relations][ddl]") {
  // author_id gets an index; reviewer_id has the user's Index<> and no second one.
  STATIC_REQUIRE(ctorm::sql::create_indexes<Schema, Post> ==
                 "CREATE INDEX IF NOT EXISTS \"posts_author_id_index\" ON \"posts\" (\"author_id\");\n"
                 "CREATE INDEX IF NOT EXISTS \"posts_reviewer_id_index\" ON \"posts\" (\"reviewer_id\");\n");
  STATIC_REQUIRE(ctorm::sql::create_indexes<Schema, Line> ==
                 "CREATE INDEX IF NOT EXISTS \"lines_order_year_order_no_index\" ON \"lines\" (\"order_year\", \"order_no\");\n");
  STATIC_REQUIRE(ctorm::sql::create_indexes<Schema, Profile> == "");  // UNIQUE covers it
  STATIC_REQUIRE(ctorm::sql::create_indexes<Schema, Like> ==
                 "CREATE INDEX IF NOT EXISTS \"likes_target_type_target_id_index\" ON \"likes\" (\"target_type\", \"target_id\");\n");
  STATIC_REQUIRE(ctorm::valid<StrictJoin>);
  STATIC_REQUIRE(ctorm::sql::create_indexes<StrictJoin, ctorm::junction_of<StrictJoin, Post, Tag>::type> ==
                 "CREATE INDEX IF NOT EXISTS \"posts_tags_tag_id_index\" ON \"posts_tags\" (\"tag_id\");\n");
  // The policy turns automatic indexes off; the user's Index<> stays.
  STATIC_REQUIRE(ctorm::sql::create_indexes<Strict, Post> ==
                 "CREATE INDEX IF NOT EXISTS \"posts_author_id_index\" ON \"posts\" (\"author_id\");\n");
}

TEST_CASE("ctorm's join table", "[relations][ddl]") {
  using J = ctorm::junction_of<Schema, Post, Tag>;
  STATIC_REQUIRE(ctorm::sql::create_table<Schema, J::type> ==
                 R"(CREATE TABLE IF NOT EXISTS "posts_tags" ("post_id" INTEGER NOT NULL, "tag_id" INTEGER NOT NULL, )"
                 R"(PRIMARY KEY ("post_id", "tag_id"), FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE, )"
                 R"(FOREIGN KEY ("tag_id") REFERENCES "tags" ("id") ON DELETE CASCADE) STRICT)");
  STATIC_REQUIRE(ctorm::sql::create_indexes<Schema, J::type> ==
                 "CREATE INDEX IF NOT EXISTS \"posts_tags_tag_id_index\" ON \"posts_tags\" (\"tag_id\");\n");
}

// string_view::find is not a constant expression under GCC's UBSan; an index loop is.
constexpr std::size_t at(std::string_view text, std::string_view part) {
  for (std::size_t i = 0; i + part.size() <= text.size(); ++i)
    if (text.substr(i, part.size()) == part) return i;
  return std::string_view::npos;
}

TEST_CASE("referenced tables are created first", "[relations][ddl]") {
  constexpr std::string_view all = ctorm::schema_sql<Schema>();
  STATIC_REQUIRE(all == ctorm::sql::create_schema<Schema>);
  STATIC_REQUIRE(at(all, "CREATE TABLE IF NOT EXISTS \"orders\"") < at(all, "CREATE TABLE IF NOT EXISTS \"lines\""));
  STATIC_REQUIRE(at(all, "CREATE TABLE IF NOT EXISTS \"users\"") < at(all, "CREATE TABLE IF NOT EXISTS \"posts\""));
  STATIC_REQUIRE(at(all, "CREATE TABLE IF NOT EXISTS \"categories\"") < at(all, "CREATE TABLE IF NOT EXISTS \"products\""));
  STATIC_REQUIRE(at(all, "CREATE TABLE IF NOT EXISTS \"tags\"") < at(all, "CREATE TABLE IF NOT EXISTS \"posts_tags\""));
  STATIC_REQUIRE(at(all, "CREATE TABLE IF NOT EXISTS \"posts\"") < at(all, "CREATE TABLE IF NOT EXISTS \"posts_tags\""));
}

namespace rels {
struct Node {
  std::int64_t id{};
  std::optional<std::int64_t> parent_id{};
  std::string label{};
};
using Small = ctorm::Schema<ctorm::Table<User, posts, profile>, ctorm::Table<Post, author, reviewer>,
                            ctorm::Table<Profile, ctorm::BelongsTo<User, &Profile::user_id, ctorm::Unique<>>>,
                            ctorm::Table<Node, ctorm::BelongsTo<Node, &Node::parent_id>>,
                            ctorm::Table<Like, liked>>;
}  // namespace rels

TEST_CASE("the Mermaid diagram", "[relations][mermaid]") {
  STATIC_REQUIRE(ctorm::mermaid<Small>() ==
                 "erDiagram\n"
                 "    users {\n"
                 "        INTEGER id PK\n"
                 "        TEXT email\n"
                 "    }\n"
                 "    posts {\n"
                 "        INTEGER id PK\n"
                 "        INTEGER author_id FK\n"
                 "        INTEGER reviewer_id FK \"nullable\"\n"
                 "    }\n"
                 "    profiles {\n"
                 "        INTEGER id PK\n"
                 "        INTEGER user_id FK, UK\n"
                 "    }\n"
                 "    nodes {\n"
                 "        INTEGER id PK\n"
                 "        INTEGER parent_id FK \"nullable\"\n"
                 "        TEXT label\n"
                 "    }\n"
                 "    likes {\n"
                 "        INTEGER id PK\n"
                 "        TEXT target_type\n"
                 "        INTEGER target_id\n"
                 "    }\n"
                 "    users ||--o{ posts : \"author_id\"\n"
                 "    users |o--o{ posts : \"reviewer_id\"\n"
                 "    users ||--o| profiles : \"user_id\"\n"
                 "    nodes |o--o{ nodes : \"parent_id\"\n"
                 "    posts |o..o{ likes : \"target_type, target_id (morph)\"\n");
}
