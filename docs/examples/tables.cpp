// The examples of docs/tables.md.
#include <ctorm/ctorm.hpp>
// [include]
#include <ctorm/hana.hpp>  // only where a type described with Boost.Hana is a table
// [include-end]

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "check.hpp"

namespace tables_guide {

// [aggregate]
struct Author {
  std::int64_t id{};
  std::string name{};
  std::optional<std::string> bio{};
};
// [aggregate-end]

// [described]
class Book {
 public:
  Book() = default;  // ctorm reads rows into a default-constructed Book
  Book(std::int64_t author, std::string book_title, std::int64_t page_count)
      : author_id(author), title(std::move(book_title)), pages(page_count) {
    if (pages <= 0) throw std::invalid_argument("a book has pages");
  }

  BOOST_HANA_DEFINE_STRUCT(Book,
    (std::int64_t, id),
    (std::int64_t, author_id),
    (std::string, title),
    (std::int64_t, pages)
  );

  bool is_long() const { return pages > 500; }

  int times_opened = 0;  // not described: not a column
};
// [described-end]

}  // namespace tables_guide

// [adapted]
namespace vendor_catalog {  // a library's struct, which cannot change
struct Review {
  std::int64_t id;
  std::int64_t book_id;
  std::int64_t stars;
  double cached_rank;  // left out of the description below: not a column
};
}  // namespace vendor_catalog

BOOST_HANA_ADAPT_STRUCT(vendor_catalog::Review, id, book_id, stars);
// [adapted-end]

namespace tables_guide {

// [schema]
using written_by = ctorm::BelongsTo<Author, &Book::author_id, ctorm::OnDelete::Cascade>;
using books = ctorm::HasMany<Book, &Book::author_id>;
using reviews = ctorm::HasMany<vendor_catalog::Review, &vendor_catalog::Review::book_id>;
using reviewed = ctorm::BelongsTo<Book, &vendor_catalog::Review::book_id, ctorm::OnDelete::Cascade>;

using Library = ctorm::Schema<ctorm::Table<Author, books>,
                              ctorm::Table<Book, written_by, reviews, ctorm::Index<&Book::title>>,
                              ctorm::Table<vendor_catalog::Review, reviewed>>;
static_assert(ctorm::valid<Library>);
// [schema-end]

}  // namespace tables_guide

int tables_example() {
  using namespace tables_guide;
  docs::print_block("ddl", docs::table_ddl(ctorm::sql::create_table<Library, Book>,
                                           ctorm::sql::create_indexes<Library, Book>));
  {
    // [use]
    ctorm::Database<Library> db{":memory:"};
    db.create_all();
    const auto ann = db.insert(Author{.id = 0, .name = "Ann", .bio = std::nullopt});
    const auto long_one = db.insert(Book{ann, "A long book", 900});
    db.insert(Book{ann, "A short one", 90});
    db.insert(vendor_catalog::Review{.id = 0, .book_id = long_one, .stars = 5, .cached_rank = 0.9});

    std::optional<Book> book = db.get<Book>(long_one);  // Book{}, then each described member
    CHECK(book && book->is_long() && book->times_opened == 0);

    auto loaded = db.select<Book>()
                      .where(ctorm::col<&Book::pages> > 100)
                      .with<written_by, reviews>()
                      .all();
    CHECK(loaded.size() == 1 && loaded[0].get<written_by>().name == "Ann");
    CHECK(loaded[0].get<reviews>().at(0).stars == 5);
    CHECK(loaded[0].get<reviews>().at(0).cached_rank == 0.0);  // not stored, value-initialised
    // [use-end]
  }
  {
    // [local]
    struct Visit {  // declared inside a function
      BOOST_HANA_DEFINE_STRUCT(Visit,
        (std::int64_t, id),
        (std::string, page),
        (std::int64_t, seconds)
      );
    };
    using Log = ctorm::Schema<ctorm::Table<Visit>>;

    ctorm::Database<Log> log{":memory:"};
    log.create_all();
    log.insert(Visit{.id = 0, .page = "/", .seconds = 12});
    log.insert(Visit{.id = 0, .page = "/about", .seconds = 3});
    auto slow = log.select<Visit>().where(ctorm::col<&Visit::seconds> > 10).all();
    CHECK(slow.size() == 1 && slow[0].page == "/");
    // [local-end]
  }
  return 0;
}
