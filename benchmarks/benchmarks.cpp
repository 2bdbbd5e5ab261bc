// ctorm against hand-written SQLite C API code (and SOCI, when built with it), on the same
// schema, data and pragmas.
//
//   ctorm_benchmarks [--scale=F] [--dir=PATH] [--list] [--instructions=NAME]
//                    [google benchmark flags...]
//
// --scale (or CTORM_BENCH_SCALE) multiplies every size (default 1: 100k users, 300k posts,
// 600k comments, 20k point lookups, 1000 eager-loaded users). --dir (or CTORM_BENCH_DIR) is
// where the database files go (default: a fresh directory in the system temp directory).
// --list prints the case names. --instructions=NAME runs case NAME once to warm up and once
// inside ctorm_bench_measured(), for `valgrind --tool=callgrind --collect-atstart=no
// --toggle-collect=ctorm_bench_measured` (run.py --callgrind does this).
//
// Every database is a file in WAL mode with synchronous=NORMAL, foreign_keys=ON and a 5 s busy
// timeout, as ctorm opens it.

#include <sqlite3.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <unistd.h>

#include "common.hpp"
#include "ctorm_queries.hpp"
#include "harness.hpp"
#include "raw_schema.hpp"

#ifdef CTORM_BENCH_SOCI
namespace bench {
void add_soci_cases();
}
#endif

extern "C" __attribute__((noinline)) void ctorm_bench_measured(const std::function<void()>& f) {
  f();
}

namespace bench {

Sizes sizes;
Data data;
std::string shared_path;

namespace {

std::filesystem::path data_dir;


// ---------------------------------------------------------------------------------------------
// Raw SQLite helpers

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3* db, const char* sql) {
  check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql);
}

/// Opens a connection the way ctorm does (flags, busy timeout, foreign keys, WAL), plus
/// synchronous=NORMAL.
sqlite3* raw_open(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(db);
    throw std::runtime_error("cannot open " + path);
  }
  sqlite3_busy_timeout(db, 5000);
  exec(db, "PRAGMA foreign_keys = ON");
  exec(db, "PRAGMA journal_mode = WAL");
  exec(db, "PRAGMA synchronous = NORMAL");
  return db;
}

struct RawDb {
  sqlite3* db = nullptr;
  explicit RawDb(const std::string& path) : db(raw_open(path)) {}
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;
  ~RawDb() { sqlite3_close_v2(db); }
};

struct Stmt {
  sqlite3* db = nullptr;
  sqlite3_stmt* s = nullptr;
  const char* sql = nullptr;
  Stmt(sqlite3* db_, const char* sql_) : db(db_), sql(sql_) {
    check(db, sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr), sql);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s); }
  operator sqlite3_stmt*() const { return s; }
  /// Ends a step loop: throws on an error, resets for the next use.
  void done(int rc) {
    check(db, rc, sql);
    sqlite3_reset(s);
  }
};

std::string column_string(sqlite3_stmt* s, int i) {
  return {reinterpret_cast<const char*>(sqlite3_column_text(s, i)),
          static_cast<std::size_t>(sqlite3_column_bytes(s, i))};
}

std::optional<std::string> column_optional_string(sqlite3_stmt* s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return std::nullopt;
  return column_string(s, i);
}

void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text64(s, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
}

void bind_optional_text(sqlite3_stmt* s, int i, const std::optional<std::string>& v) {
  if (v)
    bind_text(s, i, *v);
  else
    sqlite3_bind_null(s, i);
}

User read_user(sqlite3_stmt* s) {
  return User{sqlite3_column_int64(s, 0), column_string(s, 1), column_optional_string(s, 2),
              sqlite3_column_int64(s, 3)};
}

/// A post from columns first..first+4 (the grouped queries put the parent key before them).
Post read_post(sqlite3_stmt* s, int first = 0) {
  return Post{sqlite3_column_int64(s, first), sqlite3_column_int64(s, first + 1),
              column_string(s, first + 2), column_optional_string(s, first + 3),
              sqlite3_column_double(s, first + 4)};
}

Comment read_comment(sqlite3_stmt* s, int first = 0) {
  return Comment{sqlite3_column_int64(s, first), sqlite3_column_int64(s, first + 1),
                 column_string(s, first + 2), sqlite3_column_int64(s, first + 3)};
}

constexpr const char* raw_insert_user = "INSERT INTO users (email, name, age) VALUES (?1, ?2, ?3)";
constexpr const char* raw_insert_post =
    "INSERT INTO posts (author_id, title, body, score) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* raw_select_posts = "SELECT id, author_id, title, body, score FROM posts";
constexpr const char* raw_get_post =
    "SELECT id, author_id, title, body, score FROM posts WHERE id = ?1";
constexpr const char* raw_join =
    "SELECT posts.id, posts.title, users.name FROM posts JOIN users ON users.id = posts.author_id "
    "WHERE users.age > ?1";
constexpr const char* raw_users_upto = "SELECT id, email, name, age FROM users WHERE id <= ?1";
constexpr const char* raw_posts_of_keys =
    "SELECT author_id, id, author_id, title, body, score FROM posts "
    "WHERE author_id IN (SELECT value FROM json_each(?1))";
constexpr const char* raw_posts_of_author =
    "SELECT id, author_id, title, body, score FROM posts WHERE author_id = ?1";
constexpr const char* raw_comments_of_keys =
    "SELECT post_id, id, post_id, body, stars FROM comments "
    "WHERE post_id IN (SELECT value FROM json_each(?1))";
constexpr const char* raw_comments_of_post =
    "SELECT id, post_id, body, stars FROM comments WHERE post_id = ?1";

void raw_insert(sqlite3* db) {
  exec(db, "BEGIN IMMEDIATE");
  {
    Stmt ins(db, raw_insert_user);
    for (const User& u : data.users) {
      bind_text(ins, 1, u.email);
      bind_optional_text(ins, 2, u.name);
      sqlite3_bind_int64(ins, 3, u.age);
      ins.done(sqlite3_step(ins));
    }
  }
  {
    Stmt ins(db, raw_insert_post);
    for (const Post& p : data.posts) {
      sqlite3_bind_int64(ins, 1, p.author_id);
      bind_text(ins, 2, p.title);
      bind_optional_text(ins, 3, p.body);
      sqlite3_bind_double(ins, 4, p.score);
      ins.done(sqlite3_step(ins));
    }
  }
  exec(db, "COMMIT");
}

using Db = ctorm::Database<Schema>;

std::unique_ptr<Db> ctorm_open(const std::string& path) {
  auto db = std::make_unique<Db>(path);
  exec(db->native_handle(), "PRAGMA synchronous = NORMAL");
  return db;
}

template <class Row>
void ctorm_insert_rows(Db& db, const std::vector<Row>& rows) {
  for (const Row& r : rows) db.insert(r);
}

// ---------------------------------------------------------------------------------------------
// Each contender keeps its connection, statements and last result in a shared state object
// that the closures of its Runner capture.

template <class Result>
struct RawState {
  std::unique_ptr<RawDb> conn = std::make_unique<RawDb>(shared_path);
  sqlite3* db = conn->db;
  Result last{};
};

template <class Result>
struct CtormState {
  std::unique_ptr<Db> db = ctorm_open(shared_path);
  Result last{};
};

template <class State, class Work, class Canon>
Runner query_runner(std::shared_ptr<State> st, Work work, Canon canon) {
  Runner r;
  r.run = [st, work] {
    st->last = work(*st);
    benchmark::DoNotOptimize(st->last);
  };
  r.digest = [st, canon] { return digest_of(canon(st->last)); };
  return r;
}

const auto identity = [](const auto& x) -> const auto& { return x; };

// ---------------------------------------------------------------------------------------------
// 1. Insert users and posts in one transaction, on a fresh file each iteration; the file's
// creation and the closing checkpoint are not timed.

void add_insert_cases() {
  add_case("insert", "raw", [] {
    auto db = std::make_shared<std::unique_ptr<RawDb>>();
    const std::string path = insert_path("raw");
    Runner r;
    r.before = [db, path] {
      remove_database(path);
      *db = std::make_unique<RawDb>(path);
      exec((*db)->db, raw::schema_ddl);
    };
    r.run = [db] { raw_insert((*db)->db); };
    r.after = [db] { db->reset(); };
    r.digest = [path] { return digest_tables(path); };
    return r;
  });
  add_case("insert", "ctorm", [] {
    auto db = std::make_shared<std::unique_ptr<Db>>();
    const std::string path = insert_path("ctorm");
    Runner r;
    r.before = [db, path] {
      remove_database(path);
      *db = ctorm_open(path);
      (*db)->create_all();
    };
    r.run = [db] {
      auto tx = (*db)->transaction();
      ctorm_insert_rows(**db, data.users);
      ctorm_insert_rows(**db, data.posts);
      tx.commit();
    };
    r.after = [db] { db->reset(); };
    r.digest = [path] { return digest_tables(path); };
    return r;
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Select every post into std::vector<Post>.

std::vector<Post> raw_select_all(Stmt& st) {
  std::vector<Post> rows;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) rows.push_back(read_post(st));
  st.done(rc);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 3. Point lookups by primary key.

std::optional<Post> raw_get(Stmt& st, std::int64_t id) {
  sqlite3_bind_int64(st, 1, id);
  std::optional<Post> found;
  const int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) found = read_post(st);
  st.done(rc == SQLITE_ROW ? SQLITE_DONE : rc);
  return found;
}

// ---------------------------------------------------------------------------------------------
// 4. Posts joined with their author's name, for authors older than 30.

std::vector<JoinRow> raw_join_rows(Stmt& st) {
  std::vector<JoinRow> rows;
  sqlite3_bind_int64(st, 1, sizes.min_age);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    rows.emplace_back(sqlite3_column_int64(st, 0), column_string(st, 1), column_optional_string(st, 2));
  st.done(rc);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 5 and 6. Eager loading: the first 1000 users with all their posts, then also the posts'
// comments.

std::vector<UserWithPosts> raw_users(Stmt& users) {
  std::vector<UserWithPosts> out;
  sqlite3_bind_int64(users, 1, sizes.eager_users);
  int rc;
  while ((rc = sqlite3_step(users)) == SQLITE_ROW) out.push_back(UserWithPosts{read_user(users), {}});
  users.done(rc);
  return out;
}

/// Runs a `... IN (SELECT value FROM json_each(?1))` query whose first column is the parent
/// key, and hands each row to `add(parent index, statement)`.
template <class Add>
void raw_children_of(Stmt& st, const std::vector<std::int64_t>& parents, Add add) {
  std::string keys;
  const auto index = parent_keys(parents, keys);
  bind_text(st, 1, keys);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const auto found = index.find(sqlite3_column_int64(st, 0));
    if (found != index.end()) add(found->second, st);
  }
  st.done(rc);
}

/// Two queries: the users, then their posts by a JSON array of keys, grouped in a hash map.
std::vector<UserWithPosts> raw_eager(Stmt& users, Stmt& posts) {
  auto out = raw_users(users);
  std::vector<std::int64_t> ids;
  ids.reserve(out.size());
  for (const auto& u : out) ids.push_back(u.user.id);
  raw_children_of(posts, ids, [&](std::size_t i, sqlite3_stmt* s) { out[i].posts.push_back(read_post(s, 1)); });
  return out;
}

/// The N+1 loop: one posts query per user, with the statement prepared once.
std::vector<UserWithPosts> raw_eager_n_plus_1(Stmt& users, Stmt& posts) {
  auto out = raw_users(users);
  for (auto& u : out) {
    sqlite3_bind_int64(posts, 1, u.user.id);
    int rc;
    while ((rc = sqlite3_step(posts)) == SQLITE_ROW) u.posts.push_back(read_post(posts));
    posts.done(rc);
  }
  return out;
}

std::vector<UserTree> raw_nested(Stmt& users, Stmt& posts, Stmt& comments) {
  std::vector<UserTree> out;
  {
    auto flat = raw_users(users);
    out.reserve(flat.size());
    for (auto& u : flat) out.push_back(UserTree{std::move(u.user), {}});
  }
  std::vector<std::int64_t> ids;
  ids.reserve(out.size());
  for (const auto& u : out) ids.push_back(u.user.id);
  // Where each post went: (user index, position), to find it again by the comments' key.
  std::vector<std::pair<std::size_t, std::size_t>> where;
  std::vector<std::int64_t> post_ids;
  raw_children_of(posts, ids, [&](std::size_t i, sqlite3_stmt* s) {
    out[i].posts.push_back(PostWithComments{read_post(s, 1), {}});
    where.emplace_back(i, out[i].posts.size() - 1);
    post_ids.push_back(out[i].posts.back().post.id);
  });
  raw_children_of(comments, post_ids, [&](std::size_t i, sqlite3_stmt* s) {
    out[where[i].first].posts[where[i].second].comments.push_back(read_comment(s, 1));
  });
  return out;
}

std::vector<UserTree> raw_nested_n_plus_1(Stmt& users, Stmt& posts, Stmt& comments) {
  std::vector<UserTree> out;
  sqlite3_bind_int64(users, 1, sizes.eager_users);
  int rc;
  while ((rc = sqlite3_step(users)) == SQLITE_ROW) out.push_back(UserTree{read_user(users), {}});
  users.done(rc);
  for (auto& u : out) {
    sqlite3_bind_int64(posts, 1, u.user.id);
    while ((rc = sqlite3_step(posts)) == SQLITE_ROW) u.posts.push_back(PostWithComments{read_post(posts), {}});
    posts.done(rc);
    for (auto& p : u.posts) {
      sqlite3_bind_int64(comments, 1, p.post.id);
      while ((rc = sqlite3_step(comments)) == SQLITE_ROW) p.comments.push_back(read_comment(comments));
      comments.done(rc);
    }
  }
  return out;
}

// ctorm's loaded rows, in the canonical shapes for the digest.


/// A raw runner with statements prepared once on its own connection.
template <class Result, std::size_t N, class Work>
Runner raw_runner(const char* const (&sqls)[N], Work work) {
  struct S : RawState<Result> {
    std::vector<std::unique_ptr<Stmt>> stmts;
  };
  auto st = std::make_shared<S>();
  for (const char* sql : sqls) st->stmts.push_back(std::make_unique<Stmt>(st->db, sql));
  return query_runner(st, [work](S& s) { return work(s.stmts); }, identity);
}

using Stmts = std::vector<std::unique_ptr<Stmt>>;

template <class Result, class Work, class Canon>
Runner ctorm_runner(Work work, Canon canon) {
  auto st = std::make_shared<CtormState<Result>>();
  return query_runner(st, [work](CtormState<Result>& s) { return work(*s.db); }, canon);
}

void add_query_cases() {
  add_case("select_all", "raw", [] {
    return raw_runner<std::vector<Post>>({raw_select_posts}, [](Stmts& s) { return raw_select_all(*s[0]); });
  });
  add_case("select_all", "ctorm", [] {
    return ctorm_runner<std::vector<Post>>([](Db& db) { return db.all<Post>(); }, identity);
  });
  add_case("select_all", "ctorm_select", [] {
    return ctorm_runner<std::vector<Post>>([](Db& db) { return db.select<Post>().all(); }, identity);
  });

  // The lookups' digest is over the sum of scores and ids of the posts found.
  add_case("point_lookup", "raw", [] {
    return raw_runner<std::vector<Post>>({raw_get_post}, [](Stmts& s) {
      std::vector<Post> found;
      found.reserve(data.lookup_ids.size());
      for (std::int64_t id : data.lookup_ids) found.push_back(*raw_get(*s[0], id));
      return found;
    });
  });
  add_case("point_lookup", "ctorm", [] {
    return ctorm_runner<std::vector<Post>>(
        [](Db& db) {
          std::vector<Post> found;
          found.reserve(data.lookup_ids.size());
          for (std::int64_t id : data.lookup_ids) found.push_back(*db.get<Post>(id));
          return found;
        },
        identity);
  });

  add_case("join", "raw", [] {
    return raw_runner<std::vector<JoinRow>>({raw_join}, [](Stmts& s) { return raw_join_rows(*s[0]); });
  });
  add_case("join", "ctorm", [] {
    return ctorm_runner<std::vector<JoinRow>>([](Db& db) -> std::vector<JoinRow> { return ctorm_join(db); }, identity);
  });

  add_case("eager", "raw", [] {
    return raw_runner<std::vector<UserWithPosts>>({raw_users_upto, raw_posts_of_keys},
                                                  [](Stmts& s) { return raw_eager(*s[0], *s[1]); });
  });
  add_case("eager", "raw_n_plus_1", [] {
    return raw_runner<std::vector<UserWithPosts>>({raw_users_upto, raw_posts_of_author},
                                                  [](Stmts& s) { return raw_eager_n_plus_1(*s[0], *s[1]); });
  });
  add_case("eager", "ctorm", [] {
    using Rows = decltype(ctorm_eager(std::declval<Db&>()));
    return ctorm_runner<Rows>([](Db& db) { return ctorm_eager(db); },
                              [](const Rows& rows) { return canon_eager(rows); });
  });

  add_case("nested", "raw", [] {
    return raw_runner<std::vector<UserTree>>({raw_users_upto, raw_posts_of_keys, raw_comments_of_keys},
                                             [](Stmts& s) { return raw_nested(*s[0], *s[1], *s[2]); });
  });
  add_case("nested", "raw_n_plus_1", [] {
    return raw_runner<std::vector<UserTree>>(
        {raw_users_upto, raw_posts_of_author, raw_comments_of_post},
        [](Stmts& s) { return raw_nested_n_plus_1(*s[0], *s[1], *s[2]); });
  });
  add_case("nested", "ctorm", [] {
    using Rows = decltype(ctorm_nested(std::declval<Db&>()));
    return ctorm_runner<Rows>([](Db& db) { return ctorm_nested(db); },
                              [](const Rows& rows) { return canon_nested(rows); });
  });
}

// ---------------------------------------------------------------------------------------------

void setup_shared() {
  shared_path = (data_dir / "shared.db").string();
  remove_database(shared_path);
  auto db = ctorm_open(shared_path);
  db->create_all();
  auto tx = db->transaction();
  ctorm_insert_rows(*db, data.users);
  ctorm_insert_rows(*db, data.posts);
  ctorm_insert_rows(*db, data.comments);
  tx.commit();
  exec(db->native_handle(), "PRAGMA wal_checkpoint(TRUNCATE)");
}


}  // namespace

void add_case(std::string workload, std::string contender, std::function<Runner()> make) {
  cases().push_back(Case{std::move(workload), std::move(contender), std::move(make)});
}

std::string insert_path(std::string_view who) {
  return (data_dir / ("insert-" + std::string(who) + ".db")).string();
}

void remove_database(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

std::uint64_t digest_tables(const std::string& path) {
  RawDb db(path);
  Digest d;
  Stmt users(db.db, "SELECT id, email, name, age FROM users ORDER BY id");
  Stmt posts(db.db, "SELECT id, author_id, title, body, score FROM posts ORDER BY id");
  int rc;
  while ((rc = sqlite3_step(users)) == SQLITE_ROW) d.add(read_user(users));
  users.done(rc);
  while ((rc = sqlite3_step(posts)) == SQLITE_ROW) d.add(read_post(posts));
  posts.done(rc);
  return d.value();
}

}  // namespace bench

int main(int argc, char** argv) {
  using namespace bench;
  double scale = 1.0;
  if (const char* env = std::getenv("CTORM_BENCH_SCALE")) scale = std::stod(env);
  data_dir = std::filesystem::temp_directory_path() / ("ctorm-bench-" + std::to_string(getpid()));
  if (const char* env = std::getenv("CTORM_BENCH_DIR")) data_dir = env;
  std::string instructions;
  bool list = false;
  // Take our own flags out before Google Benchmark sees the rest.
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--scale=")) scale = std::stod(std::string(arg.substr(8)));
    else if (arg.starts_with("--dir=")) data_dir = std::string(arg.substr(6));
    else if (arg.starts_with("--instructions=")) instructions = arg.substr(15);
    else if (arg == "--list") list = true;
    else argv[out++] = argv[i];
  }
  argc = out;
  if (!(scale > 0)) {
    std::fprintf(stderr, "scale must be positive\n");
    return 2;
  }
  scale_sizes(scale);

  add_insert_cases();
  add_query_cases();
#ifdef CTORM_BENCH_SOCI
  add_soci_cases();
#endif
  if (list) {
    for (const Case& c : cases()) std::printf("%s\n", c.name().c_str());
    return 0;
  }

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  const bool own_dir = !std::filesystem::exists(data_dir);
  std::filesystem::create_directories(data_dir);
  int rc = 0;
  try {
    make_data();
    setup_shared();
    verify();
    if (!instructions.empty()) {
      rc = measure_instructions(instructions);
    } else {
      // Contenders of one workload are registered next to each other.
      for (const Case& c : cases())
        benchmark::RegisterBenchmark(c.name().c_str(), [&c](benchmark::State& s) { run_case(s, c); })
            ->Unit(benchmark::kMillisecond)
            ->Repetitions(5)
            ->ReportAggregatesOnly(true);
      benchmark::AddCustomContext("users", std::to_string(sizes.users));
      benchmark::AddCustomContext("posts", std::to_string(sizes.posts));
      benchmark::AddCustomContext("comments", std::to_string(sizes.comments));
      benchmark::AddCustomContext("lookups", std::to_string(sizes.lookups));
      benchmark::AddCustomContext("eager_users", std::to_string(sizes.eager_users));
      benchmark::AddCustomContext("sqlite", sqlite3_libversion());
      benchmark::RunSpecifiedBenchmarks();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    rc = 1;
  }
  benchmark::Shutdown();
  remove_database(shared_path);
  for (const char* who : {"raw", "ctorm", "soci"}) remove_database(insert_path(who));
  if (own_dir) std::filesystem::remove_all(data_dir);
  return rc;
}
