// The examples of docs/relations/through.md.
#include <ctorm/ctorm.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check.hpp"

namespace through_guide {

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
  std::string text{};
};
struct Tag {
  std::int64_t id{};
  std::string name{};
};
struct PostTag {
  std::int64_t post_id{};
  std::int64_t tag_id{};
};

using posts = ctorm::HasMany<Post, &Post::author_id>;         // declared on users
using author = ctorm::BelongsTo<User, &Post::author_id>;      // declared on posts
using comments = ctorm::HasMany<Comment, &Comment::post_id>;  // declared on posts
using post = ctorm::BelongsTo<Post, &Comment::post_id>;       // declared on comments
using tags = ctorm::ManyToMany<Tag, PostTag>;                 // declared on posts

using received = ctorm::HasManyThrough<posts, comments>;  // users -> posts -> comments
using used_tags = ctorm::HasManyThrough<posts, tags>;     // users -> posts -> post_tags -> tags
using post_author = ctorm::HasOneThrough<post, author>;   // comments -> posts -> users

using Blog = ctorm::Schema<
    ctorm::Table<User, posts, received, used_tags, ctorm::Unique<&User::email>>,
    ctorm::Table<Post, author, comments, tags>,
    ctorm::Table<Comment, post, post_author>,
    ctorm::Table<Tag>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                 ctorm::BelongsTo<Post, &PostTag::post_id>, ctorm::BelongsTo<Tag, &PostTag::tag_id>>>;
static_assert(ctorm::valid<Blog>);
// [declare-end]

}  // namespace through_guide

int through_example() {
  using namespace through_guide;

  // [setup]
  ctorm::Database<Blog> db{":memory:"};
  db.create_all();
  User ann{.id = 0, .email = "ann@example.org"};
  User bob{.id = 0, .email = "bob@example.org"};
  ann.id = db.insert(ann);
  bob.id = db.insert(bob);
  const Post hello = db.create<posts>(ann, Post{.id = 0, .author_id = 0, .title = "Hello"});
  const Post again = db.create<posts>(ann, Post{.id = 0, .author_id = 0, .title = "Again"});
  db.create<comments>(hello, Comment{.id = 0, .post_id = 0, .text = "Nice."});
  db.create<comments>(hello, Comment{.id = 0, .post_id = 0, .text = "Thanks."});
  db.create<comments>(again, Comment{.id = 0, .post_id = 0, .text = "Again?"});
  // [setup-end]

  {
    // [eager]
    auto users = db.select<User>().order_by(ctorm::asc<&User::id>).with<received>().all();
    const std::vector<Comment>& on_ann = users[0].get<received>();  // the comments on ann's posts
    CHECK(on_ann.size() == 3);
    CHECK(users[1].get<received>().empty());

    auto all_comments = db.select<Comment>().with<post_author>().all();
    const std::optional<User>& who = all_comments[0].get<post_author>();
    CHECK(who && who->email == "ann@example.org");
    // [eager-end]
  }
  {
    // [constrained]
    auto users = db.select<User>()
                     .where(ctorm::col<&User::id> == ann.id)
                     .with<received>(ctorm::col<&Post::title> == "Hello",  // a table on the way
                                     ctorm::desc<&Comment::id>, ctorm::take(1))
                     .all();
    CHECK(users[0].get<received>().size() == 1 && users[0].get<received>()[0].text == "Thanks.");
    // [constrained-end]
  }
  {
    // [via]
    auto users = db.select<User>().order_by(ctorm::asc<&User::id>).with<ctorm::Via<received>>().all();
    for (const ctorm::Reached<Comment, Post>& c : users[0].get<received>())
      CHECK(c.via.id == c->post_id && (c.via.title == "Hello" || c.via.title == "Again"));
    // used_tags passes through post_tags: the step before the tags is still the post.
    auto tagged = db.load<ctorm::Via<used_tags>>(ann);
    CHECK(tagged.get<used_tags>().empty());
    // [via-end]
  }
  {
    // [lazy]
    CHECK(db.related<received>(ann).count() == 3);
    CHECK(db.related<received>(bob).count() == 0);
    auto loaded = db.load<post_author>(db.all<Comment>());
    CHECK(loaded.size() == 3 && loaded[2].get<post_author>()->id == ann.id);
    // [lazy-end]
  }
  {
    // [paths]
    const auto cpp = db.insert(Tag{.id = 0, .name = "cpp"});
    db.attach<tags>(hello, cpp);
    db.attach<tags>(again, cpp);  // ann reaches the tag along two paths

    auto loaded = db.load<used_tags>(ann);
    CHECK(loaded.get<used_tags>().size() == 2);  // once per path
    auto counted = db.select<User>().where(ctorm::col<&User::id> == ann.id).with_count<used_tags>();
    CHECK(counted.one().count<used_tags>() == 2);    // once per path
    CHECK(db.related<used_tags>(ann).count() == 1);  // once: related<R> selects tags by key
    // [paths-end]
  }
  {
    // [query]
    auto discussed = db.select<User>().where_has<received>(ctorm::col<&Comment::text> == "Again?");
    CHECK(discussed.one().id == ann.id);
    auto counted = db.select<User>().order_by(ctorm::asc<&User::id>).with_count<received>().all();
    CHECK(counted[0].count<received>() == 3 && counted[1].count<received>() == 0);
    auto rows = db.select(ctorm::col<&User::email>, ctorm::col<&Comment::text>).join<received>();
    CHECK(rows.count() == 3);
    // [query-end]
    docs::print_block("where-has", decltype(discussed)::sql);
    docs::print_block("join", decltype(rows)::sql);
  }
  return 0;
}
