#include <catch2/catch.hpp>

#include <ctorm/ctorm.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sqlite_helpers.hpp"

namespace crud {
struct User {
  std::int64_t id{};
  std::string email{};
  std::optional<std::string> name{};
};
struct PostTag {
  std::int64_t post_id{};
  std::int64_t tag_id{};
  std::int64_t position{};
};
struct Slug {
  std::string slug{};
  std::int32_t hits{};
};
struct Small {
  std::int32_t id{};
  std::string label{};
};
struct Counter {
  std::int64_t id{};
};
struct NoKey {
  std::int64_t at{};
  std::string text{};
};
using Schema = ctorm::Schema<
    ctorm::Table<User, ctorm::Unique<&User::email>, ctorm::Index<&User::name>>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>>,
    ctorm::Table<Slug, ctorm::PrimaryKey<&Slug::slug>>, ctorm::Table<Small>, ctorm::Table<Counter>,
    ctorm::Table<NoKey>>;
using Db = ctorm::Database<Schema>;

bool operator==(const User& a, const User& b) {
  return a.id == b.id && a.email == b.email && a.name == b.name;
}
}  // namespace crud

using namespace crud;

TEST_CASE("create_all makes the schema as declared, and can run twice", "[crud][ddl]") {
  Db db{":memory:"};
  db.create_all();
  db.create_all();
  sqlite3* raw = db.native_handle();
  // SQLite keeps the CREATE TABLE text it ran, minus "IF NOT EXISTS".
  CHECK(test::scalar(raw, "SELECT sql FROM sqlite_schema WHERE name = 'users'") ==
        R"(CREATE TABLE "users" ("id" INTEGER PRIMARY KEY, "email" TEXT NOT NULL, "name" TEXT, UNIQUE ("email")) STRICT)");
  CHECK(test::scalar(raw, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") == "6");
  CHECK(test::scalar(raw, "SELECT strict FROM pragma_table_list WHERE name = 'post_tags'") == "1");
  CHECK(test::rows(raw, "SELECT name, pk FROM pragma_table_info('post_tags') ORDER BY cid") ==
        std::vector<std::vector<std::string>>{{"post_id", "1"}, {"tag_id", "2"}, {"position", "0"}});
  CHECK(test::rows(raw, "SELECT name, \"unique\" FROM pragma_index_list('users') ORDER BY name") ==
        std::vector<std::vector<std::string>>{{"sqlite_autoindex_users_1", "1"}, {"users_name_index", "0"}});
  CHECK(test::scalar(raw, "PRAGMA foreign_keys") == "1");
}

TEST_CASE("insert returns the key SQLite assigns; get reads the row back", "[crud]") {
  Db db{":memory:"};
  db.create_all();
  const auto ann = db.insert(User{.email = "ann@example.org", .name = "Ann"});
  const auto bob = db.insert(User{.id = 999, .email = "bob@example.org", .name = std::nullopt});
  STATIC_REQUIRE(std::is_same_v<decltype(ann), const std::int64_t>);
  CHECK(ann == 1);
  CHECK(bob == 2);  // the id member is not written: the key is SQLite's to assign
  CHECK(db.get<User>(ann) == User{1, "ann@example.org", "Ann"});
  CHECK(db.get<User>(bob) == User{2, "bob@example.org", std::nullopt});
  CHECK_FALSE(db.get<User>(3).has_value());
  CHECK_FALSE(db.get<User>(-1).has_value());
  CHECK(db.count<User>() == 2);
  CHECK(db.all<User>() == std::vector<User>{{1, "ann@example.org", "Ann"}, {2, "bob@example.org", std::nullopt}});
}

TEST_CASE("update writes every non-key member; remove deletes by key", "[crud]") {
  Db db{":memory:"};
  db.create_all();
  auto id = db.insert(User{.email = "ann@example.org", .name = "Ann"});
  User u = *db.get<User>(id);
  u.email = "ann@example.com";
  u.name.reset();
  CHECK(db.update(u));
  CHECK(db.get<User>(id) == u);
  CHECK_FALSE(db.update(User{.id = 42, .email = "nobody"}));
  CHECK(db.count<User>() == 1);
  CHECK(db.remove<User>(id));
  CHECK_FALSE(db.remove<User>(id));
  CHECK(db.count<User>() == 0);
}

TEST_CASE("composite and text primary keys", "[crud]") {
  Db db{":memory:"};
  db.create_all();
  db.insert(PostTag{1, 10, 0});
  db.insert(PostTag{1, 11, 1});
  db.insert(PostTag{2, 10, 0});
  REQUIRE_THROWS_AS(db.insert(PostTag{1, 10, 5}), ctorm::constraint_error);
  CHECK(db.get<PostTag>(1, 11)->position == 1);
  CHECK_FALSE(db.get<PostTag>(2, 11));
  CHECK(db.update(PostTag{1, 11, 7}));
  CHECK(db.get<PostTag>(1, 11)->position == 7);
  CHECK(db.remove<PostTag>(1, 10));
  CHECK(db.count<PostTag>() == 2);

  db.insert(Slug{"hello-world", 3});
  const std::string key = "hello-world";
  CHECK(db.get<Slug>(key)->hits == 3);
  CHECK(db.get<Slug>(std::string_view("hello-world"))->hits == 3);
  CHECK(db.get<Slug>("hello-world")->hits == 3);
  CHECK(db.update(Slug{"hello-world", 4}));
  CHECK(db.get<Slug>("hello-world")->hits == 4);
}

TEST_CASE("upsert inserts or updates by key; replace swaps the row", "[crud]") {
  Db db{":memory:"};
  db.create_all();
  db.upsert(User{.id = 7, .email = "ann@example.org", .name = "Ann"});
  CHECK(db.get<User>(7)->name == "Ann");
  db.upsert(User{.id = 7, .email = "ann@example.org", .name = "Anne"});
  CHECK(db.get<User>(7)->name == "Anne");
  CHECK(db.count<User>() == 1);
  db.replace(User{.id = 7, .email = "ann@example.net", .name = std::nullopt});
  CHECK(db.get<User>(7) == User{7, "ann@example.net", std::nullopt});
  db.upsert(PostTag{1, 2, 3});
  db.upsert(PostTag{1, 2, 4});
  CHECK(db.get<PostTag>(1, 2)->position == 4);
}

TEST_CASE("a narrow integer key is checked on the way back", "[crud]") {
  Db db{":memory:"};
  db.create_all();
  STATIC_REQUIRE(std::is_same_v<decltype(db.insert(Small{})), std::int32_t>);
  CHECK(db.insert(Small{.label = "a"}) == 1);
  test::exec(db.native_handle(), "INSERT INTO smalls (id, label) VALUES (2147483647, 'max')");
  // SQLite picks max(rowid) + 1, which the int32_t key cannot hold.
  REQUIRE_THROWS_AS(db.insert(Small{.label = "b"}), ctorm::conversion_error);
}

TEST_CASE("a table of only an integer key inserts DEFAULT VALUES", "[crud]") {
  Db db{":memory:"};
  db.create_all();
  CHECK(db.insert(Counter{}) == 1);
  CHECK(db.insert(Counter{}) == 2);
  CHECK(db.count<Counter>() == 2);
}

TEST_CASE("a table without a key inserts and lists, returning the rowid", "[crud]") {
  Db db{":memory:"};
  db.create_all();
  CHECK(db.insert(NoKey{5, "five"}) == 1);
  CHECK(db.insert(NoKey{5, "five again"}) == 2);
  CHECK(db.all<NoKey>().size() == 2);
}

TEST_CASE("statements are prepared once per connection", "[crud][cache]") {
  Db db{":memory:"};
  db.create_all();
  db.insert(User{.email = "a"});
  sqlite3* raw = db.native_handle();
  const auto prepared = [&] {
    int n = 0;
    for (sqlite3_stmt* s = sqlite3_next_stmt(raw, nullptr); s; s = sqlite3_next_stmt(raw, s)) ++n;
    return n;
  };
  const int after_first = prepared();
  for (int i = 0; i < 100; ++i) {
    std::string email = "u";
    email += std::to_string(i);
    db.insert(User{.email = email});
    (void)db.get<User>(i);
  }
  CHECK(prepared() == after_first + 1);  // the get statement, once
  CHECK(db.count<User>() == 101);
}

TEST_CASE("Database is movable, and a moved-from one says so", "[crud]") {
  Db a{":memory:"};
  a.create_all();
  a.insert(User{.email = "ann"});
  Db b = std::move(a);
  CHECK(b.count<User>() == 1);
  REQUIRE_THROWS_AS(a.count<User>(), ctorm::usage_error);  // NOLINT(bugprone-use-after-move)
  STATIC_REQUIRE_FALSE(std::is_copy_constructible_v<Db>);
  STATIC_REQUIRE(std::is_nothrow_move_constructible_v<Db>);
}

TEST_CASE("a file database is opened in WAL mode with a busy timeout", "[crud][file]") {
  test::temp_file file{"crud_wal.db"};
  {
    Db db{file.path};
    db.create_all();
    db.insert(User{.email = "ann"});
    CHECK(test::scalar(db.native_handle(), "PRAGMA journal_mode") == "wal");
    CHECK(test::scalar(db.native_handle(), "PRAGMA foreign_keys") == "1");
  }
  ctorm::open_options options;
  options.busy_timeout = std::chrono::milliseconds{250};
  Db again{file.path, options};
  CHECK(again.get<User>(1)->email == "ann");
  // ctorm's own busy handler replaces SQLite's (PRAGMA busy_timeout reads 0): a writer waits
  // out another's lock for the timeout, then gets busy_error.
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(file.path.c_str(), &other) == SQLITE_OK);
  test::exec(other, "BEGIN IMMEDIATE");
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(again.insert(User{.email = "bob"}), ctorm::busy_error);
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= std::chrono::milliseconds{250});
  CHECK(waited < std::chrono::milliseconds{5000});
  test::exec(other, "ROLLBACK");
  sqlite3_close(other);
  CHECK(again.insert(User{.email = "bob"}) == 2);
}

TEST_CASE("errors carry SQLite's message, extended code and the SQL", "[crud][errors]") {
  Db db{":memory:"};
  db.create_all();
  db.insert(User{.email = "ann"});
  try {
    db.insert(User{.email = "ann"});
    FAIL("no exception");
  } catch (const ctorm::constraint_error& e) {
    CHECK(e.extended_code() == SQLITE_CONSTRAINT_UNIQUE);
    CHECK(e.code() == SQLITE_CONSTRAINT);
    CHECK(e.engine_message() == "UNIQUE constraint failed: users.email");
    CHECK(e.sql() == ctorm::sql::insert<ctorm::table_of<Schema, User>>);
    CHECK(std::string(e.what()).find("INSERT INTO \"users\"") != std::string::npos);
  }
  CHECK(db.count<User>() == 1);
}
