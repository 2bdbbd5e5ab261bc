#include <catch2/catch.hpp>

#include <ctorm/reflect/naming.hpp>
#include <ctorm/schema/table.hpp>

#include <cstdint>

namespace naming {
struct Post { std::int64_t id{}; };
struct PostTag { std::int64_t id{}; };
struct Category { std::int64_t id{}; };
struct Day { std::int64_t id{}; };
struct Box { std::int64_t id{}; };
struct Address { std::int64_t id{}; };
struct Branch { std::int64_t id{}; };
struct Wish { std::int64_t id{}; };
struct HTTPRequest { std::int64_t id{}; };
struct Sha256Sum { std::int64_t id{}; };
struct Person { std::int64_t id{}; };
}  // namespace naming

TEST_CASE("default table names are plural snake_case", "[naming]") {
  using namespace naming;
  STATIC_REQUIRE(ctorm::default_table_name<Post> == "posts");
  STATIC_REQUIRE(ctorm::default_table_name<PostTag> == "post_tags");
  STATIC_REQUIRE(ctorm::default_table_name<Category> == "categories");
  STATIC_REQUIRE(ctorm::default_table_name<Day> == "days");
  STATIC_REQUIRE(ctorm::default_table_name<Box> == "boxes");
  STATIC_REQUIRE(ctorm::default_table_name<Address> == "addresses");
  STATIC_REQUIRE(ctorm::default_table_name<Branch> == "branches");
  STATIC_REQUIRE(ctorm::default_table_name<Wish> == "wishes");
  STATIC_REQUIRE(ctorm::default_table_name<HTTPRequest> == "http_requests");
  STATIC_REQUIRE(ctorm::default_table_name<Sha256Sum> == "sha256_sums");
}

TEST_CASE("Name<> and Column<> override the conventions", "[naming]") {
  using naming::Person;
  using T = ctorm::Table<Person, ctorm::Name<"people">, ctorm::Column<&Person::id, "PersonID">>;
  STATIC_REQUIRE(ctorm::default_table_name<Person> == "persons");
  STATIC_REQUIRE(T::name == "people");
  STATIC_REQUIRE(T::columns[0] == "PersonID");
}
