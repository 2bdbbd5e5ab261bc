// Saving a loaded graph (db.save), the same on every backend: parents first, keys copied down,
// new rows inserted, others written by key, junction links made to match — in one transaction.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backends.hpp"

namespace both_save {
struct User {
  std::int64_t id{};
  std::string email{};
};
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::string title{};
};
struct Comment {
  std::int64_t id{};
  std::int64_t post_id{};
  std::string text{};
};
struct Tag {
  std::int64_t id{};
  std::string name{};
};
struct PostTag {
  std::int64_t post_id{};
  std::int64_t tag_id{};
  std::int64_t position{};
};
using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using tags = ctorm::ManyToMany<Tag, PostTag>;
using Schema = ctorm::Schema<
    ctorm::Table<User, ctorm::Unique<&User::email>>, ctorm::Table<Post, author, comments, tags>,
    ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id, ctorm::OnDelete::Cascade>>,
    ctorm::Table<Tag, ctorm::Unique<&Tag::name>>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                 ctorm::BelongsTo<Post, &PostTag::post_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Tag, &PostTag::tag_id, ctorm::OnDelete::Cascade>>>;
using Graph = ctorm::Loaded<Post, author, comments, tags>;
}  // namespace both_save

using namespace both_save;
using ctorm::asc;
using ctorm::col;

TEMPLATE_TEST_CASE("save writes a new graph in foreign-key order and fills every key", "[both][save]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  Graph g{Post{.title = "new"}, {}};
  g.template set<author>(User{.email = "ann"});
  g.template get<comments>().push_back(Comment{.text = "first"});
  g.template get<comments>().push_back(Comment{.text = "second"});
  g.template get<tags>().push_back({Tag{.name = "cpp"}, PostTag{.position = 1}});
  const Graph saved = db.save(g);
  CHECK(saved.template get<author>().id == 1);
  CHECK(saved->author_id == 1);
  CHECK(saved->id == 1);
  REQUIRE(saved.template get<comments>().size() == 2);
  CHECK(saved.template get<comments>()[1].id == 2);
  CHECK(saved.template get<comments>()[1].post_id == saved->id);
  REQUIRE(saved.template get<tags>().size() == 1);
  CHECK(saved.template get<tags>()[0]->id == 1);
  CHECK(saved.template get<tags>()[0].pivot.post_id == saved->id);
  CHECK(saved.template get<tags>()[0].pivot.tag_id == 1);
  // What was written reads back the same.
  const auto back = db.template select<Post>().template with<author, comments, tags>().one();
  CHECK(back.template get<author>().email == "ann");
  CHECK(back.template get<comments>().size() == 2);
  CHECK(back.template get<tags>()[0].pivot.position == 1);
}

TEMPLATE_TEST_CASE("save writes changes by key, makes links match, leaves removed children, and is all or nothing",
                   "[both][save]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  Graph g{Post{.title = "first"}, {}};
  g.template set<author>(User{.email = "ann"});
  g.template get<comments>().push_back(Comment{.text = "one"});
  g.template get<tags>().push_back({Tag{.name = "cpp"}, PostTag{.position = 1}});
  g.template get<tags>().push_back({Tag{.name = "sql"}, PostTag{.position = 2}});
  db.save(g);

  auto loaded = db.template select<Post>().template with<author, comments, tags>().one();
  loaded->title = "edited";
  loaded.template get<author>().email = "ann@example.org";
  loaded.template get<comments>()[0].text = "changed";
  loaded.template get<comments>().push_back(Comment{.text = "two"});
  loaded.template get<tags>().erase(loaded.template get<tags>().begin());  // cpp unlinked
  loaded.template get<tags>()[0].pivot.position = 5;                       // sql moves
  loaded.template get<tags>().push_back({Tag{.name = "rust"}, PostTag{.position = 3}});
  const auto before = db.template count<User>();
  db.save(loaded);
  CHECK(db.template count<User>() == before);  // updated by key, not inserted again
  CHECK(db.template get<User>(std::int64_t{1})->email == "ann@example.org");
  CHECK(db.template get<Post>(std::int64_t{1})->title == "edited");
  CHECK(db.template get<Comment>(std::int64_t{1})->text == "changed");
  CHECK(db.template count<Comment>() == 2);
  CHECK(db.template count<PostTag>() == 2);
  CHECK(db.template get<PostTag>(std::int64_t{1}, std::int64_t{2})->position == 5);
  CHECK_FALSE(db.template get<PostTag>(std::int64_t{1}, std::int64_t{1}).has_value());
  CHECK(db.template count<Tag>() == 3);  // unlinking keeps the tag

  // A comment taken out of the vector stays in the database.
  auto again = db.template select<Post>().template with<author, comments, tags>().one();
  again.template get<comments>().pop_back();
  db.save(again);
  CHECK(db.template count<Comment>() == 2);

  // A graph that fails anywhere leaves nothing of itself behind.
  auto bad = db.template select<Post>().template with<author, comments, tags>().one();
  bad->title = "never";
  bad.template get<comments>().push_back(Comment{.text = "never"});
  bad.template get<tags>().push_back({Tag{.name = "cpp"}, PostTag{.position = 9}});  // a second "cpp"
  CHECK_THROWS_AS(db.save(bad), ctorm::constraint_error);
  CHECK(db.template get<Post>(std::int64_t{1})->title == "edited");
  CHECK(db.template count<Comment>() == 2);
}
