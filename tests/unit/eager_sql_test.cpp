// Golden SQL of eager loading (one query per relation and level) and the types the loaded
// rows hand out, checked by the compiler. Nothing here runs SQLite, and this executable does
// not link it: queries are only named inside decltype() and static_text<>.
#include <catch2/catch.hpp>

#include <ctorm/core.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace eagersql {

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
  std::int64_t position{};
};
struct Label {
  std::int64_t id{};
  std::string name{};
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
  std::int64_t no{};
};
struct Line {
  std::int64_t id{};
  std::int32_t order_year{};
  std::int64_t order_no{};
};
struct Category {
  std::int64_t id{};
  std::string slug{};
};
struct Product {
  std::int64_t id{};
  std::string category_slug{};
};

using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using reviewer = ctorm::BelongsTo<User, &Post::reviewer_id, ctorm::OnDelete::SetNull>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using tags = ctorm::ManyToMany<Tag, PostTag>;  // junction struct: rows come with their pivot
using labels = ctorm::ManyToMany<Label>;       // ctorm's own join table "labels_posts"
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using parent = ctorm::BelongsTo<Comment, &Comment::parent_id, ctorm::OnDelete::Cascade>;
using received = ctorm::HasManyThrough<posts, comments>;
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post, Comment>;
using lines = ctorm::HasMany<Line, ctorm::Keys<&Line::order_year, &Line::order_no>>;
using order = ctorm::BelongsTo<Order, ctorm::Keys<&Line::order_year, &Line::order_no>>;
using products = ctorm::HasMany<Product, &Product::category_slug>;
using category = ctorm::BelongsTo<Category, &Product::category_slug, ctorm::References<&Category::slug>>;

using Shop = ctorm::Schema<
    ctorm::Table<User, posts, received, ctorm::Unique<&User::email>>,
    ctorm::Table<Post, author, reviewer, tags, labels, comments, likes>,
    ctorm::Table<Tag, ctorm::Unique<&Tag::name>>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                 ctorm::BelongsTo<Post, &PostTag::post_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Tag, &PostTag::tag_id, ctorm::OnDelete::Cascade>>,
    ctorm::Table<Label, ctorm::ManyToMany<Post>>,
    ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id, ctorm::OnDelete::Cascade>, parent, likes>,
    ctorm::Table<Like, target>,
    ctorm::Table<Order, ctorm::PrimaryKey<&Order::year, &Order::no>, lines>,
    ctorm::Table<Line, order>,
    ctorm::Table<Category, ctorm::Unique<&Category::slug>, products>,
    ctorm::Table<Product, category>>;

/// Only ever named inside decltype(): declared, never defined, never called.
ctorm::Database<Shop, ctorm::no_database<ctorm::sqlite_dialect>>& db();

/// What `.with<R>(args...)` makes of its arguments.
template <class... Args>
using constraint_of = decltype(ctorm::detail::make_constraint(std::declval<Args>()...));

/// The query that loads relation `R` of `Owner`'s rows, restricted by `C`.
template <class Owner, class R, class C = ctorm::detail::load_constraint<>>
inline constexpr std::string_view eager_sql =
    ctorm::static_text<ctorm::detail::eager_gen<Shop, Owner, R, C, ctorm::sqlite_dialect>>;

template <class W>
using view_of = typename ctorm::detail::slot_of<W>::view;

template <class L, std::size_t I>
using relation_t = std::remove_reference_t<decltype(ctorm::detail::slot_at<I>(std::declval<L&>().relations))>;

using approved_only = constraint_of<decltype(ctorm::col<&Comment::approved> == true)>;
using newest_first = constraint_of<decltype(ctorm::desc<&Comment::id>)>;
using first_two = constraint_of<decltype(ctorm::take(2))>;
using two_newest_approved = constraint_of<decltype(ctorm::col<&Comment::approved> == true),
                                          decltype(ctorm::desc<&Comment::id>), decltype(ctorm::take(2))>;

}  // namespace eagersql

using namespace eagersql;

TEST_CASE("the schema of the eager-loading tests is valid", "[loading]") {
  STATIC_REQUIRE(ctorm::valid<Shop>);
}

TEST_CASE("a BelongsTo loads the targets by the foreign keys' values", "[loading][sql]") {
  // The key the row hangs on comes first, then every column of the target.
  STATIC_REQUIRE(eager_sql<Post, author> ==
                 R"sql(SELECT "users"."id", "users"."id", "users"."email" FROM "users" WHERE "users"."id" IN (SELECT value FROM json_each(?1)))sql");
  // A nullable foreign key loads the same way; NULL keys are never bound.
  STATIC_REQUIRE(eager_sql<Post, reviewer> == eager_sql<Post, author>);
  // A self-reference reads its own table once.
  STATIC_REQUIRE(eager_sql<Comment, parent> ==
                 R"sql(SELECT "comments"."id", "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved" FROM "comments" WHERE "comments"."id" IN (SELECT value FROM json_each(?1)))sql");
}

TEST_CASE("a HasMany loads the children by their foreign key", "[loading][sql]") {
  STATIC_REQUIRE(eager_sql<Post, comments> ==
                 R"sql(SELECT "comments"."post_id", "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved" FROM "comments" WHERE "comments"."post_id" IN (SELECT value FROM json_each(?1)))sql");
  STATIC_REQUIRE(eager_sql<User, posts> ==
                 R"sql(SELECT "posts"."author_id", "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title" FROM "posts" WHERE "posts"."author_id" IN (SELECT value FROM json_each(?1)))sql");
}

TEST_CASE("a ManyToMany reads from its junction, joined to the targets", "[loading][sql]") {
  // With a junction struct: the target's columns, then the junction's (the pivot).
  STATIC_REQUIRE(eager_sql<Post, tags> ==
                 R"sql(SELECT "post_tags"."post_id", "tags"."id", "tags"."name", "post_tags"."post_id", "post_tags"."tag_id", "post_tags"."position" FROM "post_tags" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id" WHERE "post_tags"."post_id" IN (SELECT value FROM json_each(?1)))sql");
  // Without one: ctorm's join table, and the target's columns only.
  STATIC_REQUIRE(eager_sql<Post, labels> ==
                 R"sql(SELECT "labels_posts"."post_id", "labels"."id", "labels"."name" FROM "labels_posts" JOIN "labels" ON "labels"."id" = "labels_posts"."label_id" WHERE "labels_posts"."post_id" IN (SELECT value FROM json_each(?1)))sql");
  // The other side of the same join table.
  STATIC_REQUIRE(eager_sql<Label, ctorm::ManyToMany<Post>> ==
                 R"sql(SELECT "labels_posts"."label_id", "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title" FROM "labels_posts" JOIN "posts" ON "posts"."id" = "labels_posts"."post_id" WHERE "labels_posts"."label_id" IN (SELECT value FROM json_each(?1)))sql");
}

TEST_CASE("a HasManyThrough joins along its path from the first step's table", "[loading][sql]") {
  STATIC_REQUIRE(eager_sql<User, received> ==
                 R"sql(SELECT "posts"."author_id", "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved" FROM "posts" JOIN "comments" ON "comments"."post_id" = "posts"."id" WHERE "posts"."author_id" IN (SELECT value FROM json_each(?1)))sql");
}

TEST_CASE("Via<R> reads the row of the through-chain's step before the target in the same statement", "[loading][sql]") {
  STATIC_REQUIRE(ctorm::static_text<ctorm::detail::eager_gen<Shop, User, received, ctorm::detail::load_constraint<>,
                                                             ctorm::sqlite_dialect, Post>> ==
                 R"sql(SELECT "posts"."author_id", "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved", "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title" FROM "posts" JOIN "comments" ON "comments"."post_id" = "posts"."id" WHERE "posts"."author_id" IN (SELECT value FROM json_each(?1)))sql");
  using Reached = std::vector<ctorm::Reached<Comment, Post>>;
  STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const ctorm::Loaded<User, ctorm::Via<received>>&>().get<received>()),
                                const Reached&>);
}

TEST_CASE("a MorphMany also matches the type column to the owner's table name", "[loading][sql]") {
  STATIC_REQUIRE(eager_sql<Post, likes> ==
                 R"sql(SELECT "likes"."target_id", "likes"."id", "likes"."target_type", "likes"."target_id" FROM "likes" WHERE "likes"."target_id" IN (SELECT value FROM json_each(?1)) AND "likes"."target_type" = 'posts')sql");
  STATIC_REQUIRE(eager_sql<Comment, likes> ==
                 R"sql(SELECT "likes"."target_id", "likes"."id", "likes"."target_type", "likes"."target_id" FROM "likes" WHERE "likes"."target_id" IN (SELECT value FROM json_each(?1)) AND "likes"."target_type" = 'comments')sql");
}

TEST_CASE("composite keys are matched as row values against a JSON array of arrays", "[loading][sql]") {
  STATIC_REQUIRE(eager_sql<Order, lines> ==
                 R"sql(SELECT "lines"."order_year", "lines"."order_no", "lines"."id", "lines"."order_year", "lines"."order_no" FROM "lines" WHERE ("lines"."order_year", "lines"."order_no") IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?1)))sql");
  STATIC_REQUIRE(eager_sql<Line, order> ==
                 R"sql(SELECT "orders"."year", "orders"."no", "orders"."year", "orders"."no" FROM "orders" WHERE ("orders"."year", "orders"."no") IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?1)))sql");
}

namespace eagersql {
struct eleven_columns {
  static constexpr void write(auto& out) {
    using I = std::int64_t;
    ctorm::sqlite_dialect::key_list_rows<I, I, I, I, I, I, I, I, I, I, I>(out, 1);
  }
};
}  // namespace eagersql

TEST_CASE("a composite key's list names every column by its whole position", "[loading][sql]") {
  STATIC_REQUIRE(ctorm::static_text<eleven_columns> ==
                 R"sql(json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]'), json_extract(value, '$[8]'), json_extract(value, '$[9]'), json_extract(value, '$[10]') FROM json_each(?1))sql");
}

TEST_CASE("a text key undoes the NUL and \\x01 escapes of the bound list", "[loading][sql]") {
  STATIC_REQUIRE(eager_sql<Category, products> ==
                 R"sql(SELECT "products"."category_slug", "products"."id", "products"."category_slug" FROM "products" WHERE "products"."category_slug" IN (SELECT replace(replace(value, char(1, 3), char(0)), char(1, 2), char(1)) FROM json_each(?1)))sql");
  STATIC_REQUIRE(eager_sql<Product, category> ==
                 R"sql(SELECT "categories"."slug", "categories"."id", "categories"."slug" FROM "categories" WHERE "categories"."slug" IN (SELECT replace(replace(value, char(1, 3), char(0)), char(1, 2), char(1)) FROM json_each(?1)))sql");
}

TEST_CASE("with<R>(...) sorts its arguments into a constraint", "[loading]") {
  STATIC_REQUIRE(std::is_same_v<constraint_of<>, ctorm::detail::load_constraint<>>);
  STATIC_REQUIRE_FALSE(std::is_same_v<approved_only::predicate, ctorm::detail::nothing>);
  STATIC_REQUIRE(approved_only::order::size == 0);
  STATIC_REQUIRE_FALSE(approved_only::take);
  STATIC_REQUIRE(std::is_same_v<newest_first::predicate, ctorm::detail::nothing>);
  STATIC_REQUIRE(newest_first::order::size == 1);
  STATIC_REQUIRE(std::is_same_v<first_two::predicate, ctorm::detail::nothing>);
  STATIC_REQUIRE(first_two::take);
  STATIC_REQUIRE(two_newest_approved::order::size == 1);
  STATIC_REQUIRE(two_newest_approved::take);
}

TEST_CASE("a condition is ANDed to the key match, its values after the keys", "[loading][sql]") {
  STATIC_REQUIRE(eager_sql<Post, comments, approved_only> ==
                 R"sql(SELECT "comments"."post_id", "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved" FROM "comments" WHERE "comments"."post_id" IN (SELECT value FROM json_each(?1)) AND "comments"."approved" = ?2)sql");
  // On a ManyToMany a condition may name the junction's columns.
  using far_positions = constraint_of<decltype(ctorm::col<&PostTag::position> > 1)>;
  STATIC_REQUIRE(eager_sql<Post, tags, far_positions> ==
                 R"sql(SELECT "post_tags"."post_id", "tags"."id", "tags"."name", "post_tags"."post_id", "post_tags"."tag_id", "post_tags"."position" FROM "post_tags" JOIN "tags" ON "tags"."id" = "post_tags"."tag_id" WHERE "post_tags"."post_id" IN (SELECT value FROM json_each(?1)) AND "post_tags"."position" > ?2)sql");
}

TEST_CASE("order terms order the loaded rows", "[loading][sql]") {
  STATIC_REQUIRE(eager_sql<Post, comments, newest_first> ==
                 R"sql(SELECT "comments"."post_id", "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved" FROM "comments" WHERE "comments"."post_id" IN (SELECT value FROM json_each(?1)) ORDER BY "comments"."id" DESC)sql");
}

TEST_CASE("take(n) ranks the rows within each parent's key", "[loading][sql]") {
  STATIC_REQUIRE(eager_sql<Post, comments, first_two> ==
                 R"sql(SELECT * FROM (SELECT "comments"."post_id", "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved", row_number() OVER (PARTITION BY "comments"."post_id") AS "ctorm_rank" FROM "comments" WHERE "comments"."post_id" IN (SELECT value FROM json_each(?1))) WHERE "ctorm_rank" <= ?2 ORDER BY "ctorm_rank")sql");
  // The order terms rank the rows; the limit's parameter comes after the condition's.
  STATIC_REQUIRE(eager_sql<Post, comments, two_newest_approved> ==
                 R"sql(SELECT * FROM (SELECT "comments"."post_id", "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved", row_number() OVER (PARTITION BY "comments"."post_id" ORDER BY "comments"."id" DESC) AS "ctorm_rank" FROM "comments" WHERE "comments"."post_id" IN (SELECT value FROM json_each(?1)) AND "comments"."approved" = ?2) WHERE "ctorm_rank" <= ?3 ORDER BY "ctorm_rank")sql");
  // A composite key partitions by all its columns.
  STATIC_REQUIRE(eager_sql<Order, lines, first_two> ==
                 R"sql(SELECT * FROM (SELECT "lines"."order_year", "lines"."order_no", "lines"."id", "lines"."order_year", "lines"."order_no", row_number() OVER (PARTITION BY "lines"."order_year", "lines"."order_no") AS "ctorm_rank" FROM "lines" WHERE ("lines"."order_year", "lines"."order_no") IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?1))) WHERE "ctorm_rank" <= ?2 ORDER BY "ctorm_rank")sql");
  // A path partitions by the first step's key.
  using x_first_three = constraint_of<decltype(ctorm::col<&Comment::text> == "x"), decltype(ctorm::take(3))>;
  STATIC_REQUIRE(eager_sql<User, received, x_first_three> ==
                 R"sql(SELECT * FROM (SELECT "posts"."author_id", "comments"."id", "comments"."post_id", "comments"."parent_id", "comments"."text", "comments"."approved", row_number() OVER (PARTITION BY "posts"."author_id") AS "ctorm_rank" FROM "posts" JOIN "comments" ON "comments"."post_id" = "posts"."id" WHERE "posts"."author_id" IN (SELECT value FROM json_each(?1)) AND "comments"."text" = ?2) WHERE "ctorm_rank" <= ?3 ORDER BY "ctorm_rank")sql");
}

TEST_CASE("each relation kind has its slot type", "[loading]") {
  // A non-null BelongsTo hands out the row itself; the slot still starts empty.
  STATIC_REQUIRE(std::is_same_v<view_of<author>, User>);
  STATIC_REQUIRE(std::is_same_v<ctorm::detail::slot_t<author>, std::optional<User>>);
  STATIC_REQUIRE(std::is_same_v<view_of<reviewer>, std::optional<User>>);
  STATIC_REQUIRE(std::is_same_v<view_of<comments>, std::vector<Comment>>);
  STATIC_REQUIRE(std::is_same_v<view_of<tags>, std::vector<ctorm::Pivoted<Tag, PostTag>>>);
  STATIC_REQUIRE(std::is_same_v<view_of<labels>, std::vector<Label>>);
  STATIC_REQUIRE(std::is_same_v<view_of<received>, std::vector<Comment>>);
  STATIC_REQUIRE(std::is_same_v<view_of<likes>, std::vector<Like>>);
  STATIC_REQUIRE(std::is_same_v<view_of<lines>, std::vector<Line>>);
  STATIC_REQUIRE(std::is_same_v<view_of<order>, Order>);
  STATIC_REQUIRE(std::is_same_v<view_of<target>, std::variant<std::monostate, Post, Comment>>);
  // Nested<> loads deeper relations on each element.
  STATIC_REQUIRE(std::is_same_v<view_of<ctorm::Nested<comments, parent>>, std::vector<ctorm::Loaded<Comment, parent>>>);
  STATIC_REQUIRE(std::is_same_v<view_of<ctorm::Nested<tags>>, std::vector<ctorm::Pivoted<Tag, PostTag>>>);
  STATIC_REQUIRE(std::is_same_v<view_of<ctorm::Nested<posts, comments, parent>>,
                                std::vector<ctorm::Loaded<Post, ctorm::Nested<comments, parent>>>>);
}

TEST_CASE("Loaded holds one slot per with-item, in order", "[loading]") {
  using L = ctorm::Loaded<Post, author, ctorm::Nested<comments, parent>>;
  STATIC_REQUIRE(decltype(L::relations)::size == 2);
  STATIC_REQUIRE(std::is_same_v<relation_t<L, 0>, std::optional<User>>);
  STATIC_REQUIRE(std::is_same_v<relation_t<L, 1>, std::vector<ctorm::Loaded<Comment, parent>>>);
  STATIC_REQUIRE(std::is_same_v<decltype(L::row), Post>);
  // get<R>() finds a Nested<> by its first relation and hands out the view.
  STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const L&>().get<author>()), const User&>);
  STATIC_REQUIRE(std::is_same_v<decltype(std::declval<L&>().get<comments>()), std::vector<ctorm::Loaded<Comment, parent>>&>);
  using Inner = ctorm::Loaded<Comment, parent>;
  STATIC_REQUIRE(std::is_same_v<decltype(std::declval<const Inner&>().get<parent>()), const std::optional<Comment>&>);
}

TEST_CASE("select<T>().with<...>() keeps the rows' own query and types its rows", "[loading][sql]") {
  using Q = decltype(db().select<Post>().with<author, tags>());
  STATIC_REQUIRE(std::is_same_v<Q::result_type, ctorm::Loaded<Post, author, tags>>);
  STATIC_REQUIRE(Q::sql == decltype(db().select<Post>())::sql);
  using Q2 = decltype(db().select<Post>().where(ctorm::col<&Post::id> > 1).with<ctorm::Nested<comments, parent>>(ctorm::take(2)));
  STATIC_REQUIRE(std::is_same_v<Q2::result_type, ctorm::Loaded<Post, ctorm::Nested<comments, parent>>>);
  STATIC_REQUIRE(Q2::sql ==
                 R"sql(SELECT "posts"."id", "posts"."author_id", "posts"."reviewer_id", "posts"."title" FROM "posts" WHERE "posts"."id" > ?1)sql");
  using Lazy = decltype(db().load<author, likes>(std::declval<const Post&>()));
  STATIC_REQUIRE(std::is_same_v<Lazy, ctorm::Loaded<Post, author, likes>>);
  using LazyMany = decltype(db().load<target>(std::declval<const std::vector<Like>&>()));
  STATIC_REQUIRE(std::is_same_v<LazyMany, std::vector<ctorm::Loaded<Like, target>>>);
}

TEST_CASE("the statements of attach, detach and sync: a link is found by its two sides", "[writes][sql]") {
  using P = ctorm::detail::path<Shop, Post, tags>;
  using Tj = ctorm::detail::at<0, P>::to;
  using H1 = ctorm::detail::at<0, P>;
  using H2 = ctorm::detail::at<1, P>;
  using ctorm::static_text;
  STATIC_REQUIRE(static_text<ctorm::detail::detach_gen<Tj, H1, H2, true, ctorm::sqlite_dialect>> ==
                 R"sql(DELETE FROM "post_tags" WHERE "post_id" = ?1 AND "tag_id" = ?2)sql");
  STATIC_REQUIRE(static_text<ctorm::detail::detach_gen<Tj, H1, H2, false, ctorm::postgresql_dialect>> ==
                 R"sql(DELETE FROM "post_tags" WHERE "post_id" = $1)sql");
  STATIC_REQUIRE(static_text<ctorm::detail::linked_keys_gen<Tj, H1, H2, ctorm::sqlite_dialect>> ==
                 R"sql(SELECT "tag_id" FROM "post_tags" WHERE "post_id" = ?1)sql");
  // The pivot data of a link that stays: set where it differs, NULLs compared as values.
  STATIC_REQUIRE(static_text<ctorm::detail::update_pivot_gen<Tj, H1, H2, ctorm::sqlite_dialect>> ==
                 R"sql(UPDATE "post_tags" SET "position" = ?1 WHERE "post_id" = ?2 AND "tag_id" = ?3 AND ("position" IS DISTINCT FROM ?1))sql");
  STATIC_REQUIRE(static_text<ctorm::detail::update_pivot_gen<Tj, H1, H2, ctorm::postgresql_dialect>> ==
                 R"sql(UPDATE "post_tags" SET "position" = $1 WHERE "post_id" = $2 AND "tag_id" = $3 AND ("position" IS DISTINCT FROM $1))sql");
  STATIC_REQUIRE(static_text<ctorm::detail::set_foreign_key_gen<ctorm::detail::table_in<Shop, Post>, author, true,
                                                                 ctorm::postgresql_dialect>> ==
                 R"sql(UPDATE "posts" SET "author_id" = NULL WHERE "id" = $1)sql");
}

namespace tree_sql {
struct Node {
  std::int64_t id{};
  std::optional<std::int64_t> parent_id{};
  std::string name{};
};
using children = ctorm::HasMany<Node, &Node::parent_id>;
using Tree = ctorm::Schema<ctorm::Table<Node, children, ctorm::BelongsTo<Node, &Node::parent_id>>>;
template <class C, class D, std::size_t Depth>
inline constexpr std::string_view tree_text =
    ctorm::static_text<ctorm::detail::recursive_gen<Tree, Node, children, C, D, Depth>>;
}  // namespace tree_sql

TEST_CASE("Recursive<R> is one WITH RECURSIVE statement, its condition written at both levels", "[loading][sql]") {
  using namespace tree_sql;
  using none = ctorm::detail::load_constraint<>;
  STATIC_REQUIRE(tree_text<none, ctorm::sqlite_dialect, 64> ==
                 R"sql(WITH RECURSIVE "ctorm_tree" AS (SELECT "nodes"."parent_id" AS "ctorm_root", 1 AS "ctorm_depth", "nodes"."id", "nodes"."parent_id", "nodes"."name" FROM "nodes" WHERE "nodes"."parent_id" IN (SELECT value FROM json_each(?1)) UNION SELECT "ctorm_tree"."ctorm_root", "ctorm_tree"."ctorm_depth" + 1, "nodes"."id", "nodes"."parent_id", "nodes"."name" FROM "nodes" JOIN "ctorm_tree" ON "nodes"."parent_id" = "ctorm_tree"."id" WHERE "ctorm_tree"."ctorm_depth" < 64) SELECT * FROM "ctorm_tree" ORDER BY "ctorm_depth", "id")sql");
  using named = constraint_of<decltype(ctorm::col<&Node::name> != "")>;
  STATIC_REQUIRE(tree_text<named, ctorm::postgresql_dialect, 3> ==
                 R"sql(WITH RECURSIVE "ctorm_tree" AS (SELECT "nodes"."parent_id" AS "ctorm_root", 1 AS "ctorm_depth", "nodes"."id", "nodes"."parent_id", "nodes"."name" FROM "nodes" WHERE "nodes"."parent_id" = ANY ($1::BIGINT[]) AND "nodes"."name" <> $2::TEXT UNION SELECT "ctorm_tree"."ctorm_root", "ctorm_tree"."ctorm_depth" + 1, "nodes"."id", "nodes"."parent_id", "nodes"."name" FROM "nodes" JOIN "ctorm_tree" ON "nodes"."parent_id" = "ctorm_tree"."id" WHERE "ctorm_tree"."ctorm_depth" < 3 AND "nodes"."name" <> $2::TEXT) SELECT * FROM "ctorm_tree" ORDER BY "ctorm_depth", "id")sql");
}
