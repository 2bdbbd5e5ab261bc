// The per-table calls, the same on every backend: create_all, insert (the key the database
// assigned), get, update, remove, upsert, replace, all, count, insert_all, and the statement
// cache.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backends.hpp"

namespace both_crud {
struct User {
  std::int64_t id{};
  std::string email{};
  std::optional<std::string> name{};
};
struct Slug {
  std::string slug{};
  std::int32_t hits{};
};
struct Membership {
  std::int64_t user_id{};
  std::int64_t group_id{};
  std::int16_t level{};
};
struct Counter {
  std::int32_t id{};
  std::int64_t value{};
};
using Schema = ctorm::Schema<ctorm::Table<User, ctorm::Unique<&User::email>>, ctorm::Table<Slug, ctorm::PrimaryKey<&Slug::slug>>,
                             ctorm::Table<Membership, ctorm::PrimaryKey<&Membership::user_id, &Membership::group_id>>,
                             ctorm::Table<Counter>>;
}  // namespace both_crud

using namespace both_crud;

TEMPLATE_TEST_CASE("insert returns the key the database assigned, and get, update, remove take it", "[both][crud]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  const auto ann = db.insert(User{.email = "ann@example.org", .name = "Ann"});
  const auto bob = db.insert(User{.email = "bob@example.org"});
  CHECK(ann == 1);
  CHECK(bob == 2);
  const auto got = db.template get<User>(ann);
  REQUIRE(got);
  CHECK(got->email == "ann@example.org");
  CHECK(got->name == "Ann");
  CHECK_FALSE(db.template get<User>(std::int64_t{99}));
  CHECK(db.update(User{.id = bob, .email = "bob@example.com", .name = "Bob"}));
  CHECK_FALSE(db.update(User{.id = 99, .email = "x"}));
  CHECK(db.template get<User>(bob)->name == "Bob");
  CHECK(db.template remove<User>(ann));
  CHECK_FALSE(db.template remove<User>(ann));
  CHECK(db.template count<User>() == 1);
  // A narrower key member gets its key the same way.
  CHECK(db.insert(Counter{.value = 7}) == 1);
  static_assert(std::is_same_v<decltype(db.insert(Counter{})), std::int32_t>);
}

TEMPLATE_TEST_CASE("text and composite primary keys", "[both][crud]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  db.insert(Slug{.slug = "hello-world", .hits = 3});
  db.insert(Membership{.user_id = 1, .group_id = 2, .level = 5});
  db.insert(Membership{.user_id = 1, .group_id = 3, .level = -5});
  CHECK(db.template get<Slug>("hello-world")->hits == 3);
  CHECK(db.template get<Membership>(1, 3)->level == -5);
  CHECK(db.update(Membership{.user_id = 1, .group_id = 2, .level = 9}));
  CHECK(db.template get<Membership>(1, 2)->level == 9);
  CHECK(db.template remove<Membership>(1, 2));
  CHECK(db.template count<Membership>() == 1);
  CHECK(db.template all<Slug>().size() == 1);
}

TEMPLATE_TEST_CASE("upsert inserts or updates by key, and later inserts get fresh keys", "[both][crud]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  db.upsert(User{.id = 50, .email = "ann@example.org"});
  db.upsert(User{.id = 50, .email = "ann@example.org", .name = "Ann"});
  CHECK(db.template get<User>(std::int64_t{50})->name == "Ann");
  CHECK(db.template count<User>() == 1);
  // The database's own keys continue after the one written: 51, not a collision with 50.
  const auto next = db.insert(User{.email = "bob@example.org"});
  CHECK(next == 51);
  db.upsert(Membership{.user_id = 1, .group_id = 2, .level = 1});
  db.upsert(Membership{.user_id = 1, .group_id = 2, .level = 2});
  CHECK(db.template get<Membership>(1, 2)->level == 2);
}

TEMPLATE_TEST_CASE("replace deletes the rows that conflict on the key or a unique column, then inserts", "[both][crud]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  db.insert(User{.email = "ann@example.org"});  // 1
  db.insert(User{.email = "bob@example.org"});  // 2
  db.replace(User{.id = 3, .email = "ann@example.org", .name = "Ann again"});  // conflicts with 1 on email
  CHECK_FALSE(db.template get<User>(std::int64_t{1}));
  CHECK(db.template get<User>(std::int64_t{3})->name == "Ann again");
  db.replace(User{.id = 2, .email = "bob@example.com"});  // conflicts with 2 on the key
  CHECK(db.template get<User>(std::int64_t{2})->email == "bob@example.com");
  CHECK(db.template count<User>() == 2);
  CHECK(db.insert(User{.email = "cat@example.org"}) == 4);
}

TEMPLATE_TEST_CASE("insert_all writes every row or none", "[both][crud]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  std::vector<User> users;
  // `std::string("n").append(...)`, not `"n" + ...`: GCC 12 at -O3 warns falsely (-Wrestrict,
  // its bug 105329) on a one-character literal added to a temporary string.
  for (int i = 0; i < 2000; ++i)
    users.push_back(User{.email = "user" + std::to_string(i) + "@example.org",
                         .name = i % 3 == 0 ? std::nullopt
                                            : std::optional<std::string>(std::string("n").append(std::to_string(i)))});
  CHECK(db.insert_all(users) == 2000);
  CHECK(db.template count<User>() == 2000);
  CHECK(db.template get<User>(std::int64_t{2})->name == "n1");
  CHECK_FALSE(db.template get<User>(std::int64_t{1})->name);
  // A duplicate email in the middle: nothing of this batch stays.
  std::vector<User> more{User{.email = "new1@example.org"}, User{.email = "user5@example.org"},
                         User{.email = "new2@example.org"}};
  CHECK_THROWS_AS(db.insert_all(more), ctorm::constraint_error);
  CHECK(db.template count<User>() == 2000);
  CHECK(db.insert_all(std::vector<User>{}) == 0);
}

TEMPLATE_TEST_CASE("each statement is prepared once per connection", "[both][crud]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  db.insert(User{.email = "ann@example.org"});
  const auto before = db.statements_run();
  for (int i = 0; i < 10; ++i) (void)db.template get<User>(std::int64_t{1});
  CHECK(db.statements_run() == before + 10);
  // Constraint errors name what failed.
  const auto e = test::caught<ctorm::constraint_error>([&] { db.insert(User{.email = "ann@example.org"}); });
  CHECK_THAT(e.what(), Catch::StartsWith("ctorm: ") && Catch::Contains("INSERT INTO \"users\""));
  if constexpr (test::is_postgresql<TestType>) {
    CHECK(e.sqlstate() == "23505");
    CHECK(e.constraint() == "users_email_key");
  } else {
    CHECK(e.extended_code() == 2067);
  }
}
