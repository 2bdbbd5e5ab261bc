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

TEMPLATE_TEST_CASE("a row a save meets more than once is written once: the copy that was edited", "[both][save]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  const auto ann = db.insert(User{.email = "ann"});
  db.insert(Post{.author_id = ann, .title = "one"});
  db.insert(Post{.author_id = ann, .title = "two"});
  db.insert(Post{.author_id = ann, .title = "three"});
  const auto load = [&] { return db.template select<Post>().order_by(asc<&Post::id>).template with<author>().all(); };
  // Every graph holds its own copy of the author: the edit in the second one is kept, though
  // the third, unedited, is written after it; every copy then holds what was written.
  auto graphs = load();
  graphs[1].template get<author>().email = "ann@example.org";
  const auto saved = db.save(graphs);
  CHECK(db.template get<User>(ann)->email == "ann@example.org");
  for (const auto& g : saved) CHECK(g.template get<author>().email == "ann@example.org");
  // Two copies edited alike are one edit.
  graphs = load();
  graphs[0].template get<author>().email = "a@example.org";
  graphs[2].template get<author>().email = "a@example.org";
  db.save(graphs);
  CHECK(db.template get<User>(ann)->email == "a@example.org");
  // Two copies edited differently: which one is meant is unknown, so nothing is written.
  graphs = load();
  graphs[0]->title = "first";
  graphs[0].template get<author>().email = "x@example.org";
  graphs[2].template get<author>().email = "y@example.org";
  CHECK_THROWS_WITH(db.save(graphs), "ctorm: save found two copies of the users row with key 1 edited differently - "
                                     "make the same edit on every copy, or edit one");
  CHECK(db.template get<User>(ann)->email == "a@example.org");
  CHECK(db.template get<Post>(std::int64_t{1})->title == "one");
}

namespace both_prune {
struct User {
  std::int64_t id{};
  std::string email{};
};
struct Profile {
  std::int64_t id{};
  std::int64_t user_id{};
  std::string bio{};
};
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::string title{};
  bool published{};
};
struct Comment {
  std::int64_t id{};
  std::int64_t post_id{};
  std::string text{};
};
using posts = ctorm::HasMany<Post, &Post::author_id>;
using drafts = ctorm::Constrained<posts, ctorm::Is<&Post::published, false>>;
using profile = ctorm::HasOne<Profile, &Profile::user_id>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
/// A relation whose rows have a composite key.
struct Vote {
  std::int64_t user_id{};
  std::int64_t post_id{};
  std::int64_t value{};
};
using votes = ctorm::HasMany<Vote, &Vote::user_id>;
// No ON DELETE action on comments: a post cannot be deleted while it has comments.
using Schema = ctorm::Schema<ctorm::Table<User, posts, drafts, profile, votes>,
                             ctorm::Table<Vote, ctorm::PrimaryKey<&Vote::user_id, &Vote::post_id>,
                                          ctorm::BelongsTo<User, &Vote::user_id, ctorm::OnDelete::Cascade>>,
                             ctorm::Table<Profile, ctorm::Unique<&Profile::user_id>,
                                          ctorm::BelongsTo<User, &Profile::user_id, ctorm::OnDelete::Cascade>>,
                             ctorm::Table<Post, comments, ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>>,
                             ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>>;
}  // namespace both_prune

TEMPLATE_TEST_CASE("save with delete_missing deletes the relation rows a graph no longer holds", "[both][save]",
                   test::on_sqlite, test::on_postgresql) {
  // Block-scope names: they hide both_save's of the same names.
  using User = both_prune::User;
  using Post = both_prune::Post;
  using Comment = both_prune::Comment;
  using Profile = both_prune::Profile;
  using posts = both_prune::posts;
  using drafts = both_prune::drafts;
  using profile = both_prune::profile;
  using comments = both_prune::comments;
  auto db = TestType::template open<both_prune::Schema>();
  db.create_all();
  const User ann{.id = db.insert(User{.email = "ann"}), .email = "ann"};
  const User bob{.id = db.insert(User{.email = "bob"}), .email = "bob"};
  db.insert(Profile{.user_id = ann.id, .bio = "hi"});
  for (const char* t : {"a1", "a2", "a3"}) db.insert(Post{.author_id = ann.id, .title = t, .published = true});
  db.insert(Post{.author_id = ann.id, .title = "draft", .published = false});
  db.insert(Post{.author_id = bob.id, .title = "b1", .published = true});
  const auto by_title = [&](const char* t) { return db.template select<Post>().where(col<&Post::title> == t).one(); };
  db.insert(Comment{.post_id = by_title("a1").id, .text = "c1"});
  db.insert(Comment{.post_id = by_title("a1").id, .text = "c2"});

  // Without the tag, rows taken out stay; with it, they are deleted — only the owner's.
  auto g = db.template select<User>().where(col<&User::id> == ann.id).template with<ctorm::With<posts, comments>>().one();
  REQUIRE(g.template get<posts>().size() == 4);
  auto& ps = g.template get<posts>();
  std::erase_if(ps, [](const auto& p) { return p->title == "a2" || p->title == "draft"; });
  ps.push_back({Post{.title = "a4", .published = true}, {}});
  db.save(g);
  CHECK(db.template count<Post>() == 6);
  // A nested relation prunes too: a1 keeps only c1.
  for (auto& p : ps)
    if (p->title == "a1") std::erase_if(p.template get<comments>(), [](const Comment& c) { return c.text == "c2"; });
  const auto saved = db.save(g, ctorm::delete_missing);
  CHECK(db.template count<Post>() == 4);  // a1, a3, a4 of ann; b1 of bob
  CHECK(db.template select<Post>().where(col<&Post::author_id> == bob.id).count() == 1);
  CHECK(db.template count<Comment>() == 1);
  CHECK(saved.template get<posts>().size() == 3);
  CHECK(db.template related<posts>(ann).where(col<&Post::title> == "a4").count() == 1);

  // A Constrained relation deletes only its own rows: ann's drafts, not her published posts.
  db.insert(Post{.author_id = ann.id, .title = "d1", .published = false});
  db.insert(Post{.author_id = ann.id, .title = "d2", .published = false});
  auto d = db.template select<User>().where(col<&User::id> == ann.id).template with<drafts>().one();
  REQUIRE(d.template get<drafts>().size() == 2);
  d.template get<drafts>().pop_back();
  db.save(d, ctorm::delete_missing);
  CHECK(db.template related<drafts>(ann).count() == 1);
  CHECK(db.template related<posts>(ann).count() == 4);

  // An empty HasOne deletes the row it had.
  auto u = db.template select<User>().where(col<&User::id> == ann.id).template with<profile>().one();
  REQUIRE(u.template get<profile>().has_value());
  u.template get<profile>().reset();
  db.save(u, ctorm::delete_missing);
  CHECK(db.template count<Profile>() == 0);
  // A new one in its place takes the unique key of the one it replaces: the old one goes first.
  db.insert(Profile{.user_id = ann.id, .bio = "old"});
  u = db.template select<User>().where(col<&User::id> == ann.id).template with<profile>().one();
  u.template get<profile>() = Profile{.bio = "new"};
  db.save(u, ctorm::delete_missing);
  REQUIRE(db.template count<Profile>() == 1);
  CHECK(db.template related<profile>(ann).one().bio == "new");
  db.template remove<Profile>().all_rows();

  // Rows with a composite key are found by all of it: ann's vote on post 2 goes, bob's stays.
  for (std::int64_t post : {1, 2, 3}) db.insert(both_prune::Vote{.user_id = ann.id, .post_id = post, .value = 1});
  db.insert(both_prune::Vote{.user_id = bob.id, .post_id = 2, .value = 1});
  auto v = db.template select<User>().where(col<&User::id> == ann.id).template with<both_prune::votes>().one();
  std::erase_if(v.template get<both_prune::votes>(), [](const both_prune::Vote& x) { return x.post_id == 2; });
  db.save(v, ctorm::delete_missing);
  CHECK(db.template count<both_prune::Vote>() == 3);
  CHECK_FALSE(db.template get<both_prune::Vote>(ann.id, std::int64_t{2}).has_value());
  CHECK(db.template get<both_prune::Vote>(bob.id, std::int64_t{2}).has_value());

  // A row that cannot be deleted (its comments stay and reference it) fails the whole save.
  auto all = db.template select<User>().where(col<&User::id> == ann.id).template with<posts>().one();
  all->email = "never";
  std::erase_if(all.template get<posts>(), [](const auto& p) { return p.title == "a1"; });
  CHECK_THROWS_AS(db.save(all, ctorm::delete_missing), ctorm::constraint_error);
  CHECK(db.template get<User>(ann.id)->email == "ann");
  CHECK(db.template related<posts>(ann).count() == 4);

  // Several graphs in one call.
  std::vector<decltype(all)> both_users = db.template select<User>().template with<posts>().all();
  for (auto& x : both_users)
    std::erase_if(x.template get<posts>(), [](const auto& p) { return p.title == "b1" || p.title == "d1"; });
  db.save(both_users, ctorm::delete_missing);
  CHECK(db.template count<Post>() == 3);

  // A post that is gone whose comments a new post takes over: the new post and the comments
  // are written before the old post is deleted (it is no longer referenced then).
  const auto b3 = db.insert(Post{.author_id = bob.id, .title = "b3", .published = true});
  db.insert(Comment{.post_id = b3, .text = "moves"});
  auto m = db.template select<User>().where(col<&User::id> == bob.id).template with<ctorm::With<posts, comments>>().one();
  REQUIRE(m.template get<posts>().size() == 1);
  auto taken = m.template get<posts>()[0].template get<comments>();
  m.template get<posts>().clear();
  m.template get<posts>().push_back({Post{.title = "b4", .published = true}, {}});
  m.template get<posts>()[0].template get<comments>() = taken;
  db.save(m, ctorm::delete_missing);
  CHECK_FALSE(db.template get<Post>(b3).has_value());
  const auto b4 = db.template related<posts>(bob).one();
  CHECK(b4.title == "b4");
  CHECK(db.template related<comments>(b4).one().text == "moves");
}
