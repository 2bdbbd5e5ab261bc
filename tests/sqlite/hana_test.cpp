// Tables from types described with Boost.Hana (<ctorm/hana.hpp>), end to end against SQLite:
// a class with constructors and an invariant, structs of another namespace adapted from outside,
// and structs declared inside a function. Each kind goes through create_all, insert, get,
// update, remove, a query, an eager load and a write through a relation.

#include <catch2/catch.hpp>

#include <ctorm/ctorm.hpp>
#include <ctorm/hana.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sqlite_helpers.hpp"

namespace hana_test {

using Rows = std::vector<std::vector<std::string>>;
using ctorm::asc;
using ctorm::col;
using ctorm::desc;

// ---- Classes with constructors and an invariant; members that are not columns. ----

class Author {
 public:
  Author() = default;
  explicit Author(std::string author_name) : name(std::move(author_name)) {
    if (name.empty()) throw std::invalid_argument("an author has a name");
  }

  BOOST_HANA_DEFINE_STRUCT(Author,
    (std::int64_t, id),
    (std::string, name),
    (std::optional<std::string>, bio)
  );

  /// Computed from the columns; not one of them.
  std::size_t initials() const { return name.empty() ? 0 : 1 + static_cast<std::size_t>(name.find(' ') != std::string::npos); }
};

class Book {
 public:
  Book() = default;
  static Book of(std::int64_t author, std::string book_title, std::int64_t page_count) {
    if (book_title.empty() || page_count <= 0) throw std::invalid_argument("a book has a title and pages");
    Book b;
    b.author_id = author;
    b.title = std::move(book_title);
    b.pages = page_count;
    return b;
  }

  BOOST_HANA_DEFINE_STRUCT(Book, (std::int64_t, id), (std::int64_t, author_id), (std::string, title),
                           (std::int64_t, pages));

  int times_opened = 0;  // in memory only
};

class Genre {
 public:
  Genre() = default;
  explicit Genre(std::string genre_name) : name(std::move(genre_name)) {}
  BOOST_HANA_DEFINE_STRUCT(Genre, (std::int64_t, id), (std::string, name));
};

/// A projection into a described struct.
struct Shelf {
  BOOST_HANA_DEFINE_STRUCT(Shelf, (std::int64_t, author_id), (std::int64_t, books));
};

using author = ctorm::BelongsTo<Author, &Book::author_id, ctorm::OnDelete::Cascade>;
using books = ctorm::HasMany<Book, &Book::author_id>;
using genres = ctorm::ManyToMany<Genre>;  // a join table ctorm owns

using Library = ctorm::Schema<ctorm::Table<Author, books>, ctorm::Table<Book, author, genres>,
                              ctorm::Table<Genre, ctorm::Unique<&Genre::name>>>;
static_assert(ctorm::valid<Library>);

}  // namespace hana_test

// ---- Structs of a library that cannot change, adapted from outside. ----

namespace vendor {
struct Customer {
  std::int64_t id;
  std::string email;
  std::int64_t cached_score;  // left out of the description: not a column
};
struct Order {
  std::int64_t id;
  std::optional<std::int64_t> customer_id;
  double total;
  std::optional<std::string> note;
};
}  // namespace vendor

BOOST_HANA_ADAPT_STRUCT(vendor::Customer, id, email);
BOOST_HANA_ADAPT_STRUCT(vendor::Order, id, customer_id, total, note);

namespace hana_test {

using customer = ctorm::BelongsTo<vendor::Customer, &vendor::Order::customer_id, ctorm::OnDelete::SetNull>;
using orders = ctorm::HasMany<vendor::Order, &vendor::Order::customer_id>;
using Shop = ctorm::Schema<ctorm::Table<vendor::Customer, orders, ctorm::Unique<&vendor::Customer::email>>,
                           ctorm::Table<vendor::Order, customer>>;

TEST_CASE("a described class: the description gives the columns", "[hana]") {
  using Tb = ctorm::table_of<Library, Book>;
  STATIC_REQUIRE(Tb::name == "books");
  STATIC_REQUIRE(Tb::column_count == 4);
  STATIC_REQUIRE(Tb::columns[2] == "title");
  STATIC_REQUIRE(ctorm::member_index<&Book::pages> == 3);
  STATIC_REQUIRE(ctorm::member_name<&Book::author_id> == "author_id");
  STATIC_REQUIRE(Tb::has_rowid_key);
  STATIC_REQUIRE(ctorm::sql::insert<Tb> == R"(INSERT INTO "books" ("author_id", "title", "pages") VALUES (?1, ?2, ?3))");
  // An aggregate described from outside is read from the description, not by Boost.PFR.
  STATIC_REQUIRE(ctorm::table_of<Shop, vendor::Customer>::column_count == 2);
}

TEST_CASE("a described class with constructors, end to end", "[hana]") {
  ctorm::Database<Library> db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();
  CHECK(test::scalar(raw, "SELECT sql FROM sqlite_schema WHERE name = 'books'") ==
        R"(CREATE TABLE "books" ("id" INTEGER PRIMARY KEY, "author_id" INTEGER NOT NULL, "title" TEXT NOT NULL, "pages" INTEGER NOT NULL, FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE) STRICT)");

  // insert, get, update, remove
  const auto ann_id = db.insert(Author{"Ann Smith"});
  const auto bob_id = db.insert(Author{"Bob"});
  CHECK_THROWS_AS(Author{""}, std::invalid_argument);
  CHECK_THROWS_AS(Book::of(ann_id, "", 1), std::invalid_argument);
  std::optional<Author> ann = db.get<Author>(ann_id);
  REQUIRE(ann);
  CHECK(ann->id == ann_id);
  CHECK(ann->name == "Ann Smith");
  CHECK_FALSE(ann->bio);
  CHECK(ann->initials() == 2);
  ann->bio = "writes";
  CHECK(db.update(*ann));
  CHECK(db.get<Author>(ann_id)->bio == std::optional<std::string>("writes"));

  const auto b1 = db.insert(Book::of(ann_id, "Short", 90));
  const auto b2 = db.insert(Book::of(ann_id, "Long", 900));
  const auto b3 = db.insert(Book::of(bob_id, "Longer", 1200));
  CHECK(db.get<Book>(b2)->times_opened == 0);

  // a query with a condition and an order
  const auto long_books = db.select<Book>().where(col<&Book::pages> > 100).order_by(desc<&Book::pages>).all();
  REQUIRE(long_books.size() == 2);
  CHECK(long_books[0].title == "Longer");
  CHECK(long_books[1].id == b2);

  // a projection into a described struct
  const auto shelves = db.select_as<Shelf>(col<&Book::author_id>, ctorm::count())
                           .group_by(col<&Book::author_id>)
                           .order_by(asc<&Book::author_id>)
                           .all();
  REQUIRE(shelves.size() == 2);
  CHECK((shelves[0].author_id == ann_id && shelves[0].books == 2));
  CHECK((shelves[1].author_id == bob_id && shelves[1].books == 1));

  // writes through relations: create, attach
  const Author bob = *db.get<Author>(bob_id);
  const Book made = db.create<books>(bob, Book::of(0, "Made", 10));
  CHECK(made.author_id == bob_id);
  CHECK(test::scalar(raw, "SELECT author_id FROM books WHERE id = " + std::to_string(made.id)) == std::to_string(bob_id));
  const Genre crime{"crime"};
  const auto crime_id = db.insert(crime);
  const auto poetry_id = db.insert(Genre{"poetry"});
  db.attach<genres>(*db.get<Book>(b1), crime_id);
  db.attach<genres>(*db.get<Book>(b1), *db.get<Genre>(poetry_id));
  db.attach<genres>(made, crime_id);

  // eager loads: BelongsTo, HasMany, ManyToMany
  const auto loaded = db.select<Book>().order_by(asc<&Book::id>).with<author, genres>().all();
  REQUIRE(loaded.size() == 4);
  CHECK(loaded[0]->title == "Short");
  CHECK(loaded[0].get<author>().name == "Ann Smith");
  CHECK(loaded[0].get<genres>().size() == 2);
  CHECK(loaded[2].get<author>().id == bob_id);
  CHECK(loaded[3].get<genres>().at(0).name == "crime");
  const auto authors = db.select<Author>().where(col<&Author::id> == bob_id).with<books>().one();
  CHECK(authors.get<books>().size() == 2);

  CHECK(db.remove<Author>(bob_id));
  CHECK_FALSE(db.get<Author>(bob_id));
  CHECK_FALSE(db.get<Book>(b3));  // ON DELETE CASCADE
  CHECK(db.count<Book>() == 2);
}

TEST_CASE("structs of another namespace, adapted, end to end", "[hana]") {
  ctorm::Database<Shop> db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();
  CHECK(test::rows(raw, "SELECT name FROM pragma_table_info('customers') ORDER BY cid") == Rows{{"id"}, {"email"}});

  const auto ann = db.insert(vendor::Customer{0, "ann@example.org", 99});
  const auto bob = db.insert(vendor::Customer{0, "bob@example.org", 7});
  const auto got = db.get<vendor::Customer>(ann);
  REQUIRE(got);
  CHECK(got->email == "ann@example.org");
  CHECK(got->cached_score == 0);  // not stored: value-initialised
  vendor::Customer changed = *got;
  changed.email = "ann@example.com";
  CHECK(db.update(changed));
  CHECK(db.get<vendor::Customer>(ann)->email == "ann@example.com");

  db.insert(vendor::Order{0, ann, 12.5, std::nullopt});
  db.insert(vendor::Order{0, ann, 80.0, "gift"});
  db.insert(vendor::Order{0, std::nullopt, 3.0, std::nullopt});

  const auto big = db.select<vendor::Order>()
                       .where(col<&vendor::Order::total> >= 10.0 && col<&vendor::Order::customer_id>.is_not_null())
                       .order_by(desc<&vendor::Order::total>)
                       .all();
  REQUIRE(big.size() == 2);
  CHECK(big[0].note == std::optional<std::string>("gift"));
  CHECK(big[1].total == 12.5);

  // writes through relations: create, associate, dissociate
  vendor::Order made = db.create<orders>(*db.get<vendor::Customer>(bob), vendor::Order{0, std::nullopt, 5.0, "new"});
  CHECK(made.customer_id == std::optional<std::int64_t>(bob));
  CHECK(db.associate<customer>(made, *db.get<vendor::Customer>(ann)));
  CHECK(test::scalar(raw, "SELECT customer_id FROM orders WHERE id = " + std::to_string(made.id)) == std::to_string(ann));
  CHECK(db.dissociate<customer>(made));
  CHECK(test::scalar(raw, "SELECT customer_id FROM orders WHERE id = " + std::to_string(made.id)) == "NULL");

  const auto customers = db.select<vendor::Customer>().order_by(asc<&vendor::Customer::id>).with<orders>().all();
  REQUIRE(customers.size() == 2);
  CHECK(customers[0].get<orders>().size() == 2);
  CHECK(customers[1].get<orders>().empty());
  const auto with_customer = db.select<vendor::Order>().order_by(asc<&vendor::Order::id>).with<customer>().all();
  CHECK(with_customer[0].get<customer>()->email == "ann@example.com");
  CHECK_FALSE(with_customer[2].get<customer>());

  CHECK(db.remove<vendor::Customer>(ann));
  CHECK(test::scalar(raw, "SELECT count(*) FROM orders WHERE customer_id IS NULL") == "4");  // ON DELETE SET NULL
}

TEST_CASE("structs declared inside a function, end to end", "[hana]") {
  struct Folder {
    BOOST_HANA_DEFINE_STRUCT(Folder, (std::int64_t, id), (std::string, name));
  };
  struct File {
    BOOST_HANA_DEFINE_STRUCT(File,
      (std::int64_t, id),
      (std::optional<std::int64_t>, folder_id),
      (std::string, path),
      (std::int64_t, size)
    );
  };
  struct Label {
    BOOST_HANA_DEFINE_STRUCT(Label, (std::int64_t, id), (std::string, text));
  };
  struct FileLabel {
    BOOST_HANA_DEFINE_STRUCT(FileLabel, (std::int64_t, file_id), (std::int64_t, label_id), (std::int64_t, position));
  };
  using folder = ctorm::BelongsTo<Folder, &File::folder_id, ctorm::OnDelete::SetNull>;
  using files = ctorm::HasMany<File, &File::folder_id>;
  using labels = ctorm::ManyToMany<Label, FileLabel>;
  using Disk = ctorm::Schema<
      ctorm::Table<Folder, files>, ctorm::Table<File, folder, labels, ctorm::Index<&File::path>>,
      ctorm::Table<Label>,
      ctorm::Table<FileLabel, ctorm::PrimaryKey<&FileLabel::file_id, &FileLabel::label_id>,
                   ctorm::BelongsTo<File, &FileLabel::file_id, ctorm::OnDelete::Cascade>,
                   ctorm::BelongsTo<Label, &FileLabel::label_id, ctorm::OnDelete::Cascade>>>;
  STATIC_REQUIRE(ctorm::valid<Disk>);
  STATIC_REQUIRE(ctorm::table_of<Disk, FileLabel>::name == "file_labels");
  STATIC_REQUIRE(ctorm::member_index<&FileLabel::position> == 2);

  ctorm::Database<Disk> db{":memory:"};
  db.create_all();
  sqlite3* raw = db.native_handle();
  CHECK(test::scalar(raw, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") == "4");

  const auto docs = db.insert(Folder{.id = 0, .name = "docs"});
  const auto a = db.insert(File{.id = 0, .folder_id = docs, .path = "docs/a.md", .size = 10});
  const auto b = db.insert(File{.id = 0, .folder_id = docs, .path = "docs/b.md", .size = 300});
  const auto loose = db.insert(File{.id = 0, .folder_id = std::nullopt, .path = "loose.txt", .size = 5});
  File fb = *db.get<File>(b);
  CHECK(fb.path == "docs/b.md");
  fb.size = 301;
  CHECK(db.update(fb));
  CHECK(db.get<File>(b)->size == 301);

  const auto small = db.select<File>().where(col<&File::size> < 100).order_by(desc<&File::path>).all();
  REQUIRE(small.size() == 2);
  CHECK(small[0].id == loose);
  CHECK(small[1].id == a);

  // writes through relations: create, attach with pivot data
  const File made = db.create<files>(*db.get<Folder>(docs), File{.id = 0, .folder_id = std::nullopt, .path = "docs/c.md", .size = 1});
  CHECK(made.folder_id == std::optional<std::int64_t>(docs));
  const auto draft = db.insert(Label{.id = 0, .text = "draft"});
  const auto done = db.insert(Label{.id = 0, .text = "done"});
  db.attach<labels>(*db.get<File>(a), draft, FileLabel{.file_id = 0, .label_id = 0, .position = 2});
  db.attach<labels>(*db.get<File>(a), *db.get<Label>(done), FileLabel{.file_id = 0, .label_id = 0, .position = 1});
  CHECK(test::rows(raw, "SELECT file_id, label_id, position FROM file_labels ORDER BY label_id") ==
        Rows{{std::to_string(a), std::to_string(draft), "2"}, {std::to_string(a), std::to_string(done), "1"}});

  const auto listed = db.select<Folder>().with<ctorm::Nested<files, labels>>().all();
  REQUIRE(listed.size() == 1);
  const auto& in_docs = listed[0].get<files>();
  REQUIRE(in_docs.size() == 3);
  CHECK(in_docs[0]->path == "docs/a.md");
  REQUIRE(in_docs[0].get<labels>().size() == 2);
  CHECK(in_docs[0].get<labels>()[0].pivot.position + in_docs[0].get<labels>()[1].pivot.position == 3);
  CHECK(in_docs[1].get<labels>().empty());
  const auto with_folder = db.select<File>().where(col<&File::id> == loose).with<folder>().one();
  CHECK_FALSE(with_folder.get<folder>());

  CHECK(db.detach<labels>(*db.get<File>(a)) == 2);
  CHECK(db.remove<Folder>(docs));
  CHECK(test::scalar(raw, "SELECT count(*) FROM files WHERE folder_id IS NULL") == "4");
}

}  // namespace hana_test
