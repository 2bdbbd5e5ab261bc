// ctorm on PostgreSQL against hand-written libpq code (and libpqxx, when built with it), on the
// same schema and data as the SQLite benchmarks.
//
//   ctorm_pg_benchmarks [--conninfo=STR] [--scale=F] [--list] [--instructions=NAME]
//                       [google benchmark flags...]
//
// --conninfo (or CTORM_BENCH_PG) is the server, a libpq connection string or URI. Without one
// the binary starts a throwaway server of its own (tests/postgresql/server.sh) and stops it at
// exit. Every table lives in schemas named ctorm_bench_<pid>..., dropped at exit. --scale (or
// CTORM_BENCH_SCALE), --list and --instructions=NAME work as in ctorm_benchmarks.
//
// Workload 1 writes into a fresh schema each time (dropped and made again, untimed) and
// workload 7 into emptied tables (TRUNCATE ... RESTART IDENTITY, untimed); a CHECKPOINT after
// each of their runs, untimed, keeps one run's writes from slowing the next.

#include <libpq-fe.h>

#include <benchmark/benchmark.h>

#include <endian.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <ctorm/postgresql.hpp>

#include "common.hpp"
#include "ctorm_queries.hpp"
#include "harness.hpp"
#include "pg_common.hpp"

#ifdef CTORM_BENCH_PQXX
namespace bench::pg {
void add_pqxx_cases();
}
#endif

extern "C" __attribute__((noinline)) void ctorm_bench_measured(const std::function<void()>& f) {
  f();
}

namespace bench {

Sizes sizes;
Data data;

namespace pg {

std::string conninfo;

namespace {

std::string prefix = "ctorm_bench_" + std::to_string(getpid());
std::set<std::string> schemas_made;


// ---------------------------------------------------------------------------------------------
// Raw libpq: binary parameters and results, statements prepared once with their types given,
// values read straight from the result (PQgetvalue) into the structs.

constexpr Oid int8_oid = 20, text_oid = 25, float8_oid = 701, int8_array_oid = 1016;

[[noreturn]] void fail(PGconn* c, const PGresult* r, std::string_view what) {
  std::string m = r != nullptr ? PQresultErrorMessage(r) : "";
  if (m.empty()) m = PQerrorMessage(c);
  throw std::runtime_error(std::string(what) + ": " + m);
}

/// Owns a PGresult.
class Result {
 public:
  explicit Result(PGresult* r) noexcept : r_(r) {}
  Result(Result&& o) noexcept : r_(std::exchange(o.r_, nullptr)) {}
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  Result& operator=(Result&&) = delete;
  ~Result() { PQclear(r_); }
  operator const PGresult*() const noexcept { return r_; }

 private:
  PGresult* r_;
};

Result checked(PGconn* c, PGresult* r, std::string_view what) {
  Result owned(r);
  const auto status = PQresultStatus(r);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(c, r, what);
  return owned;
}

void store_be32(char* p, std::uint32_t v) {
  v = htobe32(v);
  std::memcpy(p, &v, 4);
}
void store_be64(char* p, std::uint64_t v) {
  v = htobe64(v);
  std::memcpy(p, &v, 8);
}
std::uint64_t load_be64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return be64toh(v);
}

/// The parameters of one execution, all in the binary format: numbers are written here in
/// network byte order, text points into the caller's strings.
template <int N>
struct Params {
  const char* values[N]{};
  int lengths[N]{};
  int formats[N];
  char numbers[N][8];
  Params() { std::fill_n(formats, N, 1); }
  void set(int i, const char* p, int n) {
    values[i] = p;
    lengths[i] = n;
  }
  void int8(int i, std::int64_t v) {
    store_be64(numbers[i], static_cast<std::uint64_t>(v));
    set(i, numbers[i], 8);
  }
  void float8(int i, double v) {
    store_be64(numbers[i], std::bit_cast<std::uint64_t>(v));
    set(i, numbers[i], 8);
  }
  void text(int i, const std::string& s) { set(i, s.data(), static_cast<int>(s.size())); }
  void text(int i, const std::optional<std::string>& s) {
    if (s) text(i, *s);
    else set(i, nullptr, 0);
  }
};

/// A statement prepared once on a connection, executed with binary results.
struct Prepared {
  PGconn* c;
  const char* name;
  Prepared(PGconn* c_, const char* name_, const char* sql, std::initializer_list<Oid> types) : c(c_), name(name_) {
    checked(c, PQprepare(c, name, sql, static_cast<int>(types.size()), std::data(types)), sql);
  }
  template <int N>
  Result run(const Params<N>& p) const {
    return checked(c, PQexecPrepared(c, name, N, p.values, p.lengths, p.formats, 1), name);
  }
  Result run() const { return checked(c, PQexecPrepared(c, name, 0, nullptr, nullptr, nullptr, 1), name); }
};

std::int64_t int8_at(const PGresult* r, int row, int col) {
  return static_cast<std::int64_t>(load_be64(PQgetvalue(r, row, col)));
}
double float8_at(const PGresult* r, int row, int col) { return std::bit_cast<double>(load_be64(PQgetvalue(r, row, col))); }
std::string text_at(const PGresult* r, int row, int col) {
  return {PQgetvalue(r, row, col), static_cast<std::size_t>(PQgetlength(r, row, col))};
}
std::optional<std::string> optional_text_at(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return std::nullopt;
  return text_at(r, row, col);
}

User read_user(const PGresult* r, int row) {
  return User{int8_at(r, row, 0), text_at(r, row, 1), optional_text_at(r, row, 2), int8_at(r, row, 3)};
}

/// A post from columns first..first+4 (the grouped queries put the parent key before them).
Post read_post(const PGresult* r, int row, int first = 0) {
  return Post{int8_at(r, row, first), int8_at(r, row, first + 1), text_at(r, row, first + 2),
              optional_text_at(r, row, first + 3), float8_at(r, row, first + 4)};
}

Comment read_comment(const PGresult* r, int row, int first = 0) {
  return Comment{int8_at(r, row, first), int8_at(r, row, first + 1), text_at(r, row, first + 2),
                 int8_at(r, row, first + 3)};
}

struct RawConn {
  PGconn* c;
  explicit RawConn(const std::string& schema) : c(connect(schema)) {}
  RawConn(const RawConn&) = delete;
  RawConn& operator=(const RawConn&) = delete;
  ~RawConn() { PQfinish(c); }
};

constexpr const char* raw_insert_user = "INSERT INTO users (email, name, age) VALUES ($1, $2, $3) RETURNING id";
constexpr const char* raw_insert_post =
    "INSERT INTO posts (author_id, title, body, score) VALUES ($1, $2, $3, $4) RETURNING id";
constexpr const char* raw_select_posts = "SELECT id, author_id, title, body, score FROM posts";
constexpr const char* raw_get_post = "SELECT id, author_id, title, body, score FROM posts WHERE id = $1";
constexpr const char* raw_join =
    "SELECT posts.id, posts.title, users.name FROM posts JOIN users ON users.id = posts.author_id "
    "WHERE users.age > $1";
constexpr const char* raw_users_upto = "SELECT id, email, name, age FROM users WHERE id <= $1";
constexpr const char* raw_posts_of_keys =
    "SELECT author_id, id, author_id, title, body, score FROM posts WHERE author_id = ANY ($1)";
constexpr const char* raw_posts_of_author = "SELECT id, author_id, title, body, score FROM posts WHERE author_id = $1";
constexpr const char* raw_comments_of_keys =
    "SELECT post_id, id, post_id, body, stars FROM comments WHERE post_id = ANY ($1)";
constexpr const char* raw_comments_of_post = "SELECT id, post_id, body, stars FROM comments WHERE post_id = $1";

/// Inserts every user and post in one transaction, reading back each key as ctorm's insert
/// returns it.
void raw_insert(PGconn* c) {
  exec(c, "BEGIN");
  std::int64_t key = 0;
  {
    const Prepared ins(c, "insert_user", raw_insert_user, {text_oid, text_oid, int8_oid});
    Params<3> p;
    for (const User& u : data.users) {
      p.text(0, u.email);
      p.text(1, u.name);
      p.int8(2, u.age);
      key = int8_at(ins.run(p), 0, 0);
    }
  }
  {
    const Prepared ins(c, "insert_post", raw_insert_post, {int8_oid, text_oid, text_oid, float8_oid});
    Params<4> p;
    for (const Post& post : data.posts) {
      p.int8(0, post.author_id);
      p.text(1, post.title);
      p.text(2, post.body);
      p.float8(3, post.score);
      key = int8_at(ins.run(p), 0, 0);
    }
  }
  exec(c, "COMMIT");
  benchmark::DoNotOptimize(key);
}

/// COPY ... FROM STDIN in the binary format: rows encoded into a buffer sent a megabyte at a
/// time, as ctorm's insert_all does.
class CopyIn {
 public:
  CopyIn(PGconn* c, const char* sql) : c_(c) {
    Result r(PQexec(c, sql));
    if (PQresultStatus(r) != PGRES_COPY_IN) fail(c, r, sql);
    buf_.reserve(limit + 4096);
    buf_.append("PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19);  // signature, flags, extension length
  }
  void row(std::uint16_t fields) {
    if (buf_.size() >= limit) send();
    char b[2] = {static_cast<char>(fields >> 8), static_cast<char>(fields & 0xff)};
    buf_.append(b, 2);
  }
  void int8(std::int64_t v) {
    char b[12];
    store_be32(b, 8);
    store_be64(b + 4, static_cast<std::uint64_t>(v));
    buf_.append(b, 12);
  }
  void float8(double v) {
    char b[12];
    store_be32(b, 8);
    store_be64(b + 4, std::bit_cast<std::uint64_t>(v));
    buf_.append(b, 12);
  }
  void text(const std::string& s) {
    char b[4];
    store_be32(b, static_cast<std::uint32_t>(s.size()));
    buf_.append(b, 4);
    buf_.append(s);
  }
  void text(const std::optional<std::string>& s) {
    if (s) return text(*s);
    buf_.append("\377\377\377\377", 4);  // -1: NULL
  }
  void finish() {
    buf_.append("\377\377", 2);  // the trailer
    send();
    if (PQputCopyEnd(c_, nullptr) != 1) fail(c_, nullptr, "COPY");
    Result r(PQgetResult(c_));
    if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(c_, r, "COPY");
    while (PGresult* rest = PQgetResult(c_)) PQclear(rest);
  }

 private:
  static constexpr std::size_t limit = 1 << 20;
  void send() {
    if (PQputCopyData(c_, buf_.data(), static_cast<int>(buf_.size())) != 1) fail(c_, nullptr, "COPY");
    buf_.clear();
  }
  PGconn* c_;
  std::string buf_;
};

void raw_copy_users(PGconn* c) {
  CopyIn copy(c, "COPY users (email, name, age) FROM STDIN (FORMAT binary)");
  for (const User& u : data.users) {
    copy.row(3);
    copy.text(u.email);
    copy.text(u.name);
    copy.int8(u.age);
  }
  copy.finish();
}

void raw_copy_posts(PGconn* c) {
  CopyIn copy(c, "COPY posts (author_id, title, body, score) FROM STDIN (FORMAT binary)");
  for (const Post& p : data.posts) {
    copy.row(4);
    copy.int8(p.author_id);
    copy.text(p.title);
    copy.text(p.body);
    copy.float8(p.score);
  }
  copy.finish();
}

std::vector<Post> raw_select_all(const Prepared& st) {
  const Result r = st.run();
  const int n = PQntuples(r);
  std::vector<Post> rows;
  rows.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) rows.push_back(read_post(r, i));
  return rows;
}

std::optional<Post> raw_get(const Prepared& st, std::int64_t id) {
  Params<1> p;
  p.int8(0, id);
  const Result r = st.run(p);
  if (PQntuples(r) == 0) return std::nullopt;
  return read_post(r, 0);
}

std::vector<JoinRow> raw_join_rows(const Prepared& st) {
  Params<1> p;
  p.int8(0, sizes.min_age);
  const Result r = st.run(p);
  const int n = PQntuples(r);
  std::vector<JoinRow> rows;
  rows.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) rows.emplace_back(int8_at(r, i, 0), text_at(r, i, 1), optional_text_at(r, i, 2));
  return rows;
}

std::vector<UserWithPosts> raw_users(const Prepared& users) {
  Params<1> p;
  p.int8(0, sizes.eager_users);
  const Result r = users.run(p);
  const int n = PQntuples(r);
  std::vector<UserWithPosts> out;
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out.push_back(UserWithPosts{read_user(r, i), {}});
  return out;
}

/// Runs a `... = ANY ($1)` query whose first column is the parent key, with the parents' keys
/// as one binary int8[], and hands each row to `add(parent index, result, row)`.
template <class Add>
void raw_children_of(const Prepared& st, const std::vector<std::int64_t>& parents, Add add) {
  if (parents.empty()) return;
  std::unordered_map<std::int64_t, std::size_t> index;
  index.reserve(parents.size());
  // One dimension, no NULLs, element type int8, then each element's length and value.
  std::string keys(20 + 12 * parents.size(), '\0');
  char* at = keys.data();
  store_be32(at, 1);
  store_be32(at + 4, 0);
  store_be32(at + 8, int8_oid);
  store_be32(at + 12, static_cast<std::uint32_t>(parents.size()));
  store_be32(at + 16, 1);
  at += 20;
  for (std::size_t i = 0; i < parents.size(); ++i, at += 12) {
    index.emplace(parents[i], i);
    store_be32(at, 8);
    store_be64(at + 4, static_cast<std::uint64_t>(parents[i]));
  }
  Params<1> p;
  p.set(0, keys.data(), static_cast<int>(keys.size()));
  const Result r = st.run(p);
  const int n = PQntuples(r);
  for (int row = 0; row < n; ++row) {
    const auto found = index.find(int8_at(r, row, 0));
    if (found != index.end()) add(found->second, r, row);
  }
}

/// Two queries: the users, then their posts by an array of keys, grouped in a hash map.
std::vector<UserWithPosts> raw_eager(const Prepared& users, const Prepared& posts) {
  auto out = raw_users(users);
  std::vector<std::int64_t> ids;
  ids.reserve(out.size());
  for (const auto& u : out) ids.push_back(u.user.id);
  raw_children_of(posts, ids, [&](std::size_t i, const PGresult* r, int row) { out[i].posts.push_back(read_post(r, row, 1)); });
  return out;
}

/// The N+1 loop: one posts query per user, with the statement prepared once.
std::vector<UserWithPosts> raw_eager_n_plus_1(const Prepared& users, const Prepared& posts) {
  auto out = raw_users(users);
  Params<1> p;
  for (auto& u : out) {
    p.int8(0, u.user.id);
    const Result r = posts.run(p);
    const int n = PQntuples(r);
    for (int row = 0; row < n; ++row) u.posts.push_back(read_post(r, row));
  }
  return out;
}

std::vector<UserTree> raw_nested(const Prepared& users, const Prepared& posts, const Prepared& comments) {
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
  raw_children_of(posts, ids, [&](std::size_t i, const PGresult* r, int row) {
    out[i].posts.push_back(PostWithComments{read_post(r, row, 1), {}});
    where.emplace_back(i, out[i].posts.size() - 1);
    post_ids.push_back(out[i].posts.back().post.id);
  });
  raw_children_of(comments, post_ids, [&](std::size_t i, const PGresult* r, int row) {
    out[where[i].first].posts[where[i].second].comments.push_back(read_comment(r, row, 1));
  });
  return out;
}

std::vector<UserTree> raw_nested_n_plus_1(const Prepared& users, const Prepared& posts, const Prepared& comments) {
  std::vector<UserTree> out;
  for (auto& u : raw_users(users)) out.push_back(UserTree{std::move(u.user), {}});
  Params<1> p;
  for (auto& u : out) {
    p.int8(0, u.user.id);
    const Result r = posts.run(p);
    const int n = PQntuples(r);
    for (int row = 0; row < n; ++row) u.posts.push_back(PostWithComments{read_post(r, row), {}});
    for (auto& post : u.posts) {
      p.int8(0, post.post.id);
      const Result rc = comments.run(p);
      const int m = PQntuples(rc);
      for (int row = 0; row < m; ++row) post.comments.push_back(read_comment(rc, row));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ctorm

using Db = ctorm::Database<Schema, ctorm::postgresql>;

std::unique_ptr<Db> ctorm_open(const std::string& schema) {
  auto db = std::make_unique<Db>(conninfo);
  exec(db->native_handle(), "SET search_path TO " + schema);
  return db;
}

template <class Row>
void ctorm_insert_rows(Db& db, const std::vector<Row>& rows) {
  std::int64_t key = 0;
  for (const Row& r : rows) key = db.insert(r);
  benchmark::DoNotOptimize(key);
}


// ---------------------------------------------------------------------------------------------
// Runners. A query contender keeps its connection, statements and last result in a state
// object its closures share, and runs once untimed before it is timed: a new server process
// loads its catalogue caches on its first queries.

template <class State, class Work, class Canon>
Runner query_runner(std::shared_ptr<State> st, Work work, Canon canon) {
  Runner r;
  r.run = [st, work] {
    st->last = work(*st);
    benchmark::DoNotOptimize(st->last);
  };
  r.digest = [st, canon] { return digest_of(canon(st->last)); };
  r.run();
  return r;
}

const auto identity = [](const auto& x) -> const auto& { return x; };

/// A raw contender on the shared schema: `prepare(conn)` makes its statements (a struct),
/// `work(statements)` runs the workload.
template <class Result_, class Prepare, class Work>
Runner raw_runner(Prepare prepare, Work work) {
  using Stmts = decltype(prepare(std::declval<PGconn*>()));
  struct S {
    RawConn conn{shared_schema()};
    Stmts stmts;
    Result_ last{};
    explicit S(Prepare& p) : stmts(p(conn.c)) {}
  };
  auto st = std::make_shared<S>(prepare);
  return query_runner(st, [work](S& s) { return work(s.stmts); }, identity);
}

template <class Result_, class Work, class Canon>
Runner ctorm_runner(Work work, Canon canon) {
  struct S {
    std::unique_ptr<Db> db = ctorm_open(shared_schema());
    Result_ last{};
  };
  auto st = std::make_shared<S>();
  return query_runner(st, [work](S& s) { return work(*s.db); }, canon);
}


// ---------------------------------------------------------------------------------------------
// 1. Insert users and posts in one transaction, into a fresh schema each time.

void add_insert_cases() {
  add_case("insert", "raw", [] {
    return write_runner<RawConn>("insert", "raw",
                                 [](const std::string& schema) {
                                   auto c = std::make_unique<RawConn>(schema);
                                   exec(c->c, schema_ddl);
                                   quiet_tables(c->c);
                                   return c;
                                 },
                                 [](RawConn& c) { raw_insert(c.c); });
  });
  add_case("insert", "ctorm", [] {
    return write_runner<Db>("insert", "ctorm",
                            [](const std::string& schema) {
                              auto db = ctorm_open(schema);
                              db->create_all();
                              quiet_tables(db->native_handle());
                              return db;
                            },
                            [](Db& db) {
                              auto tx = db.transaction();
                              ctorm_insert_rows(db, data.users);
                              ctorm_insert_rows(db, data.posts);
                              tx.commit();
                            });
  });
}

// ---------------------------------------------------------------------------------------------
// 2-6. Queries on the shared schema.

void add_query_cases() {
  add_case("select_all", "raw", [] {
    return raw_runner<std::vector<Post>>(
        [](PGconn* c) { return std::make_unique<Prepared>(c, "select_posts", raw_select_posts, std::initializer_list<Oid>{}); },
        [](const auto& s) { return raw_select_all(*s); });
  });
  add_case("select_all", "ctorm", [] {
    return ctorm_runner<std::vector<Post>>([](Db& db) { return db.all<Post>(); }, identity);
  });
  add_case("select_all", "ctorm_select", [] {
    return ctorm_runner<std::vector<Post>>([](Db& db) { return db.select<Post>().all(); }, identity);
  });

  add_case("point_lookup", "raw", [] {
    return raw_runner<std::vector<Post>>(
        [](PGconn* c) { return std::make_unique<Prepared>(c, "get_post", raw_get_post, std::initializer_list<Oid>{int8_oid}); },
        [](const auto& s) {
          std::vector<Post> found;
          found.reserve(data.lookup_ids.size());
          for (std::int64_t id : data.lookup_ids) found.push_back(*raw_get(*s, id));
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
    return raw_runner<std::vector<JoinRow>>(
        [](PGconn* c) { return std::make_unique<Prepared>(c, "join", raw_join, std::initializer_list<Oid>{int8_oid}); },
        [](const auto& s) { return raw_join_rows(*s); });
  });
  add_case("join", "ctorm", [] {
    return ctorm_runner<std::vector<JoinRow>>([](Db& db) -> std::vector<JoinRow> { return ctorm_join(db); }, identity);
  });

  struct Eager {
    Prepared users, posts;
  };
  add_case("eager", "raw", [] {
    return raw_runner<std::vector<UserWithPosts>>(
        [](PGconn* c) {
          return std::make_unique<Eager>(Eager{{c, "users_upto", raw_users_upto, {int8_oid}},
                                               {c, "posts_of_keys", raw_posts_of_keys, {int8_array_oid}}});
        },
        [](const auto& s) { return raw_eager(s->users, s->posts); });
  });
  add_case("eager", "raw_n_plus_1", [] {
    return raw_runner<std::vector<UserWithPosts>>(
        [](PGconn* c) {
          return std::make_unique<Eager>(Eager{{c, "users_upto", raw_users_upto, {int8_oid}},
                                               {c, "posts_of_author", raw_posts_of_author, {int8_oid}}});
        },
        [](const auto& s) { return raw_eager_n_plus_1(s->users, s->posts); });
  });
  add_case("eager", "ctorm", [] {
    using Rows = decltype(ctorm_eager(std::declval<Db&>()));
    return ctorm_runner<Rows>([](Db& db) { return ctorm_eager(db); }, [](const Rows& rows) { return canon_eager(rows); });
  });

  struct Nested {
    Prepared users, posts, comments;
  };
  add_case("nested", "raw", [] {
    return raw_runner<std::vector<UserTree>>(
        [](PGconn* c) {
          return std::make_unique<Nested>(Nested{{c, "users_upto", raw_users_upto, {int8_oid}},
                                                 {c, "posts_of_keys", raw_posts_of_keys, {int8_array_oid}},
                                                 {c, "comments_of_keys", raw_comments_of_keys, {int8_array_oid}}});
        },
        [](const auto& s) { return raw_nested(s->users, s->posts, s->comments); });
  });
  add_case("nested", "raw_n_plus_1", [] {
    return raw_runner<std::vector<UserTree>>(
        [](PGconn* c) {
          return std::make_unique<Nested>(Nested{{c, "users_upto", raw_users_upto, {int8_oid}},
                                                 {c, "posts_of_author", raw_posts_of_author, {int8_oid}},
                                                 {c, "comments_of_post", raw_comments_of_post, {int8_oid}}});
        },
        [](const auto& s) { return raw_nested_n_plus_1(s->users, s->posts, s->comments); });
  });
  add_case("nested", "ctorm", [] {
    using Rows = decltype(ctorm_nested(std::declval<Db&>()));
    return ctorm_runner<Rows>([](Db& db) { return ctorm_nested(db); }, [](const Rows& rows) { return canon_nested(rows); });
  });
}

// ---------------------------------------------------------------------------------------------
// 7. 300k posts into tables that hold the 100k users: COPY against single inserts.

void truncate_posts(PGconn* c) { exec(c, "TRUNCATE posts, comments RESTART IDENTITY"); }

void add_insert_all_cases() {
  add_case("insert_all", "raw", [] {
    return write_runner<RawConn>(
        "insert_all", "raw",
        [](const std::string& schema) {
          auto c = std::make_unique<RawConn>(schema);
          exec(c->c, schema_ddl);
          quiet_tables(c->c);
          raw_copy_users(c->c);
          return c;
        },
        [](RawConn& c) { raw_copy_posts(c.c); }, [](RawConn& c) { truncate_posts(c.c); });
  });
  const auto open = [](const std::string& schema) {
    auto db = ctorm_open(schema);
    db->create_all();
    quiet_tables(db->native_handle());
    db->insert_all(data.users);
    return db;
  };
  add_case("insert_all", "ctorm", [open] {
    return write_runner<Db>(
        "insert_all", "ctorm", open, [](Db& db) { benchmark::DoNotOptimize(db.insert_all(data.posts)); },
        [](Db& db) { truncate_posts(db.native_handle()); });
  });
  add_case("insert_all", "ctorm_insert", [open] {
    return write_runner<Db>(
        "insert_all", "ctorm_insert", open,
        [](Db& db) {
          auto tx = db.transaction();
          ctorm_insert_rows(db, data.posts);
          tx.commit();
        },
        [](Db& db) { truncate_posts(db.native_handle()); });
  });
}

// ---------------------------------------------------------------------------------------------

/// The shared schema, filled by ctorm's insert_all, then vacuumed (hint bits and visibility
/// set, statistics taken) so that no contender's first reads pay for writing them.
void setup_shared() {
  const std::string schema = shared_schema();
  recreate_schema(schema);
  auto db = ctorm_open(schema);
  db->create_all();
  db->insert_all(data.users);
  db->insert_all(data.posts);
  db->insert_all(data.comments);
  exec(db->native_handle(), "VACUUM (FREEZE, ANALYZE) users, posts, comments");
}


/// A server of our own, started by tests/postgresql/server.sh and stopped when this ends.
class OwnServer {
 public:
  explicit OwnServer(std::filesystem::path state) : state_(std::move(state)) {
    // Its messages go to stderr: stdout may be the benchmark's JSON.
    if (std::system(command("start").c_str()) != 0) throw std::runtime_error("cannot start a PostgreSQL server: " + command("start"));
    started_ = true;
    std::ifstream in(state_ / "conninfo");
    std::getline(in, conninfo);
    if (conninfo.empty()) throw std::runtime_error("server.sh wrote no conninfo");
  }
  OwnServer(const OwnServer&) = delete;
  OwnServer& operator=(const OwnServer&) = delete;
  ~OwnServer() {
    if (started_ && std::system(command("stop").c_str()) != 0) std::fprintf(stderr, "could not stop the server\n");
  }

 private:
  std::string command(const char* what) const {
    return std::string("'") + CTORM_BENCH_PG_SERVER + "' " + what + " '" + state_.string() + "' 1>&2";
  }
  std::filesystem::path state_;
  bool started_ = false;
};

std::string server_version() {
  RawConn c(shared_schema());
  return PQparameterStatus(c.c, "server_version");
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string shared_schema() { return prefix; }

std::string own_schema(std::string_view workload, std::string_view who) {
  return prefix + "_" + std::string(workload) + "_" + std::string(who);
}

PGconn* connect(const std::string& schema) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string m = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot connect to PostgreSQL (" + conninfo + "): " + m);
  }
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
  try {
    exec(c, "SET search_path TO " + schema);
  } catch (...) {
    PQfinish(c);
    throw;
  }
  return c;
}

void exec(PGconn* c, const std::string& sql) { checked(c, PQexec(c, sql.c_str()), sql); }

void recreate_schema(const std::string& schema) {
  RawConn c("public");
  exec(c.c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  exec(c.c, "CREATE SCHEMA " + schema);
  schemas_made.insert(schema);
}

void quiet_tables(PGconn* c) {
  for (const char* t : {"users", "posts", "comments"})
    exec(c, std::string("ALTER TABLE ") + t + " SET (autovacuum_enabled = off)");
}

void checkpoint() {
  // Needs a superuser (or pg_checkpoint): on a server where we are neither, writes are left
  // to the server's own checkpoints.
  RawConn c("public");
  PQclear(PQexec(c.c, "CHECKPOINT"));
}

std::uint64_t digest_tables(const std::string& schema) {
  RawConn c(schema);
  Digest d;
  const Prepared users(c.c, "digest_users", "SELECT id, email, name, age FROM users ORDER BY id", {});
  const Prepared posts(c.c, "digest_posts", "SELECT id, author_id, title, body, score FROM posts ORDER BY id", {});
  const Result ru = users.run();
  for (int i = 0; i < PQntuples(ru); ++i) d.add(read_user(ru, i));
  const Result rp = posts.run();
  for (int i = 0; i < PQntuples(rp); ++i) d.add(read_post(rp, i));
  return d.value();
}

}  // namespace pg

void add_case(std::string workload, std::string contender, std::function<Runner()> make) {
  cases().push_back(Case{std::move(workload), std::move(contender), std::move(make)});
}

}  // namespace bench

int main(int argc, char** argv) {
  using namespace bench;
  using namespace bench::pg;
  double scale = 1.0;
  if (const char* env = std::getenv("CTORM_BENCH_SCALE")) scale = std::stod(env);
  if (const char* env = std::getenv("CTORM_BENCH_PG")) conninfo = env;
  std::string instructions;
  bool list = false;
  // Take our own flags out before Google Benchmark sees the rest.
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--scale=")) scale = std::stod(std::string(arg.substr(8)));
    else if (arg.starts_with("--conninfo=")) conninfo = arg.substr(11);
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
  add_insert_all_cases();
#ifdef CTORM_BENCH_PQXX
  add_pqxx_cases();
#endif
  if (list) {
    for (const Case& c : cases()) std::printf("%s\n", c.name().c_str());
    return 0;
  }

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  int rc = 0;
  std::unique_ptr<OwnServer> server;
  const auto state = std::filesystem::temp_directory_path() / ("ctorm-pg-bench-" + std::to_string(getpid()));
  try {
    if (conninfo.empty()) server = std::make_unique<OwnServer>(state);
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
      benchmark::AddCustomContext("postgresql", server_version());
      benchmark::AddCustomContext("libpq", std::to_string(PQlibVersion()));
      benchmark::RunSpecifiedBenchmarks();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    rc = 1;
  }
  benchmark::Shutdown();
  // A server of our own goes with everything in it.
  if (!schemas_made.empty() && !server) {
    try {
      RawConn c("public");
      for (const std::string& s : schemas_made) exec(c.c, "DROP SCHEMA IF EXISTS " + s + " CASCADE");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "cleaning up: %s\n", e.what());
    }
  }
  server.reset();
  std::filesystem::remove_all(state);
  return rc;
}
