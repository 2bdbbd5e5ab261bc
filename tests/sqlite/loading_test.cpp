// Loading relations against a real SQLite database: eager (`select<T>().with<...>()`), nested,
// constrained and lazy (`db.load<...>()`) loading return exactly the related rows, in one
// statement per relation and level; `related<R>(row)` queries; writing through relations
// (`create`, `associate`, `dissociate`, `attach`, `detach`, `sync`).

#include <catch2/catch.hpp>

#include <ctorm/ctorm.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "sqlite_helpers.hpp"

namespace lt {

// ---- The schema: the blog of the design, plus one-to-one, a join table ctorm owns and a
// ---- composite key.

struct User {
  std::int64_t id{};
  std::string email{};
  std::optional<std::string> name{};
};
struct Profile {
  std::int64_t id{};
  std::int64_t user_id{};
  std::string bio{};
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
  std::int64_t position{};
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
  std::int64_t user_id{};
  std::string target_type{};
  std::int64_t target_id{};
};
struct Article {
  std::int64_t id{};
  std::string title{};
};
struct Label {
  std::int64_t id{};
  std::string name{};
};
struct Order {
  std::int64_t year{};
  std::int64_t no{};
  std::string customer{};
};
struct Line {
  std::int64_t id{};
  std::int64_t order_year{};
  std::int64_t order_no{};
  std::string product{};
};

using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using reviewer = ctorm::BelongsTo<User, &Post::reviewer_id, ctorm::OnDelete::SetNull>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using tags = ctorm::ManyToMany<Tag, PostTag>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using parent = ctorm::BelongsTo<Comment, &Comment::parent_id>;
using replies = ctorm::HasMany<Comment, &Comment::parent_id>;
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post, Comment>;
using received = ctorm::HasManyThrough<posts, comments>;
using profile = ctorm::HasOne<Profile, &Profile::user_id>;
using labels = ctorm::ManyToMany<Label>;
using lines = ctorm::HasMany<Line, ctorm::Keys<&Line::order_year, &Line::order_no>>;
using order = ctorm::BelongsTo<Order, ctorm::Keys<&Line::order_year, &Line::order_no>, ctorm::OnDelete::Cascade>;

using Blog = ctorm::Schema<
    ctorm::Table<User, posts, received, profile, ctorm::Unique<&User::email>>,
    ctorm::Table<Profile, ctorm::BelongsTo<User, &Profile::user_id, ctorm::Unique<>>>,
    ctorm::Table<Post, author, reviewer, tags, comments, likes>,
    ctorm::Table<Tag, ctorm::Unique<&Tag::name>>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                 ctorm::BelongsTo<Post, &PostTag::post_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Tag, &PostTag::tag_id, ctorm::OnDelete::Cascade>>,
    ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id, ctorm::OnDelete::Cascade>, parent, replies,
                 likes>,
    ctorm::Table<Like, ctorm::BelongsTo<User, &Like::user_id, ctorm::OnDelete::Cascade>, target>,
    ctorm::Table<Article, labels>,
    ctorm::Table<Label>,
    ctorm::Table<Order, ctorm::PrimaryKey<&Order::year, &Order::no>, lines>,
    ctorm::Table<Line, order>>;

using BlogDb = ctorm::Database<Blog>;

using Ids = std::vector<std::int64_t>;
using Rows = std::vector<std::vector<std::string>>;

/// The known dataset; ids are the ones SQLite assigns in insertion order.
///
///   users     1 ann "Ann" · 2 bob (no name) · 3 cid "Cid" · 4 dee (no name; no posts, no profile)
///   profiles  1 user 1 "a-bio" · 2 user 3 "c-bio"
///   posts     id author reviewer title
///             1  1      2        "P1"
///             2  1      -        "P2"
///             3  2      1        "P3"
///             4  3      -        "P4"
///   tags      1 cpp · 2 db · 3 news
///   post_tags (post, tag, position) (1,1,1) (1,3,2) (2,1,0) (3,2,1) (3,3,0)
///   comments  id post parent text approved
///             1  1    -      c1   yes
///             2  1    1      c2   no
///             3  1    2      c3   yes
///             4  1    -      c4   yes
///             5  3    -      c5   yes
///             6  3    5      c6   no
///             7  2    -      c7   no
///   likes     id user target
///             1  2    posts 1
///             2  3    posts 1
///             3  1    comments 1
///             4  2    posts 3
///             5  1    comments 5
///             6  3    posts 999  (dangling: no such post)
///             7  2    users 1    (not a MorphTo target)
///   articles  1 A1 · 2 A2 · 3 A3;  labels 1 red · 2 green · 3 blue
///   articles_labels (article, label) (1,1) (1,2) (2,3)
///   orders    (2024,1) ann · (2024,2) bob · (2023,1) cid · (2023,2) dan (no lines)
///   lines     1 (2024,1) pen · 2 (2024,1) ink · 3 (2023,1) pad · 4 (2024,2) cap
struct Seeded {
  BlogDb db{":memory:"};
  Seeded() {
    db.create_all();
    db.insert(User{.id = 0, .email = "ann", .name = "Ann"});
    db.insert(User{.id = 0, .email = "bob", .name = std::nullopt});
    db.insert(User{.id = 0, .email = "cid", .name = "Cid"});
    db.insert(User{.id = 0, .email = "dee", .name = std::nullopt});
    db.insert(Profile{.id = 0, .user_id = 1, .bio = "a-bio"});
    db.insert(Profile{.id = 0, .user_id = 3, .bio = "c-bio"});
    db.insert(Post{.id = 0, .author_id = 1, .reviewer_id = 2, .title = "P1"});
    db.insert(Post{.id = 0, .author_id = 1, .reviewer_id = std::nullopt, .title = "P2"});
    db.insert(Post{.id = 0, .author_id = 2, .reviewer_id = 1, .title = "P3"});
    db.insert(Post{.id = 0, .author_id = 3, .reviewer_id = std::nullopt, .title = "P4"});
    db.insert(Tag{.id = 0, .name = "cpp"});
    db.insert(Tag{.id = 0, .name = "db"});
    db.insert(Tag{.id = 0, .name = "news"});
    for (const PostTag& pt : {PostTag{1, 1, 1}, PostTag{1, 3, 2}, PostTag{2, 1, 0}, PostTag{3, 2, 1}, PostTag{3, 3, 0}})
      db.insert(pt);
    db.insert(Comment{.id = 0, .post_id = 1, .parent_id = std::nullopt, .text = "c1", .approved = true});
    db.insert(Comment{.id = 0, .post_id = 1, .parent_id = 1, .text = "c2", .approved = false});
    db.insert(Comment{.id = 0, .post_id = 1, .parent_id = 2, .text = "c3", .approved = true});
    db.insert(Comment{.id = 0, .post_id = 1, .parent_id = std::nullopt, .text = "c4", .approved = true});
    db.insert(Comment{.id = 0, .post_id = 3, .parent_id = std::nullopt, .text = "c5", .approved = true});
    db.insert(Comment{.id = 0, .post_id = 3, .parent_id = 5, .text = "c6", .approved = false});
    db.insert(Comment{.id = 0, .post_id = 2, .parent_id = std::nullopt, .text = "c7", .approved = false});
    db.insert(Like{.id = 0, .user_id = 2, .target_type = "posts", .target_id = 1});
    db.insert(Like{.id = 0, .user_id = 3, .target_type = "posts", .target_id = 1});
    db.insert(Like{.id = 0, .user_id = 1, .target_type = "comments", .target_id = 1});
    db.insert(Like{.id = 0, .user_id = 2, .target_type = "posts", .target_id = 3});
    db.insert(Like{.id = 0, .user_id = 1, .target_type = "comments", .target_id = 5});
    db.insert(Like{.id = 0, .user_id = 3, .target_type = "posts", .target_id = 999});
    db.insert(Like{.id = 0, .user_id = 2, .target_type = "users", .target_id = 1});
    db.insert(Article{.id = 0, .title = "A1"});
    db.insert(Article{.id = 0, .title = "A2"});
    db.insert(Article{.id = 0, .title = "A3"});
    db.insert(Label{.id = 0, .name = "red"});
    db.insert(Label{.id = 0, .name = "green"});
    db.insert(Label{.id = 0, .name = "blue"});
    test::exec(raw(), "INSERT INTO articles_labels (article_id, label_id) VALUES (1, 1), (1, 2), (2, 3)");
    db.insert(Order{.year = 2024, .no = 1, .customer = "ann"});
    db.insert(Order{.year = 2024, .no = 2, .customer = "bob"});
    db.insert(Order{.year = 2023, .no = 1, .customer = "cid"});
    db.insert(Order{.year = 2023, .no = 2, .customer = "dan"});
    db.insert(Line{.id = 0, .order_year = 2024, .order_no = 1, .product = "pen"});
    db.insert(Line{.id = 0, .order_year = 2024, .order_no = 1, .product = "ink"});
    db.insert(Line{.id = 0, .order_year = 2023, .order_no = 1, .product = "pad"});
    db.insert(Line{.id = 0, .order_year = 2024, .order_no = 2, .product = "cap"});
  }
  sqlite3* raw() const { return db.native_handle(); }
  /// Statements run since the previous call (or since seeding).
  std::uint64_t ran() {
    const auto now = db.statements_run();
    const auto n = now - mark;
    mark = now;
    return n;
  }
  void reset_count() { mark = db.statements_run(); }
  std::uint64_t mark = 0;
};

/// The ids of rows (plain, `Loaded` or `Pivoted`), in the order given.
template <class Rows_>
Ids ids(const Rows_& rows) {
  Ids out;
  for (const auto& r : rows) {
    if constexpr (requires { r.id; }) out.push_back(r.id);
    else out.push_back(r->id);
  }
  return out;
}

/// The ids of rows, sorted: for relations whose order is not specified.
template <class Rows_>
Ids sorted_ids(const Rows_& rows) {
  Ids out = ids(rows);
  std::sort(out.begin(), out.end());
  return out;
}

template <class T>
std::vector<T> sorted(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v;
}

using UserTuple = std::tuple<std::int64_t, std::string, std::optional<std::string>>;
inline UserTuple tup(const User& u) { return {u.id, u.email, u.name}; }
using CommentTuple = std::tuple<std::int64_t, std::int64_t, std::optional<std::int64_t>, std::string, bool>;
inline CommentTuple tup(const Comment& c) { return {c.id, c.post_id, c.parent_id, c.text, c.approved}; }
using PostTuple = std::tuple<std::int64_t, std::int64_t, std::optional<std::int64_t>, std::string>;
inline PostTuple tup(const Post& p) { return {p.id, p.author_id, p.reviewer_id, p.title}; }
using LineTuple = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::string>;
inline LineTuple tup(const Line& l) { return {l.id, l.order_year, l.order_no, l.product}; }
using OrderTuple = std::tuple<std::int64_t, std::int64_t, std::string>;
inline OrderTuple tup(const Order& o) { return {o.year, o.no, o.customer}; }
using ProfileTuple = std::tuple<std::int64_t, std::int64_t, std::string>;
inline ProfileTuple tup(const Profile& p) { return {p.id, p.user_id, p.bio}; }
using LikeTuple = std::tuple<std::int64_t, std::int64_t, std::string, std::int64_t>;
inline LikeTuple tup(const Like& l) { return {l.id, l.user_id, l.target_type, l.target_id}; }

/// (tag id, tag name, pivot post, pivot tag, position) of each loaded tag, sorted.
using PivotTuple = std::tuple<std::int64_t, std::string, std::int64_t, std::int64_t, std::int64_t>;
template <class Pivots>
std::vector<PivotTuple> pivot_tuples(const Pivots& ps) {
  std::vector<PivotTuple> out;
  for (const auto& p : ps) out.emplace_back(p->id, p->name, p.pivot.post_id, p.pivot.tag_id, p.pivot.position);
  return out;
}

/// Whole comment rows, sorted by id.
template <class Cs>
std::vector<CommentTuple> comment_tuples(const Cs& cs) {
  std::vector<CommentTuple> out;
  for (const auto& c : cs) {
    if constexpr (requires { c.row; }) out.push_back(tup(c.row));
    else out.push_back(tup(c));
  }
  return sorted(std::move(out));
}

inline CommentTuple comment(std::int64_t id, std::int64_t post, std::optional<std::int64_t> parent_id,
                            const std::string& text, bool approved) {
  return {id, post, parent_id, text, approved};
}

// The comments of the dataset, by id.
inline const std::vector<CommentTuple>& all_comments() {
  static const std::vector<CommentTuple> cs{
      comment(1, 1, std::nullopt, "c1", true), comment(2, 1, 1, "c2", false), comment(3, 1, 2, "c3", true),
      comment(4, 1, std::nullopt, "c4", true), comment(5, 3, std::nullopt, "c5", true),
      comment(6, 3, 5, "c6", false),           comment(7, 2, std::nullopt, "c7", false)};
  return cs;
}
inline CommentTuple c(std::int64_t id) { return all_comments().at(static_cast<std::size_t>(id - 1)); }

/// A post's author and comments, as loaded: to compare eager and lazy loading.
using Summary = std::tuple<std::int64_t, UserTuple, std::vector<CommentTuple>>;
template <class Loadeds>
std::vector<Summary> summaries(const Loadeds& rows) {
  std::vector<Summary> out;
  for (const auto& r : rows) out.emplace_back(r->id, tup(r.template get<author>()), comment_tuples(r.template get<comments>()));
  return out;
}

}  // namespace lt

using namespace lt;
using ctorm::asc;
using ctorm::col;
using ctorm::desc;

TEST_CASE("the loading schema is valid", "[loading]") {
  STATIC_REQUIRE(ctorm::valid<Blog>);
}

TEST_CASE("every relation kind loads eagerly, one statement per relation", "[loading]") {
  Seeded s;

  SECTION("a post's BelongsTo, nullable BelongsTo, ManyToMany with junction, HasMany and MorphMany") {
    s.reset_count();
    auto rows = s.db.select<Post>().order_by(asc<&Post::id>).with<author, reviewer, tags, comments, likes>().all();
    CHECK(s.ran() == 6);  // posts + 5 relations
    using Row = decltype(rows)::value_type;
    STATIC_REQUIRE(std::is_same_v<Row, ctorm::Loaded<Post, author, reviewer, tags, comments, likes>>);
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<author>()), const User&>);
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<reviewer>()), const std::optional<User>&>);
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<tags>()),
                                  const std::vector<ctorm::Pivoted<Tag, PostTag>>&>);
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<comments>()), const std::vector<Comment>&>);
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<likes>()), const std::vector<Like>&>);

    REQUIRE(ids(rows) == Ids{1, 2, 3, 4});
    std::vector<PostTuple> own;
    std::vector<UserTuple> authors;
    std::vector<std::optional<UserTuple>> reviewers;
    for (const Row& r : rows) {
      own.push_back(tup(r.row));
      authors.push_back(tup(r.get<author>()));
      reviewers.push_back(r.get<reviewer>() ? std::optional<UserTuple>(tup(*r.get<reviewer>())) : std::nullopt);
    }
    CHECK(own == std::vector<PostTuple>{{1, 1, 2, "P1"}, {2, 1, std::nullopt, "P2"}, {3, 2, 1, "P3"},
                                        {4, 3, std::nullopt, "P4"}});
    CHECK(authors == std::vector<UserTuple>{{1, "ann", "Ann"}, {1, "ann", "Ann"}, {2, "bob", std::nullopt},
                                            {3, "cid", "Cid"}});
    CHECK(reviewers == std::vector<std::optional<UserTuple>>{UserTuple{2, "bob", std::nullopt}, std::nullopt,
                                                             UserTuple{1, "ann", "Ann"}, std::nullopt});

    CHECK(sorted(pivot_tuples(rows[0].get<tags>())) == std::vector<PivotTuple>{{1, "cpp", 1, 1, 1}, {3, "news", 1, 3, 2}});
    CHECK(sorted(pivot_tuples(rows[1].get<tags>())) == std::vector<PivotTuple>{{1, "cpp", 2, 1, 0}});
    CHECK(sorted(pivot_tuples(rows[2].get<tags>())) == std::vector<PivotTuple>{{2, "db", 3, 2, 1}, {3, "news", 3, 3, 0}});
    CHECK(rows[3].get<tags>().empty());

    CHECK(comment_tuples(rows[0].get<comments>()) == std::vector<CommentTuple>{c(1), c(2), c(3), c(4)});
    CHECK(comment_tuples(rows[1].get<comments>()) == std::vector<CommentTuple>{c(7)});
    CHECK(comment_tuples(rows[2].get<comments>()) == std::vector<CommentTuple>{c(5), c(6)});
    CHECK(rows[3].get<comments>().empty());

    // Likes of post 1 only: like 3 points at comment 1, not at post 1.
    CHECK(sorted_ids(rows[0].get<likes>()) == Ids{1, 2});
    CHECK(rows[1].get<likes>().empty());
    CHECK(sorted_ids(rows[2].get<likes>()) == Ids{4});
    CHECK(rows[3].get<likes>().empty());
    REQUIRE(rows[2].get<likes>().size() == 1);
    CHECK(tup(rows[2].get<likes>()[0]) == LikeTuple{4, 2, "posts", 3});
  }

  SECTION("a user's HasOne, HasMany and HasManyThrough") {
    s.reset_count();
    auto rows = s.db.select<User>().order_by(asc<&User::id>).with<profile, posts, received>().all();
    CHECK(s.ran() == 4);
    using Row = decltype(rows)::value_type;
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<profile>()), const std::optional<Profile>&>);
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<posts>()), const std::vector<Post>&>);
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<received>()), const std::vector<Comment>&>);

    REQUIRE(ids(rows) == Ids{1, 2, 3, 4});
    std::vector<std::optional<ProfileTuple>> profiles;
    for (const Row& r : rows)
      profiles.push_back(r.get<profile>() ? std::optional<ProfileTuple>(tup(*r.get<profile>())) : std::nullopt);
    CHECK(profiles == std::vector<std::optional<ProfileTuple>>{ProfileTuple{1, 1, "a-bio"}, std::nullopt,
                                                               ProfileTuple{2, 3, "c-bio"}, std::nullopt});

    CHECK(sorted_ids(rows[0].get<posts>()) == Ids{1, 2});
    CHECK(sorted_ids(rows[1].get<posts>()) == Ids{3});
    CHECK(sorted_ids(rows[2].get<posts>()) == Ids{4});
    CHECK(rows[3].get<posts>().empty());

    CHECK(comment_tuples(rows[0].get<received>()) == std::vector<CommentTuple>{c(1), c(2), c(3), c(4), c(7)});
    CHECK(comment_tuples(rows[1].get<received>()) == std::vector<CommentTuple>{c(5), c(6)});
    CHECK(rows[2].get<received>().empty());  // post 4 has no comments
    CHECK(rows[3].get<received>().empty());  // no posts at all
  }

  SECTION("a like's MorphTo: one statement per target type present") {
    s.reset_count();
    auto rows = s.db.select<Like>().order_by(asc<&Like::id>).with<target>().all();
    CHECK(s.ran() == 3);  // likes, posts, comments
    using Row = decltype(rows)::value_type;
    using V = std::variant<std::monostate, Post, Comment>;
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<target>()), const V&>);

    REQUIRE(ids(rows) == Ids{1, 2, 3, 4, 5, 6, 7});
    std::vector<std::size_t> kinds;
    for (const Row& r : rows) kinds.push_back(r.get<target>().index());
    CHECK(kinds == std::vector<std::size_t>{1, 1, 2, 1, 2, 0, 0});
    REQUIRE(kinds == std::vector<std::size_t>{1, 1, 2, 1, 2, 0, 0});
    CHECK(tup(std::get<Post>(rows[0].get<target>())) == PostTuple{1, 1, 2, "P1"});
    CHECK(tup(std::get<Post>(rows[1].get<target>())) == PostTuple{1, 1, 2, "P1"});
    CHECK(tup(std::get<Comment>(rows[2].get<target>())) == c(1));
    CHECK(tup(std::get<Post>(rows[3].get<target>())) == PostTuple{3, 2, 1, "P3"});
    CHECK(tup(std::get<Comment>(rows[4].get<target>())) == c(5));
  }

  SECTION("a comment's self-referential BelongsTo and HasMany, and its MorphMany") {
    s.reset_count();
    auto rows = s.db.select<Comment>().order_by(asc<&Comment::id>).with<parent, replies, likes>().all();
    CHECK(s.ran() == 4);
    using Row = decltype(rows)::value_type;
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<parent>()), const std::optional<Comment>&>);
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<replies>()), const std::vector<Comment>&>);

    REQUIRE(ids(rows) == Ids{1, 2, 3, 4, 5, 6, 7});
    std::vector<std::optional<CommentTuple>> parents;
    std::vector<Ids> reply_ids, like_ids;
    for (const Row& r : rows) {
      parents.push_back(r.get<parent>() ? std::optional<CommentTuple>(tup(*r.get<parent>())) : std::nullopt);
      reply_ids.push_back(sorted_ids(r.get<replies>()));
      like_ids.push_back(sorted_ids(r.get<likes>()));
    }
    CHECK(parents == std::vector<std::optional<CommentTuple>>{std::nullopt, c(1), c(2), std::nullopt, std::nullopt,
                                                              c(5), std::nullopt});
    CHECK(reply_ids == std::vector<Ids>{{2}, {3}, {}, {}, {6}, {}, {}});
    // Likes of comments 1 and 5 only: likes 1 and 2 point at post 1, not at comment 1.
    CHECK(like_ids == std::vector<Ids>{{3}, {}, {}, {}, {5}, {}, {}});
  }

  SECTION("a ManyToMany without a junction struct: plain target rows") {
    s.reset_count();
    auto rows = s.db.select<Article>().order_by(asc<&Article::id>).with<labels>().all();
    CHECK(s.ran() == 2);
    using Row = decltype(rows)::value_type;
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<labels>()), const std::vector<Label>&>);
    REQUIRE(ids(rows) == Ids{1, 2, 3});
    std::vector<std::vector<std::pair<std::int64_t, std::string>>> got;
    for (const Row& r : rows) {
      std::vector<std::pair<std::int64_t, std::string>> ls;
      for (const Label& l : r.get<labels>()) ls.emplace_back(l.id, l.name);
      got.push_back(sorted(std::move(ls)));
    }
    CHECK(got == std::vector<std::vector<std::pair<std::int64_t, std::string>>>{
                     {{1, "red"}, {2, "green"}}, {{3, "blue"}}, {}});
  }
}

// Shows the bug reported for include/ctorm/load/eager.hpp:313: the parents' keys are bound as a
// temporary JSON string with SQLITE_STATIC, so a key list too long for the small-string buffer
// (here "[[2024,1],[2024,2],[2023,1],[2023,2]]") is freed before the statement runs.
TEST_CASE("a composite-key HasMany and BelongsTo load eagerly", "[loading]") {
  Seeded s;
  s.reset_count();
  auto orders = s.db.select<Order>().order_by(desc<&Order::year>, asc<&Order::no>).with<lines>().all();
  CHECK(s.ran() == 2);
  using Row = decltype(orders)::value_type;
  STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Row&>().get<lines>()), const std::vector<Line>&>);
  std::vector<std::pair<OrderTuple, std::vector<LineTuple>>> got;
  for (const Row& o : orders) {
    std::vector<LineTuple> ls;
    for (const Line& l : o.get<lines>()) ls.push_back(tup(l));
    got.emplace_back(tup(o.row), sorted(std::move(ls)));
  }
  CHECK(got == std::vector<std::pair<OrderTuple, std::vector<LineTuple>>>{
                   {{2024, 1, "ann"}, {{1, 2024, 1, "pen"}, {2, 2024, 1, "ink"}}},
                   {{2024, 2, "bob"}, {{4, 2024, 2, "cap"}}},
                   {{2023, 1, "cid"}, {{3, 2023, 1, "pad"}}},
                   {{2023, 2, "dan"}, {}}});

  s.reset_count();
  auto ls = s.db.select<Line>().order_by(asc<&Line::id>).with<order>().all();
  CHECK(s.ran() == 2);
  using LRow = decltype(ls)::value_type;
  STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const LRow&>().get<order>()), const Order&>);
  std::vector<std::pair<std::int64_t, OrderTuple>> owners;
  for (const LRow& l : ls) owners.emplace_back(l->id, tup(l.get<order>()));
  CHECK(owners == std::vector<std::pair<std::int64_t, OrderTuple>>{
                      {1, {2024, 1, "ann"}}, {2, {2024, 1, "ann"}}, {3, {2023, 1, "cid"}}, {4, {2024, 2, "bob"}}});
}

// The same bug with plain integer keys: 20 parents make "[1,2,...,20]", longer than the
// small-string buffer. Every eager load binds its key list this way.
TEST_CASE("eager loading works for many parents", "[loading]") {
  Seeded s;
  for (int i = 0; i < 16; ++i) {
    const Post p = s.db.create<posts>(*s.db.get<User>(4), Post{.id = 0, .author_id = 0, .reviewer_id = std::nullopt,
                                                             .title = "bulk" + std::to_string(i)});
    s.db.create<comments>(p, Comment{.id = 0, .post_id = 0, .parent_id = std::nullopt, .text = p.title, .approved = true});
  }
  s.reset_count();
  auto rows = s.db.select<Post>().order_by(asc<&Post::id>).with<comments, author>().all();
  CHECK(s.ran() == 3);
  REQUIRE(rows.size() == 20);
  std::vector<std::pair<std::int64_t, Ids>> got;
  std::vector<std::string> authors;
  for (const auto& r : rows) {
    got.emplace_back(r->id, sorted_ids(r.get<comments>()));
    authors.push_back(r.get<author>().email);
  }
  std::vector<std::pair<std::int64_t, Ids>> expected{{1, {1, 2, 3, 4}}, {2, {7}}, {3, {5, 6}}, {4, {}}};
  for (std::int64_t i = 0; i < 16; ++i) expected.emplace_back(5 + i, Ids{8 + i});
  CHECK(got == expected);
  std::vector<std::string> expected_authors{"ann", "ann", "bob", "cid"};
  expected_authors.resize(20, "dee");
  CHECK(authors == expected_authors);

  // Lazily, the same.
  const std::vector<Post> ps = s.db.select<Post>().order_by(asc<&Post::id>).all();
  s.reset_count();
  auto lazy = s.db.load<comments>(ps);
  CHECK(s.ran() == 1);
  got.clear();
  for (const auto& r : lazy) got.emplace_back(r->id, sorted_ids(r.get<comments>()));
  CHECK(got == expected);
}

// The same bug in the MorphTo loader (include/ctorm/load/eager.hpp:422): ten liked posts make
// "[1,2,...,10]".
TEST_CASE("a MorphTo loads many targets of one type", "[loading]") {
  Seeded s;
  const User dee = *s.db.get<User>(4);
  Ids post_ids{1, 2, 3, 4};
  for (int i = 0; i < 6; ++i)
    post_ids.push_back(
        s.db.create<posts>(dee, Post{.id = 0, .author_id = 0, .reviewer_id = std::nullopt, .title = "x"}).id);
  test::exec(s.raw(), "DELETE FROM likes");
  for (const std::int64_t id : post_ids)
    s.db.insert(Like{.id = 0, .user_id = 1, .target_type = "posts", .target_id = id});
  s.reset_count();
  auto rows = s.db.select<Like>().order_by(asc<&Like::target_id>).with<target>().all();
  CHECK(s.ran() == 2);
  REQUIRE(rows.size() == 10);
  Ids targets;
  for (const auto& r : rows) {
    const auto* p = std::get_if<Post>(&r.get<target>());
    targets.push_back(p ? p->id : -1);
  }
  CHECK(targets == post_ids);
}

TEST_CASE("nested loading: Loaded inside Loaded, one statement per level", "[loading]") {
  Seeded s;

  SECTION("users -> posts -> comments -> parent") {
    s.reset_count();
    auto users = s.db.select<User>().order_by(asc<&User::id>).with<ctorm::Nested<posts, comments, parent>>().all();
    CHECK(s.ran() == 4);
    using U = decltype(users)::value_type;
    using P = ctorm::Loaded<Post, ctorm::Nested<comments, parent>>;
    using C = ctorm::Loaded<Comment, parent>;
    STATIC_REQUIRE(std::is_same_v<U, ctorm::Loaded<User, ctorm::Nested<posts, comments, parent>>>);
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const U&>().get<posts>()), const std::vector<P>&>);
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const P&>().get<comments>()), const std::vector<C>&>);
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const C&>().get<parent>()), const std::optional<Comment>&>);

    // (user, post, comment, parent comment's text or "-")
    using Flat = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::string>;
    std::vector<Flat> flat;
    for (const U& u : users)
      for (const P& p : u.get<posts>())
        for (const C& cm : p.get<comments>()) {
          CHECK(cm->post_id == p->id);
          flat.emplace_back(u->id, p->id, cm->id, cm.get<parent>() ? cm.get<parent>()->text : "-");
        }
    CHECK(sorted(flat) == std::vector<Flat>{{1, 1, 1, "-"},
                                            {1, 1, 2, "c1"},
                                            {1, 1, 3, "c2"},
                                            {1, 1, 4, "-"},
                                            {1, 2, 7, "-"},
                                            {2, 3, 5, "-"},
                                            {2, 3, 6, "c5"}});
    REQUIRE(ids(users) == Ids{1, 2, 3, 4});
    CHECK(sorted_ids(users[0].get<posts>()) == Ids{1, 2});
    CHECK(sorted_ids(users[2].get<posts>()) == Ids{4});
    CHECK(users[2].get<posts>()[0].get<comments>().empty());
    CHECK(users[3].get<posts>().empty());
  }

  SECTION("a self-referential tree: posts -> comments -> replies (-> replies)") {
    s.reset_count();
    auto rows = s.db.select<Post>().order_by(asc<&Post::id>).with<ctorm::Nested<comments, replies>>().all();
    CHECK(s.ran() == 3);
    // (post, comment, its replies)
    using Flat = std::tuple<std::int64_t, std::int64_t, Ids>;
    std::vector<Flat> flat;
    for (const auto& p : rows)
      for (const auto& cm : p.get<comments>()) flat.emplace_back(p->id, cm->id, sorted_ids(cm.get<replies>()));
    CHECK(sorted(flat) == std::vector<Flat>{{1, 1, {2}}, {1, 2, {3}}, {1, 3, {}}, {1, 4, {}}, {2, 7, {}},
                                            {3, 5, {6}}, {3, 6, {}}});

    s.reset_count();
    auto deep = s.db.select<Post>().where(col<&Post::id> == 1).with<ctorm::Nested<comments, replies, replies>>().one();
    CHECK(s.ran() == 4);
    using Deep = std::tuple<std::int64_t, std::int64_t, std::int64_t>;  // comment, reply, reply of reply
    std::vector<Deep> chains;
    for (const auto& cm : deep.get<comments>())
      for (const auto& r1 : cm.get<replies>())
        for (const auto& r2 : r1.get<replies>()) chains.emplace_back(cm->id, r1->id, r2.id);
    CHECK(chains == std::vector<Deep>{{1, 2, 3}});
  }

  SECTION("nested under a ManyToMany and a MorphMany, beside a plain relation") {
    s.reset_count();
    auto users = s.db.select<User>().order_by(asc<&User::id>).with<ctorm::Nested<posts, tags>, profile>().all();
    CHECK(s.ran() == 4);  // users, posts, tags, profiles
    REQUIRE(ids(users) == Ids{1, 2, 3, 4});
    using Flat = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t>;  // user, post, tag, position
    std::vector<Flat> flat;
    for (const auto& u : users)
      for (const auto& p : u.get<posts>())
        for (const auto& t : p.get<tags>()) flat.emplace_back(u->id, p->id, t->id, t.pivot.position);
    CHECK(sorted(flat) == std::vector<Flat>{{1, 1, 1, 1}, {1, 1, 3, 2}, {1, 2, 1, 0}, {2, 3, 2, 1}, {2, 3, 3, 0}});
    std::vector<bool> has_profile;
    for (const auto& u : users) has_profile.push_back(u.get<profile>().has_value());
    CHECK(has_profile == std::vector<bool>{true, false, true, false});

    s.reset_count();
    auto rows = s.db.select<Post>().order_by(asc<&Post::id>).with<ctorm::Nested<comments, likes>>().all();
    CHECK(s.ran() == 3);
    using Liked = std::pair<std::int64_t, Ids>;  // comment, its likes
    std::vector<Liked> liked;
    for (const auto& p : rows)
      for (const auto& cm : p.get<comments>()) liked.emplace_back(cm->id, sorted_ids(cm.get<likes>()));
    CHECK(sorted(liked) == std::vector<Liked>{{1, {3}}, {2, {}}, {3, {}}, {4, {}}, {5, {5}}, {6, {}}, {7, {}}});
  }
}

TEST_CASE("constrained loading: conditions, order and take(n) per parent", "[loading]") {
  Seeded s;

  SECTION("a condition on the related rows") {
    s.reset_count();
    auto rows = s.db.select<Post>().order_by(asc<&Post::id>).with<comments>(col<&Comment::approved> == true).all();
    CHECK(s.ran() == 2);
    REQUIRE(ids(rows) == Ids{1, 2, 3, 4});
    std::vector<Ids> got;
    for (const auto& r : rows) got.push_back(sorted_ids(r.get<comments>()));
    CHECK(got == std::vector<Ids>{{1, 3, 4}, {}, {5}, {}});
  }

  SECTION("an order on the related rows") {
    s.reset_count();
    auto rows = s.db.select<Post>().order_by(asc<&Post::id>).with<comments>(desc<&Comment::id>).all();
    CHECK(s.ran() == 2);
    std::vector<Ids> got;
    for (const auto& r : rows) got.push_back(ids(r.get<comments>()));
    CHECK(got == std::vector<Ids>{{4, 3, 2, 1}, {7}, {6, 5}, {}});
  }

  SECTION("condition, order and take(2): the first two per post by that order") {
    s.reset_count();
    auto rows = s.db.select<Post>()
                    .order_by(asc<&Post::id>)
                    .with<comments>(col<&Comment::approved> == true, desc<&Comment::id>, ctorm::take(2))
                    .all();
    CHECK(s.ran() == 2);
    std::vector<Ids> got;
    for (const auto& r : rows) got.push_back(ids(r.get<comments>()));
    CHECK(got == std::vector<Ids>{{4, 3}, {}, {5}, {}});

    s.reset_count();
    auto first = s.db.select<Post>().order_by(asc<&Post::id>).with<comments>(asc<&Comment::id>, ctorm::take(1)).all();
    CHECK(s.ran() == 2);
    got.clear();
    for (const auto& r : first) got.push_back(ids(r.get<comments>()));
    CHECK(got == std::vector<Ids>{{1}, {7}, {5}, {}});
  }

  SECTION("conditions and order on the pivot column of a junction") {
    s.reset_count();
    auto rows = s.db.select<Post>().order_by(asc<&Post::id>).with<tags>(col<&PostTag::position> > 0).all();
    CHECK(s.ran() == 2);
    CHECK(sorted(pivot_tuples(rows[0].get<tags>())) == std::vector<PivotTuple>{{1, "cpp", 1, 1, 1}, {3, "news", 1, 3, 2}});
    CHECK(rows[1].get<tags>().empty());
    CHECK(sorted(pivot_tuples(rows[2].get<tags>())) == std::vector<PivotTuple>{{2, "db", 3, 2, 1}});
    CHECK(rows[3].get<tags>().empty());

    s.reset_count();
    auto ordered = s.db.select<Post>()
                       .order_by(asc<&Post::id>)
                       .with<tags>(col<&Tag::name> != "db", desc<&PostTag::position>)
                       .all();
    CHECK(s.ran() == 2);
    std::vector<Ids> got;
    for (const auto& r : ordered) got.push_back(ids(r.get<tags>()));
    CHECK(got == std::vector<Ids>{{3, 1}, {1}, {3}, {}});

    s.reset_count();
    auto lowest = s.db.select<Post>()
                      .order_by(asc<&Post::id>)
                      .with<tags>(asc<&PostTag::position>, ctorm::take(1))
                      .all();
    CHECK(s.ran() == 2);
    std::vector<std::vector<PivotTuple>> pts;
    for (const auto& r : lowest) pts.push_back(pivot_tuples(r.get<tags>()));
    CHECK(pts == std::vector<std::vector<PivotTuple>>{
                     {{1, "cpp", 1, 1, 1}}, {{1, "cpp", 2, 1, 0}}, {{3, "news", 3, 3, 0}}, {}});
  }

  SECTION("a HasManyThrough: conditions may name the tables on the way; take(n) per owner") {
    s.reset_count();
    auto rows = s.db.select<User>().order_by(asc<&User::id>).with<received>(col<&Post::title> == "P1").all();
    CHECK(s.ran() == 2);
    std::vector<Ids> got;
    for (const auto& r : rows) got.push_back(sorted_ids(r.get<received>()));
    CHECK(got == std::vector<Ids>{{1, 2, 3, 4}, {}, {}, {}});

    s.reset_count();
    auto latest = s.db.select<User>().order_by(asc<&User::id>).with<received>(desc<&Comment::id>, ctorm::take(2)).all();
    CHECK(s.ran() == 2);
    got.clear();
    for (const auto& r : latest) got.push_back(ids(r.get<received>()));
    CHECK(got == std::vector<Ids>{{7, 4}, {6, 5}, {}, {}});
  }

  SECTION("one constrained and one plain relation side by side") {
    s.reset_count();
    auto rows = s.db.select<Post>()
                    .order_by(asc<&Post::id>)
                    .with<comments>(col<&Comment::approved> == false)
                    .with<author>()
                    .all();
    CHECK(s.ran() == 3);
    std::vector<std::pair<std::string, Ids>> got;
    for (const auto& r : rows) got.emplace_back(r.get<author>().email, sorted_ids(r.get<comments>()));
    CHECK(got == std::vector<std::pair<std::string, Ids>>{{"ann", {2}}, {"ann", {7}}, {"bob", {6}}, {"cid", {}}});
  }
}

TEST_CASE("lazy loading on rows read earlier gives what eager loading gives, batched", "[loading]") {
  Seeded s;
  auto eager = s.db.select<Post>().order_by(asc<&Post::id>).with<author, comments>().all();
  const std::vector<Summary> expected = summaries(eager);
  REQUIRE(expected.size() == 4);
  CHECK(std::get<1>(expected[2]) == UserTuple{2, "bob", std::nullopt});
  CHECK(std::get<2>(expected[0]) == std::vector<CommentTuple>{c(1), c(2), c(3), c(4)});

  SECTION("one row") {
    const Post p = *s.db.get<Post>(1);
    s.reset_count();
    auto one = s.db.load<author, comments>(p);
    CHECK(s.ran() == 2);
    STATIC_REQUIRE(std::is_same_v<decltype(one), ctorm::Loaded<Post, author, comments>>);
    CHECK(summaries(std::vector{one}) == std::vector<Summary>{expected[0]});
    CHECK(tup(one.row) == PostTuple{1, 1, 2, "P1"});
  }

  SECTION("a vector of rows: one statement per relation for all of them") {
    const std::vector<Post> ps = s.db.select<Post>().order_by(asc<&Post::id>).all();
    s.reset_count();
    auto loaded = s.db.load<author, comments>(ps);
    CHECK(s.ran() == 2);
    CHECK(summaries(loaded) == expected);
  }

  SECTION("the same row twice, and an empty vector") {
    const Post p = *s.db.get<Post>(3);
    s.reset_count();
    auto twice = s.db.load<comments>(std::vector<Post>{p, p});
    CHECK(s.ran() == 1);
    REQUIRE(twice.size() == 2);
    CHECK(comment_tuples(twice[0].get<comments>()) == std::vector<CommentTuple>{c(5), c(6)});
    CHECK(comment_tuples(twice[1].get<comments>()) == std::vector<CommentTuple>{c(5), c(6)});

    s.reset_count();
    auto none = s.db.load<author, comments>(std::vector<Post>{});
    CHECK(none.empty());
    CHECK(s.ran() == 0);
  }

  SECTION("a NULL foreign key needs no statement; nested loading works lazily too") {
    const Post p2 = *s.db.get<Post>(2);
    s.reset_count();
    auto r = s.db.load<reviewer>(p2);
    CHECK(s.ran() == 0);
    CHECK_FALSE(r.get<reviewer>().has_value());

    const User ann = *s.db.get<User>(1);
    s.reset_count();
    auto u = s.db.load<ctorm::Nested<posts, comments>, profile>(ann);
    CHECK(s.ran() == 3);
    std::vector<std::pair<std::int64_t, Ids>> got;
    for (const auto& p : u.get<posts>()) got.emplace_back(p->id, sorted_ids(p.get<comments>()));
    CHECK(sorted(got) == std::vector<std::pair<std::int64_t, Ids>>{{1, {1, 2, 3, 4}}, {2, {7}}});
    REQUIRE(u.get<profile>().has_value());
    CHECK(tup(*u.get<profile>()) == ProfileTuple{1, 1, "a-bio"});
  }
}

TEST_CASE("related<R>(row) queries the related rows", "[loading]") {
  Seeded s;
  const User ann = *s.db.get<User>(1);
  const User dee = *s.db.get<User>(4);
  const Post p1 = *s.db.get<Post>(1);
  const Post p2 = *s.db.get<Post>(2);
  const Post p3 = *s.db.get<Post>(3);
  const Post p4 = *s.db.get<Post>(4);

  SECTION("HasMany, refined with where, order and count") {
    CHECK(ids(s.db.related<posts>(ann).order_by(asc<&Post::id>).all()) == Ids{1, 2});
    CHECK(ids(s.db.related<posts>(ann).where(col<&Post::title> == "P2").all()) == Ids{2});
    CHECK(s.db.related<posts>(ann).count() == 2);
    CHECK(s.db.related<posts>(dee).count() == 0);
    CHECK_FALSE(s.db.related<posts>(dee).exists());
    CHECK(ids(s.db.related<comments>(p1).where(col<&Comment::approved> == true).order_by(desc<&Comment::id>).all()) ==
          Ids{4, 3, 1});
  }

  SECTION("a related query loads relations like any select") {
    s.reset_count();
    auto rows = s.db.related<posts>(ann).order_by(asc<&Post::id>).with<comments>().all();
    CHECK(s.ran() == 2);
    std::vector<std::pair<std::int64_t, Ids>> got;
    for (const auto& r : rows) got.emplace_back(r->id, sorted_ids(r.get<comments>()));
    CHECK(got == std::vector<std::pair<std::int64_t, Ids>>{{1, {1, 2, 3, 4}}, {2, {7}}});
  }

  SECTION("ManyToMany walks the junction") {
    CHECK(sorted_ids(s.db.related<tags>(p1).all()) == Ids{1, 3});
    CHECK(sorted_ids(s.db.related<tags>(p3).all()) == Ids{2, 3});
    CHECK(s.db.related<tags>(p4).all().empty());
    CHECK(ids(s.db.related<tags>(p1).where(col<&Tag::name> == "news").all()) == Ids{3});
    const Article a1 = *s.db.get<Article>(1);
    CHECK(sorted_ids(s.db.related<labels>(a1).all()) == Ids{1, 2});
  }

  SECTION("HasManyThrough, BelongsTo, HasOne") {
    CHECK(sorted_ids(s.db.related<received>(ann).all()) == Ids{1, 2, 3, 4, 7});
    CHECK(s.db.related<received>(*s.db.get<User>(3)).count() == 0);
    CHECK(tup(s.db.related<author>(p3).one()) == UserTuple{2, "bob", std::nullopt});
    CHECK(s.db.related<reviewer>(p2).all().empty());  // NULL foreign key: nothing
    CHECK(ids(s.db.related<reviewer>(p1).all()) == Ids{2});
    CHECK(tup(s.db.related<profile>(ann).one()) == ProfileTuple{1, 1, "a-bio"});
    CHECK_FALSE(s.db.related<profile>(dee).first().has_value());
  }

  SECTION("MorphMany adds the type condition") {
    CHECK(sorted_ids(s.db.related<likes>(p1).all()) == Ids{1, 2});
    const Comment c1 = *s.db.get<Comment>(1);
    CHECK(sorted_ids(s.db.related<likes>(c1).all()) == Ids{3});
    CHECK(s.db.related<likes>(p2).count() == 0);
  }

  SECTION("a composite key") {
    const Order o = *s.db.get<Order>(2024, 1);
    std::vector<LineTuple> got;
    for (const Line& l : s.db.related<lines>(o).order_by(asc<&Line::id>).all()) got.push_back(tup(l));
    CHECK(got == std::vector<LineTuple>{{1, 2024, 1, "pen"}, {2, 2024, 1, "ink"}});
    CHECK(s.db.related<lines>(*s.db.get<Order>(2023, 2)).count() == 0);
    const Line l3 = *s.db.get<Line>(3);
    CHECK(tup(s.db.related<order>(l3).one()) == OrderTuple{2023, 1, "cid"});
  }
}

TEST_CASE("writing through relations", "[loading]") {
  Seeded s;
  sqlite3* raw = s.raw();
  User ann = *s.db.get<User>(1);
  User bob = *s.db.get<User>(2);
  User dee = *s.db.get<User>(4);
  Post p1 = *s.db.get<Post>(1);
  Post p2 = *s.db.get<Post>(2);
  Post p3 = *s.db.get<Post>(3);
  Post p4 = *s.db.get<Post>(4);

  SECTION("create through HasMany sets the foreign key and returns the stored row") {
    s.reset_count();
    const Comment made = s.db.create<comments>(p4, Comment{.id = 0, .post_id = 0, .parent_id = std::nullopt,
                                                           .text = "new", .approved = true});
    CHECK(s.ran() == 1);
    CHECK(tup(made) == comment(8, 4, std::nullopt, "new", true));
    CHECK(tup(*s.db.get<Comment>(8)) == comment(8, 4, std::nullopt, "new", true));
    CHECK(test::rows(raw, "SELECT id, post_id, text FROM comments WHERE post_id = 4") == Rows{{"8", "4", "new"}});
  }

  SECTION("create through MorphMany sets the type and the id") {
    const Like l = s.db.create<likes>(p4, Like{.id = 0, .user_id = 1, .target_type = "", .target_id = 0});
    CHECK(tup(l) == LikeTuple{8, 1, "posts", 4});
    const Comment c7 = *s.db.get<Comment>(7);
    const Like l2 = s.db.create<likes>(c7, Like{.id = 0, .user_id = 2, .target_type = "wrong", .target_id = 42});
    CHECK(tup(l2) == LikeTuple{9, 2, "comments", 7});
    CHECK(test::rows(raw, "SELECT id, user_id, target_type, target_id FROM likes WHERE id >= 8 ORDER BY id") ==
          Rows{{"8", "1", "posts", "4"}, {"9", "2", "comments", "7"}});
    CHECK(sorted_ids(s.db.related<likes>(p4).all()) == Ids{8});
  }

  SECTION("create through HasOne and a composite-key HasMany") {
    const Profile pr = s.db.create<profile>(bob, Profile{.id = 0, .user_id = 0, .bio = "b-bio"});
    CHECK(tup(pr) == ProfileTuple{3, 2, "b-bio"});
    CHECK(test::rows(raw, "SELECT id, user_id, bio FROM profiles WHERE user_id = 2") == Rows{{"3", "2", "b-bio"}});
    // A second profile for the same user breaks the one-to-one key.
    CHECK_THROWS_AS(s.db.create<profile>(bob, Profile{.id = 0, .user_id = 0, .bio = "again"}), ctorm::constraint_error);

    const Order dan = *s.db.get<Order>(2023, 2);
    const Line l = s.db.create<lines>(dan, Line{.id = 0, .order_year = 0, .order_no = 0, .product = "nib"});
    CHECK(tup(l) == LineTuple{5, 2023, 2, "nib"});
    CHECK(test::rows(raw, "SELECT order_year, order_no, product FROM lines WHERE id = 5") ==
          Rows{{"2023", "2", "nib"}});
  }

  SECTION("associate and dissociate update the object and the row") {
    CHECK(s.db.associate<author>(p3, dee));
    CHECK(p3.author_id == 4);
    CHECK(test::scalar(raw, "SELECT author_id FROM posts WHERE id = 3") == "4");

    CHECK(s.db.associate<reviewer>(p2, ann));
    CHECK(p2.reviewer_id == std::optional<std::int64_t>(1));
    CHECK(test::scalar(raw, "SELECT reviewer_id FROM posts WHERE id = 2") == "1");

    CHECK(s.db.dissociate<reviewer>(p1));
    CHECK_FALSE(p1.reviewer_id.has_value());
    CHECK(test::scalar(raw, "SELECT reviewer_id FROM posts WHERE id = 1") == "NULL");
    // Nothing else changed.
    CHECK(test::rows(raw, "SELECT id, author_id, reviewer_id, title FROM posts ORDER BY id") ==
          Rows{{"1", "1", "NULL", "P1"}, {"2", "1", "1", "P2"}, {"3", "4", "1", "P3"}, {"4", "3", "NULL", "P4"}});

    // A row that is not stored: false, nothing written.
    Post ghost{.id = 99, .author_id = 1, .reviewer_id = 2, .title = "ghost"};
    CHECK_FALSE(s.db.associate<author>(ghost, bob));
    CHECK(ghost.author_id == 2);
    CHECK_FALSE(s.db.dissociate<reviewer>(ghost));

    // Composite key.
    Line l3 = *s.db.get<Line>(3);
    CHECK(s.db.associate<order>(l3, *s.db.get<Order>(2024, 2)));
    CHECK((l3.order_year == 2024 && l3.order_no == 2));
    CHECK(test::rows(raw, "SELECT order_year, order_no FROM lines WHERE id = 3") == Rows{{"2024", "2"}});
  }

  SECTION("attach and detach through a junction struct") {
    const Tag news = *s.db.get<Tag>(3);
    s.db.attach<tags>(p4, news, PostTag{.post_id = 0, .tag_id = 0, .position = 3});
    s.db.attach<tags>(p4, std::int64_t{1});
    s.db.attach<tags>(p4, std::int64_t{2}, PostTag{.post_id = 0, .tag_id = 0, .position = 7});
    CHECK(test::rows(raw, "SELECT post_id, tag_id, position FROM post_tags WHERE post_id = 4 ORDER BY tag_id") ==
          Rows{{"4", "1", "0"}, {"4", "2", "7"}, {"4", "3", "3"}});
    CHECK_THROWS_AS(s.db.attach<tags>(p4, std::int64_t{1}), ctorm::constraint_error);
    CHECK_THROWS_AS(s.db.attach<tags>(p4, news), ctorm::constraint_error);
    CHECK_THROWS_AS(s.db.attach<tags>(p4, std::int64_t{99}), ctorm::constraint_error);  // no tag 99

    auto loaded = s.db.load<tags>(p4);
    CHECK(sorted(pivot_tuples(loaded.get<tags>())) ==
          std::vector<PivotTuple>{{1, "cpp", 4, 1, 0}, {2, "db", 4, 2, 7}, {3, "news", 4, 3, 3}});

    CHECK(s.db.detach<tags>(p4, std::int64_t{3}) == 1);
    CHECK(s.db.detach<tags>(p4, std::int64_t{3}) == 0);
    CHECK(s.db.detach<tags>(p4) == 2);
    CHECK(s.db.detach<tags>(p4) == 0);
    CHECK(test::scalar(raw, "SELECT count(*) FROM post_tags WHERE post_id = 4") == "0");
    // Other posts' links are untouched.
    CHECK(test::rows(raw, "SELECT post_id, tag_id, position FROM post_tags ORDER BY post_id, tag_id") ==
          Rows{{"1", "1", "1"}, {"1", "3", "2"}, {"2", "1", "0"}, {"3", "2", "1"}, {"3", "3", "0"}});
  }

  SECTION("sync through a junction struct") {
    const std::string junction = "SELECT tag_id, position FROM post_tags WHERE post_id = 1 ORDER BY tag_id";
    auto r = s.db.sync<tags>(p1, Ids{2, 3});
    STATIC_REQUIRE(std::is_same_v<decltype(r), ctorm::Synced<std::int64_t>>);
    CHECK(r.attached == Ids{2});
    CHECK(r.detached == Ids{1});
    // Kept links keep their pivot data; new ones get a default junction row.
    CHECK(test::rows(raw, junction) == Rows{{"2", "0"}, {"3", "2"}});

    s.reset_count();
    auto again = s.db.sync<tags>(p1, Ids{3, 2});
    CHECK(again.attached.empty());
    CHECK(again.detached.empty());
    CHECK(test::rows(raw, junction) == Rows{{"2", "0"}, {"3", "2"}});

    auto more = s.db.sync<tags>(p1, Ids{1, 1, 2, 3});
    CHECK(more.attached == Ids{1});
    CHECK(more.detached.empty());
    CHECK(test::rows(raw, junction) == Rows{{"1", "0"}, {"2", "0"}, {"3", "2"}});

    auto none = s.db.sync<tags>(p1, Ids{});
    CHECK(none.attached.empty());
    CHECK(sorted(none.detached) == Ids{1, 2, 3});
    CHECK(test::rows(raw, junction).empty());

    // Other posts untouched.
    CHECK(test::rows(raw, "SELECT post_id, tag_id FROM post_tags ORDER BY post_id, tag_id") ==
          Rows{{"2", "1"}, {"3", "2"}, {"3", "3"}});

    // A failing sync (no tag 99) changes nothing: it runs in one transaction.
    CHECK_THROWS_AS(s.db.sync<tags>(p3, Ids{1, 99}), ctorm::constraint_error);
    CHECK(test::rows(raw, "SELECT tag_id, position FROM post_tags WHERE post_id = 3 ORDER BY tag_id") ==
          Rows{{"2", "1"}, {"3", "0"}});

    auto back = s.db.sync<tags>(p3, std::vector<std::int64_t>{1, 2});
    CHECK(back.attached == Ids{1});
    CHECK(back.detached == Ids{3});
    CHECK(test::rows(raw, "SELECT tag_id FROM post_tags WHERE post_id = 3 ORDER BY tag_id") == Rows{{"1"}, {"2"}});
  }

  SECTION("attach, detach and sync on a join table ctorm owns") {
    Article a1 = *s.db.get<Article>(1);
    Article a3 = *s.db.get<Article>(3);
    const Label red = *s.db.get<Label>(1);
    const std::string a3_links = "SELECT article_id, label_id FROM articles_labels WHERE article_id = 3 ORDER BY label_id";
    s.db.attach<labels>(a3, red);
    s.db.attach<labels>(a3, std::int64_t{3});
    CHECK(test::rows(raw, a3_links) == Rows{{"3", "1"}, {"3", "3"}});
    CHECK_THROWS_AS(s.db.attach<labels>(a3, red), ctorm::constraint_error);
    CHECK(sorted_ids(s.db.load<labels>(a3).get<labels>()) == Ids{1, 3});

    CHECK(s.db.detach<labels>(a3, std::int64_t{1}) == 1);
    CHECK(test::rows(raw, a3_links) == Rows{{"3", "3"}});
    CHECK(s.db.detach<labels>(a3) == 1);
    CHECK(test::rows(raw, a3_links).empty());

    auto r = s.db.sync<labels>(a1, Ids{2, 3});
    CHECK(r.attached == Ids{3});
    CHECK(r.detached == Ids{1});
    const std::string a1_links = "SELECT article_id, label_id FROM articles_labels WHERE article_id = 1 ORDER BY label_id";
    CHECK(test::rows(raw, a1_links) == Rows{{"1", "2"}, {"1", "3"}});
    auto again = s.db.sync<labels>(a1, Ids{2, 3});
    CHECK(again.attached.empty());
    CHECK(again.detached.empty());
    CHECK(test::rows(raw, a1_links) == Rows{{"1", "2"}, {"1", "3"}});
    CHECK(test::rows(raw, "SELECT article_id, label_id FROM articles_labels WHERE article_id = 2") == Rows{{"2", "3"}});
  }
}

TEST_CASE("loading edge cases", "[loading]") {
  Seeded s;

  SECTION("no parent rows: only the rows' own statement") {
    s.reset_count();
    auto none = s.db.select<Post>().where(col<&Post::id> < 0).with<comments>().all();
    CHECK(none.empty());
    CHECK(s.ran() == 1);

    s.reset_count();
    auto none2 = s.db.select<Post>()
                     .where(col<&Post::id> < 0)
                     .with<author, tags, ctorm::Nested<comments, replies>, likes>()
                     .all();
    CHECK(none2.empty());
    CHECK(s.ran() == 1);
  }

  SECTION("every parent key NULL: no statement for that relation") {
    s.reset_count();
    auto rows = s.db.select<Post>()
                    .where(col<&Post::reviewer_id>.is_null())
                    .order_by(asc<&Post::id>)
                    .with<reviewer, author>()
                    .all();
    CHECK(s.ran() == 2);  // posts + author; reviewer needs none
    REQUIRE(ids(rows) == Ids{2, 4});
    CHECK_FALSE(rows[0].get<reviewer>().has_value());
    CHECK_FALSE(rows[1].get<reviewer>().has_value());
    CHECK(rows[1].get<author>().email == "cid");

    s.reset_count();
    auto roots = s.db.select<Comment>().where(col<&Comment::parent_id>.is_null()).with<parent>().all();
    CHECK(s.ran() == 1);
    CHECK(sorted_ids(roots) == Ids{1, 4, 5, 7});
    for (const auto& r : roots) CHECK_FALSE(r.get<parent>().has_value());
  }

  SECTION("a nested level with no rows stops there") {
    s.reset_count();
    auto u = s.db.select<User>().where(col<&User::id> == 4).with<ctorm::Nested<posts, comments, parent>>().one();
    CHECK(s.ran() == 2);
    CHECK(u.get<posts>().empty());

    s.reset_count();
    auto cid = s.db.select<User>().where(col<&User::id> == 3).with<ctorm::Nested<posts, comments, parent>>().one();
    CHECK(s.ran() == 3);  // post 4 has no comments: no parent query
    REQUIRE(ids(cid.get<posts>()) == Ids{4});
    CHECK(cid.get<posts>()[0].get<comments>().empty());
  }

  SECTION("first() and one() load relations; count() and exists() load none") {
    s.reset_count();
    auto last = s.db.select<Post>().order_by(desc<&Post::id>).with<author, tags, comments>().first();
    CHECK(s.ran() == 4);  // post + author + tags + comments (a query runs even when it finds nothing)
    REQUIRE(last.has_value());
    CHECK(tup(last->row) == PostTuple{4, 3, std::nullopt, "P4"});
    CHECK(tup(last->get<author>()) == UserTuple{3, "cid", "Cid"});
    CHECK(last->get<tags>().empty());
    CHECK(last->get<comments>().empty());

    s.reset_count();
    auto nothing = s.db.select<Post>().where(col<&Post::id> == 99).with<author, comments>().first();
    CHECK_FALSE(nothing.has_value());
    CHECK(s.ran() == 1);

    s.reset_count();
    auto p3 = s.db.select<Post>().where(col<&Post::id> == 3).with<comments, author>().one();
    CHECK(s.ran() == 3);
    CHECK(comment_tuples(p3.get<comments>()) == std::vector<CommentTuple>{c(5), c(6)});
    CHECK(p3.get<author>().email == "bob");

    CHECK_THROWS_AS(s.db.select<Post>().where(col<&Post::id> == 99).with<author>().one(), ctorm::not_found);
    CHECK_THROWS_AS(s.db.select<Post>().with<author>().one(), ctorm::usage_error);

    s.reset_count();
    CHECK(s.db.select<Post>().with<author, comments>().count() == 4);
    CHECK(s.db.select<Post>().where(col<&Post::id> == 99).with<comments>().exists() == false);
    CHECK(s.ran() == 2);
  }

  SECTION("a dangling MorphTo target, and a type that is no target, give monostate") {
    s.reset_count();
    auto dangling = s.db.select<Like>().where(col<&Like::id> == 6).with<target>().one();
    CHECK(s.ran() == 2);  // likes + posts (finds nothing); no comments query
    CHECK(std::holds_alternative<std::monostate>(dangling.get<target>()));

    s.reset_count();
    auto other = s.db.select<Like>().where(col<&Like::id> == 7).with<target>().one();
    CHECK(s.ran() == 1);  // "users" names no target: no query at all
    CHECK(std::holds_alternative<std::monostate>(other.get<target>()));

    // A target deleted after the like was made.
    test::exec(s.raw(), "DELETE FROM comments WHERE id = 6");
    test::exec(s.raw(), "INSERT INTO likes (user_id, target_type, target_id) VALUES (1, 'comments', 6)");
    auto gone = s.db.select<Like>().where(col<&Like::id> == 8).with<target>().one();
    CHECK(std::holds_alternative<std::monostate>(gone.get<target>()));
  }

  SECTION("a non-null BelongsTo whose row is missing throws not_found from get") {
    test::exec(s.raw(), "PRAGMA foreign_keys = OFF");
    test::exec(s.raw(), "UPDATE posts SET author_id = 42 WHERE id = 4");
    auto row = s.db.select<Post>().where(col<&Post::id> == 4).with<author>().one();
    CHECK_THROWS_AS(row.get<author>(), ctorm::not_found);
  }
}
