// The examples of docs/postgresql.md.
#include <ctorm/ctorm.hpp>
#include <ctorm/postgresql.hpp>

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "check.hpp"

namespace postgresql_guide {

// [declare]
struct User {
  std::int64_t id{};
  std::string email{};
  std::optional<std::string> name{};
  std::int16_t karma{};
};
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::string title{};
  double score{};
  bool published{};
  std::chrono::sys_seconds created_at{};
  std::optional<std::chrono::sys_days> embargo{};
  std::vector<std::byte> cover{};
  std::uint32_t views{};
};

using posts = ctorm::HasMany<Post, &Post::author_id>;
using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using Blog = ctorm::Schema<ctorm::Table<User, posts, ctorm::Unique<&User::email>>, ctorm::Table<Post, author>>;
// [declare-end]

void run(const std::string& conninfo) {
  using namespace std::chrono;
  using ctorm::col;
  // [connect]
  ctorm::Database<Blog, ctorm::postgresql> db{conninfo, ctorm::postgresql_options{.connect_timeout = 5s}};
  db.create_all();  // the tables and indexes, in one transaction
  // [connect-end]

  // [crud]
  const auto ann = db.insert(User{.email = "ann@example.org", .name = "Ann"});  // RETURNING "id"
  const auto first = db.insert(Post{.author_id = ann,
                                    .title = "Hello, PostgreSQL",
                                    .score = 0.1,
                                    .published = true,
                                    .created_at = floor<seconds>(sys_days{2024y / 3 / 1} + 9h),
                                    .cover = {std::byte{0x89}, std::byte{0x00}}});
  CHECK(db.get<Post>(first)->cover.size() == 2);

  // A key chosen by the program moves the identity sequence past it: the next insert does not
  // collide with it.
  db.upsert(User{.id = 100, .email = "bob@example.org"});
  CHECK(db.insert(User{.email = "cy@example.org"}) == 101);
  // [crud-end]

  // [queries]
  // like() is case-insensitive for ASCII on both backends: ILIKE here, LIKE on SQLite.
  CHECK(db.select<Post>().where(col<&Post::title>.like("hello%")).count() == 1);
  // Lists are one array parameter: `"id" = ANY($1)`, whatever their length.
  CHECK(db.select<User>().where(col<&User::id>.in(std::vector<std::int64_t>{ann, 100, 7})).count() == 2);
  auto authors = db.select<User>().where_has<posts>().with<posts>().all();
  CHECK(authors.size() == 1 && authors[0].get<posts>().size() == 1);
  // [queries-end]

  // [bulk]
  std::vector<Post> many;
  for (int i = 0; i < 10000; ++i)
    many.push_back(Post{.author_id = ann, .title = "post " + std::to_string(i), .created_at = sys_seconds{}});
  CHECK(db.insert_all(many) == 10000);  // COPY ... FROM STDIN (FORMAT binary)

  std::int64_t seen = 0;
  for (const Post& p : db.select<Post>().where(col<&Post::author_id> == ann)) {  // one row at a time
    seen += p.author_id == ann;
  }
  CHECK(seen == 10001);
  // [bulk-end]

  // [transactions]
  const auto moved = db.transact(
      [&] {
        return db.update<Post>().set(col<&Post::views> = col<&Post::views> + 1).where(col<&Post::author_id> == ann);
      },
      {.attempts = 5, .mode = ctorm::isolation::serializable});
  CHECK(moved == 10001);
  // [transactions-end]

  // [errors]
  try {
    db.insert(User{.email = "ann@example.org"});
    CHECK(false);
  } catch (const ctorm::constraint_error& e) {
    CHECK(e.sqlstate() == "23505");                // unique_violation
    CHECK(e.constraint() == "users_email_key");   // the constraint PostgreSQL names
  }
  // [errors-end]

  // [aborted]
  {
    auto tx = db.transaction();
    db.insert(User{.email = "dan@example.org"});
    {
      auto attempt = db.transaction();  // a savepoint
      try {
        db.insert(User{.email = "ann@example.org"});  // fails: PostgreSQL aborts the savepoint
        attempt.commit();
      } catch (const ctorm::constraint_error&) {
        // `attempt` rolls back to its savepoint: the outer transaction goes on.
      }
    }
    tx.commit();
  }
  CHECK(db.select<User>().where(col<&User::email> == "dan@example.org").exists());
  // [aborted-end]
}

}  // namespace postgresql_guide

namespace {
bool exec(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok) std::fprintf(stderr, "%s: %s", sql.c_str(), PQerrorMessage(c));
  PQclear(r);
  return ok;
}

/// The tests' server: $CTORM_PG_STATE/conninfo, in key=value form.
std::optional<std::string> test_server() {
  const char* state = std::getenv("CTORM_PG_STATE");
  if (state == nullptr) return std::nullopt;
  std::ifstream in(std::string(state) + "/conninfo");
  std::string conninfo;
  if (!std::getline(in, conninfo) || conninfo.empty()) {
    std::fprintf(stderr, "docs_examples: no conninfo in %s (is the tests' PostgreSQL server running?)\n", state);
    std::exit(1);
  }
  return conninfo;
}
}  // namespace

/// Prints the DDL the page shows; with CTORM_PG_STATE set (`ctest`), also runs the examples on
/// the tests' server, in a schema of their own that is dropped afterwards.
int postgresql_example() {
  using namespace postgresql_guide;
  docs::print_block("ddl", docs::table_ddl(ctorm::sql::create_table<Blog, Post, ctorm::postgresql_dialect>,
                                           ctorm::sql::create_indexes<Blog, Post, ctorm::postgresql_dialect>));
  const auto conninfo = test_server();
  if (!conninfo) return 0;
  PGconn* admin = PQconnectdb(conninfo->c_str());
  PQsetNoticeProcessor(admin, [](void*, const char*) {}, nullptr);  // DROP ... CASCADE's notices
  if (PQstatus(admin) != CONNECTION_OK) {
    std::fprintf(stderr, "docs_examples: %s", PQerrorMessage(admin));
    PQfinish(admin);
    return 1;
  }
  const bool made = exec(admin, "DROP SCHEMA IF EXISTS ctorm_docs CASCADE") && exec(admin, "CREATE SCHEMA ctorm_docs");
  int status = made ? 0 : 1;
  if (made) {
    try {
      run(*conninfo + " options='-csearch_path=ctorm_docs'");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "docs_examples: %s\n", e.what());
      status = 1;
    }
    exec(admin, "DROP SCHEMA ctorm_docs CASCADE");
  }
  PQfinish(admin);
  return status;
}
