// The examples of docs/relations/belongs-to.md.
#include <ctorm/ctorm.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "check.hpp"

namespace belongs_to_guide {

// [declare]
struct User {
  std::int64_t id{};
  std::string email{};
};
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};                   // NOT NULL: every post has an author
  std::optional<std::int64_t> reviewer_id{};  // may be NULL: not every post has a reviewer
  std::string title{};
};

using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using reviewer = ctorm::BelongsTo<User, &Post::reviewer_id, ctorm::OnDelete::SetNull>;

using Blog = ctorm::Schema<ctorm::Table<User, ctorm::Unique<&User::email>>,
                           ctorm::Table<Post, author, reviewer>>;
static_assert(ctorm::valid<Blog>);
// [declare-end]

// [options]
struct Category {
  std::int64_t id{};
  std::string slug{};
};
struct Item {
  std::int64_t id{};
  std::string category_slug{};
};
struct Order {
  std::int64_t year{};
  std::int64_t no{};
};
struct Line {
  std::int64_t id{};
  std::int64_t order_year{};
  std::int64_t order_no{};
};
struct Comment {
  std::int64_t id{};
  std::optional<std::int64_t> parent_id{};
};

// References a unique member, not the key; refuses deleting a used category, follows renames.
using category = ctorm::BelongsTo<Category, &Item::category_slug, ctorm::References<&Category::slug>,
                                  ctorm::OnDelete::Restrict, ctorm::OnUpdate::Cascade>;
// A composite foreign key, for a composite primary key.
using order = ctorm::BelongsTo<Order, ctorm::Keys<&Line::order_year, &Line::order_no>>;
// A table that references itself.
using parent = ctorm::BelongsTo<Comment, &Comment::parent_id>;

using Shop = ctorm::Schema<ctorm::Table<Category, ctorm::Unique<&Category::slug>>,
                           ctorm::Table<Item, category>,
                           ctorm::Table<Order, ctorm::PrimaryKey<&Order::year, &Order::no>>,
                           ctorm::Table<Line, order>,
                           ctorm::Table<Comment, parent>>;
static_assert(ctorm::valid<Shop>);
// [options-end]

// [set-default]
struct Member {
  std::int64_t id{};
  std::string name{};
};
struct Note {
  std::int64_t id{};
  std::int64_t member_id{};  // NOT NULL: SetDefault needs a Default<> for it
  std::string text{};
};

// Deleting a member gives their notes to member 1, a row that must exist.
using writer = ctorm::BelongsTo<Member, &Note::member_id, ctorm::OnDelete::SetDefault>;

using Archive = ctorm::Schema<ctorm::Table<Member>,
                              ctorm::Table<Note, writer, ctorm::Default<&Note::member_id, 1>>>;
static_assert(ctorm::valid<Archive>);
// [set-default-end]

}  // namespace belongs_to_guide

int belongs_to_example() {
  using namespace belongs_to_guide;
  docs::print_block("ddl", docs::table_ddl(ctorm::sql::create_table<Blog, Post>,
                                           ctorm::sql::create_indexes<Blog, Post>));
  docs::print_block("options-ddl", ctorm::sql::create_schema<Shop>);
  docs::print_block("set-default-ddl", ctorm::sql::create_table<Archive, Note>);
  {
    // [set-default-run]
    ctorm::Database<Archive> archive{":memory:"};
    archive.create_all();
    const auto nobody = archive.insert(Member{.id = 0, .name = "nobody"});
    const auto dan = archive.insert(Member{.id = 0, .name = "dan"});
    const auto note = archive.insert(Note{.id = 0, .member_id = dan, .text = "hello"});
    CHECK(archive.remove<Member>(dan));
    CHECK(archive.get<Note>(note)->member_id == nobody);  // SET DEFAULT: member 1's now
    // [set-default-run-end]
  }

  // [setup]
  ctorm::Database<Blog> db{":memory:"};
  db.create_all();
  const auto ann = db.insert(User{.id = 0, .email = "ann@example.org"});  // the key SQLite assigned
  const auto bob = db.insert(User{.id = 0, .email = "bob@example.org"});
  db.insert(Post{.id = 0, .author_id = ann, .reviewer_id = bob, .title = "Hello"});
  db.insert(Post{.id = 0, .author_id = ann, .reviewer_id = std::nullopt, .title = "Draft"});
  db.insert(Post{.id = 0, .author_id = bob, .reviewer_id = ann, .title = "Reply"});
  // [setup-end]

  {
    // [eager]
    const auto before = db.statements_run();
    auto rows = db.select<Post>().order_by(ctorm::asc<&Post::id>).with<author, reviewer>().all();
    CHECK(db.statements_run() - before == 3);  // posts, then one query per relation

    const User& writer = rows[0].get<author>();                   // non-null key: the row
    const std::optional<User>& checker = rows[0].get<reviewer>();  // nullable key: optional
    CHECK(writer.email == "ann@example.org");
    CHECK(checker && checker->email == "bob@example.org");
    CHECK(rows[1]->title == "Draft" && !rows[1].get<reviewer>());
    // [eager-end]
  }
  {
    // [constrained]
    auto rows = db.select<Post>()
                    .order_by(ctorm::asc<&Post::id>)
                    .with<reviewer>(ctorm::col<&User::email> != "bob@example.org")
                    .all();
    CHECK(!rows[0].get<reviewer>());  // bob was filtered out
    CHECK(rows[2].get<reviewer>()->email == "ann@example.org");
    // [constrained-end]
  }
  {
    // [lazy]
    std::vector<Post> posts = db.select<Post>().order_by(ctorm::asc<&Post::id>).all();
    auto loaded = db.load<author>(posts);            // one query for all of them
    CHECK(loaded[2].get<author>().email == "bob@example.org");
    auto one = db.load<author, reviewer>(posts[0]);  // ctorm::Loaded<Post, author, reviewer>
    CHECK(one.get<reviewer>()->email == "bob@example.org");

    std::optional<User> who = db.related<author>(posts[2]).first();  // a query on users
    CHECK(who && who->id == bob);
    CHECK(db.related<reviewer>(posts[1]).count() == 0);  // NULL key: no rows
    // [lazy-end]
  }
  {
    // [query]
    auto by_ann = db.select<Post>().join<author>().where(ctorm::col<&User::email> == "ann@example.org");
    CHECK(by_ann.count() == 2);
    auto reviewed = db.select<Post>().where_has<reviewer>();
    CHECK(reviewed.count() == 2);
    auto listing = db.select(ctorm::col<&Post::title>, ctorm::col<&User::email>)
                       .left_join<reviewer>()
                       .order_by(ctorm::asc<&Post::id>);
    std::vector<std::tuple<std::string, std::optional<std::string>>> titles = listing.all();
    CHECK(titles[0] == std::tuple{std::string("Hello"), std::optional<std::string>("bob@example.org")});
    CHECK(!std::get<1>(titles[1]));
    // [query-end]
    docs::print_block("join", decltype(by_ann)::sql);
    docs::print_block("where-has", decltype(reviewed)::sql);
    docs::print_block("left-join", decltype(listing)::sql);
  }
  {
    // [write]
    Post draft = *db.get<Post>(2);
    User carl{.id = 0, .email = "carl@example.org"};
    carl.id = db.insert(carl);

    CHECK(db.associate<author>(draft, carl));  // sets the key in draft and in its row
    CHECK(draft.author_id == carl.id && db.get<Post>(2)->author_id == carl.id);
    CHECK(db.associate<reviewer>(draft, carl));
    CHECK(db.dissociate<reviewer>(draft));     // reviewer_id = NULL, in draft and in its row
    CHECK(!draft.reviewer_id && !db.get<Post>(2)->reviewer_id);
    // [write-end]
  }
  {
    // [actions]
    CHECK(db.remove<User>(bob));           // the database applies both actions:
    CHECK(!db.get<Post>(1)->reviewer_id);  // SET NULL: ann's post lost its reviewer
    CHECK(!db.get<Post>(3));               // CASCADE: bob's post went with him
    // [actions-end]
  }
  return 0;
}
