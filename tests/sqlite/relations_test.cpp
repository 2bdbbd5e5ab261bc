// Relations against a real SQLite database: the foreign keys, actions and indexes that
// create_all makes, checked through SQLite's own pragmas, and how the engine then behaves.

#include <catch2/catch.hpp>

#include <ctorm/ctorm.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sqlite_helpers.hpp"

namespace rel {

// ---- The DESIGN blog schema. ----

struct User {
  std::int64_t id{};
  std::string email{};
  std::optional<std::string> name{};
};
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::optional<std::int64_t> reviewer_id{};
  std::string title{};
  std::string body{};
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
};
struct Like {
  std::int64_t id{};
  std::int64_t user_id{};
  std::string target_type{};
  std::int64_t target_id{};
};

using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using reviewer = ctorm::BelongsTo<User, &Post::reviewer_id, ctorm::OnDelete::SetNull>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using tags = ctorm::ManyToMany<Tag, PostTag>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using parent = ctorm::BelongsTo<Comment, &Comment::parent_id>;
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post, Comment>;
using received = ctorm::HasManyThrough<posts, comments>;

using Blog = ctorm::Schema<
    ctorm::Table<User, posts, received, ctorm::Unique<&User::email>>,
    ctorm::Table<Post, author, reviewer, tags, comments, likes>,
    ctorm::Table<Tag, ctorm::Unique<&Tag::name>>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                 ctorm::BelongsTo<Post, &PostTag::post_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Tag, &PostTag::tag_id, ctorm::OnDelete::Cascade>>,
    ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>, parent>,
    ctorm::Table<Like, ctorm::BelongsTo<User, &Like::user_id>, target>>;
using BlogDb = ctorm::Database<Blog>;

// ---- Foreign keys already covered by a user index or unique constraint. ----

struct Note {
  std::int64_t id{};
  std::int64_t user_id{};
  std::int64_t created{};
  std::string text{};
};
struct Badge {
  std::int64_t id{};
  std::int64_t user_id{};
  std::string kind{};
};
struct Vote {
  std::int64_t id{};
  std::int64_t weight{};
  std::int64_t user_id{};
};
using Covered = ctorm::Schema<
    ctorm::Table<User, ctorm::Unique<&User::email>>,
    // Index leads with the foreign key: it serves it.
    ctorm::Table<Note, ctorm::BelongsTo<User, &Note::user_id>, ctorm::Index<&Note::user_id, &Note::created>>,
    // Unique leads with the foreign key: its autoindex serves it.
    ctorm::Table<Badge, ctorm::Unique<&Badge::user_id, &Badge::kind>, ctorm::BelongsTo<User, &Badge::user_id>>,
    // The foreign key is the second column of the index: it needs its own.
    ctorm::Table<Vote, ctorm::Index<&Vote::weight, &Vote::user_id>, ctorm::BelongsTo<User, &Vote::user_id>>>;

// ---- RESTRICT and ON UPDATE CASCADE. ----

struct Category {
  std::int64_t id{};
  std::string slug{};
  std::string title{};
};
struct Item {
  std::int64_t id{};
  std::string category_slug{};
  std::string name{};
};
struct Box {
  std::int64_t id{};
  std::string label{};
};
struct Thing {
  std::int64_t id{};
  std::int64_t box_id{};
  std::string name{};
};
using Shop = ctorm::Schema<
    ctorm::Table<Category, ctorm::Unique<&Category::slug>>,
    ctorm::Table<Item, ctorm::BelongsTo<Category, &Item::category_slug, ctorm::References<&Category::slug>,
                                        ctorm::OnDelete::Restrict, ctorm::OnUpdate::Cascade>>,
    ctorm::Table<Box>,
    ctorm::Table<Thing, ctorm::BelongsTo<Box, &Thing::box_id, ctorm::OnUpdate::Cascade>>>;

// ---- A composite foreign key. ----

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
using Orders = ctorm::Schema<
    ctorm::Table<Order, ctorm::PrimaryKey<&Order::year, &Order::no>>,
    ctorm::Table<Line, ctorm::BelongsTo<Order, ctorm::Keys<&Line::order_year, &Line::order_no>,
                                        ctorm::OnDelete::Cascade>>>;

// ---- A join table ctorm owns. ----

struct Article {
  std::int64_t id{};
  std::string title{};
};
struct Label {
  std::int64_t id{};
  std::string name{};
};
// Declared on the side whose table name sorts last: the join table still is articles_labels.
using Library = ctorm::Schema<ctorm::Table<Article>, ctorm::Table<Label, ctorm::ManyToMany<Article>>>;
// Declared on both sides: still one join table.
using LibraryBoth = ctorm::Schema<ctorm::Table<Article, ctorm::ManyToMany<Label>>,
                                  ctorm::Table<Label, ctorm::ManyToMany<Article>>>;

// ---- Tables declared child first. ----

using Backwards = ctorm::Schema<ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>, parent>,
                                ctorm::Table<Post, author>, ctorm::Table<User>>;

// ---- One-to-one. ----

struct Profile {
  std::int64_t id{};
  std::int64_t user_id{};
  std::string bio{};
};
using Social = ctorm::Schema<
    ctorm::Table<User, ctorm::HasOne<Profile, &Profile::user_id>, ctorm::Unique<&User::email>>,
    ctorm::Table<Profile, ctorm::BelongsTo<User, &Profile::user_id, ctorm::Unique<>>>>;

using Rows = std::vector<std::vector<std::string>>;

/// The foreign keys of `table` as (table, from, to, on_update, on_delete), ordered by column.
inline Rows foreign_keys(sqlite3* db, const std::string& table) {
  return test::rows(db, "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('" +
                            table + "') ORDER BY \"from\"");
}

/// The indexes of `table` as (name, unique, origin), ordered by name.
inline Rows indexes(sqlite3* db, const std::string& table) {
  return test::rows(db, "SELECT name, \"unique\", origin FROM pragma_index_list('" + table + "') ORDER BY name");
}

/// The columns of index `index` as (seqno, name), in index order.
inline Rows index_columns(sqlite3* db, const std::string& index) {
  return test::rows(db, "SELECT seqno, name FROM pragma_index_info('" + index + "') ORDER BY seqno");
}

/// The extended result code of the constraint_error `f` throws; 0 when it throws none.
template <class F>
int constraint_code(F&& f) {
  try {
    f();
  } catch (const ctorm::constraint_error& e) {
    return e.extended_code();
  }
  return 0;
}

/// The engine message of the constraint_error `f` throws; empty when it throws none.
template <class F>
std::string constraint_message(F&& f) {
  try {
    f();
  } catch (const ctorm::constraint_error& e) {
    return e.engine_message();
  }
  return {};
}

inline std::int64_t count_where(sqlite3* db, const std::string& table, const std::string& where) {
  return std::stoll(test::scalar(db, "SELECT count(*) FROM " + table + " WHERE " + where));
}

/// Some consistent blog data: returns nothing, ids are the ones SQLite assigns in order.
///   users: 1 ann, 2 bob, 3 cid
///   posts: 1 (ann, reviewed by bob), 2 (ann), 3 (bob, reviewed by ann), 4 (cid)
///   tags: 1 cpp, 2 sql; post_tags: (1,1), (1,2), (2,1), (3,2)
///   comments: 1 on post 3, 2 on post 3 replying to 1, 3 on post 4
///   likes: bob likes post 1, cid likes comment 1
inline void fill_blog(BlogDb& db) {
  REQUIRE(db.insert(User{.id = 0, .email = "ann@example.org", .name = "Ann"}) == 1);
  REQUIRE(db.insert(User{.id = 0, .email = "bob@example.org", .name = std::nullopt}) == 2);
  REQUIRE(db.insert(User{.id = 0, .email = "cid@example.org", .name = "Cid"}) == 3);
  REQUIRE(db.insert(Post{.id = 0, .author_id = 1, .reviewer_id = 2, .title = "p1", .body = "b1"}) == 1);
  REQUIRE(db.insert(Post{.id = 0, .author_id = 1, .reviewer_id = std::nullopt, .title = "p2", .body = "b2"}) == 2);
  REQUIRE(db.insert(Post{.id = 0, .author_id = 2, .reviewer_id = 1, .title = "p3", .body = "b3"}) == 3);
  REQUIRE(db.insert(Post{.id = 0, .author_id = 3, .reviewer_id = std::nullopt, .title = "p4", .body = "b4"}) == 4);
  REQUIRE(db.insert(Tag{.id = 0, .name = "cpp"}) == 1);
  REQUIRE(db.insert(Tag{.id = 0, .name = "sql"}) == 2);
  db.insert(PostTag{.post_id = 1, .tag_id = 1, .position = 0});
  db.insert(PostTag{.post_id = 1, .tag_id = 2, .position = 1});
  db.insert(PostTag{.post_id = 2, .tag_id = 1, .position = 0});
  db.insert(PostTag{.post_id = 3, .tag_id = 2, .position = 0});
  REQUIRE(db.insert(Comment{.id = 0, .post_id = 3, .parent_id = std::nullopt, .text = "first"}) == 1);
  REQUIRE(db.insert(Comment{.id = 0, .post_id = 3, .parent_id = 1, .text = "reply"}) == 2);
  REQUIRE(db.insert(Comment{.id = 0, .post_id = 4, .parent_id = std::nullopt, .text = "on p4"}) == 3);
  REQUIRE(db.insert(Like{.id = 0, .user_id = 2, .target_type = "posts", .target_id = 1}) == 1);
  REQUIRE(db.insert(Like{.id = 0, .user_id = 3, .target_type = "comments", .target_id = 1}) == 2);
}

}  // namespace rel

using namespace rel;

TEST_CASE("the blog schema's foreign keys are exactly the declared ones", "[relations][ddl]") {
  STATIC_REQUIRE(ctorm::valid<Blog>);
  BlogDb db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();

  CHECK(foreign_keys(raw, "posts") == Rows{{"users", "author_id", "id", "NO ACTION", "CASCADE"},
                                           {"users", "reviewer_id", "id", "NO ACTION", "SET NULL"}});
  CHECK(foreign_keys(raw, "post_tags") == Rows{{"posts", "post_id", "id", "NO ACTION", "CASCADE"},
                                               {"tags", "tag_id", "id", "NO ACTION", "CASCADE"}});
  CHECK(foreign_keys(raw, "comments") == Rows{{"comments", "parent_id", "id", "NO ACTION", "NO ACTION"},
                                              {"posts", "post_id", "id", "NO ACTION", "NO ACTION"}});
  // MorphTo makes no foreign key: only the user reference.
  CHECK(foreign_keys(raw, "likes") == Rows{{"users", "user_id", "id", "NO ACTION", "NO ACTION"}});
  // HasMany, HasManyThrough, ManyToMany and MorphMany put nothing on their own table.
  CHECK(foreign_keys(raw, "users").empty());
  CHECK(foreign_keys(raw, "tags").empty());

  // Each foreign key is a single-column one (seq 0), and nothing else is in the list.
  CHECK(test::scalar(raw, "SELECT count(*) FROM pragma_foreign_key_list('posts') WHERE seq = 0") == "2");
  CHECK(test::scalar(raw, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") == "6");
  // Nullability follows the members: reviewer_id and parent_id may be NULL, the others not.
  CHECK(test::rows(raw, "SELECT name, \"notnull\" FROM pragma_table_info('posts') ORDER BY cid") ==
        Rows{{"id", "0"}, {"author_id", "1"}, {"reviewer_id", "0"}, {"title", "1"}, {"body", "1"}});
  CHECK(test::rows(raw, "SELECT name, \"notnull\" FROM pragma_table_info('comments') ORDER BY cid") ==
        Rows{{"id", "0"}, {"post_id", "1"}, {"parent_id", "0"}, {"text", "1"}});
}

TEST_CASE("foreign keys and morph columns get an index unless one already leads with them",
          "[relations][ddl]") {
  BlogDb db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();

  CHECK(indexes(raw, "posts") == Rows{{"posts_author_id_index", "0", "c"}, {"posts_reviewer_id_index", "0", "c"}});
  CHECK(index_columns(raw, "posts_author_id_index") == Rows{{"0", "author_id"}});
  CHECK(index_columns(raw, "posts_reviewer_id_index") == Rows{{"0", "reviewer_id"}});

  // post_id leads the primary key, whose autoindex serves it: only tag_id gets an index.
  CHECK(indexes(raw, "post_tags") ==
        Rows{{"post_tags_tag_id_index", "0", "c"}, {"sqlite_autoindex_post_tags_1", "1", "pk"}});
  CHECK(index_columns(raw, "sqlite_autoindex_post_tags_1") == Rows{{"0", "post_id"}, {"1", "tag_id"}});
  CHECK(index_columns(raw, "post_tags_tag_id_index") == Rows{{"0", "tag_id"}});

  CHECK(indexes(raw, "comments") ==
        Rows{{"comments_parent_id_index", "0", "c"}, {"comments_post_id_index", "0", "c"}});
  CHECK(index_columns(raw, "comments_post_id_index") == Rows{{"0", "post_id"}});
  CHECK(index_columns(raw, "comments_parent_id_index") == Rows{{"0", "parent_id"}});

  CHECK(indexes(raw, "likes") ==
        Rows{{"likes_target_type_target_id_index", "0", "c"}, {"likes_user_id_index", "0", "c"}});
  CHECK(index_columns(raw, "likes_target_type_target_id_index") == Rows{{"0", "target_type"}, {"1", "target_id"}});
  CHECK(index_columns(raw, "likes_user_id_index") == Rows{{"0", "user_id"}});

  // Tables without foreign keys have only their unique constraints' indexes.
  CHECK(indexes(raw, "users") == Rows{{"sqlite_autoindex_users_1", "1", "u"}});
  CHECK(indexes(raw, "tags") == Rows{{"sqlite_autoindex_tags_1", "1", "u"}});

  // The statements themselves, as ctorm builds them.
  CHECK(ctorm::sql::create_indexes<Blog, PostTag> ==
        "CREATE INDEX IF NOT EXISTS \"post_tags_tag_id_index\" ON \"post_tags\" (\"tag_id\");\n");
  CHECK(ctorm::sql::create_indexes<Blog, Like> ==
        "CREATE INDEX IF NOT EXISTS \"likes_user_id_index\" ON \"likes\" (\"user_id\");\n"
        "CREATE INDEX IF NOT EXISTS \"likes_target_type_target_id_index\" ON \"likes\" (\"target_type\", "
        "\"target_id\");\n");
  CHECK(ctorm::sql::create_indexes<Blog, User>.empty());
}

TEST_CASE("a foreign key covered by a user Index or Unique gets no second index", "[relations][ddl]") {
  STATIC_REQUIRE(ctorm::valid<Covered>);
  ctorm::Database<Covered> db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();

  CHECK(indexes(raw, "notes") == Rows{{"notes_user_id_created_index", "0", "c"}});
  CHECK(index_columns(raw, "notes_user_id_created_index") == Rows{{"0", "user_id"}, {"1", "created"}});
  CHECK(indexes(raw, "badges") == Rows{{"sqlite_autoindex_badges_1", "1", "u"}});
  CHECK(index_columns(raw, "sqlite_autoindex_badges_1") == Rows{{"0", "user_id"}, {"1", "kind"}});
  // An index where the foreign key is not the first column does not serve it.
  CHECK(indexes(raw, "votes") == Rows{{"votes_user_id_index", "0", "c"}, {"votes_weight_user_id_index", "0", "c"}});
  CHECK(index_columns(raw, "votes_user_id_index") == Rows{{"0", "user_id"}});

  // The foreign keys themselves are all there.
  CHECK(foreign_keys(raw, "notes") == Rows{{"users", "user_id", "id", "NO ACTION", "NO ACTION"}});
  CHECK(foreign_keys(raw, "badges") == Rows{{"users", "user_id", "id", "NO ACTION", "NO ACTION"}});
  CHECK(foreign_keys(raw, "votes") == Rows{{"users", "user_id", "id", "NO ACTION", "NO ACTION"}});
}

TEST_CASE("consistent data passes foreign_key_check; an orphan row is refused", "[relations]") {
  BlogDb db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();
  fill_blog(db);

  CHECK(test::scalar(raw, "PRAGMA foreign_keys") == "1");
  CHECK(test::rows(raw, "PRAGMA foreign_key_check").empty());
  CHECK(db.count<Post>() == 4);

  // An author that does not exist.
  CHECK(constraint_code([&] {
          db.insert(Post{.id = 0, .author_id = 99, .reviewer_id = std::nullopt, .title = "x", .body = "y"});
        }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  STATIC_REQUIRE(SQLITE_CONSTRAINT_FOREIGNKEY == 787);
  // A reviewer that does not exist.
  CHECK(constraint_code([&] {
          db.insert(Post{.id = 0, .author_id = 1, .reviewer_id = 99, .title = "x", .body = "y"});
        }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  // A tag link to a missing tag, a reply to a missing comment, a like by a missing user.
  CHECK(constraint_code([&] { db.insert(PostTag{.post_id = 2, .tag_id = 99, .position = 0}); }) ==
        SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(constraint_code([&] {
          db.insert(Comment{.id = 0, .post_id = 1, .parent_id = 99, .text = "lost"});
        }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(constraint_code([&] {
          db.insert(Like{.id = 0, .user_id = 99, .target_type = "posts", .target_id = 1});
        }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  // Moving an existing post to a missing author.
  CHECK(constraint_code([&] {
          db.update(Post{.id = 2, .author_id = 99, .reviewer_id = std::nullopt, .title = "p2", .body = "b2"});
        }) == SQLITE_CONSTRAINT_FOREIGNKEY);

  // Nothing changed.
  CHECK(db.count<Post>() == 4);
  CHECK(db.count<PostTag>() == 4);
  CHECK(db.count<Comment>() == 3);
  CHECK(db.count<Like>() == 2);
  CHECK(test::scalar(raw, "SELECT author_id FROM posts WHERE id = 2") == "1");
  CHECK(test::rows(raw, "PRAGMA foreign_key_check").empty());

  // A MorphTo is not a foreign key: a like may name any id.
  CHECK(db.insert(Like{.id = 0, .user_id = 1, .target_type = "posts", .target_id = 99}) == 3);
  CHECK(test::rows(raw, "PRAGMA foreign_key_check").empty());
}

TEST_CASE("deleting a user cascades to posts and post_tags and nulls reviewer_id", "[relations]") {
  BlogDb db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();
  fill_blog(db);

  CHECK(db.remove<User>(1));
  CHECK_FALSE(db.get<User>(1).has_value());
  // Ann's posts 1 and 2 are gone, and with them their tag links.
  CHECK(test::rows(raw, "SELECT id, author_id, reviewer_id FROM posts ORDER BY id") ==
        Rows{{"3", "2", "NULL"}, {"4", "3", "NULL"}});
  CHECK(test::rows(raw, "SELECT post_id, tag_id FROM post_tags ORDER BY post_id, tag_id") == Rows{{"3", "2"}});
  // Post 3 was reviewed by Ann: SET NULL.
  const auto p3 = db.get<Post>(3);
  REQUIRE(p3.has_value());
  CHECK_FALSE(p3->reviewer_id.has_value());
  CHECK(p3->author_id == 2);
  // Untouched: the other users, tags, comments and likes.
  CHECK(db.count<User>() == 2);
  CHECK(db.count<Tag>() == 2);
  CHECK(db.count<Comment>() == 3);
  CHECK(db.count<Like>() == 2);
  CHECK(test::rows(raw, "PRAGMA foreign_key_check").empty());

  // Deleting a tag cascades to its links only.
  CHECK(db.remove<Tag>(2));
  CHECK(db.count<PostTag>() == 0);
  CHECK(db.count<Post>() == 2);
}

TEST_CASE("a cascade stops at a NO ACTION reference further down, and nothing is deleted",
          "[relations]") {
  BlogDb db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();
  fill_blog(db);

  // Cid's post 4 has a comment, which references it with NO ACTION.
  CHECK(constraint_code([&] { db.remove<User>(3); }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(db.get<User>(3).has_value());
  CHECK(db.get<Post>(4).has_value());
  CHECK(db.count<Comment>() == 3);
  // Bob is referenced by a like (NO ACTION): refused too, his post 3 and his review stay.
  CHECK(constraint_code([&] { db.remove<User>(2); }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(test::scalar(raw, "SELECT reviewer_id FROM posts WHERE id = 1") == "2");
  CHECK(db.count<Post>() == 4);
  CHECK(db.count<PostTag>() == 4);

  // Once the comment and Cid's like are gone, the cascade goes through.
  CHECK(db.remove<Comment>(3));
  CHECK(constraint_code([&] { db.remove<User>(3); }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(db.remove<Like>(2));
  CHECK(db.remove<User>(3));
  CHECK_FALSE(db.get<Post>(4).has_value());
  CHECK(test::rows(raw, "PRAGMA foreign_key_check").empty());
}

TEST_CASE("a self-referencing comment keeps its parent", "[relations]") {
  BlogDb db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();
  fill_blog(db);

  // Comment 2 replies to comment 1: NO ACTION refuses deleting the parent.
  CHECK(constraint_code([&] { db.remove<Comment>(1); }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(test::rows(raw, "SELECT id, parent_id FROM comments ORDER BY id") ==
        Rows{{"1", "NULL"}, {"2", "1"}, {"3", "NULL"}});
  // Nor may a post with comments be deleted.
  CHECK(constraint_code([&] { db.remove<Post>(3); }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(db.get<Post>(3).has_value());

  // Reply first, then the parent.
  CHECK(db.remove<Comment>(2));
  CHECK(db.remove<Comment>(1));
  CHECK(db.count<Comment>() == 1);
  // A reply's parent may be NULL but not a missing comment, also when updated.
  CHECK(constraint_code([&] {
          db.update(Comment{.id = 3, .post_id = 4, .parent_id = 1, .text = "on p4"});
        }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(test::scalar(raw, "SELECT parent_id FROM comments WHERE id = 3") == "NULL");
}

TEST_CASE("OnDelete::Restrict refuses the delete; OnUpdate::Cascade follows a changed key",
          "[relations]") {
  STATIC_REQUIRE(ctorm::valid<Shop>);
  ctorm::Database<Shop> db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();

  CHECK(foreign_keys(raw, "items") == Rows{{"categories", "category_slug", "slug", "CASCADE", "RESTRICT"}});
  CHECK(foreign_keys(raw, "things") == Rows{{"boxes", "box_id", "id", "CASCADE", "NO ACTION"}});
  CHECK(indexes(raw, "items") == Rows{{"items_category_slug_index", "0", "c"}});

  const auto tools = db.insert(Category{.id = 0, .slug = "tools", .title = "Tools"});
  const auto toys = db.insert(Category{.id = 0, .slug = "toys", .title = "Toys"});
  db.insert(Item{.id = 0, .category_slug = "tools", .name = "hammer"});
  db.insert(Item{.id = 0, .category_slug = "tools", .name = "saw"});
  db.insert(Item{.id = 0, .category_slug = "toys", .name = "ball"});
  CHECK(constraint_code([&] { db.insert(Item{.id = 0, .category_slug = "food", .name = "bread"}); }) ==
        SQLITE_CONSTRAINT_FOREIGNKEY);

  SECTION("restrict") {
    // SQLite runs RESTRICT as a trigger program: the same message, but the extended code is
    // SQLITE_CONSTRAINT_TRIGGER (1811), not SQLITE_CONSTRAINT_FOREIGNKEY.
    CHECK(constraint_code([&] { db.remove<Category>(tools); }) == SQLITE_CONSTRAINT_TRIGGER);
    CHECK(constraint_message([&] { db.remove<Category>(tools); }) == "FOREIGN KEY constraint failed");
    CHECK(db.count<Category>() == 2);
    CHECK(db.count<Item>() == 3);
    CHECK(db.get<Category>(tools).has_value());
    // Without referencing rows the delete goes through.
    test::exec(raw, "DELETE FROM items WHERE category_slug = 'toys'");
    CHECK(db.remove<Category>(toys));
    CHECK(db.count<Category>() == 1);
  }

  SECTION("on update cascade through a referenced unique member") {
    CHECK(db.update(Category{.id = tools, .slug = "hardware", .title = "Hardware"}));
    CHECK(test::rows(raw, "SELECT name, category_slug FROM items ORDER BY id") ==
          Rows{{"hammer", "hardware"}, {"saw", "hardware"}, {"ball", "toys"}});
    CHECK(count_where(raw, "items", "category_slug = 'tools'") == 0);
    CHECK(test::rows(raw, "PRAGMA foreign_key_check").empty());
  }

  SECTION("on update cascade through an integer primary key") {
    const auto box = db.insert(Box{.id = 0, .label = "attic"});
    db.insert(Thing{.id = 0, .box_id = box, .name = "lamp"});
    db.insert(Thing{.id = 0, .box_id = box, .name = "rug"});
    test::exec(raw, "UPDATE boxes SET id = 42 WHERE id = " + std::to_string(box));
    CHECK(test::rows(raw, "SELECT name, box_id FROM things ORDER BY id") == Rows{{"lamp", "42"}, {"rug", "42"}});
    CHECK(test::rows(raw, "PRAGMA foreign_key_check").empty());
    // Deleting is NO ACTION: refused while things reference the box.
    CHECK(constraint_code([&] { db.remove<Box>(42); }) == SQLITE_CONSTRAINT_FOREIGNKEY);
    CHECK(db.count<Box>() == 1);
  }
}

TEST_CASE("a composite foreign key references a composite primary key", "[relations][ddl]") {
  STATIC_REQUIRE(ctorm::valid<Orders>);
  ctorm::Database<Orders> db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();

  CHECK(test::rows(raw, "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete "
                        "FROM pragma_foreign_key_list('lines') ORDER BY id, seq") ==
        Rows{{"0", "0", "orders", "order_year", "year", "NO ACTION", "CASCADE"},
             {"0", "1", "orders", "order_no", "no", "NO ACTION", "CASCADE"}});
  CHECK(indexes(raw, "lines") == Rows{{"lines_order_year_order_no_index", "0", "c"}});
  CHECK(index_columns(raw, "lines_order_year_order_no_index") == Rows{{"0", "order_year"}, {"1", "order_no"}});
  CHECK(ctorm::sql::create_table<Orders, Line>.find(
            R"(FOREIGN KEY ("order_year", "order_no") REFERENCES "orders" ("year", "no") ON DELETE CASCADE)") !=
        std::string_view::npos);

  db.insert(Order{.year = 2024, .no = 1, .customer = "ann"});
  db.insert(Order{.year = 2023, .no = 2, .customer = "bob"});
  db.insert(Line{.id = 0, .order_year = 2024, .order_no = 1, .product = "pen"});
  db.insert(Line{.id = 0, .order_year = 2024, .order_no = 1, .product = "ink"});
  db.insert(Line{.id = 0, .order_year = 2023, .order_no = 2, .product = "pad"});
  // 2024 and 2 both exist, but not as one order.
  CHECK(constraint_code([&] {
          db.insert(Line{.id = 0, .order_year = 2024, .order_no = 2, .product = "orphan"});
        }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(db.count<Line>() == 3);
  CHECK(test::rows(raw, "PRAGMA foreign_key_check").empty());

  // The cascade matches both columns.
  CHECK(db.remove<Order>(2024, 1));
  CHECK(test::rows(raw, "SELECT order_year, order_no, product FROM lines") == Rows{{"2023", "2", "pad"}});
}

TEST_CASE("ManyToMany without a junction struct gets a join table ctorm owns", "[relations][ddl]") {
  STATIC_REQUIRE(ctorm::valid<Library>);
  STATIC_REQUIRE(Library::table_count == 3);
  using J = ctorm::junction_of<Library, Article, Label>;
  using Link = J::type;
  STATIC_REQUIRE(std::is_same_v<J, ctorm::junction_of<Library, Label, Article>>);
  STATIC_REQUIRE(std::is_same_v<Link, ctorm::Pivot<ctorm::table_of<Library, Article>, ctorm::table_of<Library, Label>>>);
  STATIC_REQUIRE(J::name == std::string_view{"articles_labels"});
  STATIC_REQUIRE(std::is_same_v<decltype(Link::first), std::int64_t>);
  STATIC_REQUIRE(std::is_same_v<decltype(Link::second), std::int64_t>);

  ctorm::Database<Library> db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();

  CHECK(test::rows(raw, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") ==
        Rows{{"articles"}, {"articles_labels"}, {"labels"}});
  CHECK(test::rows(raw, "SELECT name, type, \"notnull\", pk FROM pragma_table_info('articles_labels') ORDER BY cid") ==
        Rows{{"article_id", "INTEGER", "1", "1"}, {"label_id", "INTEGER", "1", "2"}});
  CHECK(foreign_keys(raw, "articles_labels") == Rows{{"articles", "article_id", "id", "NO ACTION", "CASCADE"},
                                                     {"labels", "label_id", "id", "NO ACTION", "CASCADE"}});
  // article_id leads the primary key; label_id needs its own index.
  CHECK(indexes(raw, "articles_labels") ==
        Rows{{"articles_labels_label_id_index", "0", "c"}, {"sqlite_autoindex_articles_labels_1", "1", "pk"}});
  CHECK(index_columns(raw, "sqlite_autoindex_articles_labels_1") == Rows{{"0", "article_id"}, {"1", "label_id"}});

  const auto a1 = db.insert(Article{.id = 0, .title = "one"});
  const auto a2 = db.insert(Article{.id = 0, .title = "two"});
  const auto news = db.insert(Label{.id = 0, .name = "news"});
  const auto tech = db.insert(Label{.id = 0, .name = "tech"});
  db.insert(Link{.first = a1, .second = news});
  db.insert(Link{.first = a1, .second = tech});
  db.insert(Link{.first = a2, .second = tech});
  CHECK(db.count<Link>() == 3);
  CHECK(test::rows(raw, "SELECT article_id, label_id FROM articles_labels ORDER BY 1, 2") ==
        Rows{{"1", "1"}, {"1", "2"}, {"2", "2"}});

  // The pair is the primary key; both sides must exist.
  CHECK(constraint_code([&] { db.insert(Link{.first = a1, .second = news}); }) == SQLITE_CONSTRAINT_PRIMARYKEY);
  CHECK(constraint_code([&] { db.insert(Link{.first = a2, .second = 99}); }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(constraint_code([&] { db.insert(Link{.first = 99, .second = news}); }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(db.count<Link>() == 3);

  // Deleting either side deletes its links.
  CHECK(db.remove<Article>(a1));
  CHECK(db.all<Link>().size() == 1);
  CHECK(test::rows(raw, "SELECT article_id, label_id FROM articles_labels") == Rows{{"2", "2"}});
  CHECK(db.remove<Label>(tech));
  CHECK(db.count<Link>() == 0);
  CHECK(db.count<Label>() == 1);
  CHECK(test::rows(raw, "PRAGMA foreign_key_check").empty());
}

TEST_CASE("ManyToMany declared on both sides makes one join table", "[relations][ddl]") {
  STATIC_REQUIRE(ctorm::valid<LibraryBoth>);
  STATIC_REQUIRE(LibraryBoth::table_count == 3);
  constexpr std::string_view ddl = ctorm::sql::create_schema<LibraryBoth>;
  const auto first = ddl.find("CREATE TABLE IF NOT EXISTS \"articles_labels\"");
  REQUIRE(first != std::string_view::npos);
  CHECK(ddl.find("CREATE TABLE IF NOT EXISTS \"articles_labels\"", first + 1) == std::string_view::npos);

  ctorm::Database<LibraryBoth> db{":memory:"};
  db.create_all();
  CHECK(test::scalar(db.native_handle(), "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") == "3");
}

TEST_CASE("create_all creates referenced tables first, whatever the declaration order",
          "[relations][ddl]") {
  STATIC_REQUIRE(ctorm::valid<Backwards>);
  constexpr std::string_view ddl = ctorm::sql::create_schema<Backwards>;
  const auto users = ddl.find("CREATE TABLE IF NOT EXISTS \"users\"");
  const auto posts_at = ddl.find("CREATE TABLE IF NOT EXISTS \"posts\"");
  const auto comments_at = ddl.find("CREATE TABLE IF NOT EXISTS \"comments\"");
  REQUIRE(users != std::string_view::npos);
  REQUIRE(posts_at != std::string_view::npos);
  REQUIRE(comments_at != std::string_view::npos);
  CHECK(users < posts_at);
  CHECK(posts_at < comments_at);
  // Each table's indexes follow its CREATE TABLE.
  const auto posts_index = ddl.find("CREATE INDEX IF NOT EXISTS \"posts_author_id_index\"");
  REQUIRE(posts_index != std::string_view::npos);
  CHECK(posts_at < posts_index);
  CHECK(posts_index < comments_at);

  // The blog's own order is kept where it already works (users first, likes last).
  constexpr std::string_view blog = ctorm::sql::create_schema<Blog>;
  CHECK(blog.find("\"users\" (") < blog.find("\"posts\" ("));
  CHECK(blog.find("\"posts\" (") < blog.find("\"post_tags\" ("));
  CHECK(blog.find("\"tags\" (") < blog.find("\"post_tags\" ("));
  CHECK(blog.find("\"posts\" (") < blog.find("\"comments\" ("));

  const test::temp_file file{"relations_backwards.db"};
  {
    ctorm::Database<Backwards> db{file.path};
    db.create_all();
    db.create_all();
    sqlite3* raw = db.native_handle();
    CHECK(test::rows(raw, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid") ==
          Rows{{"users"}, {"posts"}, {"comments"}});
    CHECK(foreign_keys(raw, "comments") == Rows{{"comments", "parent_id", "id", "NO ACTION", "NO ACTION"},
                                                {"posts", "post_id", "id", "NO ACTION", "NO ACTION"}});
    db.insert(User{.id = 0, .email = "ann@example.org", .name = std::nullopt});
    db.insert(Post{.id = 0, .author_id = 1, .reviewer_id = std::nullopt, .title = "t", .body = "b"});
    db.insert(Comment{.id = 0, .post_id = 1, .parent_id = std::nullopt, .text = "c"});
  }
  // Reopened: create_all again leaves the data alone.
  ctorm::Database<Backwards> db{file.path};
  db.create_all();
  CHECK(db.count<User>() == 1);
  CHECK(db.count<Post>() == 1);
  CHECK(db.count<Comment>() == 1);
  CHECK(test::rows(db.native_handle(), "PRAGMA foreign_key_check").empty());
}

TEST_CASE("a one-to-one BelongsTo with Unique<> is a unique foreign key", "[relations][ddl]") {
  STATIC_REQUIRE(ctorm::valid<Social>);
  CHECK(ctorm::sql::create_table<Social, Profile> ==
        R"(CREATE TABLE IF NOT EXISTS "profiles" ("id" INTEGER PRIMARY KEY, "user_id" INTEGER NOT NULL, )"
        R"("bio" TEXT NOT NULL, UNIQUE ("user_id"), FOREIGN KEY ("user_id") REFERENCES "users" ("id")) STRICT)");
  CHECK(ctorm::sql::create_indexes<Social, Profile>.empty());

  ctorm::Database<Social> db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();
  // The unique constraint's autoindex serves the foreign key: no profiles_user_id_index.
  CHECK(indexes(raw, "profiles") == Rows{{"sqlite_autoindex_profiles_1", "1", "u"}});
  CHECK(index_columns(raw, "sqlite_autoindex_profiles_1") == Rows{{"0", "user_id"}});
  CHECK(foreign_keys(raw, "profiles") == Rows{{"users", "user_id", "id", "NO ACTION", "NO ACTION"}});

  const auto ann = db.insert(User{.id = 0, .email = "ann@example.org", .name = "Ann"});
  const auto bob = db.insert(User{.id = 0, .email = "bob@example.org", .name = "Bob"});
  db.insert(Profile{.id = 0, .user_id = ann, .bio = "hi"});
  CHECK(constraint_code([&] { db.insert(Profile{.id = 0, .user_id = ann, .bio = "again"}); }) ==
        SQLITE_CONSTRAINT_UNIQUE);
  CHECK(constraint_code([&] { db.insert(Profile{.id = 0, .user_id = 99, .bio = "nobody"}); }) ==
        SQLITE_CONSTRAINT_FOREIGNKEY);
  db.insert(Profile{.id = 0, .user_id = bob, .bio = "yo"});
  CHECK(test::rows(raw, "SELECT user_id, bio FROM profiles ORDER BY id") == Rows{{"1", "hi"}, {"2", "yo"}});
  // NO ACTION: a user with a profile cannot be deleted.
  CHECK(constraint_code([&] { db.remove<User>(ann); }) == SQLITE_CONSTRAINT_FOREIGNKEY);
  CHECK(db.count<User>() == 2);
}
