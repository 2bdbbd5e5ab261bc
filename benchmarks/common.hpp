#pragma once
// What every contender shares: sizes, data, the registry of benchmark cases, and the digests
// that prove two contenders produced the same results.

#include <sqlite3.h>

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
  template <class T>
  void add(const std::vector<T>& v) {
    add(static_cast<std::int64_t>(v.size()));
    for (const auto& x : v) add(x);
  }
  void add(const UserWithPosts& u) { add(u.user), add(u.posts); }
  void add(const PostWithComments& p) { add(p.post), add(p.comments); }
  void add(const UserTree& u) { add(u.user), add(u.posts); }
  std::uint64_t value() const { return h_; }

 private:
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
