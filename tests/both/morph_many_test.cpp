// Polymorphic many-to-many (MorphToMany / MorphedByMany), the same on every backend: tags shared
// by posts and videos through one junction with a type column — loads both ways with pivot
// data, joins, where_has, with_count, related, and attach/detach/sync/create.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "backends.hpp"

namespace both_morph_many {
struct Post {
  std::int64_t id{};
  std::string title{};
};
struct Video {
  std::int64_t id{};
  std::string url{};
};
struct Tag {
  std::int64_t id{};
  std::string name{};
};
/// The junction: the tag, the tagged row's table and key, and pivot data.
struct Taggable {
  std::int64_t tag_id{};
  std::string taggable_type{};
  std::int64_t taggable_id{};
  std::int64_t weight{};
};
using tags = ctorm::MorphToMany<Tag, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>;
using posts = ctorm::MorphedByMany<Post, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>;
using videos = ctorm::MorphedByMany<Video, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>;
using heavy_tags = ctorm::Constrained<tags, ctorm::Is<&Taggable::weight, 9>>;
using Schema = ctorm::Schema<
    ctorm::Table<Post, tags, heavy_tags>, ctorm::Table<Video, tags>, ctorm::Table<Tag, posts, videos>,
    ctorm::Table<Taggable, ctorm::PrimaryKey<&Taggable::tag_id, &Taggable::taggable_type, &Taggable::taggable_id>,
                 ctorm::BelongsTo<Tag, &Taggable::tag_id, ctorm::OnDelete::Cascade>,
                 ctorm::MorphTo<&Taggable::taggable_type, &Taggable::taggable_id, Post, Video>,
                 ctorm::Index<&Taggable::taggable_type, &Taggable::taggable_id>>>;
static_assert(ctorm::valid<Schema>);
}  // namespace both_morph_many

using namespace both_morph_many;
using ctorm::asc;
using ctorm::col;

TEMPLATE_TEST_CASE("MorphToMany and MorphedByMany: one junction shared by two tables, read both ways",
                   "[both][morph_many]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  const Post p{.id = db.insert(Post{.title = "hello"}), .title = "hello"};
  const Video v{.id = db.insert(Video{.url = "v.mp4"}), .url = "v.mp4"};
  const Tag cpp{.id = db.insert(Tag{.name = "cpp"}), .name = "cpp"};
  const Tag sql{.id = db.insert(Tag{.name = "sql"}), .name = "sql"};
  REQUIRE(p.id == v.id);  // the same key in both tables: only the type column tells them apart
  db.template attach<tags>(p, cpp, Taggable{.weight = 9});
  db.template attach<tags>(p, sql.id);
  db.template attach<tags>(v, sql, Taggable{.weight = 2});
  const auto link = db.template get<Taggable>(cpp.id, std::string("posts"), p.id);
  REQUIRE(link.has_value());
  CHECK(link->weight == 9);

  const auto before = db.statements_run();
  const auto loaded = db.template select<Post>().template with<tags>().all();
  CHECK(db.statements_run() == before + 2);
  REQUIRE(loaded.size() == 1);
  CHECK(loaded[0].template get<tags>().size() == 2);
  const auto vids = db.template select<Video>().template with<tags>().all();
  REQUIRE(vids[0].template get<tags>().size() == 1);
  CHECK(vids[0].template get<tags>()[0]->name == "sql");
  CHECK(vids[0].template get<tags>()[0].pivot.weight == 2);
  // From the tag: its posts and its videos, each through its own type.
  const auto tag_rows = db.template select<Tag>().order_by(asc<&Tag::id>).template with<posts, videos>().all();
  CHECK(tag_rows[0].template get<posts>().size() == 1);
  CHECK(tag_rows[0].template get<videos>().empty());
  CHECK(tag_rows[1].template get<posts>().size() == 1);
  CHECK(tag_rows[1].template get<videos>().size() == 1);
  CHECK(db.template related<videos>(sql).count() == 1);
  CHECK(db.template related<tags>(v).count() == 1);
  // where_has, with_count, join, a Constrained on the pivot.
  CHECK(db.template select<Tag>().template where_has<videos>().count() == 1);
  const auto counted = db.template select<Tag>().order_by(asc<&Tag::id>).template with_count<posts>().template with_count<videos>().all();
  CHECK(counted[1].template count<posts>() == 1);
  CHECK(counted[1].template count<videos>() == 1);
  const auto pairs = db.template select(col<&Post::title>, col<&Tag::name>).template join<tags>().order_by(asc<&Tag::name>).all();
  REQUIRE(pairs.size() == 2);
  CHECK(db.template related<heavy_tags>(p).count() == 1);  // cpp, at weight 9
  CHECK(tag_rows[1].template get<posts>()[0]->title == "hello");
  // Writes: detach and sync touch only this table's links.
  CHECK(db.template detach<tags>(p, sql.id) == 1);
  CHECK(db.template related<tags>(v).count() == 1);  // the video keeps sql
  const auto synced = db.template sync<tags>(v, std::vector<std::int64_t>{cpp.id});
  CHECK(synced.attached == std::vector<std::int64_t>{cpp.id});
  CHECK(synced.detached == std::vector<std::int64_t>{sql.id});
  CHECK(db.template related<tags>(p).count() == 1);
  // From the other side, attach writes the type too.
  const Post q{.id = db.insert(Post{.title = "second"}), .title = "second"};
  db.template attach<posts>(sql, q);
  CHECK(db.template get<Taggable>(sql.id, std::string("posts"), q.id).has_value());
  const Tag rust = db.template create<tags>(q, Tag{.name = "rust"}, Taggable{.weight = 1});
  CHECK(db.template get<Taggable>(rust.id, std::string("posts"), q.id)->weight == 1);
}
