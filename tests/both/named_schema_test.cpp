// A schema named by a struct of its own (`struct Blog : ctorm::Schema<...> {}`) works wherever
// a `ctorm::Schema<...>` does, on every backend: checks, SQL text, create_all, reads, writes,
// eager loads, relation writes, verify and migrate.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "backends.hpp"

namespace both_named {
struct User {
  std::int64_t id{};
  std::string email{};
};
struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::string title{};
};
struct Tag {
  std::int64_t id{};
  std::string name{};
};
using author = ctorm::BelongsTo<User, &Post::author_id, ctorm::OnDelete::Cascade>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using tags = ctorm::ManyToMany<Tag>;

using Tables = ctorm::Schema<ctorm::Table<User, ctorm::Unique<&User::email>, posts>, ctorm::Table<Post, author, tags>,
                             ctorm::Table<Tag>>;
/// The same schema under a name of its own: what the compiler prints for it is `Blog`.
struct Blog : Tables {};

static_assert(ctorm::valid<Blog>);
static_assert(std::is_same_v<Blog::schema_type, Tables>);
static_assert(Blog::table_count == 4);  // with the join table ctorm makes for tags
static_assert(ctorm::schema_sql<Blog>() == ctorm::schema_sql<Tables>());
static_assert(ctorm::schema_sql<Blog, ctorm::postgresql_dialect>() == ctorm::schema_sql<Tables, ctorm::postgresql_dialect>());
static_assert(ctorm::mermaid<Blog>() == ctorm::mermaid<Tables>());
static_assert(std::is_same_v<ctorm::table_of<Blog, Post>, ctorm::table_of<Tables, Post>>);
}  // namespace both_named

using namespace both_named;
using ctorm::asc;
using ctorm::col;

TEMPLATE_TEST_CASE("a named schema creates, reads, writes and loads like its Schema<...>", "[both][schema]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Blog>();
  static_assert(std::is_same_v<typename decltype(db)::schema, Blog>);
  db.create_all();
  CHECK(db.verify().ok());
  const auto ann = db.insert(User{.email = "ann"});
  const auto bob = db.insert(User{.email = "bob"});
  const auto one = db.insert(Post{.author_id = ann, .title = "one"});
  const auto two = db.insert(Post{.author_id = ann, .title = "two"});
  db.insert(Post{.author_id = bob, .title = "three"});
  const auto cpp = db.insert(Tag{.name = "cpp"});
  db.template attach<tags>(Post{.id = one}, cpp);
  db.template attach<tags>(Post{.id = two}, cpp);

  REQUIRE(db.template get<Post>(one));
  CHECK(db.template get<Post>(one)->title == "one");
  CHECK(db.template count<Post>() == 3);

  const auto before = db.statements_run();
  const auto users = db.template select<User>().order_by(asc<&User::id>).template with<posts>().all();
  CHECK(db.statements_run() == before + 2);
  REQUIRE(users.size() == 2);
  CHECK(users[0].template get<posts>().size() == 2);
  CHECK(users[1].template get<posts>().size() == 1);

  const auto tagged = db.template select<Post>().template where_has<tags>().order_by(asc<&Post::id>).all();
  REQUIRE(tagged.size() == 2);
  CHECK(tagged[1].title == "two");

  const auto with_tags = db.template load<tags>(db.template get<Post>(two).value());
  REQUIRE(with_tags.template get<tags>().size() == 1);
  CHECK(with_tags.template get<tags>()[0].name == "cpp");

  CHECK(db.template remove<User>(ann));  // its posts go with it (cascade)
  CHECK(db.template count<Post>() == 1);
  CHECK(db.template select<Post>().where(col<&Post::author_id> == ann).count() == 0);

  CHECK(db.migrate().empty());
  CHECK(db.verify().ok());
}
