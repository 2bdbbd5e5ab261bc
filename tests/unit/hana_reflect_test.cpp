// Types described with Boost.Hana, as ctorm::reflection sees them: fields, names, types and
// member positions from the description, and the SQL text of tables made of them. Only
// <ctorm/hana.hpp> and the SQL layer are included: the opt-in header works on its own.
#include <catch2/catch.hpp>

#include <ctorm/hana.hpp>
#include <ctorm/sql/crud.hpp>
#include <ctorm/schema/checks.hpp>
#include <ctorm/sql/ddl.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace described {

class Account {
 public:
  Account() = default;
  explicit Account(std::string account_owner) : owner(std::move(account_owner)) {
    if (owner.empty()) throw std::invalid_argument("an account has an owner");
  }
  BOOST_HANA_DEFINE_STRUCT(Account,
    (std::int64_t, id),
    (std::string, owner),
    (std::optional<double>, limit)
  );
  int scratch = 0;  // not described: not a field
};

struct Plain {
  std::int64_t id{};
  std::string note{};
};

}  // namespace described

namespace elsewhere {
struct Entry {
  std::int64_t account_id;
  std::int64_t id;
  std::string memo;
};
}  // namespace elsewhere
BOOST_HANA_ADAPT_STRUCT(elsewhere::Entry, id, account_id, memo);  // not in declaration order

using described::Account;
using elsewhere::Entry;

TEST_CASE("a described class: fields, types, names and members from its description", "[reflect][hana]") {
  STATIC_REQUIRE_FALSE(std::is_aggregate_v<Account>);
  STATIC_REQUIRE(ctorm::field_count<Account> == 3);
  STATIC_REQUIRE(std::is_same_v<ctorm::field_type<Account, 2>, std::optional<double>>);
  STATIC_REQUIRE(ctorm::field_name<Account, 1> == "owner");
  STATIC_REQUIRE(ctorm::field_names<Account>[2] == "limit");
  STATIC_REQUIRE(ctorm::member_index<&Account::limit> == 2);
  STATIC_REQUIRE(ctorm::member_name<&Account::owner> == "owner");

  Account a{"ann"};
  ctorm::detail::field_ref<2>(a) = 12.5;
  CHECK(a.limit == std::optional<double>(12.5));
  const Account& c = a;
  STATIC_REQUIRE(std::is_same_v<decltype(ctorm::detail::field_ref<1>(c)), const std::string&>);
  CHECK(ctorm::detail::field_ref<1>(c) == "ann");
}

TEST_CASE("an adapted struct takes the description's order; plain aggregates still use PFR", "[reflect][hana]") {
  STATIC_REQUIRE(ctorm::field_names<Entry>[0] == "id");
  STATIC_REQUIRE(ctorm::field_names<Entry>[1] == "account_id");
  STATIC_REQUIRE(ctorm::member_index<&Entry::account_id> == 1);
  STATIC_REQUIRE(ctorm::member_index<&Entry::id> == 0);
  STATIC_REQUIRE(ctorm::field_count<described::Plain> == 2);
  STATIC_REQUIRE(ctorm::member_name<&described::Plain::note> == "note");
}

TEST_CASE("a described type is built by default construction and assignment", "[reflect][hana]") {
  std::vector<std::size_t> order;
  const Account a = ctorm::reflection<Account>::make([&]<class X>(std::size_t i) {
    order.push_back(i);
    if constexpr (std::is_same_v<X, std::int64_t>) return std::int64_t{7};
    else if constexpr (std::is_same_v<X, std::string>) return std::string("bea");
    else return std::optional<double>{};
  });
  CHECK(order == std::vector<std::size_t>{0, 1, 2});
  CHECK(a.id == 7);
  CHECK(a.owner == "bea");
  CHECK_FALSE(a.limit);
  CHECK(a.scratch == 0);
}

TEST_CASE("a struct local to a function is a table", "[reflect][hana]") {
  struct Visit {
    BOOST_HANA_DEFINE_STRUCT(Visit, (std::int64_t, id), (std::int64_t, account_id), (std::string, page));
  };
  using S = ctorm::Schema<ctorm::Table<Account>,
                          ctorm::Table<Visit, ctorm::BelongsTo<Account, &Visit::account_id>>,
                          ctorm::Table<Entry, ctorm::BelongsTo<Account, &Entry::account_id>>>;
  STATIC_REQUIRE(ctorm::valid<S>);
  STATIC_REQUIRE(ctorm::member_index<&Visit::page> == 2);
  STATIC_REQUIRE(ctorm::sql::create_table<S, Account> ==
                 R"(CREATE TABLE IF NOT EXISTS "accounts" ("id" INTEGER PRIMARY KEY, "owner" TEXT NOT NULL, "limit" REAL) STRICT)");
  STATIC_REQUIRE(ctorm::sql::create_table<S, Visit> ==
                 R"(CREATE TABLE IF NOT EXISTS "visits" ("id" INTEGER PRIMARY KEY, "account_id" INTEGER NOT NULL, "page" TEXT NOT NULL, FOREIGN KEY ("account_id") REFERENCES "accounts" ("id")) STRICT)");
  STATIC_REQUIRE(ctorm::sql::insert<ctorm::table_of<S, Entry>> ==
                 R"(INSERT INTO "entries" ("account_id", "memo") VALUES (?1, ?2))");
}
