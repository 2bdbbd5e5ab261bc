// A program outside ctorm's tree: it sees only what an installed or vendored ctorm exports.
#include <ctorm/ctorm.hpp>

#include <cstdint>
#include <iostream>
#include <string>

struct Author {
  std::int64_t id{};
  std::string name{};
};

struct Book {
  std::int64_t id{};
  std::int64_t author_id{};
  std::string title{};
};

using written_by = ctorm::BelongsTo<Author, &Book::author_id, ctorm::OnDelete::Cascade>;
using books = ctorm::HasMany<Book, &Book::author_id>;
using Library = ctorm::Schema<ctorm::Table<Author, books>, ctorm::Table<Book, written_by>>;
static_assert(ctorm::valid<Library>);

int main() {
  ctorm::Database<Library> db{":memory:"};
  db.create_all();
  const auto ursula = db.insert(Author{.name = "Ursula"});
  db.insert(Book{.author_id = ursula, .title = "The Dispossessed"});
  for (const auto& book : db.select<Book>().with<written_by>().all()) {
    std::cout << book->title << " by " << book.get<written_by>().name << '\n';
  }
}
