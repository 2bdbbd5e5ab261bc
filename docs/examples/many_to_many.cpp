// The examples of docs/relations/many-to-many.md.
#include <ctorm/ctorm.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check.hpp"

namespace many_to_many_guide {

// [declare]
struct Post {
  std::int64_t id{};
  std::string title{};
};
struct Tag {
  std::int64_t id{};
  std::string name{};
};
struct PostTag {  // the junction: one BelongsTo to each side, and pivot data
  std::int64_t post_id{};
  std::int64_t tag_id{};
  std::int64_t position{};
};

using tags = ctorm::ManyToMany<Tag, PostTag>;    // on posts
using posts = ctorm::ManyToMany<Post, PostTag>;  // on tags: the same links, seen from a tag
// A condition on the pivot: only the link at position 1.
using first_tag = ctorm::Constrained<tags, ctorm::Is<&PostTag::position, 1>>;

using Blog = ctorm::Schema<
    ctorm::Table<Post, tags, first_tag>,
    ctorm::Table<Tag, posts, ctorm::Unique<&Tag::name>>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                 ctorm::BelongsTo<Post, &PostTag::post_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Tag, &PostTag::tag_id, ctorm::OnDelete::Cascade>>>;
static_assert(ctorm::valid<Blog>);
// [declare-end]

// [named]
struct User {
  std::int64_t id{};
  std::string name{};
};
struct Follow {  // two foreign keys to users: name them
  std::int64_t follower_id{};
  std::int64_t followee_id{};
};

using following = ctorm::ManyToMany<User, Follow, &Follow::follower_id, &Follow::followee_id>;
using followers = ctorm::ManyToMany<User, Follow, &Follow::followee_id, &Follow::follower_id>;

using Social = ctorm::Schema<
    ctorm::Table<User, following, followers>,
    ctorm::Table<Follow, ctorm::PrimaryKey<&Follow::follower_id, &Follow::followee_id>,
                 ctorm::BelongsTo<User, &Follow::follower_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<User, &Follow::followee_id, ctorm::OnDelete::Cascade>>>;
static_assert(ctorm::valid<Social>);
// [named-end]

// [owned]
struct Article {
  std::int64_t id{};
  std::string title{};
};
struct Label {
  std::int64_t id{};
  std::string name{};
};

using labels = ctorm::ManyToMany<Label>;  // no junction struct: ctorm makes the join table

using Library = ctorm::Schema<ctorm::Table<Article, labels>, ctorm::Table<Label>>;
static_assert(ctorm::valid<Library>);

using Link = ctorm::junction_of<Library, Article, Label>;  // its ctorm::Table<...>
static_assert(Link::name == std::string_view{"articles_labels"});
// [owned-end]

}  // namespace many_to_many_guide

int many_to_many_example() {
  using namespace many_to_many_guide;
  docs::print_block("ddl", docs::table_ddl(ctorm::sql::create_table<Blog, PostTag>,
                                           ctorm::sql::create_indexes<Blog, PostTag>));
  docs::print_block("named-ddl", docs::table_ddl(ctorm::sql::create_table<Social, Follow>,
                                                 ctorm::sql::create_indexes<Social, Follow>));
  docs::print_block("owned-ddl", docs::table_ddl(ctorm::sql::create_table<Library, Link::type>,
                                                 ctorm::sql::create_indexes<Library, Link::type>));

  {
    // [setup]
    ctorm::Database<Blog> db{":memory:"};
    db.create_all();
    Post hello{.id = 0, .title = "Hello"};
    Post draft{.id = 0, .title = "Draft"};
    Tag cpp{.id = 0, .name = "cpp"};
    hello.id = db.insert(hello);
    draft.id = db.insert(draft);
    cpp.id = db.insert(cpp);
    const auto sql = db.insert(Tag{.id = 0, .name = "sql"});  // only the keys of these two
    const auto news = db.insert(Tag{.id = 0, .name = "news"});
    // [setup-end]

    // [attach]
    db.attach<tags>(hello, cpp, PostTag{.post_id = 0, .tag_id = 0, .position = 2});  // a Tag, pivot data
    db.attach<tags>(hello, sql, PostTag{.post_id = 0, .tag_id = 0, .position = 1});  // or a Tag's key
    db.attach<tags>(draft, news);  // no pivot: its other members as PostTag{} has them
    db.attach<tags>(draft, sql);
    CHECK(db.count<PostTag>() == 4);

    CHECK(db.detach<tags>(draft, news) == 1);  // one link; returns the links removed
    CHECK(db.detach<tags>(draft) == 1);        // every link of draft

    ctorm::Synced<std::int64_t> changed = db.sync<tags>(draft, std::vector<std::int64_t>{cpp.id, news});
    CHECK(changed.attached == std::vector<std::int64_t>{cpp.id, news} && changed.detached.empty());
    changed = db.sync<tags>(draft, std::vector<std::int64_t>{news});
    CHECK(changed.attached.empty() && changed.detached == std::vector<std::int64_t>{cpp.id});
    // [attach-end]

    {
      // [eager]
      auto rows = db.select<Post>().order_by(ctorm::asc<&Post::id>).with<tags>().all();
      const std::vector<ctorm::Pivoted<Tag, PostTag>>& hello_tags = rows[0].get<tags>();
      CHECK(hello_tags.size() == 2);
      for (const ctorm::Pivoted<Tag, PostTag>& t : hello_tags) {
        CHECK(t.pivot.post_id == hello.id && t.pivot.tag_id == t->id);  // t.row is the Tag
        CHECK(t->name == (t.pivot.position == 1 ? "sql" : "cpp"));
      }
      // [eager-end]
    }
    {
      // [constrained]
      auto rows = db.select<Post>()
                      .where(ctorm::col<&Post::id> == hello.id)
                      .with<tags>(ctorm::col<&PostTag::position> <= 2,  // the pivot, in conditions
                                  ctorm::asc<&PostTag::position>)       // and in the order
                      .all();
      const auto& ordered = rows[0].get<tags>();
      CHECK(ordered.size() == 2 && ordered[0]->name == "sql" && ordered[1]->name == "cpp");
      // [constrained-end]
    }
    {
      // [lazy]
      auto loaded = db.load<posts>(cpp);  // from the other side
      CHECK(loaded.get<posts>().size() == 1 && loaded.get<posts>()[0]->title == "Hello");
      CHECK(db.related<tags>(hello).where(ctorm::col<&Tag::name> != "cpp").one().name == "sql");
      // [lazy-end]
    }
    {
      // [query]
      auto tagged = db.select<Post>().where_has<tags>(ctorm::col<&Tag::name> == "news");
      CHECK(tagged.one().title == "Draft");
      auto rows = db.select(ctorm::col<&Post::title>, ctorm::col<&Tag::name>, ctorm::col<&PostTag::position>)
                      .join<tags>()
                      .order_by(ctorm::asc<&Post::id>, ctorm::asc<&PostTag::position>);
      CHECK(rows.count() == 3);
      auto counted = db.select<Tag>().order_by(ctorm::asc<&Tag::id>).with_count<posts>().all();
      CHECK(counted[0].count<posts>() == 1 && counted[2].count<posts>() == 1);
      // [query-end]
      docs::print_block("where-has", decltype(tagged)::sql);
      docs::print_block("join", decltype(rows)::sql);
    }
    {
      // [create]
      Tag rust = db.create<tags>(draft, Tag{.id = 0, .name = "rust"}, PostTag{.post_id = 0, .tag_id = 0, .position = 3});
      CHECK(db.get<PostTag>(draft.id, rust.id)->position == 3);  // the tag and its link, one transaction

      std::map<std::int64_t, PostTag> wanted{{cpp.id, PostTag{.post_id = 0, .tag_id = 0, .position = 1}},
                                             {news, PostTag{.post_id = 0, .tag_id = 0, .position = 9}}};
      ctorm::Synced<std::int64_t> result = db.sync<tags>(draft, wanted);
      CHECK(result.attached == std::vector<std::int64_t>{cpp.id});
      CHECK(result.updated == std::vector<std::int64_t>{news});  // stays linked, now at position 9
      CHECK(result.detached == std::vector<std::int64_t>{rust.id});
      // [create-end]
    }
    {
      // [pivot-condition]
      auto rows = db.select<Post>().order_by(ctorm::asc<&Post::id>).with<first_tag>().all();
      CHECK(rows[0].get<first_tag>().size() == 1 && rows[0].get<first_tag>()[0]->name == "sql");
      CHECK(rows[1].get<first_tag>()[0]->name == "cpp");
      // attach through it writes position 1; detach and sync see only the links at position 1.
      CHECK(db.detach<first_tag>(draft) == 1);  // cpp; news, at position 9, stays
      CHECK(db.related<tags>(draft).count() == 1);
      // [pivot-condition-end]
    }
  }
  {
    // [named-use]
    ctorm::Database<Social> db{":memory:"};
    db.create_all();
    User ann{.id = 0, .name = "Ann"};
    User bob{.id = 0, .name = "Bob"};
    ann.id = db.insert(ann);
    bob.id = db.insert(bob);
    db.attach<following>(ann, bob);  // inserts Follow{.follower_id = ann.id, .followee_id = bob.id}

    CHECK(db.load<following>(ann).get<following>()[0]->name == "Bob");
    CHECK(db.load<followers>(bob).get<followers>()[0]->name == "Ann");
    CHECK(db.related<followers>(ann).count() == 0);
    // [named-use-end]
    auto fans = db.select<User>().where_has<followers>();
    docs::print_block("named-where-has", decltype(fans)::sql);
    CHECK(fans.one().name == "Bob");
  }
  {
    // [owned-use]
    ctorm::Database<Library> db{":memory:"};
    db.create_all();
    Article a{.id = 0, .title = "A"};
    a.id = db.insert(a);
    const auto red = db.insert(Label{.id = 0, .name = "red"});
    const auto blue = db.insert(Label{.id = 0, .name = "blue"});
    db.attach<labels>(a, red);
    db.sync<labels>(a, std::vector<std::int64_t>{red, blue});

    auto rows = db.select<Article>().with<labels>().all();
    const std::vector<Label>& got = rows[0].get<labels>();  // plain rows: there is no pivot data
    CHECK(got.size() == 2);

    std::vector<Link::type> links = db.all<Link::type>();  // ctorm::Pivot<...>: .first, .second
    CHECK(links.size() == 2 && links[0].first == a.id);
    // [owned-use-end]
  }
  return 0;
}
