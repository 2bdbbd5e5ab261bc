// The examples of docs/relations/has-many.md.
#include <ctorm/ctorm.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "check.hpp"

namespace has_many_guide {

// [declare]
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
  std::optional<std::int64_t> parent_id{};
  std::string text{};
  bool approved{};
};

using posts = ctorm::HasMany<Post, &Post::author_id>;           // users -> posts
using author = ctorm::BelongsTo<User, &Post::author_id>;        // its BelongsTo, on posts
using comments = ctorm::HasMany<Comment, &Comment::post_id>;    // posts -> comments
using replies = ctorm::HasMany<Comment, &Comment::parent_id>;   // comments -> comments
using parent = ctorm::BelongsTo<Comment, &Comment::parent_id>;  // and back
// A relation of its own: only approved comments, newest first.
using approved = ctorm::Constrained<comments, ctorm::Is<&Comment::approved, true>,
                                    ctorm::OrderBy<ctorm::desc<&Comment::id>>>;

using Blog = ctorm::Schema<
    ctorm::Table<User, posts, ctorm::Unique<&User::email>>,
    ctorm::Table<Post, author, comments, approved>,
    ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id, ctorm::OnDelete::Cascade>, replies,
                 parent>>;
static_assert(ctorm::valid<Blog>);
// [declare-end]

}  // namespace has_many_guide

int has_many_example() {
  using namespace has_many_guide;
  docs::print_block("ddl", docs::table_ddl(ctorm::sql::create_table<Blog, Comment>,
                                           ctorm::sql::create_indexes<Blog, Comment>));

  // [setup]
  ctorm::Database<Blog> db{":memory:"};
  db.create_all();
  User ann{.id = 0, .email = "ann@example.org"};
  User bob{.id = 0, .email = "bob@example.org"};
  ann.id = db.insert(ann);
  bob.id = db.insert(bob);
  // [setup-end]

  // [create]
  Post hello = db.create<posts>(ann, Post{.id = 0, .author_id = 0, .title = "Hello"});
  Post again = db.create<posts>(ann, Post{.id = 0, .author_id = 0, .title = "Again"});
  CHECK(hello.author_id == ann.id && again.id == 2);

  Comment first = db.create<comments>(hello, Comment{.id = 0, .post_id = 0, .parent_id = std::nullopt,
                                                     .text = "First!", .approved = true});
  db.create<replies>(first, Comment{.id = 0, .post_id = hello.id, .parent_id = std::nullopt,
                                    .text = "Welcome.", .approved = true});
  db.create<comments>(hello, Comment{.id = 0, .post_id = 0, .parent_id = std::nullopt,
                                     .text = "Spam", .approved = false});
  // [create-end]

  {
    // [eager]
    auto users = db.select<User>().order_by(ctorm::asc<&User::id>).with<posts>().all();
    const std::vector<Post>& ann_posts = users[0].get<posts>();
    CHECK(ann_posts.size() == 2);
    CHECK(users[1].get<posts>().empty());  // bob has none
    // [eager-end]
  }
  {
    // [nested]
    const auto before = db.statements_run();
    auto users = db.select<User>().with<ctorm::Nested<posts, comments, parent>>().all();
    CHECK(db.statements_run() - before == 4);  // one query per level, whatever the row count

    // users[0] is a ctorm::Loaded<User, ctorm::Nested<posts, comments, parent>>
    int answers = 0;
    for (const ctorm::Loaded<Post, ctorm::Nested<comments, parent>>& post : users[0].get<posts>())
      for (const ctorm::Loaded<Comment, parent>& c : post.get<comments>())
        if (const std::optional<Comment>& p = c.get<parent>()) {
          CHECK(c->text == "Welcome." && p->text == "First!");
          ++answers;
        }
    CHECK(answers == 1);
    // [nested-end]
  }
  {
    // [tree]
    const auto before = db.statements_run();
    auto users = db.select<User>()
                     .order_by(ctorm::asc<&User::id>)
                     .with<ctorm::With<posts, ctorm::Nested<comments, parent>, approved>>(
                         ctorm::on<comments>(ctorm::col<&Comment::parent_id> != 0))  // replies only
                     .all();
    CHECK(db.statements_run() - before == 5);  // users, posts, comments, parents, approved

    const auto& first_post = users[0].get<posts>()[0];  // a Loaded<Post, Nested<comments, parent>, approved>
    CHECK(first_post.get<comments>().size() == 1);      // "Welcome.", the only reply
    CHECK(first_post.get<comments>()[0].get<parent>()->text == "First!");
    CHECK(first_post.get<approved>().size() == 2);
    // [tree-end]
  }
  {
    // [constrained]
    auto rows = db.select<Post>()
                    .order_by(ctorm::asc<&Post::id>)
                    .with<comments>(ctorm::col<&Comment::approved> == true,  // a condition
                                    ctorm::desc<&Comment::id>,               // their order
                                    ctorm::take(1))                          // the first n per post
                    .all();
    CHECK(rows[0].get<comments>().size() == 1 && rows[0].get<comments>()[0].text == "Welcome.");
    CHECK(rows[1].get<comments>().empty());
    // [constrained-end]
  }
  {
    // [declared-conditions]
    const auto before = db.statements_run();
    auto rows = db.select<Post>().order_by(ctorm::asc<&Post::id>).with<approved>().all();
    CHECK(db.statements_run() - before == 2);
    CHECK(rows[0].get<approved>().size() == 2);  // "Spam" is not approved
    CHECK(rows[0].get<approved>()[0].text == "Welcome.");  // newest first

    CHECK(db.related<approved>(hello).count() == 2);
    auto counted = db.select<Post>().with_count<approved>().where_has<approved>().all();
    CHECK(counted.size() == 1 && counted[0].count<approved>() == 2);

    // create fills what the conditions fix: this comment is stored approved.
    Comment thanks = db.create<approved>(again, Comment{.id = 0, .post_id = 0, .parent_id = std::nullopt,
                                                       .text = "Thanks", .approved = false});
    CHECK(thanks.approved && thanks.post_id == again.id);
    // [declared-conditions-end]
    docs::print_block("declared-conditions", decltype(db.related<approved>(hello))::sql);
  }
  {
    // [lazy]
    std::vector<User> users = db.all<User>();
    auto loaded = db.load<posts>(users);  // std::vector<ctorm::Loaded<User, posts>>, one query
    CHECK(loaded.size() == 2);

    auto titles = db.related<posts>(ann).where(ctorm::col<&Post::title> != "Again").all();
    CHECK(titles.size() == 1 && titles[0].title == "Hello");
    CHECK(db.related<comments>(hello).count() == 3);
    // [lazy-end]
  }
  {
    // [query]
    auto busy = db.select<User>().where_has<posts>(ctorm::at_least(2));
    CHECK(busy.one().id == ann.id);
    auto moderated = db.select<Post>().where_has<comments>(ctorm::col<&Comment::approved> == false);
    CHECK(moderated.one().title == "Hello");
    auto quiet = db.select<User>().where_doesnt_have<posts>();
    CHECK(quiet.one().id == bob.id);

    auto counted = db.select<User>().order_by(ctorm::asc<&User::id>).with_count<posts>();
    std::vector<ctorm::Counted<User, posts>> rows = counted.all();
    CHECK(rows[0]->email == "ann@example.org" && rows[0].count<posts>() == 2);
    CHECK(rows[1].count<posts>() == 0);

    auto pairs = db.select(ctorm::col<&User::email>, ctorm::col<&Post::title>).join<posts>();
    CHECK(pairs.count() == 2);  // one row per post
    // [query-end]
    docs::print_block("where-has", decltype(busy)::sql);
    docs::print_block("with-count", decltype(counted)::sql);
    docs::print_block("join", decltype(pairs)::sql);
  }
  {
    // [related-writes]
    auto spam = db.related<comments>(hello).where(ctorm::col<&Comment::approved> == false);
    CHECK(std::move(spam).remove() == 1);  // one DELETE, with the relation's condition
    CHECK(db.related<posts>(ann).update(ctorm::col<&Post::title> = "Edited") == 2);
    // [related-writes-end]
  }
  {
    // [recursive]
    db.create<replies>(first, Comment{.id = 0, .post_id = hello.id, .parent_id = std::nullopt,
                                      .text = "Thank you!", .approved = true});
    const Comment welcome = *db.select<Comment>().where(ctorm::col<&Comment::text> == "Welcome.").first();
    db.create<replies>(welcome, Comment{.id = 0, .post_id = hello.id, .parent_id = std::nullopt,
                                        .text = "Glad to be here.", .approved = true});

    const auto before = db.statements_run();
    auto top = db.select<Comment>()
                   .where(ctorm::col<&Comment::parent_id>.is_null() && ctorm::col<&Comment::text> == "First!")
                   .with<ctorm::Recursive<replies>>()  // every level, in one WITH RECURSIVE statement
                   .all();
    CHECK(db.statements_run() - before == 2);
    const std::vector<ctorm::Tree<Comment>>& below = top[0].get<replies>();
    CHECK(below.size() == 2 && below[0]->text == "Welcome." && below[1]->text == "Thank you!");
    CHECK(below[0].children.size() == 1 && below[0].children[0]->text == "Glad to be here.");
    // [recursive-end]
  }
  {
    // [save]
    auto graph = db.select<User>().where(ctorm::col<&User::id> == bob.id).with<posts>().one();
    graph.get<posts>().push_back(Post{.id = 0, .author_id = 0, .title = "Bob's first"});  // new: key 0
    graph->email = "robert@example.org";                                            // changed
    auto saved = db.save(graph);  // one transaction: the user, then its posts with its key
    CHECK(saved.get<posts>()[0].id != 0 && saved.get<posts>()[0].author_id == bob.id);
    CHECK(db.get<User>(bob.id)->email == "robert@example.org");
    // [save-end]

    // [save-delete-missing]
    saved.get<posts>().push_back(Post{.id = 0, .author_id = 0, .title = "Bob's second"});
    saved.get<posts>().erase(saved.get<posts>().begin());  // "Bob's first" taken out
    db.save(saved, ctorm::delete_missing);                 // ... and deleted
    CHECK(db.related<posts>(bob).count() == 1 && db.related<posts>(bob).one().title == "Bob's second");
    // [save-delete-missing-end]
  }
  return 0;
}
