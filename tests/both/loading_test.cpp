// Eager and lazy loading, the same on every backend: one statement per relation and level,
// parents' keys bound as one list, rows grouped in memory.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "backends.hpp"

namespace both_loading {
struct User {
  std::int64_t id{};
  std::string email{};
};
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::optional<std::int64_t> reviewer_id{};
  std::string title{};
};
struct Tag {
  std::int64_t id{};
  std::string name{};
};
struct PostTag {
  std::int64_t post_id{};
  std::int64_t tag_id{};
  std::int32_t position{};
};
struct Comment {
  std::int64_t id{};
  std::int64_t post_id{};
  std::optional<std::int64_t> parent_id{};
  std::string text{};
  bool approved{};
};
struct Like {
  std::int64_t id{};
  std::string target_type{};
  std::int64_t target_id{};
};
struct Order {
  std::int32_t year{};
  std::string no{};
};
struct Line {
  std::int64_t id{};
  std::int32_t order_year{};
  std::string order_no{};
};
using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using reviewer = ctorm::BelongsTo<User, &Post::reviewer_id, ctorm::OnDelete::SetNull>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using tags = ctorm::ManyToMany<Tag, PostTag>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using parent = ctorm::BelongsTo<Comment, &Comment::parent_id>;
using replies = ctorm::HasMany<Comment, &Comment::parent_id>;
using received = ctorm::HasManyThrough<posts, comments>;
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post, Comment>;
using lines = ctorm::HasMany<Line, ctorm::Keys<&Line::order_year, &Line::order_no>>;
using Schema = ctorm::Schema<
    ctorm::Table<User, posts, received>, ctorm::Table<Post, author, reviewer, tags, comments, likes>, ctorm::Table<Tag>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                 ctorm::BelongsTo<Post, &PostTag::post_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Tag, &PostTag::tag_id, ctorm::OnDelete::Cascade>>,
    ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id, ctorm::OnDelete::Cascade>, parent, replies, likes>,
    ctorm::Table<Like, target>, ctorm::Table<Order, ctorm::PrimaryKey<&Order::year, &Order::no>, lines>,
    ctorm::Table<Line, ctorm::BelongsTo<Order, ctorm::Keys<&Line::order_year, &Line::order_no>>>>;

template <class Db>
void seed(Db& db) {
  db.create_all();
  db.insert(User{.email = "ann"});  // 1
  db.insert(User{.email = "bob"});  // 2
  db.insert(User{.email = "cat"});  // 3: no posts
  db.insert(Post{.author_id = 1, .reviewer_id = 2, .title = "one"});  // 1
  db.insert(Post{.author_id = 1, .title = "two"});                    // 2
  db.insert(Post{.author_id = 2, .reviewer_id = 1, .title = "three"});  // 3
  db.insert(Tag{.name = "cpp"});
  db.insert(Tag{.name = "sql"});
  db.insert(PostTag{.post_id = 1, .tag_id = 2, .position = 1});
  db.insert(PostTag{.post_id = 1, .tag_id = 1, .position = 2});
  db.insert(PostTag{.post_id = 3, .tag_id = 1, .position = 1});
  db.insert(Comment{.post_id = 1, .text = "a", .approved = true});                // 1
  db.insert(Comment{.post_id = 1, .parent_id = 1, .text = "b"});                 // 2
  db.insert(Comment{.post_id = 1, .parent_id = 1, .text = "c", .approved = true});  // 3
  db.insert(Comment{.post_id = 3, .text = "d", .approved = true});                // 4
  db.insert(Like{.target_type = "posts", .target_id = 1});
  db.insert(Like{.target_type = "comments", .target_id = 4});
  db.insert(Like{.target_type = "posts", .target_id = 1});
  db.insert(Order{.year = 2024, .no = "A-1"});
  db.insert(Order{.year = 2025, .no = "A-1"});
  db.insert(Line{.order_year = 2024, .order_no = "A-1"});
  db.insert(Line{.order_year = 2024, .order_no = "A-1"});
  db.insert(Line{.order_year = 2025, .order_no = "A-1"});
}
}  // namespace both_loading

using namespace both_loading;
using ctorm::asc;
using ctorm::col;
using ctorm::desc;

TEMPLATE_TEST_CASE("every relation kind loads in one statement per relation", "[both][loading]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  const auto before = db.statements_run();
  const auto rows = db.template select<Post>()
                        .order_by(asc<&Post::id>)
                        .template with<author, reviewer, tags, comments, likes>()
                        .all();
  CHECK(db.statements_run() == before + 6);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].template get<author>().email == "ann");
  CHECK(rows[0].template get<reviewer>()->email == "bob");
  CHECK_FALSE(rows[1].template get<reviewer>());
  CHECK(rows[2].template get<author>().email == "bob");
  REQUIRE(rows[0].template get<tags>().size() == 2);
  std::vector<std::int32_t> positions;
  for (const auto& t : rows[0].template get<tags>()) positions.push_back(t.pivot.position);
  std::sort(positions.begin(), positions.end());
  CHECK(positions == std::vector<std::int32_t>{1, 2});
  CHECK(rows[1].template get<tags>().empty());
  CHECK(rows[0].template get<comments>().size() == 3);
  CHECK(rows[2].template get<comments>().size() == 1);
  CHECK(rows[0].template get<likes>().size() == 2);
  CHECK(rows[2].template get<likes>().empty());
}

TEMPLATE_TEST_CASE("nested, through, polymorphic and composite-key loads", "[both][loading]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  const auto before = db.statements_run();
  const auto users = db.template select<User>()
                         .order_by(asc<&User::id>)
                         .template with<ctorm::Nested<posts, comments, parent>, received>()
                         .all();
  CHECK(db.statements_run() == before + 5);  // users, posts, comments, parents, received
  REQUIRE(users.size() == 3);
  CHECK(users[0].template get<posts>().size() == 2);
  CHECK(users[2].template get<posts>().empty());
  std::size_t with_parent = 0;
  for (const auto& p : users[0].template get<posts>())
    for (const auto& c : p.template get<comments>()) with_parent += c.template get<parent>().has_value();
  CHECK(with_parent == 2);
  CHECK(users[0].template get<received>().size() == 3);
  CHECK(users[1].template get<received>().size() == 1);

  const auto all_likes = db.template select<Like>().order_by(asc<&Like::id>).template with<target>().all();
  REQUIRE(all_likes.size() == 3);
  CHECK(std::get<Post>(all_likes[0].template get<target>()).title == "one");
  CHECK(std::get<Comment>(all_likes[1].template get<target>()).text == "d");

  const auto orders = db.template select<Order>().order_by(asc<&Order::year>).template with<lines>().all();
  REQUIRE(orders.size() == 2);
  CHECK(orders[0].template get<lines>().size() == 2);
  CHECK(orders[1].template get<lines>().size() == 1);
}

TEMPLATE_TEST_CASE("constrained loads: condition, order and take per parent", "[both][loading]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  const auto rows = db.template select<Post>()
                        .where(col<&Post::id> == 1)
                        .template with<comments>(col<&Comment::approved> == true, desc<&Comment::id>, ctorm::take(1))
                        .all();
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].template get<comments>().size() == 1);
  CHECK(rows[0].template get<comments>()[0].text == "c");
  const auto tagged = db.template select<Post>()
                          .where(col<&Post::id> == 1)
                          .template with<tags>(col<&PostTag::position> == 2)
                          .one();
  REQUIRE(tagged.template get<tags>().size() == 1);
  CHECK(tagged.template get<tags>()[0]->name == "cpp");
}

TEMPLATE_TEST_CASE("load on rows read earlier, and related<R>", "[both][loading]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  const auto all = db.template all<Post>();
  const auto loaded = db.template load<author, comments>(all);
  REQUIRE(loaded.size() == 3);
  CHECK(loaded[2].template get<author>().email == "bob");
  const auto one = db.template load<tags>(all[0]);
  CHECK(one.template get<tags>().size() == 2);
  const User ann{.id = 1, .email = "ann"};
  CHECK(db.template related<posts>(ann).count() == 2);
  CHECK(db.template related<received>(ann).where(col<&Comment::approved> == true).count() == 2);
  CHECK(db.template related<tags>(all[0]).order_by(asc<&Tag::name>).all().front().name == "cpp");
}

TEMPLATE_TEST_CASE("With<R, subs...> loads a tree: several branches under one relation, one statement per relation",
                   "[both][loading]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  const auto before = db.statements_run();
  const auto users = db.template select<User>()
                         .order_by(asc<&User::id>)
                         .template with<ctorm::With<posts, ctorm::Nested<comments, parent>, tags, likes>, received>()
                         .all();
  // users, posts, comments, parents, tags, likes, and the second branch at the top.
  CHECK(db.statements_run() == before + 7);
  REQUIRE(users.size() == 3);
  const auto& ann_posts = users[0].template get<posts>();
  REQUIRE(ann_posts.size() == 2);
  const auto& one = ann_posts[0].row.id == 1 ? ann_posts[0] : ann_posts[1];
  CHECK(one.template get<comments>().size() == 3);
  CHECK(one.template get<tags>().size() == 2);
  CHECK(one.template get<likes>().size() == 2);
  std::size_t with_parent = 0;
  for (const auto& c : one.template get<comments>())
    if (c.template get<parent>()) ++with_parent;
  CHECK(with_parent == 2);
  CHECK(users[2].template get<posts>().empty());
  CHECK(users[0].template get<received>().size() == 3);  // a second branch at the top
  // The same tree on rows read earlier.
  const auto all = db.template all<User>();
  const auto loaded = db.template load<ctorm::With<posts, comments, tags>>(all);
  CHECK(loaded[1].template get<posts>()[0].template get<tags>().size() == 1);
}

TEMPLATE_TEST_CASE("on<R>(...) restricts a relation at any level of a tree", "[both][loading]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  const auto before = db.statements_run();
  const auto users = db.template select<User>()
                         .order_by(asc<&User::id>)
                         .template with<ctorm::With<posts, comments, tags>>(
                             col<&Post::title> != "two",
                             ctorm::on<comments>(col<&Comment::approved> == true, ctorm::desc<&Comment::id>, ctorm::take(1)),
                             ctorm::on<tags>(col<&PostTag::position> == 1))
                         .all();
  CHECK(db.statements_run() == before + 4);
  const auto& ann_posts = users[0].template get<posts>();
  REQUIRE(ann_posts.size() == 1);  // "two" is left out
  REQUIRE(ann_posts[0].template get<comments>().size() == 1);
  CHECK(ann_posts[0].template get<comments>()[0].text == "c");  // the newest approved one
  REQUIRE(ann_posts[0].template get<tags>().size() == 1);
  CHECK(ann_posts[0].template get<tags>()[0]->name == "sql");  // the tag at position 1
  // Deeper: a Nested chain takes on<> at its second level, and on<> takes on<> for the next.
  const auto deep = db.template select<User>()
                        .order_by(asc<&User::id>)
                        .template with<ctorm::Nested<posts, comments, parent>>(
                            ctorm::on<comments>(col<&Comment::parent_id> != 0, ctorm::on<parent>(col<&Comment::approved> == true)))
                        .all();
  const auto& deep_posts = deep[0].template get<posts>();
  const auto& first = deep_posts[0].row.id == 1 ? deep_posts[0] : deep_posts[1];
  REQUIRE(first.template get<comments>().size() == 2);  // b and c, the replies
  for (const auto& c : first.template get<comments>()) CHECK(c.template get<parent>()->text == "a");
  // load takes the same arguments for one relation.
  const User ann = *db.template get<User>(std::int64_t{1});
  const auto lazy = db.template load<ctorm::With<posts, comments>>(ann, ctorm::on<comments>(col<&Comment::text> == "b"));
  std::size_t comments_seen = 0;
  for (const auto& p : lazy.template get<posts>()) comments_seen += p.template get<comments>().size();
  CHECK(comments_seen == 1);
}

TEMPLATE_TEST_CASE("Via<R> loads a through relation's rows with the row of the step before them", "[both][loading]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  const auto before = db.statements_run();
  const auto users = db.template select<User>().order_by(asc<&User::id>).template with<ctorm::Via<received>>().all();
  CHECK(db.statements_run() == before + 2);  // the step's row comes in the same statement
  REQUIRE(users.size() == 3);
  const auto& ann = users[0].template get<received>();
  REQUIRE(ann.size() == 3);
  for (const ctorm::Reached<Comment, Post>& c : ann) {
    CHECK(c.via.id == c->post_id);
    CHECK(c.via.title == "one");
  }
  const auto& bob = users[1].template get<received>();
  REQUIRE(bob.size() == 1);
  CHECK(bob[0]->text == "d");
  CHECK(bob[0].via.title == "three");
  CHECK(users[2].template get<received>().empty());
  // On rows read earlier too.
  const auto lazy = db.template load<ctorm::Via<received>>(*db.template get<User>(std::int64_t{2}));
  CHECK(lazy.template get<received>()[0].via.author_id == 2);
}

namespace both_loading {
std::string shape(const std::vector<ctorm::Tree<Comment>>& trees) {
  std::string out;
  for (const auto& t : trees) {
    out += t->text;
    if (!t.children.empty()) out += "(" + shape(t.children) + ")";
    out += " ";
  }
  if (!out.empty()) out.pop_back();
  return out;
}
}  // namespace both_loading

TEMPLATE_TEST_CASE("Recursive<R> loads a self-referential relation to any depth in one statement", "[both][loading]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  seed(db);
  // a(1) has replies b(2) and c(3); below b: e(5), below e: f(6).
  db.insert(Comment{.post_id = 1, .parent_id = 2, .text = "e", .approved = true});  // 5
  db.insert(Comment{.post_id = 1, .parent_id = 5, .text = "f"});                    // 6
  const auto top = col<&Comment::parent_id>.is_null();
  const auto before = db.statements_run();
  const auto roots = db.template select<Comment>().where(top).order_by(asc<&Comment::id>)
                         .template with<ctorm::Recursive<replies>>().all();
  CHECK(db.statements_run() == before + 2);  // the roots, then every level at once
  REQUIRE(roots.size() == 2);
  CHECK(shape(roots[0].template get<replies>()) == "b(e(f)) c");
  CHECK(roots[1].template get<replies>().empty());  // d has none
  // A depth limit, and a condition that holds at every level.
  const auto two = db.template select<Comment>().where(top).order_by(asc<&Comment::id>)
                       .template with<ctorm::Recursive<replies, 2>>().all();
  CHECK(shape(two[0].template get<replies>()) == "b(e) c");
  const auto approved = db.template select<Comment>().where(top).order_by(asc<&Comment::id>)
                            .template with<ctorm::Recursive<replies>>(col<&Comment::approved> == true).all();
  CHECK(shape(approved[0].template get<replies>()) == "c");  // b is not approved, so neither is what is below it
  // A cycle in the data (a under f) ends where the branch would repeat a row.
  db.template update<Comment>().set(col<&Comment::parent_id> = std::int64_t{6}).where(col<&Comment::id> == 1);
  const auto a = db.template load<ctorm::Recursive<replies>>(*db.template get<Comment>(std::int64_t{1}));
  CHECK(shape(a.template get<replies>()) == "b(e(f)) c");
}

namespace both_wide_key {
// A key of eleven columns: the key list of an eager load names each column by its position.
struct Part {
  std::int64_t a{}, b{}, c{}, d{}, e{}, f{}, g{}, h{}, i{}, j{}, k{};
  std::string name{};
};
struct Piece {
  std::int64_t id{};
  std::int64_t a{}, b{}, c{}, d{}, e{}, f{}, g{}, h{}, i{}, j{}, k{};
};
inline constexpr auto part_key = ctorm::Keys<&Piece::a, &Piece::b, &Piece::c, &Piece::d, &Piece::e, &Piece::f,
                                             &Piece::g, &Piece::h, &Piece::i, &Piece::j, &Piece::k>;
using pieces = ctorm::HasMany<Piece, part_key>;
using part = ctorm::BelongsTo<Part, part_key>;
using Schema = ctorm::Schema<ctorm::Table<Part,
                                          ctorm::PrimaryKey<&Part::a, &Part::b, &Part::c, &Part::d, &Part::e, &Part::f,
                                                            &Part::g, &Part::h, &Part::i, &Part::j, &Part::k>,
                                          pieces>,
                             ctorm::Table<Piece, part>>;
}  // namespace both_wide_key

TEMPLATE_TEST_CASE("a composite key of eleven columns loads both ways", "[both][loading]", test::on_sqlite,
                   test::on_postgresql) {
  namespace w = both_wide_key;
  auto db = TestType::template open<w::Schema>();
  db.create_all();
  // The two parts differ in the eleventh column only, so a key matched on ten would mix them.
  db.insert(w::Part{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, "x"});
  db.insert(w::Part{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, "y"});
  db.insert(w::Piece{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  db.insert(w::Piece{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12});
  db.insert(w::Piece{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12});
  const auto parts = db.template select<w::Part>().order_by(asc<&w::Part::k>).template with<w::pieces>().all();
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].template get<w::pieces>().size() == 1);
  CHECK(parts[1].template get<w::pieces>().size() == 2);
  const auto all = db.template select<w::Piece>().order_by(asc<&w::Piece::id>).template with<w::part>().all();
  REQUIRE(all.size() == 3);
  CHECK(all[0].template get<w::part>().name == "x");
  CHECK(all[1].template get<w::part>().name == "y");
  CHECK(all[2].template get<w::part>().name == "y");
}
