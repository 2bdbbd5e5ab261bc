// libpqxx 6.4, the C++ library a PostgreSQL user would pick instead of ctorm. Written the way its
// documentation teaches: a `pqxx::connection`, statements declared with `conn.prepare` and run
// with `exec_prepared` inside a `pqxx::work` (writes) or a `pqxx::nontransaction` (reads, in
// autocommit as ctorm's), fields read with `row[i].as<T>()`. libpqxx 6 sends parameters and
// reads results as text; lists go as one array literal (`{1,2,3}`) to `= ANY ($1)`. For bulk
// work it has `stream_to` and `stream_from` (COPY in text format): `stream_to` is its
// insert_all, and select_all is also measured with `stream_from` ("pqxx_stream").

#include "common.hpp"
#include "pg_common.hpp"

#include <pqxx/pqxx>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bench::pg {
namespace {

std::unique_ptr<pqxx::connection> pqxx_open(const std::string& schema) {
  auto c = std::make_unique<pqxx::connection>(conninfo);
  c->set_variable("search_path", schema);
  return c;
}

/// A nullable text field. libpqxx 6.4 as Debian builds it leaves its std::optional support
/// out of the public headers (PQXX_HAVE_OPTIONAL is not defined for users), and then makes the
/// NULL of a `std::optional<std::string>` from `nullptr` — `std::string(nullptr)`, undefined
/// behaviour — in `as<std::optional<std::string>>()` and `stream_from`. Asking `is_null()`
/// first is the documented way that works.
std::optional<std::string> optional_text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

User read_user(const pqxx::row& r) {
  return User{r[0].as<std::int64_t>(), r[1].as<std::string>(), optional_text(r[2]),
              r[3].as<std::int64_t>()};
}

Post read_post(const pqxx::row& r, pqxx::row::size_type first = 0) {
  return Post{r[first].as<std::int64_t>(), r[first + 1].as<std::int64_t>(), r[first + 2].as<std::string>(),
              optional_text(r[first + 3]), r[first + 4].as<double>()};
}

Comment read_comment(const pqxx::row& r, pqxx::row::size_type first = 0) {
  return Comment{r[first].as<std::int64_t>(), r[first + 1].as<std::int64_t>(), r[first + 2].as<std::string>(),
                 r[first + 3].as<std::int64_t>()};
}

void pqxx_insert(pqxx::connection& c) {
  c.prepare("insert_user", "INSERT INTO users (email, name, age) VALUES ($1, $2, $3) RETURNING id");
  c.prepare("insert_post", "INSERT INTO posts (author_id, title, body, score) VALUES ($1, $2, $3, $4) RETURNING id");
  pqxx::work w{c};
  std::int64_t key = 0;
  for (const User& u : data.users) key = w.exec_prepared1("insert_user", u.email, u.name, u.age)[0].as<std::int64_t>();
  for (const Post& p : data.posts)
    key = w.exec_prepared1("insert_post", p.author_id, p.title, p.body, p.score)[0].as<std::int64_t>();
  w.commit();
  benchmark::DoNotOptimize(key);
}

/// The keys as an array literal, `{1,2,3}`: libpqxx 6 has no array parameters.
std::string array_literal(const std::vector<std::int64_t>& keys) {
  std::string s = "{";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i != 0) s += ',';
    s += pqxx::to_string(keys[i]);
  }
  s += '}';
  return s;
}

/// Children by an array of parent keys whose first column is the parent key, grouped in a
/// hash map: `add(parent index, row)`.
template <class Add>
void children_of(pqxx::transaction_base& tx, const char* statement, const std::vector<std::int64_t>& parents, Add add) {
  if (parents.empty()) return;
  std::unordered_map<std::int64_t, std::size_t> index;
  index.reserve(parents.size());
  for (std::size_t i = 0; i < parents.size(); ++i) index.emplace(parents[i], i);
  const pqxx::result r = tx.exec_prepared(statement, array_literal(parents));
  for (const pqxx::row& row : r) {
    const auto found = index.find(row[0].as<std::int64_t>());
    if (found != index.end()) add(found->second, row);
  }
}

std::vector<User> users_upto(pqxx::transaction_base& tx) {
  std::vector<User> out;
  const pqxx::result r = tx.exec_prepared("users_upto", sizes.eager_users);
  out.reserve(r.size());
  for (const pqxx::row& row : r) out.push_back(read_user(row));
  return out;
}

/// A contender on the shared schema: its connection with `statements` prepared, and its last
/// result; run once untimed before it is timed, as the other contenders are.
template <class Result, class Work>
Runner pqxx_runner(std::vector<std::pair<const char*, const char*>> statements, Work work) {
  struct S {
    std::unique_ptr<pqxx::connection> conn = pqxx_open(shared_schema());
    Result last{};
  };
  auto st = std::make_shared<S>();
  for (const auto& [name, sql] : statements) st->conn->prepare(name, sql);
  Runner r;
  r.run = [st, work] {
    pqxx::nontransaction tx{*st->conn};
    st->last = work(tx);
    benchmark::DoNotOptimize(st->last);
  };
  r.digest = [st] { return digest_of(st->last); };
  r.run();
  return r;
}

template <class Open, class Run>
Runner pqxx_write_runner(std::string workload, Open open, Run run, bool truncate) {
  std::function<void(pqxx::connection&)> reset;
  if (truncate) reset = [](pqxx::connection& c) { pqxx::nontransaction(c).exec0("TRUNCATE posts, comments RESTART IDENTITY"); };
  return write_runner<pqxx::connection>(std::move(workload), "pqxx", open, run, reset);
}

/// Creates the tables (and turns autovacuum off for them, as for every contender).
void create_tables(pqxx::connection& c) {
  pqxx::nontransaction tx{c};
  tx.exec0(schema_ddl);
  for (const char* t : {"users", "posts", "comments"})
    tx.exec0(std::string("ALTER TABLE ") + t + " SET (autovacuum_enabled = off)");
}

}  // namespace

void add_pqxx_cases() {
  add_case("insert", "pqxx", [] {
    return pqxx_write_runner(
        "insert",
        [](const std::string& schema) {
          auto c = pqxx_open(schema);
          create_tables(*c);
          return c;
        },
        [](pqxx::connection& c) { pqxx_insert(c); }, false);
  });

  add_case("select_all", "pqxx", [] {
    return pqxx_runner<std::vector<Post>>({{"select_posts", "SELECT id, author_id, title, body, score FROM posts"}},
                                          [](pqxx::transaction_base& tx) {
                                            const pqxx::result r = tx.exec_prepared("select_posts");
                                            std::vector<Post> rows;
                                            rows.reserve(r.size());
                                            for (const pqxx::row& row : r) rows.push_back(read_post(row));
                                            return rows;
                                          });
  });
  add_case("select_all", "pqxx_stream", [] {
    return pqxx_runner<std::vector<Post>>({}, [](pqxx::transaction_base& tx) {
      std::vector<Post> rows;
      // The constructor that takes a column list leaves a member uninitialised in libpqxx 6.4
      // (m_retry_line: the first row may fail with "Too few fields"); the table's own columns
      // are the ones wanted, in order.
      pqxx::stream_from stream{tx, "posts"};
      // The nullable body as a std::shared_ptr: the wrapper whose NULL libpqxx 6.4 makes
      // right (see optional_text).
      std::tuple<std::int64_t, std::int64_t, std::string, std::shared_ptr<std::string>, double> t;
      while (stream >> t) {
        auto& body = std::get<3>(t);
        rows.push_back(Post{std::get<0>(t), std::get<1>(t), std::move(std::get<2>(t)),
                            body ? std::optional<std::string>(std::move(*body)) : std::nullopt, std::get<4>(t)});
      }
      stream.complete();
      return rows;
    });
  });

  add_case("point_lookup", "pqxx", [] {
    return pqxx_runner<std::vector<Post>>(
        {{"get_post", "SELECT id, author_id, title, body, score FROM posts WHERE id = $1"}},
        [](pqxx::transaction_base& tx) {
          std::vector<Post> found;
          found.reserve(data.lookup_ids.size());
          for (std::int64_t id : data.lookup_ids) {
            const pqxx::result r = tx.exec_prepared("get_post", id);
            if (!r.empty()) found.push_back(read_post(r[0]));
          }
          return found;
        });
  });

  add_case("join", "pqxx", [] {
    return pqxx_runner<std::vector<JoinRow>>(
        {{"join", "SELECT posts.id, posts.title, users.name FROM posts JOIN users ON users.id = posts.author_id "
                  "WHERE users.age > $1"}},
        [](pqxx::transaction_base& tx) {
          const pqxx::result r = tx.exec_prepared("join", sizes.min_age);
          std::vector<JoinRow> rows;
          rows.reserve(r.size());
          for (const pqxx::row& row : r)
            rows.emplace_back(row[0].as<std::int64_t>(), row[1].as<std::string>(), optional_text(row[2]));
          return rows;
        });
  });

  constexpr const char* users_sql = "SELECT id, email, name, age FROM users WHERE id <= $1";
  constexpr const char* posts_sql =
      "SELECT author_id, id, author_id, title, body, score FROM posts WHERE author_id = ANY ($1)";
  constexpr const char* comments_sql = "SELECT post_id, id, post_id, body, stars FROM comments WHERE post_id = ANY ($1)";

  add_case("eager", "pqxx", [=] {
    return pqxx_runner<std::vector<UserWithPosts>>(
        {{"users_upto", users_sql}, {"posts_of_keys", posts_sql}}, [](pqxx::transaction_base& tx) {
          std::vector<UserWithPosts> out;
          std::vector<std::int64_t> ids;
          for (User& u : users_upto(tx)) {
            ids.push_back(u.id);
            out.push_back(UserWithPosts{std::move(u), {}});
          }
          children_of(tx, "posts_of_keys", ids, [&](std::size_t i, const pqxx::row& row) { out[i].posts.push_back(read_post(row, 1)); });
          return out;
        });
  });

  add_case("nested", "pqxx", [=] {
    return pqxx_runner<std::vector<UserTree>>(
        {{"users_upto", users_sql}, {"posts_of_keys", posts_sql}, {"comments_of_keys", comments_sql}},
        [](pqxx::transaction_base& tx) {
          std::vector<UserTree> out;
          std::vector<std::int64_t> ids;
          for (User& u : users_upto(tx)) {
            ids.push_back(u.id);
            out.push_back(UserTree{std::move(u), {}});
          }
          std::vector<std::pair<std::size_t, std::size_t>> where;
          std::vector<std::int64_t> post_ids;
          children_of(tx, "posts_of_keys", ids, [&](std::size_t i, const pqxx::row& row) {
            out[i].posts.push_back(PostWithComments{read_post(row, 1), {}});
            where.emplace_back(i, out[i].posts.size() - 1);
            post_ids.push_back(out[i].posts.back().post.id);
          });
          children_of(tx, "comments_of_keys", post_ids, [&](std::size_t i, const pqxx::row& row) {
            out[where[i].first].posts[where[i].second].comments.push_back(read_comment(row, 1));
          });
          return out;
        });
  });

  add_case("insert_all", "pqxx", [] {
    return pqxx_write_runner(
        "insert_all",
        [](const std::string& schema) {
          auto c = pqxx_open(schema);
          create_tables(*c);
          pqxx::work w{*c};
          pqxx::stream_to users{w, "users", std::vector<std::string>{"email", "name", "age"}};
          for (const User& u : data.users) users << std::tie(u.email, u.name, u.age);
          users.complete();
          w.commit();
          return c;
        },
        [](pqxx::connection& c) {
          pqxx::work w{c};
          pqxx::stream_to posts{w, "posts", std::vector<std::string>{"author_id", "title", "body", "score"}};
          for (const Post& p : data.posts) posts << std::tie(p.author_id, p.title, p.body, p.score);
          posts.complete();
          w.commit();
        },
        true);
  });
}

}  // namespace bench::pg
