// SOCI 4 with its SQLite backend: the library a C++ user would pick instead of ctorm. Written
// the way SOCI's documentation teaches: `type_conversion` maps rows to the structs, statements
// with `into`/`use` are prepared once and re-executed, results are fetched row by row.

#include "common.hpp"  // before SOCI: it includes sqlite3.h at global scope

#include <soci/soci.h>

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "raw_schema.hpp"

namespace soci {

// soci-sqlite3.h would include sqlite3.h again inside a namespace of its own, which clashes with
// ctorm's global one; the backend's factory is all this file needs from it.
extern "C" backend_factory const* factory_sqlite3();

// Columns are read by position, as the raw code does; optional members go through indicators.
// SOCI 4.0's SQLite backend describes an INTEGER column as a 32-bit `int` (asking for `long long`
// throws std::bad_cast), so the values of this data, which all fit, are read as `int`; a key
// above 2^31 would be cut. An `into(long long)` reads all 64 bits.

template <>
struct type_conversion<bench::User> {
  using base_type = values;
  static void from_base(const values& v, indicator, bench::User& u) {
    u.id = v.get<int>(0);
    u.email = v.get<std::string>(1);
    if (v.get_indicator(2) == i_null)
      u.name.reset();
    else
      u.name = v.get<std::string>(2);
    u.age = v.get<int>(3);
  }
  static void to_base(const bench::User&, values&, indicator&) {}
};

template <>
struct type_conversion<bench::Post> {
  using base_type = values;
  static void from_base(const values& v, indicator, bench::Post& p) {
    p.id = v.get<int>(0);
    p.author_id = v.get<int>(1);
    p.title = v.get<std::string>(2);
    if (v.get_indicator(3) == i_null)
      p.body.reset();
    else
      p.body = v.get<std::string>(3);
    p.score = v.get<double>(4);
  }
  static void to_base(const bench::Post&, values&, indicator&) {}
};

template <>
struct type_conversion<bench::Comment> {
  using base_type = values;
  static void from_base(const values& v, indicator, bench::Comment& c) {
    c.id = v.get<int>(0);
    c.post_id = v.get<int>(1);
    c.body = v.get<std::string>(2);
    c.stars = v.get<int>(3);
  }
  static void to_base(const bench::Comment&, values&, indicator&) {}
};

}  // namespace soci

namespace bench {
namespace {

std::unique_ptr<soci::session> soci_open(const std::string& path) {
  auto sql = std::make_unique<soci::session>(*soci::factory_sqlite3(), "db=" + path + " timeout=5");
  *sql << "PRAGMA foreign_keys = ON";
  *sql << "PRAGMA journal_mode = WAL";
  *sql << "PRAGMA synchronous = NORMAL";
  return sql;
}

void soci_insert(soci::session& sql) {
  soci::transaction tr(sql);
  std::string email, title;
  std::string name, body;
  soci::indicator name_ind = soci::i_ok, body_ind = soci::i_ok;
  long long age = 0, author_id = 0;
  double score = 0;
  {
    soci::statement st = (sql.prepare << "INSERT INTO users (email, name, age) VALUES (:email, :name, :age)",
                          soci::use(email), soci::use(name, name_ind), soci::use(age));
    for (const User& u : data.users) {
      email = u.email;
      name_ind = u.name ? soci::i_ok : soci::i_null;
      if (u.name) name = *u.name;
      age = u.age;
      st.execute(true);
    }
  }
  {
    soci::statement st =
        (sql.prepare << "INSERT INTO posts (author_id, title, body, score) VALUES (:a, :t, :b, :s)",
         soci::use(author_id), soci::use(title), soci::use(body, body_ind), soci::use(score));
    for (const Post& p : data.posts) {
      author_id = p.author_id;
      title = p.title;
      body_ind = p.body ? soci::i_ok : soci::i_null;
      if (p.body) body = *p.body;
      score = p.score;
      st.execute(true);
    }
  }
  tr.commit();
}

/// Every row of a prepared `into(row)` statement.
template <class T>
std::vector<T> fetch_all(soci::statement& st, T& row) {
  std::vector<T> out;
  if (st.execute(true)) {
    do out.push_back(row);
    while (st.fetch());
  }
  return out;
}

struct State {
  std::unique_ptr<soci::session> sql = soci_open(shared_path);
};

template <class Result, class Prepare>
Runner soci_runner(Prepare prepare) {
  struct S : State {
    std::function<Result()> work;
    Result last{};
  };
  auto st = std::make_shared<S>();
  st->work = prepare(*st->sql);
  Runner r;
  r.run = [st] {
    st->last = st->work();
    benchmark::DoNotOptimize(st->last);
  };
  r.digest = [st] { return digest_of(st->last); };
  return r;
}

/// The users 1..n, as SOCI would fetch them for the eager workloads.
struct UsersQuery {
  User row;
  long long upto = 0;
  soci::statement st;
  explicit UsersQuery(soci::session& sql)
      : st((sql.prepare << "SELECT id, email, name, age FROM users WHERE id <= :n", soci::into(row),
            soci::use(upto))) {}
  std::vector<User> run() {
    upto = sizes.eager_users;
    return fetch_all(st, row);
  }
};

/// Children by a JSON array of parent keys, grouped by their foreign key `Key`.
template <class T, std::int64_t T::*Key>
struct ChildrenQuery {
  T row;
  std::string keys;
  soci::statement st;
  ChildrenQuery(soci::session& sql, const char* query)
      : st((sql.prepare << query, soci::into(row), soci::use(keys))) {}
  template <class Add>
  void run(const std::vector<std::int64_t>& parents, Add add) {
    const auto index = parent_keys(parents, keys);
    if (!st.execute(true)) return;
    do {
      const auto found = index.find(row.*Key);
      if (found != index.end()) add(found->second, row);
    } while (st.fetch());
  }
};

// An `into` of a values-mapped type takes every column, so the parent key is read from the
// row's own foreign key.
constexpr const char* posts_of_keys =
    "SELECT id, author_id, title, body, score FROM posts "
    "WHERE author_id IN (SELECT value FROM json_each(:keys))";
constexpr const char* comments_of_keys =
    "SELECT id, post_id, body, stars FROM comments "
    "WHERE post_id IN (SELECT value FROM json_each(:keys))";

using PostsOfUsers = ChildrenQuery<Post, &Post::author_id>;
using CommentsOfPosts = ChildrenQuery<Comment, &Comment::post_id>;

}  // namespace

void add_soci_cases() {
  add_case("insert", "soci", [] {
    auto sql = std::make_shared<std::unique_ptr<soci::session>>();
    const std::string path = insert_path("soci");
    Runner r;
    r.before = [sql, path] {
      remove_database(path);
      *sql = soci_open(path);
      // SOCI runs one statement per query.
      const std::string_view ddl = raw::schema_ddl;
      for (std::size_t at = 0, end; (end = ddl.find(';', at)) != std::string_view::npos; at = end + 1)
        **sql << std::string(ddl.substr(at, end - at));
    };
    r.run = [sql] { soci_insert(**sql); };
    r.after = [sql] { sql->reset(); };
    r.digest = [path] { return digest_tables(path); };
    return r;
  });

  add_case("select_all", "soci", [] {
    return soci_runner<std::vector<Post>>([](soci::session& sql) {
      auto row = std::make_shared<Post>();
      auto st = std::make_shared<soci::statement>(
          (sql.prepare << "SELECT id, author_id, title, body, score FROM posts", soci::into(*row)));
      return [row, st] { return fetch_all(*st, *row); };
    });
  });

  add_case("point_lookup", "soci", [] {
    return soci_runner<std::vector<Post>>([](soci::session& sql) {
      struct Q {
        Post row;
        long long id = 0;
        soci::statement st;
        explicit Q(soci::session& s)
            : st((s.prepare << "SELECT id, author_id, title, body, score FROM posts WHERE id = :id",
                  soci::into(row), soci::use(id))) {}
      };
      auto q = std::make_shared<Q>(sql);
      return [q] {
        std::vector<Post> found;
        found.reserve(data.lookup_ids.size());
        for (std::int64_t id : data.lookup_ids) {
          q->id = id;
          if (q->st.execute(true)) found.push_back(q->row);
        }
        return found;
      };
    });
  });

  add_case("join", "soci", [] {
    return soci_runner<std::vector<JoinRow>>([](soci::session& sql) {
      struct Q {
        long long id = 0, min_age = 0;
        std::string title, name;
        soci::indicator name_ind = soci::i_ok;
        soci::statement st;
        explicit Q(soci::session& s)
            : st((s.prepare << "SELECT posts.id, posts.title, users.name FROM posts JOIN users ON "
                               "users.id = posts.author_id WHERE users.age > :age",
                  soci::into(id), soci::into(title), soci::into(name, name_ind), soci::use(min_age))) {}
      };
      auto q = std::make_shared<Q>(sql);
      return [q] {
        std::vector<JoinRow> rows;
        q->min_age = sizes.min_age;
        if (!q->st.execute(true)) return rows;
        do rows.emplace_back(q->id, q->title,
                             q->name_ind == soci::i_null ? std::nullopt : std::optional<std::string>(q->name));
        while (q->st.fetch());
        return rows;
      };
    });
  });

  add_case("eager", "soci", [] {
    return soci_runner<std::vector<UserWithPosts>>([](soci::session& sql) {
      auto users = std::make_shared<UsersQuery>(sql);
      auto posts = std::make_shared<PostsOfUsers>(sql, posts_of_keys);
      return [users, posts] {
        std::vector<UserWithPosts> out;
        std::vector<std::int64_t> ids;
        for (User& u : users->run()) {
          ids.push_back(u.id);
          out.push_back(UserWithPosts{std::move(u), {}});
        }
        posts->run(ids, [&](std::size_t i, const Post& p) { out[i].posts.push_back(p); });
        return out;
      };
    });
  });

  add_case("nested", "soci", [] {
    return soci_runner<std::vector<UserTree>>([](soci::session& sql) {
      auto users = std::make_shared<UsersQuery>(sql);
      auto posts = std::make_shared<PostsOfUsers>(sql, posts_of_keys);
      auto comments = std::make_shared<CommentsOfPosts>(sql, comments_of_keys);
      return [users, posts, comments] {
        std::vector<UserTree> out;
        std::vector<std::int64_t> ids;
        for (User& u : users->run()) {
          ids.push_back(u.id);
          out.push_back(UserTree{std::move(u), {}});
        }
        std::vector<std::pair<std::size_t, std::size_t>> where;
        std::vector<std::int64_t> post_ids;
        posts->run(ids, [&](std::size_t i, const Post& p) {
          out[i].posts.push_back(PostWithComments{p, {}});
          where.emplace_back(i, out[i].posts.size() - 1);
          post_ids.push_back(p.id);
        });
        comments->run(post_ids, [&](std::size_t i, const Comment& c) {
          out[where[i].first].posts[where[i].second].comments.push_back(c);
        });
        return out;
      };
    });
  });
}

}  // namespace bench
