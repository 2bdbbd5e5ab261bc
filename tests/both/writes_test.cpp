// Writing through relations and transactions, the same on every backend.
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "../query_blog.hpp"
#include "backends.hpp"

using namespace qblog;
using ctorm::col;

TEMPLATE_TEST_CASE("create, associate, dissociate, attach, detach, sync", "[both][writes]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  db.create_all();
  const User ann{.id = db.insert(User{.email = "ann"}), .email = "ann"};
  const User bob{.id = db.insert(User{.email = "bob"}), .email = "bob"};
  Post p = db.template create<posts>(ann, Post{.title = "hello"});
  CHECK(p.id == 1);
  CHECK(p.author_id == ann.id);
  CHECK(db.template associate<reviewer>(p, bob));
  CHECK(db.template get<Post>(p.id)->reviewer_id == bob.id);
  CHECK(db.template dissociate<reviewer>(p));
  CHECK(db.template get<Post>(p.id)->reviewer_id == std::nullopt);
  CHECK(db.template associate<author>(p, bob));
  CHECK(db.template get<Post>(p.id)->author_id == bob.id);
  // A failed write leaves the caller's row as the database has it.
  CHECK_THROWS_AS(db.template associate<author>(p, User{.id = 999}), ctorm::constraint_error);
  CHECK(p.author_id == bob.id);

  const auto t1 = db.insert(Tag{.name = "a"});
  const auto t2 = db.insert(Tag{.name = "b"});
  const auto t3 = db.insert(Tag{.name = "c"});
  db.template attach<tags>(p, t1, PostTag{.position = 7});
  db.template attach<tags>(p, Tag{.id = t2, .name = "b"});
  CHECK(db.template get<PostTag>(p.id, t1)->position == 7);
  CHECK_THROWS_AS(db.template attach<tags>(p, t1), ctorm::constraint_error);  // already linked
  CHECK(db.template detach<tags>(p, t2) == 1);
  const auto synced = db.template sync<tags>(p, std::vector<std::int64_t>{t2, t3});
  CHECK(synced.attached == std::vector<std::int64_t>{t2, t3});
  CHECK(synced.detached == std::vector<std::int64_t>{t1});
  CHECK(db.template count<PostTag>() == 2);
  CHECK(db.template detach<tags>(p) == 2);
  // ON DELETE CASCADE on both.
  db.template create<comments>(p, Comment{.text = "x"});
  CHECK(db.template remove<Post>(p.id));
  CHECK(db.template count<Comment>() == 0);
}

TEMPLATE_TEST_CASE("sync of many links: one DELETE and one bulk insert; a bad key changes nothing",
                   "[both][writes]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  db.create_all();
  const auto ann = db.insert(User{.email = "ann"});
  const Post p{.id = db.insert(Post{.author_id = ann, .title = "many"}), .author_id = ann, .title = "many"};
  std::vector<Tag> all_tags;
  for (int i = 0; i < 3000; ++i) all_tags.push_back(Tag{.name = std::string("t").append(std::to_string(i))});
  db.insert_all(all_tags);
  // On PostgreSQL a statement is a round trip: sync's are a fixed number. SQLite's bulk insert
  // runs its one prepared statement once per row, in process.
  const auto most = [](std::size_t attached) -> std::uint64_t { return test::is_postgresql<TestType> ? 8 : 8 + attached; };
  std::vector<std::int64_t> first, second;
  for (std::int64_t k = 1; k <= 2000; ++k) first.push_back(k);
  for (std::int64_t k = 1001; k <= 3000; ++k) second.push_back(k);

  auto before = db.statements_run();
  const auto a = db.template sync<tags>(p, first);
  CHECK(a.attached.size() == 2000);
  CHECK(a.detached.empty());
  CHECK(db.statements_run() - before <= most(2000));  // transaction, read the links, bulk insert
  before = db.statements_run();
  const auto b = db.template sync<tags>(p, second);
  CHECK(b.attached.size() == 1000);
  CHECK(b.attached.front() == 2001);
  CHECK(b.detached.size() == 1000);
  CHECK(b.detached.front() == 1);
  CHECK(db.statements_run() - before <= most(1000));  // and one DELETE for the list
  CHECK(db.template count<PostTag>() == 2000);
  CHECK(db.template select<PostTag>().where(col<&PostTag::tag_id> <= 1000).count() == 0);

  // A key with no tag: the foreign key refuses it, and the links stay as they were.
  CHECK_THROWS_AS(db.template sync<tags>(p, std::vector<std::int64_t>{1, 99999}), ctorm::constraint_error);
  CHECK(db.template count<PostTag>() == 2000);
  CHECK(db.template select<PostTag>().where(col<&PostTag::tag_id> == 1).count() == 0);
}

TEMPLATE_TEST_CASE("transactions: commit, rollback, savepoints, exceptions", "[both][transaction]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  db.create_all();
  {
    auto tx = db.transaction();
    db.insert(User{.email = "ann"});
    tx.commit();
  }
  {
    auto tx = db.transaction();
    db.insert(User{.email = "bob"});
  }  // rolled back
  CHECK(db.template count<User>() == 1);
  {
    auto outer = db.transaction();
    db.insert(User{.email = "cat"});
    {
      auto inner = db.transaction();
      db.insert(User{.email = "dan"});
      inner.rollback();
    }
    {
      auto inner = db.transaction();
      db.insert(User{.email = "eve"});
      inner.commit();
    }
    outer.commit();
  }
  CHECK(db.template select<User>().where(col<&User::email>.in({std::string("cat"), std::string("eve")})).count() == 2);
  CHECK(db.template count<User>() == 3);
  CHECK_THROWS_WITH(([&] {
                      auto tx = db.transaction();
                      db.insert(User{.email = "fay"});
                      throw std::runtime_error("stop");
                    }()),
                    "stop");
  CHECK(db.template count<User>() == 3);
  // A failed statement inside a savepoint: the savepoint is undone, the outer work goes on.
  {
    auto outer = db.transaction();
    db.insert(User{.email = "gus"});
    try {
      auto inner = db.transaction();
      db.insert(User{.email = "ann"});  // duplicate
      inner.commit();
    } catch (const ctorm::constraint_error&) {
    }
    db.insert(User{.email = "hal"});
    outer.commit();
  }
  CHECK(db.template count<User>() == 5);
  // transact returns what its function returns.
  CHECK(db.transact([](auto& d) { return d.template count<User>(); }) == 5);
}

namespace composite_links {
struct Student {
  std::int64_t id{};
  std::string name{};
};
struct Course {
  std::int64_t year{};
  std::string code{};
  std::string title{};
};
struct Enrollment {
  std::int64_t student_id{};
  std::int64_t course_year{};
  std::string course_code{};
  std::int64_t grade{};
};
using courses = ctorm::ManyToMany<Course, Enrollment>;
using Schema = ctorm::Schema<
    ctorm::Table<Student, courses>, ctorm::Table<Course, ctorm::PrimaryKey<&Course::year, &Course::code>>,
    ctorm::Table<Enrollment, ctorm::PrimaryKey<&Enrollment::student_id, &Enrollment::course_year, &Enrollment::course_code>,
                 ctorm::BelongsTo<Student, &Enrollment::student_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Course, ctorm::Keys<&Enrollment::course_year, &Enrollment::course_code>,
                                  ctorm::OnDelete::Cascade>>>;
}  // namespace composite_links

TEMPLATE_TEST_CASE("attach and detach with a composite target key bind each key column", "[both][writes]",
                   test::on_sqlite, test::on_postgresql) {
  using namespace composite_links;
  auto db = TestType::template open<Schema>();
  db.create_all();
  const Student ann{.id = db.insert(Student{.name = "ann"}), .name = "ann"};
  const Course c1{.year = 2026, .code = "db", .title = "Databases"};
  const Course c2{.year = 2026, .code = "os", .title = "Systems"};
  const Course c3{.year = 2027, .code = "db", .title = "Databases II"};
  for (const Course& c : {c1, c2, c3}) db.insert(c);
  for (const Course& c : {c1, c2, c3}) db.template attach<courses>(ann, c, Enrollment{.grade = 5});
  CHECK(db.template count<Enrollment>() == 3);
  // By the row: only that course, though another shares its year and another its code.
  CHECK(db.template detach<courses>(ann, c1) == 1);
  CHECK_FALSE(db.template get<Enrollment>(ann.id, std::int64_t{2026}, std::string("db")).has_value());
  CHECK(db.template count<Enrollment>() == 2);
  // By a tuple of the key's values.
  CHECK(db.template detach<courses>(ann, std::tuple{2027, "db"}) == 1);
  CHECK(db.template detach<courses>(ann, std::tuple{2027, "db"}) == 0);
  CHECK(db.template get<Enrollment>(ann.id, std::int64_t{2026}, std::string("os")).has_value());
  // Codes longer than a short string's inline buffer: the statement reads them when it runs.
  const Course c4{.year = 2028, .code = "distributed-systems-seminar", .title = "Seminar"};
  const Course c5{.year = 2028, .code = "distributed-systems-seminar-ii", .title = "Seminar II"};
  for (const Course& c : {c4, c5}) {
    db.insert(c);
    db.template attach<courses>(ann, c, Enrollment{.grade = 4});
  }
  CHECK(db.template detach<courses>(ann, std::tuple{2028, "distributed-systems-seminar"}) == 1);
  CHECK(db.template detach<courses>(ann, std::tuple{std::int64_t{2028}, std::string("distributed-systems-seminar-ii")}) ==
        1);
  // A key value that no column can hold is refused, never wrapped into another value.
  CHECK_THROWS_AS(db.template detach<courses>(ann, std::tuple{18446744073709549594ULL, "os"}),
                  ctorm::conversion_error);
  CHECK(db.template count<Enrollment>() == 1);
  CHECK(db.template detach<courses>(ann) == 1);
  CHECK(db.template count<Enrollment>() == 0);
}

TEMPLATE_TEST_CASE("sync and attach by key with a composite target key", "[both][writes]", test::on_sqlite,
                   test::on_postgresql) {
  using namespace composite_links;
  using Key = std::tuple<std::int64_t, std::string>;
  auto db = TestType::template open<Schema>();
  db.create_all();
  const Student ann{.id = db.insert(Student{.name = "ann"}), .name = "ann"};
  const Student bob{.id = db.insert(Student{.name = "bob"}), .name = "bob"};
  // Codes longer than a short string's inline buffer: they are read back and compared whole.
  const std::string seminar = "distributed-systems-seminar";
  for (const Course& c : {Course{.year = 2026, .code = "db", .title = "Databases"},
                          Course{.year = 2026, .code = "os", .title = "Systems"},
                          Course{.year = 2027, .code = "db", .title = "Databases II"},
                          Course{.year = 2027, .code = seminar, .title = "Seminar"}})
    db.insert(c);
  // Attach by a tuple of the key's values.
  db.template attach<courses>(ann, std::tuple{2026, "db"}, Enrollment{.grade = 3});
  db.template attach<courses>(ann, Key{2026, "os"});
  db.template attach<courses>(bob, Key{2026, "db"});
  REQUIRE(db.template count<Enrollment>() == 3);

  // Keys that share a year or a code with a linked course are other courses.
  auto changed = db.template sync<courses>(ann, std::vector<Key>{{2026, "db"}, {2027, "db"}, {2027, seminar}});
  CHECK(changed.attached == std::vector<Key>{{2027, "db"}, {2027, seminar}});
  CHECK(changed.detached == std::vector<Key>{{2026, "os"}});
  CHECK(changed.updated.empty());
  const auto linked = [&](const Student& s) {
    std::vector<Key> out;
    for (const Course& c : db.template related<courses>(s).order_by(ctorm::asc<&Course::year>, ctorm::asc<&Course::code>).all())
      out.emplace_back(c.year, c.code);
    return out;
  };
  CHECK(linked(ann) == std::vector<Key>{{2026, "db"}, {2027, "db"}, {2027, seminar}});
  CHECK(linked(bob) == std::vector<Key>{{2026, "db"}});  // another owner's links stay
  CHECK(db.template get<Enrollment>(ann.id, std::int64_t{2026}, std::string("db"))->grade == 3);

  // With pivot data per key: new links take it, links that stay are updated only where it differs.
  std::vector<std::pair<Key, Enrollment>> graded{{{2026, "db"}, Enrollment{.grade = 3}},
                                                 {{2027, seminar}, Enrollment{.grade = 5}},
                                                 {{2026, "os"}, Enrollment{.grade = 4}}};
  changed = db.template sync<courses>(ann, graded);
  CHECK(changed.attached == std::vector<Key>{{2026, "os"}});
  CHECK(changed.detached == std::vector<Key>{{2027, "db"}});
  CHECK(changed.updated == std::vector<Key>{{2027, seminar}});
  CHECK(db.template get<Enrollment>(ann.id, std::int64_t{2027}, seminar)->grade == 5);
  CHECK(db.template get<Enrollment>(ann.id, std::int64_t{2026}, std::string("os"))->grade == 4);
  // A key given twice is one link: with the same junction row it counts once, with another
  // the call is refused and nothing changes.
  graded.push_back({{2026, "os"}, Enrollment{.grade = 4}});
  CHECK(db.template sync<courses>(ann, graded).updated.empty());
  graded.push_back({{2026, "os"}, Enrollment{.grade = 1}});
  CHECK_THROWS_WITH(db.template sync<courses>(ann, graded),
                    "ctorm: sync was given the key (2026, 'os') of enrollments twice with different junction rows - "
                    "give each key once");
  CHECK(db.template get<Enrollment>(ann.id, std::int64_t{2026}, std::string("os"))->grade == 4);

  // Target rows name their keys too; an empty list unlinks everything.
  const Course os = *db.template get<Course>(std::int64_t{2026}, std::string("os"));
  changed = db.template sync<courses>(ann, std::vector<Course>{os});
  CHECK(changed.detached.size() == 2);
  CHECK(linked(ann) == std::vector<Key>{{2026, "os"}});
  changed = db.template sync<courses>(ann, std::vector<Key>{});
  CHECK(changed.detached == std::vector<Key>{{2026, "os"}});
  CHECK(db.template count<Enrollment>() == 1);

  // A key no course has: the junction's foreign key refuses it and nothing changes.
  db.template sync<courses>(ann, std::vector<Key>{{2026, "db"}});
  CHECK_THROWS_AS(db.template sync<courses>(ann, std::vector<Key>{{2030, "none"}}), ctorm::constraint_error);
  CHECK(linked(ann) == std::vector<Key>{{2026, "db"}});

  // Saving a loaded graph makes its composite-key links match, with their pivot rows.
  auto g = db.template select<Student>().where(ctorm::col<&Student::id> == ann.id).template with<courses>().one();
  REQUIRE(g.template get<courses>().size() == 1);
  g.template get<courses>()[0].pivot.grade = 1;
  g.template get<courses>().push_back({Course{.year = 2028, .code = seminar, .title = "New"}, Enrollment{.grade = 2}});
  db.save(g);
  CHECK(linked(ann) == std::vector<Key>{{2026, "db"}, {2028, seminar}});
  CHECK(db.template get<Enrollment>(ann.id, std::int64_t{2026}, std::string("db"))->grade == 1);
  CHECK(db.template get<Enrollment>(ann.id, std::int64_t{2028}, seminar)->grade == 2);
  CHECK(db.template get<Course>(std::int64_t{2028}, seminar)->title == "New");
}

TEMPLATE_TEST_CASE("update and remove exactly the rows of a relation query in one statement", "[both][writes]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  db.create_all();
  const User ann{.id = db.insert(User{.email = "ann"}), .email = "ann"};
  const User bob{.id = db.insert(User{.email = "bob"}), .email = "bob"};
  for (int i = 0; i < 3; ++i) db.insert(Post{.author_id = ann.id, .title = "a" + std::to_string(i)});
  const auto b1 = db.insert(Post{.author_id = bob.id, .title = "b"});
  const auto before = db.statements_run();
  CHECK(db.template related<posts>(ann).update(col<&Post::published> = true, col<&Post::score> = 2.5) == 3);
  CHECK(db.statements_run() == before + 1);
  CHECK(db.template select<Post>().where(col<&Post::published>).count() == 3);
  CHECK_FALSE(db.template get<Post>(b1)->published);
  // The query's own conditions narrow it further.
  CHECK(db.template related<posts>(ann).where(col<&Post::title> == "a1").remove() == 1);
  CHECK(db.template count<Post>() == 3);
  // Along a path (a subquery through the posts): the comments on Ann's posts.
  const Post a0 = db.template select<Post>().where(col<&Post::title> == "a0").one();
  db.template create<comments>(a0, Comment{.text = "x"});
  db.template create<comments>(a0, Comment{.text = "y"});
  db.template create<comments>(*db.template get<Post>(b1), Comment{.text = "z"});
  CHECK(db.template related<received>(ann).update(col<&Comment::approved> = true) == 2);
  CHECK(db.template related<received>(ann).remove() == 2);
  CHECK(db.template count<Comment>() == 1);
  // A relation with nothing related changes nothing.
  const User cat{.id = db.insert(User{.email = "cat"}), .email = "cat"};
  CHECK(db.template related<posts>(cat).remove() == 0);
  CHECK(db.template count<Post>() == 3);
}

TEMPLATE_TEST_CASE("create through a ManyToMany inserts the target and its link and create_many is one transaction",
                   "[both][writes]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  db.create_all();
  const User ann{.id = db.insert(User{.email = "ann"}), .email = "ann"};
  const Post p = db.template create<posts>(ann, Post{.title = "hello"});
  const Tag cpp = db.template create<tags>(p, Tag{.name = "cpp"}, PostTag{.position = 4});
  CHECK(cpp.id == 1);
  CHECK(db.template get<PostTag>(p.id, cpp.id)->position == 4);
  const Tag plain = db.template create<tags>(p, Tag{.name = "plain"});
  CHECK(db.template get<PostTag>(p.id, plain.id)->position == 0);  // a default junction row
  // A target that cannot be inserted leaves no link, and a link that cannot be made no target.
  CHECK_THROWS_AS(db.template create<tags>(p, Tag{.name = "cpp"}), ctorm::constraint_error);
  CHECK(db.template count<Tag>() == 2);
  CHECK(db.template count<PostTag>() == 2);
  CHECK_THROWS_AS(db.template create<tags>(Post{.id = 99}, Tag{.name = "orphan"}), ctorm::constraint_error);
  CHECK(db.template count<Tag>() == 2);

  const std::vector<Comment> drafts{Comment{.text = "one"}, Comment{.text = "two"}, Comment{.text = "three"}};
  const auto stored = db.template create_many<comments>(p, drafts);
  REQUIRE(stored.size() == 3);
  CHECK(stored[0].id == 1);
  CHECK(stored[2].id == 3);
  CHECK(stored[1].post_id == p.id);
  CHECK(db.template related<comments>(p).count() == 3);
  // All or nothing: a row that fails takes the others back out.
  const std::vector<Comment> bad{Comment{.text = "ok"}, Comment{.parent_id = 999, .text = "bad parent"}};
  CHECK_THROWS_AS(db.template create_many<comments>(p, bad), ctorm::constraint_error);
  CHECK(db.template count<Comment>() == 3);
}

TEMPLATE_TEST_CASE("sync with pivot data per key: new links take it and links that stay are updated to it",
                   "[both][writes]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  db.create_all();
  const User ann{.id = db.insert(User{.email = "ann"}), .email = "ann"};
  const Post p = db.template create<posts>(ann, Post{.title = "hello"});
  std::vector<std::int64_t> t;
  for (const char* name : {"a", "b", "c", "d"}) t.push_back(db.insert(Tag{.name = name}));
  db.template attach<tags>(p, t[0], PostTag{.position = 1});
  db.template attach<tags>(p, t[1], PostTag{.position = 2});
  const auto synced = db.template sync<tags>(p, std::map<std::int64_t, PostTag>{{t[1], PostTag{.position = 20}},
                                                                               {t[2], PostTag{.position = 30}},
                                                                               {t[3], PostTag{.position = 40}}});
  CHECK(synced.attached == std::vector<std::int64_t>{t[2], t[3]});
  CHECK(synced.detached == std::vector<std::int64_t>{t[0]});
  CHECK(synced.updated == std::vector<std::int64_t>{t[1]});
  CHECK_FALSE(db.template get<PostTag>(p.id, t[0]).has_value());
  CHECK(db.template get<PostTag>(p.id, t[1])->position == 20);
  CHECK(db.template get<PostTag>(p.id, t[2])->position == 30);
  CHECK(db.template get<PostTag>(p.id, t[3])->position == 40);
  // Keys alone leave the pivot data of the links that stay as it is.
  const auto again = db.template sync<tags>(p, std::vector<std::int64_t>{t[1], t[2]});
  CHECK(again.updated.empty());
  CHECK(db.template get<PostTag>(p.id, t[1])->position == 20);
  // A pair vector works as well as a map; a bad key undoes the whole sync.
  using Pair = std::pair<std::int64_t, PostTag>;
  CHECK_THROWS_AS(db.template sync<tags>(p, std::vector<Pair>{{t[1], PostTag{.position = 5}}, {999, PostTag{}}}),
                  ctorm::constraint_error);
  CHECK(db.template get<PostTag>(p.id, t[1])->position == 20);
  CHECK(db.template count<PostTag>() == 2);
  // The same data again changes nothing, and says so.
  const auto same = db.template sync<tags>(p, std::map<std::int64_t, PostTag>{{t[1], PostTag{.position = 20}},
                                                                             {t[2], PostTag{.position = 31}}});
  CHECK(same.updated == std::vector<std::int64_t>{t[2]});
  CHECK(same.attached.empty());
  CHECK(same.detached.empty());
}

namespace surrogate_junction {
struct Member {
  std::int64_t id{};
  std::string name{};
};
struct Team {
  std::int64_t id{};
  std::string name{};
};
/// A junction with a key of its own: links are found by their two sides, never by this key.
struct Membership {
  std::int64_t id{};
  std::int64_t member_id{};
  std::int64_t team_id{};
  std::string role{};
  std::optional<std::string> note{};
};
using teams = ctorm::ManyToMany<Team, Membership>;
using Schema = ctorm::Schema<
    ctorm::Table<Member, teams>, ctorm::Table<Team>,
    ctorm::Table<Membership, ctorm::Unique<&Membership::member_id, &Membership::team_id>,
                 ctorm::BelongsTo<Member, &Membership::member_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Team, &Membership::team_id, ctorm::OnDelete::Cascade>>>;
}  // namespace surrogate_junction

TEMPLATE_TEST_CASE("a junction with its own key: create through it and sync its pivot data by the two sides",
                   "[both][writes]", test::on_sqlite, test::on_postgresql) {
  using namespace surrogate_junction;
  auto db = TestType::template open<Schema>();
  db.create_all();
  const Member ann{.id = db.insert(Member{.name = "ann"}), .name = "ann"};
  const Member bob{.id = db.insert(Member{.name = "bob"}), .name = "bob"};
  const Team core = db.template create<teams>(ann, Team{.name = "core"}, Membership{.role = "lead"});
  const Team docs = db.template create<teams>(ann, Team{.name = "docs"}, Membership{.role = "lead"});
  db.template attach<teams>(bob, core, Membership{.role = "member", .note = "since 2020"});
  CHECK(db.template count<Membership>() == 3);
  const auto bobs = db.template get<Membership>(std::int64_t{3});
  REQUIRE(bobs.has_value());
  CHECK(bobs->member_id == bob.id);
  // Ann's link to core is updated; bob's link to the same team and the surrogate keys stay.
  const auto synced = db.template sync<teams>(ann, std::map<std::int64_t, Membership>{
                                                       {core.id, Membership{.id = 77, .role = "owner", .note = "founder"}},
                                                       {docs.id, Membership{.role = "lead"}}});
  CHECK(synced.updated == std::vector<std::int64_t>{core.id});
  CHECK(synced.attached.empty());
  CHECK(synced.detached.empty());
  const auto rows = db.template select<Membership>().order_by(ctorm::asc<&Membership::id>).all();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].id == 1);
  CHECK(rows[0].role == "owner");
  CHECK(rows[0].note == "founder");
  CHECK(rows[1].role == "lead");
  CHECK(rows[2].id == 3);
  CHECK(rows[2].role == "member");
  CHECK(rows[2].note == "since 2020");
  // A NULL that becomes a value and back counts as a change; NULL to NULL does not.
  CHECK(db.template sync<teams>(ann, std::map<std::int64_t, Membership>{{core.id, Membership{.role = "owner"}},
                                                                         {docs.id, Membership{.role = "lead"}}})
            .updated == std::vector<std::int64_t>{core.id});
  CHECK_FALSE(db.template get<Membership>(std::int64_t{1})->note.has_value());
}

TEMPLATE_TEST_CASE("a key given to attach or sync is the key or a conversion_error, never another key",
                   "[both][writes]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  db.create_all();
  const auto ann = db.insert(User{.email = "ann"});
  const Post p{.id = db.insert(Post{.author_id = ann, .title = "p"}), .author_id = ann, .title = "p"};
  db.insert(Tag{.name = "a"});
  db.insert(Tag{.name = "b"});
  CHECK_THROWS_WITH(db.template attach<tags>(p, 2.5),
                    "ctorm: post_tags.tag_id (value written): 2.5 given as a key does not fit the key's member "
                    "exactly - a key is never converted into another");
  CHECK_THROWS_AS(db.template sync<tags>(p, std::vector<double>{1.9}), ctorm::conversion_error);
  CHECK_THROWS_WITH(db.template detach<tags>(p, 2.5), Catch::StartsWith("ctorm: post_tags.tag_id (value written): 2.5 given as a key"));
  CHECK_THROWS_AS(db.template sync<tags>(p, std::vector<std::uint64_t>{18446744073709551615u}),
                  ctorm::conversion_error);
  CHECK(db.template count<PostTag>() == 0);
  db.template attach<tags>(p, 2.0);  // a whole number is that key
  const auto synced = db.template sync<tags>(p, std::vector<std::uint8_t>{1, 2});
  CHECK(synced.attached == std::vector<std::int64_t>{1});
  CHECK(db.template count<PostTag>() == 2);
}

namespace both_null_key {
struct User {
  std::int64_t id{};
  std::optional<std::string> handle{};
};
struct Post {
  std::int64_t id{};
  std::optional<std::string> author_handle{};
};
using posts = ctorm::HasMany<Post, &Post::author_handle>;
using author = ctorm::BelongsTo<User, &Post::author_handle, ctorm::References<&User::handle>>;
using Schema = ctorm::Schema<ctorm::Table<User, posts, ctorm::Unique<&User::handle>>, ctorm::Table<Post, author>>;
}  // namespace both_null_key

TEMPLATE_TEST_CASE("create and associate refuse to link through a NULL key", "[both][writes]", test::on_sqlite,
                   test::on_postgresql) {
  namespace n = both_null_key;
  auto db = TestType::template open<n::Schema>();
  db.create_all();
  const n::User nameless{.id = db.insert(n::User{}), .handle = std::nullopt};
  CHECK_THROWS_WITH(db.template create<n::posts>(nameless, n::Post{}),
                    "ctorm: cannot link through a NULL key - users.handle is NULL in the row given");
  n::Post p{.id = db.insert(n::Post{}), .author_handle = std::nullopt};
  CHECK_THROWS_AS(db.template associate<n::author>(p, nameless), ctorm::usage_error);
  CHECK(db.template count<n::Post>() == 1);
  const n::User named{.id = db.insert(n::User{.handle = "h"}), .handle = "h"};
  CHECK(db.template associate<n::author>(p, named));
  CHECK(db.template related<n::posts>(named).count() == 1);
}
