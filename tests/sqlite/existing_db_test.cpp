// Mapping tables that ctorm did not create: not STRICT, other declared types, other names.
#include <catch2/catch.hpp>

#include <ctorm/ctorm.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "sqlite_helpers.hpp"

namespace legacy {
struct Customer {
  std::int32_t id{};
  std::string name{};
  std::optional<std::string> city{};
  double credit{};
  bool active{};
};
struct OrderLine {
  std::int64_t order_no{};
  std::int64_t line{};
  std::string sku{};
  std::int64_t quantity{};
};
using Schema = ctorm::Schema<
    ctorm::Table<Customer, ctorm::Name<"Customer">, ctorm::Column<&Customer::id, "CustomerId">,
                 ctorm::Column<&Customer::name, "CompanyName">, ctorm::Column<&Customer::city, "City">,
                 ctorm::Column<&Customer::credit, "CreditLimit">, ctorm::Column<&Customer::active, "IsActive">>,
    ctorm::Table<OrderLine, ctorm::Name<"order lines">,
                 ctorm::PrimaryKey<&OrderLine::order_no, &OrderLine::line>>>;
using Db = ctorm::Database<Schema>;

void create_legacy(const std::string& path) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  test::exec(raw, R"(
    CREATE TABLE Customer (
      CustomerId INTEGER PRIMARY KEY AUTOINCREMENT,
      CompanyName NVARCHAR(40) NOT NULL,
      City NVARCHAR(15),
      CreditLimit NUMERIC(10,2) NOT NULL DEFAULT 0,
      IsActive BOOLEAN NOT NULL DEFAULT 1);
    INSERT INTO Customer (CompanyName, City, CreditLimit) VALUES ('Alfreds', 'Berlin', 1500.50);
    INSERT INTO Customer (CompanyName, City, CreditLimit) VALUES ('Around the Horn', NULL, 3000);
    CREATE TABLE "order lines" (order_no INT, line INT, sku VARCHAR(12), quantity SMALLINT,
                                PRIMARY KEY (order_no, line));
    INSERT INTO "order lines" VALUES (1, 1, 'A-1', 2), (1, 2, 'B-7', '5');
  )");
  sqlite3_close(raw);
}
}  // namespace legacy

using namespace legacy;

TEST_CASE("ctorm opens a database it did not create and maps its tables as they are", "[existing]") {
  test::temp_file file{"legacy.db"};
  create_legacy(file.path);
  Db db{file.path};  // no create_all

  const auto alfreds = db.get<Customer>(1).value();
  CHECK(alfreds.name == "Alfreds");
  CHECK(alfreds.city == "Berlin");
  CHECK(alfreds.credit == 1500.50);
  CHECK(alfreds.active);
  // NUMERIC affinity stored 3000 as INTEGER; a double holds it exactly.
  CHECK(test::scalar(db.native_handle(), "SELECT typeof(CreditLimit) FROM Customer WHERE CustomerId = 2") ==
        "integer");
  const auto horn = db.get<Customer>(2).value();
  CHECK(horn.credit == 3000.0);
  CHECK_FALSE(horn.city.has_value());

  // INT affinity turned the text '5' into the integer 5.
  CHECK(db.get<OrderLine>(1, 2)->quantity == 5);
  CHECK(db.all<OrderLine>().size() == 2);
}

TEST_CASE("writes to a mapped table use its names", "[existing]") {
  test::temp_file file{"legacy_write.db"};
  create_legacy(file.path);
  Db db{file.path};
  const auto id = db.insert(Customer{.name = "Berglunds", .city = "Luleå", .credit = 12.25, .active = false});
  CHECK(id == 3);
  CHECK(test::rows(db.native_handle(), "SELECT CompanyName, City, CreditLimit, IsActive FROM Customer WHERE CustomerId = 3") ==
        std::vector<std::vector<std::string>>{{"Berglunds", "Luleå", "12.25", "0"}});
  auto c = *db.get<Customer>(id);
  c.credit = 99;
  CHECK(db.update(c));
  CHECK(db.get<Customer>(id)->credit == 99.0);
  db.insert(OrderLine{2, 1, "C-3", 1});
  CHECK(db.remove<OrderLine>(1, 1));
  CHECK(db.count<OrderLine>() == 2);
  // create_all leaves existing tables alone.
  db.create_all();
  CHECK(db.count<Customer>() == 3);
  CHECK(test::scalar(db.native_handle(), "SELECT strict FROM pragma_table_list WHERE name = 'Customer'") == "0");
}

TEST_CASE("a value an existing table holds that the member cannot is an error, not a guess", "[existing]") {
  test::temp_file file{"legacy_bad.db"};
  create_legacy(file.path);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(file.path.c_str(), &raw) == SQLITE_OK);
  test::exec(raw, "INSERT INTO Customer (CompanyName, CreditLimit) VALUES ('Cactus', 'a lot')");
  sqlite3_close(raw);
  Db db{file.path};
  REQUIRE_THROWS_WITH(db.get<Customer>(3),
                      "ctorm: Customer.CreditLimit, row 1: TEXT cannot be read into a floating-point member");
  REQUIRE_THROWS_AS(db.all<Customer>(), ctorm::conversion_error);
  CHECK(db.count<Customer>() == 3);
}
