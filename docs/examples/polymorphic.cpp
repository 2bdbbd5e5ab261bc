// The examples of docs/relations/polymorphic.md.
#include <ctorm/ctorm.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "check.hpp"

namespace polymorphic_guide {

// [declare]
struct Post {
  std::int64_t id{};
  std::string title{};
};
struct Video {
  std::int64_t id{};
  std::string url{};
};
struct Like {  // likes a post or a video
  std::int64_t id{};
  std::string target_type{};  // "posts" or "videos": the target's table name
  std::int64_t target_id{};   // its key
};
struct Thumbnail {  // at most one per post or video
  std::int64_t id{};
  std::string subject_type{};
  std::int64_t subject_id{};
  std::string file{};
};

using target = ctorm::MorphTo<&Like::target_type, &Like::target_id, Post, Video>;
using likes = ctorm::MorphMany<Like, &Like::target_type, &Like::target_id>;
using subject = ctorm::MorphTo<&Thumbnail::subject_type, &Thumbnail::subject_id, Post, Video>;
using thumbnail = ctorm::MorphOne<Thumbnail, &Thumbnail::subject_type, &Thumbnail::subject_id>;

using Media = ctorm::Schema<
    ctorm::Table<Post, likes, thumbnail>,
    ctorm::Table<Video, likes, thumbnail>,
    ctorm::Table<Like, target>,
    ctorm::Table<Thumbnail, subject, ctorm::Unique<&Thumbnail::subject_type, &Thumbnail::subject_id>>>;
static_assert(ctorm::valid<Media>);
// [declare-end]

// [many-declare]
struct Tag {
  std::int64_t id{};
  std::string name{};
};
struct Taggable {  // the junction of tags and of whatever they tag
  std::int64_t tag_id{};
  std::string taggable_type{};  // "posts" or "videos"
  std::int64_t taggable_id{};
  std::int64_t position{};      // pivot data
};

using tags = ctorm::MorphToMany<Tag, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>;
using tagged_posts = ctorm::MorphedByMany<Post, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>;
using tagged_videos = ctorm::MorphedByMany<Video, Taggable, &Taggable::taggable_type, &Taggable::taggable_id>;

using Tagged = ctorm::Schema<
    ctorm::Table<Post, tags>, ctorm::Table<Video, tags>, ctorm::Table<Tag, tagged_posts, tagged_videos>,
    ctorm::Table<Taggable, ctorm::PrimaryKey<&Taggable::tag_id, &Taggable::taggable_type, &Taggable::taggable_id>,
                 ctorm::BelongsTo<Tag, &Taggable::tag_id, ctorm::OnDelete::Cascade>,
                 ctorm::MorphTo<&Taggable::taggable_type, &Taggable::taggable_id, Post, Video>>>;
static_assert(ctorm::valid<Tagged>);
// [many-declare-end]

}  // namespace polymorphic_guide

int polymorphic_example() {
  using namespace polymorphic_guide;
  docs::print_block("ddl", docs::table_ddl(ctorm::sql::create_table<Media, Like>,
                                           ctorm::sql::create_indexes<Media, Like>));
  docs::print_block("one-ddl", docs::table_ddl(ctorm::sql::create_table<Media, Thumbnail>,
                                               ctorm::sql::create_indexes<Media, Thumbnail>));

  // [setup]
  ctorm::Database<Media> db{":memory:"};
  db.create_all();
  Post post{.id = 0, .title = "Hello"};
  Video video{.id = 0, .url = "v.mp4"};
  post.id = db.insert(post);
  video.id = db.insert(video);
  // [setup-end]

  // [create]
  Like a = db.create<likes>(post, Like{});  // sets target_type = "posts", target_id = post.id
  Like b = db.create<likes>(video, Like{});
  db.create<likes>(video, Like{});
  CHECK(a.target_type == "posts" && a.target_id == post.id);
  CHECK(b.target_type == "videos" && b.target_id == video.id);

  db.create<thumbnail>(video, Thumbnail{.id = 0, .subject_type = "", .subject_id = 0, .file = "v.png"});
  // [create-end]

  {
    // [eager]
    const auto before = db.statements_run();
    auto rows = db.select<Like>().order_by(ctorm::asc<&Like::id>).with<target>().all();
    CHECK(db.statements_run() - before == 3);  // likes, then one query per target table present

    const std::variant<std::monostate, Post, Video>& first = rows[0].get<target>();
    CHECK(std::get<Post>(first).title == "Hello");
    CHECK(std::holds_alternative<Video>(rows[1].get<target>()));
    // [eager-end]
  }
  {
    // [inverse]
    auto videos = db.select<Video>().with<likes, thumbnail>().all();
    const std::vector<Like>& liked = videos[0].get<likes>();
    const std::optional<Thumbnail>& thumb = videos[0].get<thumbnail>();
    CHECK(liked.size() == 2 && thumb && thumb->file == "v.png");

    auto posts = db.select<Post>().with<likes>(ctorm::desc<&Like::id>, ctorm::take(1)).all();
    CHECK(posts[0].get<likes>().size() == 1);
    CHECK(db.related<likes>(video).count() == 2);
    CHECK(!db.load<thumbnail>(post).get<thumbnail>());
    // [inverse-end]
  }
  {
    // [dangling]
    db.insert(Like{.id = 0, .target_type = "posts", .target_id = 999});  // no such post
    db.insert(Like{.id = 0, .target_type = "users", .target_id = 1});    // not a target table
    auto rows = db.select<Like>().where(ctorm::col<&Like::id> > 3).with<target>().all();
    CHECK(std::holds_alternative<std::monostate>(rows[0].get<target>()));
    CHECK(std::holds_alternative<std::monostate>(rows[1].get<target>()));
    // [dangling-end]
  }
  {
    // [query]
    auto liked = db.select<Video>().where_has<likes>(ctorm::at_least(2));
    CHECK(liked.count() == 1);
    auto counted = db.select<Post>().with_count<likes>().all();
    CHECK(counted[0].count<likes>() == 1);  // the like of post 999 is not post 1's
    auto pairs = db.select(ctorm::col<&Video::url>, ctorm::col<&Like::id>).join<likes>();
    CHECK(pairs.count() == 2);
    // [query-end]
    docs::print_block("where-has", decltype(liked)::sql);
    docs::print_block("join", decltype(pairs)::sql);
  }
  {
    // [morph-as]
    using on_post = ctorm::MorphAs<target, Post>;  // target, where it points at a post
    auto hello_likes = db.select<Like>().where_has<on_post>(ctorm::col<&Post::title> == std::string("Hello"));
    CHECK(hello_likes.count() == 1);  // not the like of post 999, nor those of the video with key 1
    auto counted = db.select<Like>().order_by(ctorm::asc<&Like::id>).with_count<on_post>();
    auto rows = std::move(counted).all();
    CHECK(rows[0].count<on_post>() == 1 && rows[1].count<on_post>() == 0);
    auto titles = db.select(ctorm::col<&Like::id>, ctorm::col<&Post::title>).join<on_post>();
    CHECK(titles.count() == 1);

    auto loaded = db.select<Like>().order_by(ctorm::asc<&Like::id>).with<on_post>().all();
    const std::optional<Post>& liked = loaded[0].get<on_post>();
    CHECK(liked && liked->title == "Hello");
    CHECK(!loaded[1].get<on_post>());  // a like of a video
    CHECK(db.related<on_post>(loaded[0].row).count() == 1);

    // The whole MorphTo: a like of an existing row of any target, or of none.
    auto existing = db.select<Like>().where_has<target>();
    CHECK(existing.count() == 3);
    CHECK(db.select<Like>().where_doesnt_have<target>().count() == 2);  // post 999, and a user
    // [morph-as-end]
    docs::print_block("morph-as-where-has", decltype(hello_likes)::sql);
    docs::print_block("morph-as-count", decltype(counted)::sql);
    docs::print_block("morph-to-where-has", decltype(existing)::sql);
  }
  {
    // [retarget]
    Like moved = *db.get<Like>(a.id);
    moved.target_type = "videos";  // the new target's table name
    moved.target_id = video.id;
    CHECK(db.update(moved));
    CHECK(db.related<likes>(video).count() == 3);
    // [retarget-end]
  }
  {
    // [many-use]
    ctorm::Database<Tagged> tdb{":memory:"};
    tdb.create_all();
    Post hello{.id = 0, .title = "Hello"};
    Video clip{.id = 0, .url = "clip.mp4"};
    hello.id = tdb.insert(hello);
    clip.id = tdb.insert(clip);
    Tag cpp = tdb.create<tags>(hello, Tag{.id = 0, .name = "cpp"},
                               Taggable{.tag_id = 0, .taggable_type = "", .taggable_id = 0, .position = 1});
    tdb.attach<tags>(clip, cpp);  // the junction row says "videos"

    auto loaded = tdb.select<Tag>().with<tagged_posts, tagged_videos>().all();  // one query each
    CHECK(loaded[0].get<tagged_posts>().size() == 1 && loaded[0].get<tagged_videos>().size() == 1);
    CHECK(loaded[0].get<tagged_posts>()[0].pivot.position == 1);
    CHECK(tdb.related<tags>(clip).count() == 1);
    CHECK(tdb.select<Tag>().where_has<tagged_videos>().count() == 1);
    CHECK(tdb.detach<tags>(hello) == 1);  // the video keeps its tag
    CHECK(tdb.related<tagged_videos>(cpp).count() == 1);
    // [many-use-end]
    docs::print_block("many-eager", ctorm::static_text<ctorm::detail::eager_gen<
                                        Tagged, Tag, tagged_videos, ctorm::detail::load_constraint<>,
                                        ctorm::sqlite_dialect>>);
  }
  return 0;
}
