// The blog example: a schema of plain structs, a SQLite file, and typed reads and writes.
//
//   blog FILE [--fresh]
//
// Creates the schema if needed, writes a few rows, reads them back and prints what it did.
// Run it twice on the same file: the second run finds the first run's data.

#include <ctorm/ctorm.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

namespace blog {

// [structs]
struct User {
  std::int64_t id{};
  std::string email{};
  std::optional<std::string> name{};
};

enum class Status : std::uint8_t { draft, published };

struct Post {
  std::int64_t id{};
  std::int64_t author_id{};
  std::string title{};
  std::string body{};
  Status status{};
  std::chrono::sys_seconds created_at{};
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
// [structs]

// [schema]
using Schema = ctorm::Schema<
    ctorm::Table<User, ctorm::Unique<&User::email>>,
    ctorm::Table<Post, ctorm::Index<&Post::author_id>>,
    ctorm::Table<Tag, ctorm::Unique<&Tag::name>>,
    ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                 ctorm::Index<&PostTag::tag_id>>,
    ctorm::Table<Comment, ctorm::Index<&Comment::post_id>, ctorm::Index<&Comment::parent_id>>>;
// [schema]

}  // namespace blog

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

    std::cout << "users:\n";
    for (const User& u : db.all<User>())
      std::cout << "  " << u.id << " " << u.email << " " << u.name.value_or("(no name)") << "\n";
    std::cout << "now " << db.count<User>() << " users, " << db.count<Post>() << " posts, "
              << db.count<Tag>() << " tags, " << db.count<Comment>() << " comments; "
              << db.statements_run() << " statements run\n";
  } catch (const ctorm::error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
