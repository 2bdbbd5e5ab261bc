// MorphAs<R, Target> (a MorphTo followed to one of its targets) and where_has on a whole MorphTo,
// the same on every backend: a post and a video share a key, so only the type column tells
// their comments apart; a comment may also name a missing row or a table that is no target.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "backends.hpp"

namespace both_morph_as {
struct Post {
  std::int64_t id{};
  std::string title{};
};
struct Video {
  std::int64_t id{};
  std::string url{};
};
struct Comment {
  std::int64_t id{};
  std::string commentable_type{};
  std::int64_t commentable_id{};
  std::string body{};
};
using comments = ctorm::MorphMany<Comment, &Comment::commentable_type, &Comment::commentable_id>;
using commentable = ctorm::MorphTo<&Comment::commentable_type, &Comment::commentable_id, Post, Video>;
using on_post = ctorm::MorphAs<commentable, Post>;
using on_video = ctorm::MorphAs<commentable, Video>;
using Schema = ctorm::Schema<ctorm::Table<Post, comments>, ctorm::Table<Video, comments>,
                             ctorm::Table<Comment, commentable>>;
static_assert(ctorm::valid<Schema>);
}  // namespace both_morph_as

using namespace both_morph_as;
using ctorm::asc;
using ctorm::col;

namespace {
/// A post and a video with the same key; comments on each, on a missing post and on a table
/// that is no target of the MorphTo, in that order.
template <class Db>
std::vector<Comment> seed(Db& db) {
  const Post p{.id = db.insert(Post{.title = "hello"}), .title = "hello"};
  const Video v{.id = db.insert(Video{.url = "v.mp4"}), .url = "v.mp4"};
  REQUIRE(p.id == v.id);
  std::vector<Comment> rows{{0, "posts", p.id, "on the post"},
                            {0, "videos", v.id, "on the video"},
                            {0, "posts", 999, "on a missing post"},
                            {0, "users", p.id, "on no target"}};
  for (Comment& c : rows) c.id = db.insert(c);
  return rows;
}

template <class Q>
std::vector<std::string> bodies(Q query) {
  std::vector<std::string> out;
  for (const Comment& c : std::move(query).order_by(asc<&Comment::id>).all()) out.push_back(c.body);
  return out;
}
}  // namespace

TEMPLATE_TEST_CASE("MorphAs in where_has and where_doesnt_have keeps to its target's table",
                   "[both][morph_as]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  seed(db);
  using V = std::vector<std::string>;
  CHECK(bodies(db.template select<Comment>().template where_has<on_post>()) == V{"on the post"});
  CHECK(bodies(db.template select<Comment>().template where_has<on_video>()) == V{"on the video"});
  CHECK(bodies(db.template select<Comment>().template where_has<on_post>(col<&Post::title> == std::string("hello"))) ==
        V{"on the post"});
  CHECK(db.template select<Comment>().template where_has<on_post>(col<&Post::title> == std::string("other")).count() == 0);
  CHECK(db.template select<Comment>().template where_has<on_post>(ctorm::at_least(1)).count() == 1);
  CHECK(db.template select<Comment>().template where_has<on_post>(ctorm::at_least(2)).count() == 0);
  CHECK(bodies(db.template select<Comment>().template where_doesnt_have<on_post>()) ==
        V{"on the video", "on a missing post", "on no target"});
}

TEMPLATE_TEST_CASE("where_has on a whole MorphTo asks for an existing row of any of its targets",
                   "[both][morph_as]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  seed(db);
  using V = std::vector<std::string>;
  CHECK(bodies(db.template select<Comment>().template where_has<commentable>()) == V{"on the post", "on the video"});
  CHECK(bodies(db.template select<Comment>().template where_doesnt_have<commentable>()) ==
        V{"on a missing post", "on no target"});
  // Beside another condition the alternatives stay together.
  CHECK(bodies(db.template select<Comment>().template where_has<commentable>().where(
            col<&Comment::body> != std::string("on the post"))) == V{"on the video"});
}

TEMPLATE_TEST_CASE("MorphAs counts 0 or 1 per row and joins its target's table",
                   "[both][morph_as]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  seed(db);
  const auto counted = db.template select<Comment>().order_by(asc<&Comment::id>).template with_count<on_post>().all();
  REQUIRE(counted.size() == 4);
  CHECK(counted[0].template count<on_post>() == 1);
  CHECK(counted[1].template count<on_post>() == 0);  // a video with the post's key
  CHECK(counted[2].template count<on_post>() == 0);
  CHECK(counted[3].template count<on_post>() == 0);

  const auto joined = db.select(col<&Comment::body>, col<&Post::title>).template join<on_post>().all();
  REQUIRE(joined.size() == 1);
  CHECK(joined[0] == std::tuple<std::string, std::string>{"on the post", "hello"});
  const auto left = db.select(col<&Comment::id>, col<&Video::url>)
                        .template left_join<on_video>()
                        .order_by(asc<&Comment::id>)
                        .all();
  REQUIRE(left.size() == 4);
  CHECK(!std::get<1>(left[0]));
  CHECK(std::get<1>(left[1]) == std::optional<std::string>("v.mp4"));
  CHECK(!std::get<1>(left[3]));
}

TEMPLATE_TEST_CASE("MorphAs loads an optional target per row and gives a row's related target",
                   "[both][morph_as]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  const auto rows = seed(db);
  const auto before = db.statements_run();
  const auto loaded =
      db.template select<Comment>().order_by(asc<&Comment::id>).template with<on_post, on_video>().all();
  CHECK(db.statements_run() == before + 3);
  REQUIRE(loaded.size() == 4);
  const std::optional<Post>& post = loaded[0].template get<on_post>();
  REQUIRE(post);
  CHECK(post->title == "hello");
  CHECK(!loaded[0].template get<on_video>());
  CHECK(!loaded[1].template get<on_post>());  // the post with the video's key is not its target
  REQUIRE(loaded[1].template get<on_video>());
  CHECK(loaded[1].template get<on_video>()->url == "v.mp4");
  CHECK(!loaded[2].template get<on_post>());
  CHECK(!loaded[3].template get<on_post>());

  CHECK(db.template related<on_post>(rows[0]).count() == 1);
  CHECK(db.template related<on_post>(rows[1]).count() == 0);
  CHECK(db.template related<on_video>(rows[1]).first()->url == "v.mp4");
  CHECK(!db.template load<on_post>(rows[1]).template get<on_post>());
  CHECK(db.template load<on_post>(rows[0]).template get<on_post>()->title == "hello");
}
