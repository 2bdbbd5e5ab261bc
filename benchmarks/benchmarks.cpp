// ctorm against hand-written SQLite C API code, on the same schema, data and pragmas.
//
//   ctorm_benchmarks [--scale=F] [--dir=PATH] [google benchmark flags...]
//
// --scale (or CTORM_BENCH_SCALE) multiplies every size (default 1: 100k users, 300k posts,
// 20k point lookups, 1000 eager-loaded users). --dir (or CTORM_BENCH_DIR) is where the
// database files go (default: the system temp directory). Every database is a file in WAL
// mode with synchronous=NORMAL, foreign_keys=ON and a 5 s busy timeout, as ctorm opens it.

#include <sqlite3.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <unistd.h>

#include "raw_schema.hpp"
#include "schema.hpp"

namespace {

using bench::Post;
using bench::User;
using Db = ctorm::Database<bench::Schema>;
using JoinRow = std::tuple<std::int64_t, std::string, std::optional<std::string>>;

// ---------------------------------------------------------------------------------------------
// Configuration and data

struct Sizes {
  std::size_t users = 100'000;
  std::size_t posts = 300'000;
  std::size_t lookups = 20'000;
  std::int64_t eager_users = 1000;
  std::int64_t min_age = 30;
};

Sizes sizes;
std::filesystem::path data_dir;

struct Data {
  std::vector<User> users;
  std::vector<Post> posts;
  std::vector<std::int64_t> lookup_ids;
};

Data data;

/// Deterministic data: every user has posts/users posts, spread over the table (post j belongs
/// to user (j-1) % users + 1); every tenth user has no name, every fifth post no body.
void make_data() {
  data.users.reserve(sizes.users);
  for (std::size_t i = 1; i <= sizes.users; ++i) {
    User u;
    u.email = "user" + std::to_string(i) + "@example.org";
    if (i % 10 != 0) u.name = "User Number " + std::to_string(i);
    u.age = static_cast<std::int64_t>(18 + (i * 7) % 60);
    data.users.push_back(std::move(u));
  }
  data.posts.reserve(sizes.posts);
  for (std::size_t j = 1; j <= sizes.posts; ++j) {
    Post p;
    p.author_id = static_cast<std::int64_t>((j - 1) % sizes.users + 1);
    p.title = "Post title number " + std::to_string(j);
    if (j % 5 != 0)
      p.body = "This is the body of post " + std::to_string(j) +
               ". It is long enough to not fit in a small-string buffer, like real text.";
    p.score = static_cast<double>(j % 1000) * 0.25;
    data.posts.push_back(std::move(p));
  }
  std::uint64_t x = 88172645463325252ull;  // xorshift64: the same lookups for both contenders
  data.lookup_ids.reserve(sizes.lookups);
  for (std::size_t k = 0; k < sizes.lookups; ++k) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    data.lookup_ids.push_back(static_cast<std::int64_t>(x % sizes.posts) + 1);
  }
}

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
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot open " + path);
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
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const char* sql) {
    check(db, sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr), sql);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s); }
  operator sqlite3_stmt*() const { return s; }
};

std::string column_string(sqlite3_stmt* s, int i) {
  return {reinterpret_cast<const char*>(sqlite3_column_text(s, i)),
          static_cast<std::size_t>(sqlite3_column_bytes(s, i))};
}

std::optional<std::string> column_optional_string(sqlite3_stmt* s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return std::nullopt;
  return column_string(s, i);
}

void bind_optional_text(sqlite3_stmt* s, int i, const std::optional<std::string>& v) {
  if (v)
    sqlite3_bind_text64(s, i, v->data(), v->size(), SQLITE_STATIC, SQLITE_UTF8);
  else
    sqlite3_bind_null(s, i);
}

User read_user(sqlite3_stmt* s) {
  return User{sqlite3_column_int64(s, 0), column_string(s, 1), column_optional_string(s, 2),
              sqlite3_column_int64(s, 3)};
}

Post read_post(sqlite3_stmt* s) {
  return Post{sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), column_string(s, 2),
              column_optional_string(s, 3), sqlite3_column_double(s, 4)};
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

void raw_insert_all(sqlite3* db) {
  exec(db, "BEGIN IMMEDIATE");
  {
    Stmt ins(db, raw_insert_user);
    for (const User& u : data.users) {
      sqlite3_bind_text64(ins, 1, u.email.data(), u.email.size(), SQLITE_STATIC, SQLITE_UTF8);
      bind_optional_text(ins, 2, u.name);
      sqlite3_bind_int64(ins, 3, u.age);
      check(db, sqlite3_step(ins), raw_insert_user);
      sqlite3_reset(ins);
    }
  }
  {
    Stmt ins(db, raw_insert_post);
    for (const Post& p : data.posts) {
      sqlite3_bind_int64(ins, 1, p.author_id);
      sqlite3_bind_text64(ins, 2, p.title.data(), p.title.size(), SQLITE_STATIC, SQLITE_UTF8);
      bind_optional_text(ins, 3, p.body);
      sqlite3_bind_double(ins, 4, p.score);
      check(db, sqlite3_step(ins), raw_insert_post);
      sqlite3_reset(ins);
    }
  }
  exec(db, "COMMIT");
}

void ctorm_insert_all(Db& db) {
  auto tx = db.transaction();
  for (const User& u : data.users) db.insert(u);
  for (const Post& p : data.posts) db.insert(p);
  tx.commit();
}

std::unique_ptr<Db> ctorm_open(const std::string& path) {
  auto db = std::make_unique<Db>(path);
  exec(db->native_handle(), "PRAGMA synchronous = NORMAL");
  return db;
}

void remove_database(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// ---------------------------------------------------------------------------------------------
// Shared database for workloads 2-5

std::string shared_path;
std::unique_ptr<Db> shared_ctorm;
std::unique_ptr<RawDb> shared_raw;

void setup_shared() {
  shared_path = (data_dir / "shared.db").string();
  remove_database(shared_path);
  {
    auto db = ctorm_open(shared_path);
    db->create_all();
    ctorm_insert_all(*db);
    exec(db->native_handle(), "PRAGMA wal_checkpoint(TRUNCATE)");
  }
  shared_ctorm = ctorm_open(shared_path);
  shared_raw = std::make_unique<RawDb>(shared_path);
}

// ---------------------------------------------------------------------------------------------
// 1. Insert users and posts in one transaction, on a fresh file each iteration.

std::string insert_path(const char* who) {
  return (data_dir / (std::string("insert-") + who + ".db")).string();
}

void BM_Insert_Raw(benchmark::State& state) {
  const std::string path = insert_path("raw");
  for (auto _ : state) {
    state.PauseTiming();
    remove_database(path);
    auto db = std::make_unique<RawDb>(path);
    exec(db->db, bench::raw::schema_ddl);
    state.ResumeTiming();
    raw_insert_all(db->db);
    state.PauseTiming();
    db.reset();  // closing checkpoints the WAL: not part of the workload
    state.ResumeTiming();
  }
  remove_database(path);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * (sizes.users + sizes.posts)));
}

void BM_Insert_Ctorm(benchmark::State& state) {
  const std::string path = insert_path("ctorm");
  for (auto _ : state) {
    state.PauseTiming();
    remove_database(path);
    auto db = ctorm_open(path);
    db->create_all();
    state.ResumeTiming();
    ctorm_insert_all(*db);
    state.PauseTiming();
    db.reset();
    state.ResumeTiming();
  }
  remove_database(path);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * (sizes.users + sizes.posts)));
}

// ---------------------------------------------------------------------------------------------
// 2. Select every post into std::vector<Post>.

std::vector<Post> raw_select_all(sqlite3* db, Stmt& st) {
  std::vector<Post> rows;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) rows.push_back(read_post(st));
  check(db, rc, raw_select_posts);
  sqlite3_reset(st);
  return rows;
}

void BM_SelectAll_Raw(benchmark::State& state) {
  sqlite3* db = shared_raw->db;
  Stmt st(db, raw_select_posts);
  for (auto _ : state) {
    auto rows = raw_select_all(db, st);
    benchmark::DoNotOptimize(rows.data());
  }
}

void BM_SelectAll_CtormAll(benchmark::State& state) {
  for (auto _ : state) {
    auto rows = shared_ctorm->all<Post>();
    benchmark::DoNotOptimize(rows.data());
  }
}

void BM_SelectAll_CtormSelect(benchmark::State& state) {
  for (auto _ : state) {
    auto rows = shared_ctorm->select<Post>().all();
    benchmark::DoNotOptimize(rows.data());
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Point lookups by primary key.

std::optional<Post> raw_get(sqlite3* db, Stmt& st, std::int64_t id) {
  sqlite3_bind_int64(st, 1, id);
  std::optional<Post> found;
  const int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) found = read_post(st);
  else check(db, rc, raw_get_post);
  sqlite3_reset(st);
  return found;
}

void BM_PointLookup_Raw(benchmark::State& state) {
  sqlite3* db = shared_raw->db;
  Stmt st(db, raw_get_post);
  for (auto _ : state) {
    double sum = 0;
    for (std::int64_t id : data.lookup_ids) sum += raw_get(db, st, id)->score;
    benchmark::DoNotOptimize(sum);
  }
}

void BM_PointLookup_Ctorm(benchmark::State& state) {
  for (auto _ : state) {
    double sum = 0;
    for (std::int64_t id : data.lookup_ids) sum += shared_ctorm->get<Post>(id)->score;
    benchmark::DoNotOptimize(sum);
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Posts joined with their author's name, for authors older than 30.

std::vector<JoinRow> raw_join_rows(sqlite3* db, Stmt& st) {
  std::vector<JoinRow> rows;
  sqlite3_bind_int64(st, 1, sizes.min_age);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    rows.emplace_back(sqlite3_column_int64(st, 0), column_string(st, 1), column_optional_string(st, 2));
  check(db, rc, raw_join);
  sqlite3_reset(st);
  return rows;
}

auto ctorm_join_rows(Db& db) {
  using ctorm::col;
  return db.select(col<&Post::id>, col<&Post::title>, col<&User::name>)
      .join<bench::author>()
      .where(col<&User::age> > sizes.min_age)
      .all();
}

void BM_Join_Raw(benchmark::State& state) {
  sqlite3* db = shared_raw->db;
  Stmt st(db, raw_join);
  for (auto _ : state) {
    auto rows = raw_join_rows(db, st);
    benchmark::DoNotOptimize(rows.data());
  }
}

void BM_Join_Ctorm(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<JoinRow> rows = ctorm_join_rows(*shared_ctorm);
    benchmark::DoNotOptimize(rows.data());
  }
}

// ---------------------------------------------------------------------------------------------
// 5. Eager loading: the first 1000 users with all their posts.

struct UserWithPosts {
  User user;
  std::vector<Post> posts;
};

std::vector<UserWithPosts> raw_users(sqlite3* db, Stmt& users) {
  std::vector<UserWithPosts> out;
  sqlite3_bind_int64(users, 1, sizes.eager_users);
  int rc;
  while ((rc = sqlite3_step(users)) == SQLITE_ROW) out.push_back(UserWithPosts{read_user(users), {}});
  check(db, rc, raw_users_upto);
  sqlite3_reset(users);
  return out;
}

/// Two queries: the users, then their posts by a JSON array of keys, grouped in a hash map.
std::vector<UserWithPosts> raw_eager_two_queries(sqlite3* db, Stmt& users, Stmt& posts) {
  auto out = raw_users(db, users);
  std::string keys = "[";
  std::unordered_map<std::int64_t, std::size_t> index;
  index.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i != 0) keys += ',';
    keys += std::to_string(out[i].user.id);
    index.emplace(out[i].user.id, i);
  }
  keys += ']';
  sqlite3_bind_text64(posts, 1, keys.data(), keys.size(), SQLITE_STATIC, SQLITE_UTF8);
  int rc;
  while ((rc = sqlite3_step(posts)) == SQLITE_ROW) {
    const auto found = index.find(sqlite3_column_int64(posts, 0));
    if (found == index.end()) continue;
    auto& slot = out[found->second].posts;
    slot.push_back(Post{sqlite3_column_int64(posts, 1), sqlite3_column_int64(posts, 2),
                        column_string(posts, 3), column_optional_string(posts, 4),
                        sqlite3_column_double(posts, 5)});
  }
  check(db, rc, raw_posts_of_keys);
  sqlite3_reset(posts);
  return out;
}

/// The N+1 loop: one posts query per user, with the statement prepared once.
std::vector<UserWithPosts> raw_eager_n_plus_1(sqlite3* db, Stmt& users, Stmt& posts) {
  auto out = raw_users(db, users);
  for (auto& u : out) {
    sqlite3_bind_int64(posts, 1, u.user.id);
    int rc;
    while ((rc = sqlite3_step(posts)) == SQLITE_ROW) u.posts.push_back(read_post(posts));
    check(db, rc, raw_posts_of_author);
    sqlite3_reset(posts);
  }
  return out;
}

auto ctorm_eager(Db& db) {
  using ctorm::col;
  return db.select<User>().where(col<&User::id> <= sizes.eager_users).with<bench::posts>().all();
}

void BM_Eager_Raw(benchmark::State& state) {
  sqlite3* db = shared_raw->db;
  Stmt users(db, raw_users_upto);
  Stmt posts(db, raw_posts_of_keys);
  for (auto _ : state) {
    auto rows = raw_eager_two_queries(db, users, posts);
    benchmark::DoNotOptimize(rows.data());
  }
}

void BM_Eager_RawNPlus1(benchmark::State& state) {
  sqlite3* db = shared_raw->db;
  Stmt users(db, raw_users_upto);
  Stmt posts(db, raw_posts_of_author);
  for (auto _ : state) {
    auto rows = raw_eager_n_plus_1(db, users, posts);
    benchmark::DoNotOptimize(rows.data());
  }
}

void BM_Eager_Ctorm(benchmark::State& state) {
  for (auto _ : state) {
    auto rows = ctorm_eager(*shared_ctorm);
    benchmark::DoNotOptimize(rows.data());
  }
}

// ---------------------------------------------------------------------------------------------
// Both contenders must produce the same results, or the comparison means nothing.

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("results differ: ") + what);
}

bool same_post(const Post& a, const Post& b) {
  return a.id == b.id && a.author_id == b.author_id && a.title == b.title && a.body == b.body &&
         a.score == b.score;
}

void verify() {
  sqlite3* raw = shared_raw->db;
  Db& db = *shared_ctorm;
  {
    Stmt st(raw, raw_select_posts);
    const auto r = raw_select_all(raw, st);
    const auto a = db.all<Post>();
    const auto b = db.select<Post>().all();
    require(r.size() == sizes.posts && a.size() == r.size() && b.size() == r.size(), "select all sizes");
    require(std::equal(r.begin(), r.end(), a.begin(), same_post), "select all rows");
    require(std::equal(r.begin(), r.end(), b.begin(), same_post), "select().all() rows");
  }
  {
    Stmt st(raw, raw_get_post);
    for (std::size_t k = 0; k < std::min<std::size_t>(100, data.lookup_ids.size()); ++k)
      require(same_post(*raw_get(raw, st, data.lookup_ids[k]), *db.get<Post>(data.lookup_ids[k])), "get");
  }
  {
    Stmt st(raw, raw_join);
    const auto r = raw_join_rows(raw, st);
    const std::vector<JoinRow> c = ctorm_join_rows(db);
    require(!r.empty() && r == c, "join");
  }
  {
    Stmt users(raw, raw_users_upto);
    Stmt posts2(raw, raw_posts_of_keys);
    Stmt posts1(raw, raw_posts_of_author);
    const auto two = raw_eager_two_queries(raw, users, posts2);
    const auto n1 = raw_eager_n_plus_1(raw, users, posts1);
    const auto c = ctorm_eager(db);
    require(two.size() == static_cast<std::size_t>(sizes.eager_users) && n1.size() == two.size() &&
                c.size() == two.size(),
            "eager sizes");
    for (std::size_t i = 0; i < two.size(); ++i) {
      const auto& cp = c[i].get<bench::posts>();
      require(c[i]->id == two[i].user.id && cp.size() == two[i].posts.size() &&
                  n1[i].posts.size() == cp.size(),
              "eager rows");
      require(std::equal(cp.begin(), cp.end(), two[i].posts.begin(), same_post), "eager posts");
    }
  }
}

constexpr auto reps = 5;

}  // namespace

// Contenders of one workload are registered next to each other.
BENCHMARK(BM_Insert_Raw)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);
BENCHMARK(BM_Insert_Ctorm)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);
BENCHMARK(BM_SelectAll_Raw)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);
BENCHMARK(BM_SelectAll_CtormAll)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);
BENCHMARK(BM_SelectAll_CtormSelect)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);
BENCHMARK(BM_PointLookup_Raw)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);
BENCHMARK(BM_PointLookup_Ctorm)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);
BENCHMARK(BM_Join_Raw)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);
BENCHMARK(BM_Join_Ctorm)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);
BENCHMARK(BM_Eager_Raw)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);
BENCHMARK(BM_Eager_RawNPlus1)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);
BENCHMARK(BM_Eager_Ctorm)->Unit(benchmark::kMillisecond)->Repetitions(reps)->ReportAggregatesOnly(true);

int main(int argc, char** argv) {
  double scale = 1.0;
  if (const char* env = std::getenv("CTORM_BENCH_SCALE")) scale = std::stod(env);
  data_dir = std::filesystem::temp_directory_path() / ("ctorm-bench-" + std::to_string(getpid()));
  if (const char* env = std::getenv("CTORM_BENCH_DIR")) data_dir = env;
  // Take our own flags out before Google Benchmark sees the rest.
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--scale=")) scale = std::stod(std::string(arg.substr(8)));
    else if (arg.starts_with("--dir=")) data_dir = std::string(arg.substr(6));
    else argv[out++] = argv[i];
  }
  argc = out;
  if (!(scale > 0)) {
    std::fprintf(stderr, "scale must be positive\n");
    return 2;
  }
  const auto scaled = [scale](std::size_t n) { return std::max<std::size_t>(1, static_cast<std::size_t>(static_cast<double>(n) * scale)); };
  sizes.users = scaled(sizes.users);
  sizes.posts = scaled(sizes.posts);
  sizes.lookups = scaled(sizes.lookups);
  sizes.eager_users = static_cast<std::int64_t>(std::min<std::size_t>(scaled(1000), sizes.users));

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  const bool own_dir = !std::filesystem::exists(data_dir);
  std::filesystem::create_directories(data_dir);
  int rc = 0;
  try {
    make_data();
    setup_shared();
    verify();
    benchmark::AddCustomContext("users", std::to_string(sizes.users));
    benchmark::AddCustomContext("posts", std::to_string(sizes.posts));
    benchmark::AddCustomContext("lookups", std::to_string(sizes.lookups));
    benchmark::AddCustomContext("eager_users", std::to_string(sizes.eager_users));
    benchmark::AddCustomContext("sqlite", sqlite3_libversion());
    benchmark::RunSpecifiedBenchmarks();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    rc = 1;
  }
  shared_ctorm.reset();
  shared_raw.reset();
  benchmark::Shutdown();
  remove_database(shared_path);
  if (own_dir) std::filesystem::remove_all(data_dir);
  return rc;
}
