// Column defaults (`ctorm::Default<>`), the same on every backend: what OnDelete::SetDefault and
// OnUpdate::SetDefault set a foreign key to, what an insert that leaves a column out gets, and
// what verify() and migrate() compare and add.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backends.hpp"

namespace both_defaults {
struct Owner {
  std::int64_t id{};
  std::string name{};
};
struct Item {
  std::int64_t id{};
  std::int64_t owner_id{};
  std::optional<std::int64_t> keeper_id{};
  std::string status{};
  bool flag{};
  double weight{};
};
using owner = ctorm::BelongsTo<Owner, &Item::owner_id, ctorm::OnDelete::SetDefault, ctorm::OnUpdate::SetDefault>;
using keeper = ctorm::BelongsTo<Owner, &Item::keeper_id, ctorm::OnDelete::SetDefault>;  // no default: NULL
using Schema = ctorm::Schema<ctorm::Table<Owner>,
                             ctorm::Table<Item, owner, keeper, ctorm::Default<&Item::owner_id, 1>,
                                          ctorm::Default<&Item::status, "it's new">, ctorm::Default<&Item::flag, true>,
                                          ctorm::Default<&Item::weight, 0.25>>>;
// The same tables as an older program made them: only the foreign key has its default.
using Older = ctorm::Schema<ctorm::Table<Owner>, ctorm::Table<Item, owner, keeper, ctorm::Default<&Item::owner_id, 1>>>;
// An older program still, whose items had neither flag nor weight.
struct OldItem {
  std::int64_t id{};
  std::int64_t owner_id{};
  std::optional<std::int64_t> keeper_id{};
  std::string status{};
};
template <class... StatusDefault>
using OldItems = ctorm::Schema<
    ctorm::Table<Owner>,
    ctorm::Table<OldItem, ctorm::Name<"items">,
                 ctorm::BelongsTo<Owner, &OldItem::owner_id, ctorm::OnDelete::SetDefault, ctorm::OnUpdate::SetDefault>,
                 ctorm::BelongsTo<Owner, &OldItem::keeper_id, ctorm::OnDelete::SetDefault>,
                 ctorm::Default<&OldItem::owner_id, 1>, StatusDefault...>>;
using Oldest = OldItems<ctorm::Default<&OldItem::status, "it's new">>;
using Ancient = OldItems<>;  // nor a default for status

using test::raw;

std::vector<std::string> kinds(const ctorm::SchemaReport& r) {
  std::vector<std::string> out;
  for (const auto& d : r.differences) out.push_back(std::string(ctorm::to_string(d.kind)) + " " + d.table + "." + d.item);
  return out;
}
}  // namespace both_defaults

using namespace both_defaults;

TEMPLATE_TEST_CASE("OnDelete::SetDefault and OnUpdate::SetDefault set the foreign key to its column default", "[both][defaults]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  CHECK(db.verify().ok());
  const auto nobody = db.insert(Owner{.name = "nobody"});  // the row the default references
  const auto ann = db.insert(Owner{.name = "ann"});
  const auto bob = db.insert(Owner{.name = "bob"});
  REQUIRE(nobody == 1);
  const auto a = db.insert(Item{.owner_id = ann, .keeper_id = ann, .status = "sold", .weight = 2});
  const auto b = db.insert(Item{.owner_id = bob, .status = "kept"});
  CHECK(db.template remove<Owner>(ann));
  const auto item = db.template get<Item>(a);
  REQUIRE(item);
  CHECK(item->owner_id == nobody);
  CHECK(item->keeper_id == std::nullopt);  // an optional key without Default<> is set to NULL
  CHECK(item->status == "sold");
  // Changing bob's key sets the items' key to the default too.
  raw(db.native_handle(), "UPDATE \"owners\" SET \"id\" = 99 WHERE \"id\" = " + std::to_string(bob));
  CHECK(db.template get<Item>(b)->owner_id == nobody);
  // Deleting the row the default references fails: nothing would be left to reference.
  CHECK_THROWS_AS(db.template remove<Owner>(nobody), ctorm::database_error);
}

TEMPLATE_TEST_CASE("an insert that leaves columns out gets their defaults", "[both][defaults]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  db.insert(Owner{.name = "nobody"});
  raw(db.native_handle(), "INSERT INTO \"items\" (\"id\") VALUES (7)");
  const auto item = db.template get<Item>(std::int64_t{7});
  REQUIRE(item);
  CHECK(item->owner_id == 1);
  CHECK(item->keeper_id == std::nullopt);
  CHECK(item->status == "it's new");
  CHECK(item->flag);
  CHECK(item->weight == 0.25);
}

namespace both_defaults {
struct Path {
  std::int64_t id{};
  std::string where{};
};
using Paths = ctorm::Schema<ctorm::Table<Path, ctorm::Default<&Path::where, R"(C:\temp\ 'x')">>>;
}  // namespace both_defaults

TEMPLATE_TEST_CASE("a text default with backslashes and quotes is stored as written", "[both][defaults]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Paths>();
  // On PostgreSQL, also where backslashes escape in plain literals (a server of old settings).
  if constexpr (test::is_postgresql<TestType>) raw(db.native_handle(), "SET standard_conforming_strings = off");
  db.create_all();
  CHECK(db.verify().ok());
  raw(db.native_handle(), "INSERT INTO \"paths\" (\"id\") VALUES (1)");
  CHECK(db.template get<Path>(std::int64_t{1})->where == R"(C:\temp\ 'x')");
}

TEMPLATE_TEST_CASE("verify reports a default the database lacks, and migrate adds it", "[both][defaults][migration]",
                   test::on_sqlite, test::on_postgresql) {
  using B = typename TestType::backend;
  test::place<TestType> at;
  {
    ctorm::Database<Older, B> old{at.target};
    old.create_all();
    old.insert(Owner{.name = "nobody"});
    old.insert(Item{.owner_id = 1, .status = "sold", .weight = 3});
    CHECK(old.verify().ok());
  }
  ctorm::Database<Schema, B> db{at.target};
  CHECK(kinds(db.verify()) == std::vector<std::string>{"column_default items.status", "column_default items.flag",
                                                        "column_default items.weight"});
  if constexpr (test::is_postgresql<TestType>) {
    CHECK(db.migrate().steps.size() == 3);  // ALTER COLUMN ... SET DEFAULT changes no row
  } else {
    CHECK_THROWS_AS(db.migrate(), ctorm::migration_error);  // SQLite rebuilds the table
    db.migrate(ctorm::Permit{.rebuild = true});
  }
  CHECK(db.verify().ok());
  CHECK(db.template get<Item>(std::int64_t{1})->status == "sold");
  raw(db.native_handle(), "INSERT INTO \"items\" (\"id\") VALUES (2)");
  CHECK(db.template get<Item>(std::int64_t{2})->status == "it's new");
  CHECK(db.migrate().steps.empty());
}

TEMPLATE_TEST_CASE("migrate adds a NOT NULL column with a default to a table with rows, without a permit",
                   "[both][defaults][migration]", test::on_sqlite, test::on_postgresql) {
  using B = typename TestType::backend;
  test::place<TestType> at;
  {
    ctorm::Database<Oldest, B> old{at.target};
    old.create_all();
    old.insert(Owner{.name = "nobody"});
    old.insert(OldItem{.owner_id = 1, .status = "sold"});
  }
  ctorm::Database<Schema, B> db{at.target};
  CHECK(kinds(db.verify()) == std::vector<std::string>{"missing_column items.flag", "missing_column items.weight"});
  const auto plan = db.migrate();
  CHECK(plan.steps.size() == 2);  // ALTER TABLE ... ADD COLUMN, each filled by its default
  CHECK(db.verify().ok());
  const auto item = db.template get<Item>(std::int64_t{1});
  REQUIRE(item);
  CHECK(item->status == "sold");
  CHECK(item->flag);
  CHECK(item->weight == 0.25);
}

TEMPLATE_TEST_CASE("a rebuild fills a new NOT NULL column of a table with rows with its default",
                   "[both][defaults][migration]", test::on_sqlite, test::on_postgresql) {
  using B = typename TestType::backend;
  test::place<TestType> at;
  {
    ctorm::Database<Ancient, B> old{at.target};
    old.create_all();
    old.insert(Owner{.name = "nobody"});
    old.insert(OldItem{.owner_id = 1, .status = "sold"});
  }
  ctorm::Database<Schema, B> db{at.target};
  CHECK(kinds(db.verify()) == std::vector<std::string>{"column_default items.status", "missing_column items.flag",
                                                        "missing_column items.weight"});
  if constexpr (test::is_postgresql<TestType>) {
    CHECK(db.migrate().steps.size() == 3);
  } else {
    CHECK_THROWS_AS(db.migrate(), ctorm::migration_error);  // SQLite alters no default: a rebuild
    db.migrate(ctorm::Permit{.rebuild = true});
  }
  CHECK(db.verify().ok());
  const auto item = db.template get<Item>(std::int64_t{1});
  REQUIRE(item);
  CHECK(item->status == "sold");
  CHECK(item->flag);
  CHECK(item->weight == 0.25);
}
