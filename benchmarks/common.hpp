#pragma once
// What every contender shares: sizes, data, the registry of benchmark cases, and the digests
// that prove two contenders produced the same results.

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "schema.hpp"

namespace bench {

struct Sizes {
  std::size_t users = 100'000;
  std::size_t posts = 300'000;
  std::size_t comments = 600'000;
  std::size_t lookups = 20'000;
  std::int64_t eager_users = 1000;
  std::int64_t min_age = 30;
};

extern Sizes sizes;

struct Data {
  std::vector<User> users;
  std::vector<Post> posts;
  std::vector<Comment> comments;
  std::vector<std::int64_t> lookup_ids;
};

extern Data data;

/// Multiplies every size by `scale` (each at least 1; the eager-loaded users at most all).
inline void scale_sizes(double scale) {
  const auto scaled = [scale](std::size_t n) {
    return std::max<std::size_t>(1, static_cast<std::size_t>(static_cast<double>(n) * scale));
  };
  sizes.users = scaled(sizes.users);
  sizes.posts = scaled(sizes.posts);
  sizes.comments = scaled(sizes.comments);
  sizes.lookups = scaled(sizes.lookups);
  sizes.eager_users = static_cast<std::int64_t>(std::min<std::size_t>(scaled(1000), sizes.users));
}

/// Deterministic data: post j belongs to user (j-1) % users + 1 and comment k to post
/// (k-1) % posts + 1, so each user has posts/users posts spread over the table; every tenth
/// user has no name, every fifth post no body.
inline void make_data() {
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
  data.comments.reserve(sizes.comments);
  for (std::size_t k = 1; k <= sizes.comments; ++k) {
    Comment c;
    c.post_id = static_cast<std::int64_t>((k - 1) % sizes.posts + 1);
    c.body = "Comment " + std::to_string(k) + ", agreeing with most of it.";
    c.stars = static_cast<std::int64_t>(k % 5);
    data.comments.push_back(std::move(c));
  }
  std::uint64_t x = 88172645463325252ull;  // xorshift64: the same lookups for every contender
  data.lookup_ids.reserve(sizes.lookups);
  for (std::size_t k = 0; k < sizes.lookups; ++k) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    data.lookup_ids.push_back(static_cast<std::int64_t>(x % sizes.posts) + 1);
  }
}

/// The database file of workloads 2-6, built once before any benchmark runs.
extern std::string shared_path;

/// A fresh file name for contender `who` of the insert workload.
std::string insert_path(std::string_view who);
void remove_database(const std::string& path);

/// One contender of one workload. `before` and `after` run untimed around each `run`; `digest`
/// summarises the result of the last `run`, to compare with the other contenders.
struct Runner {
  std::function<void()> before;
  std::function<void()> run;
  std::function<void()> after;
  std::function<std::uint64_t()> digest;
};

/// Registers a contender: `workload` is the row of the report ("select_all"), `contender` the
/// column ("raw", "ctorm", "soci"...). `make` runs once per benchmark, before the timing loop.
void add_case(std::string workload, std::string contender, std::function<Runner()> make);

// Canonical result shapes: every contender's results are digested in these terms.
using JoinRow = std::tuple<std::int64_t, std::string, std::optional<std::string>>;

struct UserWithPosts {
  User user;
  std::vector<Post> posts;
};

struct PostWithComments {
  Post post;
  std::vector<Comment> comments;
};

struct UserTree {
  User user;
  std::vector<PostWithComments> posts;
};

/// FNV-1a over the fields, with lengths and NULL markers so that no two results collide by
/// concatenation.
class Digest {
 public:
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ b[i]) * 1099511628211ull;
  }
  void add(std::int64_t v) { bytes(&v, sizeof v); }
  void add(double v) { bytes(&v, sizeof v); }
  void add(std::string_view s) {
    add(static_cast<std::int64_t>(s.size()));
    bytes(s.data(), s.size());
  }
  void add(const std::optional<std::string>& s) {
    add(std::int64_t{s.has_value()});
    if (s) add(std::string_view(*s));
  }
  void add(const User& u) { add(u.id), add(std::string_view(u.email)), add(u.name), add(u.age); }
  void add(const Post& p) {
    add(p.id), add(p.author_id), add(std::string_view(p.title)), add(p.body), add(p.score);
  }
  void add(const Comment& c) { add(c.id), add(c.post_id), add(std::string_view(c.body)), add(c.stars); }
  void add(const JoinRow& r) { add(std::get<0>(r)), add(std::string_view(std::get<1>(r))), add(std::get<2>(r)); }
  /// In key order: a statement without ORDER BY promises none, and a parallel plan on
  /// PostgreSQL interleaves its workers' rows differently from one run to the next.
  template <class T>
  void add(const std::vector<T>& v) {
    add(static_cast<std::int64_t>(v.size()));
    std::vector<const T*> in_order;
    in_order.reserve(v.size());
    for (const auto& x : v) in_order.push_back(&x);
    std::stable_sort(in_order.begin(), in_order.end(), [](const T* a, const T* b) { return key(*a) < key(*b); });
    for (const T* x : in_order) add(*x);
  }
  void add(const UserWithPosts& u) { add(u.user), add(u.posts); }
  void add(const PostWithComments& p) { add(p.post), add(p.comments); }
  void add(const UserTree& u) { add(u.user), add(u.posts); }
  std::uint64_t value() const { return h_; }

 private:
  static std::int64_t key(const User& u) { return u.id; }
  static std::int64_t key(const Post& p) { return p.id; }
  static std::int64_t key(const Comment& c) { return c.id; }
  static std::int64_t key(const JoinRow& r) { return std::get<0>(r); }
  static std::int64_t key(const UserWithPosts& u) { return u.user.id; }
  static std::int64_t key(const PostWithComments& p) { return p.post.id; }
  static std::int64_t key(const UserTree& u) { return u.user.id; }

  std::uint64_t h_ = 14695981039346656037ull;
};

template <class T>
std::uint64_t digest_of(const T& v) {
  Digest d;
  d.add(v);
  return d.value();
}

/// The contents of the users and posts tables of a database file, in key order.
std::uint64_t digest_tables(const std::string& path);

/// Writes the parents' keys into `json` as a JSON array (bound to `json_each(?)` by the
/// hand-written eager loads) and returns where each key stands in `parents`.
inline std::unordered_map<std::int64_t, std::size_t> parent_keys(const std::vector<std::int64_t>& parents,
                                                                 std::string& json) {
  json.assign(1, '[');
  std::unordered_map<std::int64_t, std::size_t> index;
  index.reserve(parents.size());
  char digits[24];
  for (std::size_t i = 0; i < parents.size(); ++i) {
    if (i != 0) json.push_back(',');
    const auto end = std::to_chars(digits, digits + sizeof digits, parents[i]).ptr;
    json.append(digits, end);
    index.emplace(parents[i], i);
  }
  json.push_back(']');
  return index;
}

}  // namespace bench
