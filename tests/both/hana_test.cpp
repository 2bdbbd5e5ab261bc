// Tables from types described with Boost.Hana, end to end on every backend: a class with a
// constructor and an invariant, structs of another namespace adapted from outside, and structs
// declared inside a function.
#include <catch2/catch.hpp>

#include <ctorm/hana.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "backends.hpp"

namespace both_hana {
class Author {
 public:
  Author() = default;
  explicit Author(std::string author_name) : name(std::move(author_name)) {
    if (name.empty()) throw std::invalid_argument("an author has a name");
  }
  BOOST_HANA_DEFINE_STRUCT(Author, (std::int64_t, id), (std::string, name), (std::optional<std::string>, bio));
  int times_read = 0;  // in memory only
};
class Book {
 public:
  Book() = default;
  Book(std::int64_t author, std::string book_title) : author_id(author), title(std::move(book_title)) {}
  BOOST_HANA_DEFINE_STRUCT(Book, (std::int64_t, id), (std::int64_t, author_id), (std::string, title));
};
using books = ctorm::HasMany<Book, &Book::author_id>;
using Library = ctorm::Schema<ctorm::Table<Author, books>,
                              ctorm::Table<Book, ctorm::BelongsTo<Author, &Book::author_id, ctorm::OnDelete::Cascade>>>;
}  // namespace both_hana

namespace both_vendor {
struct Customer {
  std::int64_t id;
  std::string email;
};
}  // namespace both_vendor
BOOST_HANA_ADAPT_STRUCT(both_vendor::Customer, id, email);

using ctorm::col;

TEMPLATE_TEST_CASE("described and adapted types are tables like aggregates", "[both][hana]", test::on_sqlite,
                   test::on_postgresql) {
  using namespace both_hana;
  auto db = TestType::template open<Library>();
  db.create_all();
  Author ann("Ann Lee");
  ann.id = db.insert(ann);
  db.template create<books>(ann, Book(0, "First"));
  db.template create<books>(ann, Book(0, "Second"));
  auto got = db.template get<Author>(ann.id);
  REQUIRE(got);
  CHECK(got->name == "Ann Lee");
  CHECK(got->bio == std::nullopt);
  got->bio = "writes";
  CHECK(db.update(*got));
  const auto loaded = db.template select<Author>().template with<books>().all();
  REQUIRE(loaded.size() == 1);
  CHECK(loaded[0]->bio == "writes");
  CHECK(loaded[0].template get<books>().size() == 2);
  CHECK(db.template related<books>(ann).where(col<&Book::title> == "Second").count() == 1);
  CHECK(db.template remove<Author>(ann.id));
  CHECK(db.template count<Book>() == 0);  // ON DELETE CASCADE

  using Shop = ctorm::Schema<ctorm::Table<both_vendor::Customer, ctorm::Unique<&both_vendor::Customer::email>>>;
  auto shop = TestType::template open<Shop>();
  shop.create_all();
  const auto id = shop.insert(both_vendor::Customer{0, "c@example.org"});
  CHECK(shop.template get<both_vendor::Customer>(id)->email == "c@example.org");
  CHECK_THROWS_AS(shop.insert(both_vendor::Customer{0, "c@example.org"}), ctorm::constraint_error);

  // Declared inside this function: only a Hana description can name its members.
  struct Note {
    BOOST_HANA_DEFINE_STRUCT(Note, (std::int64_t, id), (std::string, text));
  };
  using Notes = ctorm::Schema<ctorm::Table<Note>>;
  auto notes = TestType::template open<Notes>();
  notes.create_all();
  Note n;
  n.text = "local";
  n.id = notes.insert(n);
  CHECK(notes.template select<Note>().where(col<&Note::text> == "local").one().id == n.id);
}
