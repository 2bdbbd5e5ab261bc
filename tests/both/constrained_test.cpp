// Relations with conditions and a default order of their own (ctorm::Constrained), the same on
// every backend: loads, related queries, joins, where_has, with_count and writes through them
// all see exactly the rows the conditions keep.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../constrained_blog.hpp"
#include "backends.hpp"

using namespace constrained_blog;
using ctorm::asc;
using ctorm::col;

namespace both_constrained {
/// ann: "a" (published, rank 1), "b" (published, rank 5), "c" (draft), "d" (published, deleted);
/// bob: "e" (draft). Tags cpp (primary on a), sql (not primary on a; primary on b). Comments on
/// a: two approved, one pending; on b: one approved.
template <class Db>
void seed(Db& db) {
  db.create_all();
  const auto ann = db.insert(User{.name = "ann"});
  const auto bob = db.insert(User{.name = "bob"});
  const auto a = db.insert(Post{.author_id = ann, .title = "a", .published = true, .rank = 1});
  const auto b = db.insert(Post{.author_id = ann, .title = "b", .published = true, .rank = 5});
  db.insert(Post{.author_id = ann, .title = "c", .published = false, .rank = 9});
  db.insert(Post{.author_id = ann, .title = "d", .published = true, .rank = 7, .deleted = "2026-01-01"});
  db.insert(Post{.author_id = bob, .title = "e", .published = false});
  const auto cpp = db.insert(Tag{.name = "cpp"});
  const auto sql = db.insert(Tag{.name = "sql"});
  db.insert(PostTag{.post_id = a, .tag_id = cpp, .primary = true});
  db.insert(PostTag{.post_id = a, .tag_id = sql, .primary = false});
  db.insert(PostTag{.post_id = b, .tag_id = sql, .primary = true});
  db.insert(Comment{.post_id = a, .text = "yes", .state = "approved"});
  db.insert(Comment{.post_id = a, .text = "also", .state = "approved"});
  db.insert(Comment{.post_id = a, .text = "spam", .state = "pending"});
  db.insert(Comment{.post_id = b, .text = "fine", .state = "approved"});
}

std::vector<std::string> titles(const auto& posts) {
  std::vector<std::string> out;
  for (const auto& p : posts) out.push_back(p.title);
  return out;
}
using V = std::vector<std::string>;
}  // namespace both_constrained

using namespace both_constrained;

TEMPLATE_TEST_CASE("a Constrained relation loads only its rows in its own order, one statement per relation",
                   "[both][constrained]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  const auto before = db.statements_run();
  const auto users = db.template select<User>()
                         .order_by(asc<&User::id>)
                         .template with<published, drafts, praise>()
                         .all();
  CHECK(db.statements_run() == before + 4);  // users, published, drafts, praise
  REQUIRE(users.size() == 2);
  CHECK(titles(users[0].template get<published>()) == V{"b", "a"});  // rank descending
  CHECK(titles(users[0].template get<drafts>()) == V{"c"});
  CHECK(titles(users[1].template get<drafts>()) == V{"e"});
  CHECK(users[1].template get<published>().empty());
  CHECK(users[0].template get<praise>().size() == 3);  // approved comments on a and b
  // One level further: each published post's primary tags.
  const auto nested = db.template select<User>()
                          .order_by(asc<&User::id>)
                          .template with<ctorm::Nested<published, primary_tags>>()
                          .all();
  const auto& ann_posts = nested[0].template get<published>();
  REQUIRE(ann_posts.size() == 2);
  CHECK(ann_posts[0]->title == "b");
  REQUIRE(ann_posts[0].template get<primary_tags>().size() == 1);
  CHECK(ann_posts[0].template get<primary_tags>()[0]->name == "sql");
  REQUIRE(ann_posts[1].template get<primary_tags>().size() == 1);
  CHECK(ann_posts[1].template get<primary_tags>()[0]->name == "cpp");  // sql is not primary on a
  // An order given to with<R>() replaces the relation's own.
  const auto by_title = db.template select<User>().template with<published>(asc<&Post::title>).all();
  CHECK(titles(by_title[0].template get<published>()) == V{"a", "b"});
  // load on rows read earlier.
  const User ann = *db.template get<User>(std::int64_t{1});
  CHECK(titles(db.template load<published>(ann).template get<published>()) == V{"b", "a"});
}

TEMPLATE_TEST_CASE("related where_has with_count and join through a Constrained relation", "[both][constrained]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  const User ann = *db.template get<User>(std::int64_t{1});
  const User bob = *db.template get<User>(std::int64_t{2});
  CHECK(titles(db.template related<published>(ann).all()) == V{"b", "a"});
  CHECK(titles(db.template related<published>(ann).where(col<&Post::rank> < 3).all()) == V{"a"});
  CHECK(db.template related<drafts>(bob).count() == 1);
  CHECK(db.template related<approved>(*db.template get<Post>(std::int64_t{1})).count() == 2);
  // where_has and with_count count only the relation's rows.
  const auto with_published = db.template select<User>().template where_has<published>().all();
  REQUIRE(with_published.size() == 1);
  CHECK(with_published[0].name == "ann");
  const auto counted = db.template select<User>().template with_count<published>().template with_count<drafts>()
                           .order_by(asc<&User::id>).all();
  CHECK(counted[0].template count<published>() == 2);
  CHECK(counted[0].template count<drafts>() == 1);
  CHECK(counted[1].template count<published>() == 0);
  // A join through the pivot condition: each post once per primary tag.
  const auto joined = db.template select(col<&Post::title>, col<&Tag::name>)
                          .template join<primary_tags>()
                          .order_by(asc<&Post::id>)
                          .all();
  REQUIRE(joined.size() == 2);
  CHECK(std::get<1>(joined[0]) == "cpp");
  CHECK(std::get<1>(joined[1]) == "sql");
}

TEMPLATE_TEST_CASE("writes through a Constrained relation fill what its conditions fix and touch only its rows",
                   "[both][constrained]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  const User bob = *db.template get<User>(std::int64_t{2});
  // create sets the foreign key and the columns the equality conditions fix.
  const Post made = db.template create<published>(bob, Post{.title = "f", .published = false, .deleted = "x"});
  CHECK(made.author_id == bob.id);
  CHECK(made.published);
  CHECK_FALSE(made.deleted.has_value());
  CHECK(titles(db.template related<published>(bob).all()) == V{"f"});
  const Post a = *db.template get<Post>(std::int64_t{1});
  const Comment c = db.template create<approved>(a, Comment{.text = "new"});
  CHECK(c.state == "approved");
  // Through a ManyToMany, the junction row gets the pivot conditions' values.
  const Tag rust = db.template create<primary_tags>(made, Tag{.name = "rust"});
  CHECK(db.template get<PostTag>(made.id, rust.id)->primary);
  db.template attach<tags>(made, std::int64_t{1});  // cpp, not primary
  // detach and sync see only the primary links: the plain one stays.
  CHECK(db.template related<tags>(made).count() == 2);
  const auto synced = db.template sync<primary_tags>(made, std::vector<std::int64_t>{2});
  CHECK(synced.attached == std::vector<std::int64_t>{2});
  CHECK(synced.detached == std::vector<std::int64_t>{rust.id});
  CHECK(db.template get<PostTag>(made.id, std::int64_t{2})->primary);
  CHECK_FALSE(db.template get<PostTag>(made.id, std::int64_t{1})->primary);
  CHECK(db.template detach<primary_tags>(made) == 1);
  CHECK(db.template related<tags>(made).count() == 1);
  // update and remove of a related query change exactly its rows (its order is no obstacle).
  const User ann = *db.template get<User>(std::int64_t{1});
  CHECK(db.template related<published>(ann).update(col<&Post::rank> = 0) == 2);
  CHECK(db.template related<published>(ann).remove() == 2);
  CHECK(titles(db.template related<posts>(ann).order_by(asc<&Post::id>).all()) == V{"c", "d"});
}

TEMPLATE_TEST_CASE("a condition on a ManyToMany's target holds in detach sync and left_join and nested Constrained keeps both",
                   "[both][constrained]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  const Post a = *db.template get<Post>(std::int64_t{1});  // tags cpp (1) and sql (2)
  CHECK(db.template related<cpp_tags>(a).count() == 1);
  CHECK(db.template detach<cpp_tags>(a, std::int64_t{2}) == 0);  // sql is not a cpp tag: its link stays
  const auto synced = db.template sync<cpp_tags>(a, std::vector<std::int64_t>{});
  CHECK(synced.detached == std::vector<std::int64_t>{1});
  CHECK(db.template related<tags>(a).count() == 1);  // the sql link is untouched
  db.template attach<cpp_tags>(a, std::int64_t{1});
  // A left join keeps each post once when none of its links passes: no row of NULLs per link.
  const auto rows = db.template select(col<&Post::title>, col<&Tag::name>)
                        .template left_join<cpp_tags>()
                        .where(col<&Post::id> <= 2)
                        .order_by(asc<&Post::id>)
                        .all();
  REQUIRE(rows.size() == 2);
  CHECK(std::get<1>(rows[0]) == std::optional<std::string>("cpp"));
  CHECK_FALSE(std::get<1>(rows[1]).has_value());  // b has only sql
  // Both levels of conditions, and the inner relation's order.
  const User ann = *db.template get<User>(std::int64_t{1});
  CHECK(titles(db.template related<top_published>(ann).all()) == V{"b"});
  CHECK(db.template select<User>().template where_has<top_published>().count() == 1);
}
