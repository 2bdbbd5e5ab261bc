// The blog program's scripted run of the whole API (`blog FILE`, `blog FILE demo [--fresh]`),
// and the sample rows of `blog FILE init --demo`.
//
// The run brings the schema up to date, writes a few rows, reads them back, lets the foreign
// keys act, and prints what it did. Run it twice on the same file: the second run finds the
// first run's data.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "blog_cli.hpp"

namespace blog::BLOG_BACKEND {
namespace {

std::chrono::sys_seconds now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

/// A server's database holds more than the blog: --fresh drops only the blog's own tables.
[[maybe_unused]] void drop_blog_tables(ctorm::Database<Schema, ctorm::postgresql>& db) {
  PGresult* r = PQexec(db.native_handle(), "DROP TABLE IF EXISTS likes, comments, post_tags, tags, posts, users CASCADE");
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  PQclear(r);
  if (!ok) throw failure("cannot drop the blog's tables for --fresh");
}
[[maybe_unused]] void drop_blog_tables(ctorm::Database<Schema>&) {}

}  // namespace

void seed(Db& db) {
  auto tx = db.transaction();
  const auto user = [&](const char* email, std::optional<std::string> name) {
    User u{.email = email, .name = std::move(name)};
    u.id = db.insert(u);
    return u;
  };
  const auto ann = user("ann@example.org", "Ann");
  const auto bob = user("bob@example.org", "Bob");
  const auto cy = user("cy@example.org", std::nullopt);

  const auto post = [&](const User& by, const char* title, const char* body, Status status) {
    return db.create<posts>(by, Post{.title = title, .body = body, .status = status, .created_at = now()});
  };
  const auto sql = post(ann, "Compile-time SQL", "Every statement is a constant.", Status::published);
  const auto types = post(ann, "Relations as types", "The compiler checks every foreign key.", Status::published);
  const auto wal = post(bob, "Notes on WAL", "Readers and one writer at once.", Status::draft);

  std::int64_t cpp = db.insert(Tag{.name = "c++"}), sqlite = db.insert(Tag{.name = "sqlite"}),
               orm = db.insert(Tag{.name = "orm"});
  db.attach<tags>(sql, cpp, PostTag{.position = 0});
  db.attach<tags>(sql, sqlite, PostTag{.position = 1});
  db.attach<tags>(types, cpp, PostTag{.position = 0});
  db.attach<tags>(types, orm, PostTag{.position = 1});
  db.attach<tags>(wal, sqlite, PostTag{.position = 0});

  const auto say = [&](const Post& on, const User& by, const char* text, std::optional<std::int64_t> reply_to = {}) {
    return db.create<comments>(on, Comment{.author_id = by.id, .parent_id = reply_to, .text = text});
  };
  const auto nice = say(sql, bob, "Nice!");
  say(sql, ann, "Thanks.", nice.id);
  say(sql, cy, "Agreed.", nice.id);
  const auto question = say(sql, cy, "How fast is it?");
  say(sql, bob, "See the benchmarks.", question.id);
  say(types, cy, "Types everywhere!");

  db.create<likes>(sql, Like{.user_id = bob.id});
  db.create<likes>(sql, Like{.user_id = cy.id});
  db.create<likes>(types, Like{.user_id = ann.id});
  db.create<likes>(nice, Like{.user_id = ann.id});
  tx.commit();
}

int demo(const Args& args) {
  const std::string& path = args.file;
  const bool fresh = args.flag("--fresh");
  constexpr bool on_sqlite = std::is_same_v<Db::backend, ctorm::sqlite>;
  if (fresh && on_sqlite)
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  Db db{path};
  if (fresh && !on_sqlite) drop_blog_tables(db);
  // migrate() rather than create_all(): CREATE TABLE IF NOT EXISTS would leave a file made by
  // an older version of this program without the columns added since.
  const auto steps = db.migrate(ctorm::Permit{.rebuild = true}).steps;
  const bool only_created =
      std::all_of(steps.begin(), steps.end(), [](const auto& s) { return s.description.starts_with("create "); });
  if (only_created && !steps.empty()) {
    const auto tables = std::count_if(steps.begin(), steps.end(),
                                      [](const auto& s) { return s.description.starts_with("create table "); });
    std::cout << "created " << tables << " table(s) and " << std::ssize(steps) - tables << " index(es)\n";
  } else {
    for (const auto& step : steps) std::cout << "migrated: " << step.description << "\n";
  }
  std::cout << "opened " << args.name << " with " << db.count<User>() << " users and " << db.count<Post>() << " posts\n";

  // The key of an integer `id` is assigned by SQLite and returned.
  const std::string email = "ann" + std::to_string(db.count<User>() + 1) + "@example.org";
  const std::int64_t ann = db.insert(User{.email = email, .name = "Ann"});
  std::cout << "inserted user " << ann << " <" << email << ">\n";

  std::int64_t post = 0;
  {
    // All or nothing: the transaction rolls back unless committed.
    auto tx = db.transaction();
    post = db.insert(Post{.author_id = ann,
                          .title = "Compile-time SQL",
                          .body = "Every statement is a constant.",
                          .status = Status::draft,
                          .created_at = now()});
    std::int64_t position = 0;
    for (const char* name : {"c++", "sqlite"}) {
      auto tag = db.insert(Tag{.name = name + std::string("-") + std::to_string(post)});
      db.insert(PostTag{.post_id = post, .tag_id = tag, .position = position++});
    }
    const auto first = db.insert(Comment{.post_id = post, .author_id = ann, .text = "Nice!"});
    db.insert(Comment{.post_id = post, .author_id = ann, .parent_id = first, .text = "Thanks."});
    tx.commit();
  }
  std::cout << "inserted post " << post << " with 2 tags and 2 comments\n";

  auto p = db.get<Post>(post).value();
  p.status = Status::published;
  db.update(p);
  std::cout << "published post " << p.id << " \"" << p.title << "\"\n";

  try {
    db.insert(User{.email = email});
  } catch (const ctorm::constraint_error& e) {
    std::cout << "refused a duplicate email: " << e.engine_message() << "\n";
  }

  {
    auto tx = db.transaction();
    db.remove<Post>(post);
    std::cout << "deleted post " << post << " inside a transaction, then rolled back\n";
  }  // not committed: the post is still there
  std::cout << "post " << post << (db.get<Post>(post) ? " is still there" : " is gone") << "\n";

  // A like points at a post or a comment: the type column holds the target's table name.
  db.insert(Like{.user_id = ann, .target_type = "posts", .target_id = post});

  // Foreign keys act as declared: deleting a user deletes their posts (CASCADE), and with them
  // the posts' tag links and comments; posts they reviewed keep a NULL reviewer, and their
  // comments on other posts stay, without an author (SET NULL).
  const auto bob = db.insert(User{.email = "bob" + std::to_string(post) + "@example.org"});
  auto reviewed = db.get<Post>(post).value();
  reviewed.reviewer_id = bob;
  db.update(reviewed);
  const auto doomed = db.insert(Post{.author_id = bob, .title = "Short-lived", .body = "...", .created_at = now()});
  db.insert(Comment{.post_id = doomed, .author_id = bob, .text = "First!"});
  const auto remark = db.insert(Comment{.post_id = post, .author_id = bob, .text = "Good read."});
  db.remove<User>(bob);
  std::cout << "deleted user " << bob << ": their post " << doomed
            << (db.get<Post>(doomed) ? " survived" : " went with them") << ", post " << post << " now has "
            << (db.get<Post>(post)->reviewer_id ? "a reviewer" : "no reviewer") << ", their comment " << remark
            << (db.get<Comment>(remark)->author_id ? " still has an author" : " stays without an author") << "\n";

  // Typed queries: the SQL is a compile-time constant, the values are bound.
  using ctorm::col;
  const auto popular = db.select<Post>()
                           .where(col<&Post::status> == Status::published)
                           .where_has<comments>(ctorm::at_least(2))
                           .with_count<comments>()
                           .order_by(ctorm::desc<&Post::id>)
                           .limit(5)
                           .all();
  for (const auto& row : popular)
    std::cout << "post " << row->id << " \"" << row->title << "\" has " << row.count<comments>() << " comments\n";
  const auto tagged = db.select(col<&Post::title>, col<&Tag::name>, col<&PostTag::position>)
                          .join<tags>()
                          .where(col<&Post::id> == post)
                          .order_by(ctorm::asc<&PostTag::position>)
                          .all();
  std::cout << "post " << post << " is tagged";
  for (const auto& [title, tag, position] : tagged) std::cout << " " << position << ":" << tag;
  std::cout << "\n";
  const auto renamed = db.update<Tag>()
                           .set(col<&Tag::name> = "cpp-" + std::to_string(post))
                           .where(col<&Tag::name> == "c++-" + std::to_string(post));
  std::cout << "renamed " << renamed.rows << " tag with: " << decltype(renamed)::sql << "\n";

  // Relations loaded with the rows: one query per relation and level, never one per row.
  const auto before = db.statements_run();
  const auto shown = db.select<Post>()
                         .where(col<&Post::id> == post)
                         .with<author, tags, ctorm::Nested<comments, parent>, likes>()
                         .one();
  std::cout << "post " << shown->id << " by " << shown.get<author>().email << ":";
  for (const auto& t : shown.get<tags>()) std::cout << " #" << t->name << "@" << t.pivot.position;
  for (const auto& c : shown.get<comments>()) std::cout << " [" << c->text << (c.get<parent>() ? " (reply)" : "") << "]";
  std::cout << ", " << shown.get<likes>().size() << " like(s); loaded with " << db.statements_run() - before
            << " statements\n";

  // Writing through relations: foreign keys and junction rows are set by ctorm.
  auto extra = db.create<comments>(shown.row, Comment{.author_id = ann, .text = "Written through the relation."});
  const auto synced = db.sync<tags>(shown.row, std::vector<std::int64_t>{});
  std::cout << "comment " << extra.id << " joined post " << extra.post_id << "; sync removed "
            << synced.detached.size() << " tag link(s)\n";

  std::cout << "users:\n";
  for (const User& u : db.all<User>())
    std::cout << "  " << u.id << " " << u.email << " " << u.name.value_or("(no name)") << "\n";
  std::cout << "now " << db.count<User>() << " users, " << db.count<Post>() << " posts, " << db.count<Tag>()
            << " tags, " << db.count<Comment>() << " comments, " << db.count<Like>() << " likes; "
            << db.statements_run() << " statements run\n";
  return 0;
}

}  // namespace blog::BLOG_BACKEND
