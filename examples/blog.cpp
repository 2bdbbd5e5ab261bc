// The blog example: a schema of plain structs, a SQLite file, and typed reads and writes.
//
//   blog FILE [--fresh]
//
// Creates the schema if needed, writes a few rows, reads them back, lets the foreign keys act,
// and prints what it did. Run it twice on the same file: the second run finds the first run's data.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "blog_schema.hpp"

int main(int argc, char** argv) {
  using namespace blog;
  if (argc < 2) {
    std::cerr << "usage: blog FILE [--fresh]\n";
    return 2;
  }
  const std::string path = argv[1];
  if (argc > 2 && std::string_view(argv[2]) == "--fresh") {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }

  try {
    ctorm::Database<Schema> db{path};
    db.create_all();
    std::cout << "opened " << path << " with " << db.count<User>() << " users and "
              << db.count<Post>() << " posts\n";

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
                            .created_at = std::chrono::floor<std::chrono::seconds>(
                                std::chrono::system_clock::now())});
      std::int64_t position = 0;
      for (const char* name : {"c++", "sqlite"}) {
        auto tag = db.insert(Tag{.name = name + std::string("-") + std::to_string(post)});
        db.insert(PostTag{.post_id = post, .tag_id = tag, .position = position++});
      }
      const auto first = db.insert(Comment{.post_id = post, .text = "Nice!"});
      db.insert(Comment{.post_id = post, .parent_id = first, .text = "Thanks."});
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

    // Foreign keys act as declared: deleting a user deletes their posts (CASCADE), and with
    // them the posts' tags links and comments; posts they reviewed keep a NULL reviewer.
    const auto bob = db.insert(User{.email = "bob" + std::to_string(post) + "@example.org"});
    auto reviewed = db.get<Post>(post).value();
    reviewed.reviewer_id = bob;
    db.update(reviewed);
    const auto doomed = db.insert(Post{.author_id = bob, .title = "Short-lived", .body = "..."});
    db.insert(Comment{.post_id = doomed, .text = "First!"});
    db.remove<User>(bob);
    std::cout << "deleted user " << bob << ": their post " << doomed
              << (db.get<Post>(doomed) ? " survived" : " went with them")
              << ", and post " << post << " now has "
              << (db.get<Post>(post)->reviewer_id ? "a reviewer" : "no reviewer") << "\n";

    // Typed queries: the SQL is a compile-time constant, the values are bound.
    using ctorm::col;
    const auto popular = db.select<Post>()
                             .where(col<&Post::status> == Status::published)
                             .where_has<comments>(ctorm::at_least(2))
                             .with_count<comments>()
                             .order_by(ctorm::desc<&Post::id>)
                             .limit(5)
                             .all();
    for (const auto& p : popular)
      std::cout << "post " << p->id << " \"" << p->title << "\" has " << p.count<comments>() << " comments\n";
    const auto tagged = db.select(col<&Post::title>, col<&Tag::name>, col<&PostTag::position>)
                            .join<tags>()
                            .where(col<&Post::id> == post)
                            .order_by(ctorm::asc<&PostTag::position>)
                            .all();
    std::cout << "post " << post << " is tagged";
    for (const auto& [title, tag, position] : tagged) std::cout << " " << position << ":" << tag;
    std::cout << "\n";
    const auto renamed = db.update<Tag>().set(col<&Tag::name> = "cpp-" + std::to_string(post)).where(col<&Tag::name> == "c++-" + std::to_string(post));
    std::cout << "renamed " << renamed.rows << " tag with: " << decltype(renamed)::sql << "\n";

    // Relations loaded with the rows: one query per relation and level, never one per row.
    const auto before = db.statements_run();
    const auto shown = db.select<Post>()
                           .where(col<&Post::id> == post)
                           .with<author, tags, ctorm::Nested<comments, parent>, likes>()
                           .one();
    std::cout << "post " << shown->id << " by " << shown.get<author>().email << ":";
    for (const auto& t : shown.get<tags>()) std::cout << " #" << t->name << "@" << t.pivot.position;
    for (const auto& c : shown.get<comments>())
      std::cout << " [" << c->text << (c.get<parent>() ? " (reply)" : "") << "]";
    std::cout << ", " << shown.get<likes>().size() << " like(s); loaded with "
              << db.statements_run() - before << " statements\n";

    // Writing through relations: foreign keys and junction rows are set by ctorm.
    auto extra = db.create<comments>(shown.row, Comment{.text = "Written through the relation."});
    const auto synced = db.sync<tags>(shown.row, std::vector<std::int64_t>{});
    std::cout << "comment " << extra.id << " joined post " << extra.post_id << "; sync removed "
              << synced.detached.size() << " tag link(s)\n";

    std::cout << "users:\n";
    for (const User& u : db.all<User>())
      std::cout << "  " << u.id << " " << u.email << " " << u.name.value_or("(no name)") << "\n";
    std::cout << "now " << db.count<User>() << " users, " << db.count<Post>() << " posts, "
              << db.count<Tag>() << " tags, " << db.count<Comment>() << " comments, "
              << db.count<Like>() << " likes; "
              << db.statements_run() << " statements run\n";
  } catch (const ctorm::error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
