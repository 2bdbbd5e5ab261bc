// verify() and migrate() against live databases that hold data: every kind of difference is
// found, additive changes need no permission, rebuilds keep every row, and nothing is applied
// when a change is refused or fails.

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <ctorm/ctorm.hpp>

#include "sqlite_helpers.hpp"

namespace {

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
};

using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using Blog = ctorm::Schema<ctorm::Table<User, posts, ctorm::Unique<&User::email>>,
                           ctorm::Table<Post, author, ctorm::Index<&Post::title>>>;

/// The same schema written by hand in another style: lower-case and aliased types, a unique
/// index instead of a UNIQUE constraint, other index names, REFERENCES without a column list.
constexpr const char* equivalent_ddl = R"(
create table users (id integer primary key, email text not null, name text) strict;
create unique index users_by_email on users (email);
create table posts (
  id integer primary key,
  author_id integer not null references users on delete cascade,
  title text not null,
  body text
) strict;
create index by_author on posts (author_id);
create index by_title on posts (title);
)";

/// Users 1..3, posts 1..6: the data every migration must keep.
constexpr const char* data_sql = R"(
insert into users (id, email, name) values (1, 'ann@example.org', 'Ann'), (2, 'bob@example.org', null),
  (3, 'cy@example.org', 'Cy');
insert into posts (id, author_id, title, body) values (1, 1, 'a', 'x'), (2, 1, 'b', null), (3, 2, 'c', 'y'),
  (4, 2, 'd', null), (5, 3, 'e', 'z'), (6, 3, 'f', null);
)";

using Db = ctorm::Database<Blog>;

std::vector<std::vector<std::string>> all_posts(sqlite3* db) {
  return test::rows(db, "SELECT id, author_id, title, coalesce(body, 'NULL') FROM posts ORDER BY id");
}

/// The database is consistent: SQLite finds nothing wrong with it.
void require_sound(sqlite3* db) {
  REQUIRE(test::scalar(db, "PRAGMA integrity_check") == "ok");
  REQUIRE(test::rows(db, "PRAGMA foreign_key_check").empty());
}

bool has(const ctorm::SchemaReport& r, ctorm::Drift kind, const std::string& table, const std::string& item = {}) {
  for (const auto& d : r.differences)
    if (d.kind == kind && d.table == table && (item.empty() || d.item == item)) return true;
  return false;
}

/// Each test case has its own file: ctest runs them in parallel.
struct fixture {
  explicit fixture(const std::string& name) : file("migration_" + name + ".db") {}
  test::temp_file file;
  Db db{file.path};
  sqlite3* raw() { return db.native_handle(); }
  void exec(const std::string& sql) { test::exec(raw(), sql); }
};

}  // namespace

TEST_CASE("verify: the schema's own DDL and equivalent hand-written DDL both match", "[migration]") {
  fixture f{"1"};
  SECTION("create_all") {
    f.db.create_all();
  }
  SECTION("hand-written") {
    f.exec(equivalent_ddl);
  }
  const auto report = f.db.verify();
  INFO(report.to_string());
  REQUIRE(report.ok());
  REQUIRE(f.db.plan_migration().empty());
}

TEST_CASE("verify: an empty database lacks every table", "[migration]") {
  fixture f{"2"};
  const auto report = f.db.verify();
  REQUIRE(report.differences.size() == 2);
  REQUIRE(has(report, ctorm::Drift::missing_table, "users"));
  REQUIRE(has(report, ctorm::Drift::missing_table, "posts"));
}

TEST_CASE("verify: reports every kind of difference", "[migration]") {
  fixture f{"3"};
  // Against the schema: posts.author_id nullable and without ON DELETE CASCADE, body a BLOB,
  // title missing, an extra column and table, no title index, a non-unique email index,
  // users not STRICT.
  f.exec(R"(
    create table users (id integer primary key, email text not null, name text);
    create index users_email on users (email);
    create table posts (id integer primary key, author_id integer references users (id),
                        body blob, extra text) strict;
    create index posts_author on posts (author_id);
    create table notes (id integer primary key);
  )");
  const auto r = f.db.verify();
  INFO(r.to_string());
  using ctorm::Drift;
  CHECK(has(r, Drift::not_strict, "users"));
  CHECK(has(r, Drift::index_uniqueness, "users", "users_email"));
  CHECK(has(r, Drift::missing_column, "posts", "title"));
  CHECK(has(r, Drift::extra_column, "posts", "extra"));
  CHECK(has(r, Drift::column_type, "posts", "body"));
  CHECK(has(r, Drift::column_nullability, "posts", "author_id"));
  CHECK(has(r, Drift::foreign_key_changed, "posts", "author_id"));
  CHECK(has(r, Drift::extra_table, "notes"));
  CHECK(has(r, Drift::missing_index, "posts", "posts_title_index"));
  CHECK(r.differences.size() == 9);
  // Each line names table, item and both sides.
  CHECK_THAT(r.to_string(), Catch::Contains("posts.body: column_type: TEXT expected, BLOB found"));
  CHECK_THAT(r.to_string(), Catch::Contains("ON DELETE CASCADE expected"));
}

TEST_CASE("verify: primary key, missing and extra foreign keys and indexes", "[migration]") {
  fixture f{"4"};
  f.exec(R"(
    create table users (id integer, email text not null, name text, team integer references users (id),
                        primary key (id, email), unique (email)) strict;
    create table posts (id integer primary key, author_id integer not null, title text not null, body text) strict;
    create index posts_body on posts (body);
  )");
  const auto r = f.db.verify();
  INFO(r.to_string());
  using ctorm::Drift;
  CHECK(has(r, Drift::primary_key, "users"));
  CHECK(has(r, Drift::extra_foreign_key, "users", "team"));
  CHECK(has(r, Drift::extra_column, "users", "team"));
  CHECK(has(r, Drift::missing_foreign_key, "posts", "author_id"));
  CHECK(has(r, Drift::missing_index, "posts", "posts_author_id_index"));
  CHECK(has(r, Drift::missing_index, "posts", "posts_title_index"));
  CHECK(has(r, Drift::extra_index, "posts", "posts_body"));
}

TEST_CASE("ctorm::refuse_drift refuses a database that does not match", "[migration]") {
  test::temp_file file{"migration_refuse.db"};
  {
    Db db{file.path};
    test::exec(db.native_handle(), "create table users (id integer primary key, email text not null) strict");
  }
  try {
    Db db{file.path, ctorm::refuse_drift};
    FAIL("opened a drifted database");
  } catch (const ctorm::schema_drift& e) {
    CHECK_THAT(e.what(), Catch::Contains("users.name: missing_column"));
    CHECK_THAT(e.what(), Catch::Contains("posts: missing_table"));
    CHECK(e.report().differences.size() >= 2);
  }
  {
    Db db{file.path};
    db.migrate();
  }
  Db db{file.path, ctorm::refuse_drift};
  REQUIRE(db.verify().ok());
}

TEST_CASE("migrate: additive changes keep the data and need no permission", "[migration]") {
  fixture f{"5"};
  // An older version: no posts.body, no title index, no unique email, no posts table at all
  // in the first section.
  SECTION("a missing table and its indexes are created") {
    f.exec("create table users (id integer primary key, email text not null, name text, unique (email)) strict");
    f.exec("insert into users (id, email) values (1, 'ann@example.org')");
    const auto plan = f.db.plan_migration();
    REQUIRE(plan.blocked.empty());
    REQUIRE(plan.steps.size() == 3);  // the table and its two indexes
    CHECK_THAT(plan.sql(), Catch::StartsWith("CREATE TABLE IF NOT EXISTS \"posts\""));
    REQUIRE_FALSE(f.db.verify().ok());  // planning changed nothing
    f.db.migrate();
    CHECK(test::scalar(f.raw(), "select email from users") == "ann@example.org");
  }
  SECTION("a nullable column is added, an index and a unique index created") {
    f.exec(R"(
      create table users (id integer primary key, email text not null, name text) strict;
      create table posts (id integer primary key, author_id integer not null references users (id) on delete cascade,
                          title text not null) strict;
      create index posts_author_id_index on posts (author_id);
    )");
    f.exec("insert into users (id, email, name) values (1, 'ann@example.org', 'Ann'), (2, 'bob@example.org', null)");
    f.exec("insert into posts (id, author_id, title) values (1, 1, 'a'), (2, 2, 'b')");
    const auto plan = f.db.migrate();
    CHECK_THAT(plan.sql(), Catch::Contains(R"(ALTER TABLE "posts" ADD COLUMN "body" TEXT)"));
    CHECK_THAT(plan.sql(), Catch::Contains(R"(CREATE INDEX "posts_title_index")"));
    CHECK_THAT(plan.sql(), Catch::Contains(R"(CREATE UNIQUE INDEX "users_email_unique")"));
    CHECK(test::rows(f.raw(), "select id, author_id, title, coalesce(body, 'NULL') from posts order by id") ==
          std::vector<std::vector<std::string>>{{"1", "1", "a", "NULL"}, {"2", "2", "b", "NULL"}});
    // The unique index works like the constraint it stands for.
    CHECK_THROWS_AS(f.db.insert(User{.email = "ann@example.org"}), ctorm::constraint_error);
  }
  const auto after = f.db.verify();
  INFO(after.to_string());
  REQUIRE(after.ok());
  require_sound(f.raw());
  REQUIRE(f.db.plan_migration().empty());  // a second run has nothing to do
}

TEST_CASE("migrate: a unique index over duplicate values rolls back everything", "[migration]") {
  fixture f{"6"};
  f.exec(R"(
    create table users (id integer primary key, email text not null, name text) strict;
    insert into users (email) values ('same@example.org'), ('same@example.org');
  )");
  try {
    f.db.migrate();
    FAIL("migrated over duplicates");
  } catch (const ctorm::migration_error& e) {
    CHECK_THAT(e.what(), Catch::Contains("rolled back, nothing was changed"));
    CHECK_THAT(e.what(), Catch::Contains("UNIQUE constraint failed: users.email"));
  }
  // The posts table the same migration would have created is not there either.
  CHECK(test::scalar(f.raw(), "select count(*) from sqlite_schema where name = 'posts'") == "0");
  CHECK(test::scalar(f.raw(), "select count(*) from users") == "2");
  CHECK(test::scalar(f.raw(), "PRAGMA foreign_keys") == "1");
  require_sound(f.raw());
}

TEST_CASE("migrate: changes that need a rebuild are refused without Permit::rebuild", "[migration]") {
  fixture f{"7"};
  f.exec(equivalent_ddl);
  f.exec(data_sql);
  f.exec("PRAGMA foreign_keys = OFF");
  f.exec(R"(
    create table posts2 (id integer primary key, author_id integer not null references users (id),
                         title text not null, body text) strict;
    insert into posts2 select * from posts;
    drop table posts;
    alter table posts2 rename to posts;
    create index posts_author_id_index on posts (author_id);
    create index posts_title_index on posts (title);
  )");
  f.exec("PRAGMA foreign_keys = ON");
  const auto before = all_posts(f.raw());
  const auto plan = f.db.plan_migration();
  REQUIRE(plan.steps.empty());
  REQUIRE(plan.blocked.size() == 1);
  CHECK_THAT(plan.blocked[0], Catch::Contains("posts: needs a rebuild"));
  CHECK_THAT(plan.blocked[0], Catch::Contains("Permit::rebuild"));
  REQUIRE_THROWS_WITH(f.db.migrate(), Catch::Contains("migration refused, nothing was changed"));
  REQUIRE(all_posts(f.raw()) == before);

  // With the permission the foreign key gets its ON DELETE CASCADE, and every row stays.
  const auto done = f.db.migrate({.rebuild = true});
  CHECK_THAT(done.sql(), Catch::Contains(R"(ALTER TABLE "posts__ctorm_new" RENAME TO "posts")"));
  REQUIRE(all_posts(f.raw()) == before);
  REQUIRE(f.db.verify().ok());
  require_sound(f.raw());
  f.db.remove<User>(1);
  CHECK(test::scalar(f.raw(), "select count(*) from posts") == "4");
}

TEST_CASE("migrate: rebuilds change types and nullability and keep every row", "[migration]") {
  fixture f{"8"};
  // body stored as INTEGER-affinity column in a non-STRICT table with text-looking values,
  // author_id nullable.
  f.exec(R"(
    create table users (id integer primary key, email text not null unique, name text) strict;
    create table posts (id integer primary key, author_id integer references users on delete cascade,
                        title text not null, body int);
    create index posts_author_id_index on posts (author_id);
    create index posts_title_index on posts (title);
    create view titles as select title from posts;
    create trigger posts_title_check before insert on posts when new.title = '' begin select raise(abort, 'empty title'); end;
    insert into users (id, email) values (1, 'ann@example.org');
    insert into posts (id, author_id, title, body) values (1, 1, 'a', 12), (2, 1, 'b', null), (3, 1, 'c', 7);
  )");
  const auto r = f.db.verify();
  CHECK(has(r, ctorm::Drift::column_type, "posts", "body"));
  CHECK(has(r, ctorm::Drift::column_nullability, "posts", "author_id"));
  CHECK(has(r, ctorm::Drift::not_strict, "posts"));
  f.db.migrate({.rebuild = true});
  // STRICT TEXT takes the integers as their text, exactly.
  CHECK(test::rows(f.raw(), "select id, typeof(body), coalesce(body, 'NULL') from posts order by id") ==
        std::vector<std::vector<std::string>>{{"1", "text", "12"}, {"2", "null", "NULL"}, {"3", "text", "7"}});
  CHECK(f.db.verify().ok());
  // The view and the trigger survived the rebuild.
  CHECK(test::scalar(f.raw(), "select count(*) from titles") == "3");
  CHECK_THROWS_WITH(f.db.insert(Post{.author_id = 1, .title = ""}), Catch::Contains("empty title"));
  require_sound(f.raw());
}

TEST_CASE("migrate: a rebuild that would break data rolls back", "[migration]") {
  fixture f{"9"};
  SECTION("NULL in a column that becomes NOT NULL") {
    f.exec(R"(
      create table users (id integer primary key, email text not null unique, name text) strict;
      create table posts (id integer primary key, author_id integer references users (id) on delete cascade,
                          title text not null, body text) strict;
      insert into users (id, email) values (1, 'ann@example.org');
      insert into posts (id, author_id, title) values (1, 1, 'a'), (2, null, 'orphan');
    )");
    REQUIRE_THROWS_WITH(f.db.migrate({.rebuild = true}), Catch::Contains("NOT NULL constraint failed: posts__ctorm_new.author_id") &&
                                                             Catch::Contains("rolled back"));
  }
  SECTION("a foreign key that the data violates") {
    f.exec(R"(
      create table users (id integer primary key, email text not null unique, name text) strict;
      create table posts (id integer primary key, author_id integer not null, title text not null, body text) strict;
      insert into users (id, email) values (1, 'ann@example.org');
      insert into posts (id, author_id, title) values (1, 1, 'a'), (2, 99, 'orphan');
    )");
    REQUIRE_THROWS_WITH(f.db.migrate({.rebuild = true}), Catch::Contains("1 foreign key violation(s)") &&
                                                             Catch::Contains("posts row 2 references a missing users row"));
  }
  CHECK(test::scalar(f.raw(), "select count(*) from posts") == "2");
  CHECK(test::scalar(f.raw(), "select count(*) from sqlite_schema where name like '%ctorm_new%'") == "0");
  CHECK(test::scalar(f.raw(), "PRAGMA foreign_keys") == "1");
  REQUIRE(test::scalar(f.raw(), "PRAGMA integrity_check") == "ok");
}

TEST_CASE("migrate: a NOT NULL column cannot be added to a table with rows", "[migration]") {
  fixture f{"10"};
  f.exec(R"(
    create table users (id integer primary key, name text) strict;
    insert into users (name) values ('Ann');
  )");
  const auto plan = f.db.plan_migration({.rebuild = true});
  REQUIRE_FALSE(plan.blocked.empty());
  CHECK_THAT(plan.blocked[0], Catch::Contains("users.email: a NOT NULL column without a default cannot be added to a table with 1 rows"));
  REQUIRE_THROWS_AS(f.db.migrate({.rebuild = true}), ctorm::migration_error);
  CHECK(test::scalar(f.raw(), "select name from users") == "Ann");
}

TEST_CASE("migrate: extra columns, tables and indexes are kept unless a permit drops them", "[migration]") {
  fixture f{"11"};
  f.exec(equivalent_ddl);
  f.exec(data_sql);
  f.exec("alter table posts add column legacy text");
  f.exec("update posts set legacy = 'old ' || id");
  f.exec("create table audit (id integer primary key, what text)");
  f.exec("insert into audit (what) values ('kept')");
  f.exec("create index posts_body on posts (body)");
  const auto before = all_posts(f.raw());

  const auto plan = f.db.migrate();
  CHECK(plan.steps.empty());
  REQUIRE(plan.kept.size() == 3);
  CHECK(test::scalar(f.raw(), "select legacy from posts where id = 2") == "old 2");
  CHECK(test::scalar(f.raw(), "select what from audit") == "kept");
  // ctorm works on the table with its extra nullable column.
  const auto id = f.db.insert(Post{.author_id = 1, .title = "new"});
  CHECK(f.db.get<Post>(id)->title == "new");
  f.db.remove<Post>(id);

  SECTION("drop_columns alone still needs rebuild") {
    REQUIRE_THROWS_WITH(f.db.migrate({.drop_columns = true}), Catch::Contains("Permit::rebuild"));
    CHECK(test::scalar(f.raw(), "select legacy from posts where id = 2") == "old 2");
  }
  SECTION("everything dropped with permission") {
    f.db.migrate({.rebuild = true, .drop_columns = true, .drop_tables = true, .drop_indexes = true});
    CHECK(f.db.verify().ok());
    CHECK(all_posts(f.raw()) == before);
    require_sound(f.raw());
  }
}

TEST_CASE("migrate: an extra NOT NULL column without a default blocks inserts, so it needs a permit", "[migration]") {
  fixture f{"12"};
  f.exec(equivalent_ddl);
  f.exec(data_sql);
  f.exec("alter table users add column code text not null default 'x'");  // has a default: kept
  REQUIRE(f.db.plan_migration().blocked.empty());
  f.exec("PRAGMA foreign_keys = OFF");
  f.exec(R"(
    create table posts2 (id integer primary key, author_id integer not null references users on delete cascade,
                         title text not null, body text, rank integer not null) strict;
    insert into posts2 select id, author_id, title, body, 0 from posts;
    drop table posts; alter table posts2 rename to posts;
    create index posts_author_id_index on posts (author_id); create index posts_title_index on posts (title);
  )");
  f.exec("PRAGMA foreign_keys = ON");
  const auto plan = f.db.plan_migration({.rebuild = true});
  REQUIRE(plan.blocked.size() == 1);
  CHECK_THAT(plan.blocked[0], Catch::Contains("NOT NULL without a default: inserts would fail"));
  CHECK_THAT(plan.blocked[0], Catch::Contains("Permit::drop_columns"));
  f.db.migrate({.rebuild = true, .drop_columns = true});
  CHECK(test::scalar(f.raw(), "select count(*) from posts") == "6");
  CHECK(f.db.insert(Post{.author_id = 1, .title = "works"}) == 7);
}

TEST_CASE("migrate: inside a transaction is a usage error", "[migration]") {
  fixture f{"13"};
  auto tx = f.db.transaction();
  REQUIRE_THROWS_AS(f.db.migrate(), ctorm::usage_error);
}
