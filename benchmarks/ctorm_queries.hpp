#pragma once
// The ctorm side of workloads 4-6, the same on every backend, and the canonical shapes of
// its loaded rows for the digest.

#include <utility>
#include <vector>

#include "common.hpp"

namespace bench {

template <class Loaded>
std::vector<UserWithPosts> canon_eager(const std::vector<Loaded>& rows) {
  std::vector<UserWithPosts> out;
  for (const auto& u : rows) out.push_back(UserWithPosts{*u, u.template get<posts>()});
  return out;
}

template <class Loaded>
std::vector<UserTree> canon_nested(const std::vector<Loaded>& rows) {
  std::vector<UserTree> out;
  for (const auto& u : rows) {
    UserTree t{*u, {}};
    for (const auto& p : u.template get<posts>()) t.posts.push_back(PostWithComments{*p, p.template get<comments>()});
    out.push_back(std::move(t));
  }
  return out;
}

template <class Db>
auto ctorm_join(Db& db) {
  using ctorm::col;
  return db.select(col<&Post::id>, col<&Post::title>, col<&User::name>)
      .template join<author>()
      .where(col<&User::age> > sizes.min_age)
      .all();
}

template <class Db>
auto ctorm_eager(Db& db) {
  using ctorm::col;
  return db.template select<User>().where(col<&User::id> <= sizes.eager_users).template with<posts>().all();
}

template <class Db>
auto ctorm_nested(Db& db) {
  using ctorm::col;
  return db.template select<User>().where(col<&User::id> <= sizes.eager_users).template with<ctorm::Nested<posts, comments>>().all();
}

}  // namespace bench
