// UUID keys on every backend: made by the client (UuidKeys), in every relation kind, eager
// loading, in() lists, junctions and saved graphs; a cell that is not a UUID is a clear error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "../uuid_schema.hpp"
#include "backends.hpp"

namespace both_uuid {
using namespace uuids;

struct Note {  // a UUID key the caller gives
  Uuid id{};
  Uuid project_id{};
  std::string text{};
};
struct Brief {  // one per project
  Uuid id{};
  Uuid project_id{};
  std::string text{};
};
using children = ctorm::HasMany<Project, &Project::parent_id>;
using notes = ctorm::HasMany<Note, &Note::project_id>;
using brief = ctorm::HasOne<Brief, &Brief::project_id>;
using Schema = ctorm::Schema<ctorm::Table<Tenant, ctorm::UuidKeys, projects>,
                             ctorm::Table<Project, ctorm::UuidKeys, tenant, parent, children, labels, notes, brief>,
                             ctorm::Table<Label, ctorm::UuidKeys>,
                             ctorm::Table<Note, ctorm::BelongsTo<Project, &Note::project_id, ctorm::OnDelete::Cascade>>,
                             ctorm::Table<Brief, ctorm::UuidKeys,
                                          ctorm::BelongsTo<Project, &Brief::project_id, ctorm::Unique<>, ctorm::OnDelete::Cascade>>>;

using test::raw;
}  // namespace both_uuid

using namespace both_uuid;
using ctorm::asc;
using ctorm::col;

TEMPLATE_TEST_CASE("UuidKeys: insert makes a v7 key for a nil one and keeps a given one", "[both][uuid]",
                   test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  const Uuid a = db.insert(Tenant{.name = "a"});
  const Uuid b = db.insert(Tenant{.name = "b"});
  CHECK(a.version() == 7);
  CHECK(a < b);
  const Uuid chosen = ctorm::uuid_v4();
  CHECK(db.insert(Tenant{.id = chosen, .name = "c"}) == chosen);
  REQUIRE(db.template get<Tenant>(a));
  CHECK(db.template get<Tenant>(a)->name == "a");
  CHECK(db.template get<Tenant>(chosen)->name == "c");
  CHECK_FALSE(db.template get<Tenant>(ctorm::uuid_v7()));
  // v7 keys sort in the order they were made, on the server as in C++.
  const auto sorted = db.template select<Tenant>().where(col<&Tenant::id> != chosen).order_by(asc<&Tenant::id>).all();
  REQUIRE(sorted.size() == 2);
  CHECK(sorted[0].id == a);
  CHECK(sorted[1].id == b);
  // Written, updated and removed by key.
  Tenant t = *db.template get<Tenant>(b);
  t.name = "renamed";
  CHECK(db.update(t));
  CHECK(db.template get<Tenant>(b)->name == "renamed");
  CHECK(db.template remove<Tenant>(b));
  CHECK_FALSE(db.template remove<Tenant>(b));
  CHECK(db.template count<Tenant>() == 2);
  // A key given twice is the same row.
  CHECK_THROWS_AS(db.insert(Tenant{.id = chosen, .name = "again"}), ctorm::constraint_error);
  db.upsert(Tenant{.id = chosen, .name = "upserted"});
  CHECK(db.template get<Tenant>(chosen)->name == "upserted");
  // Without UuidKeys a key is written as given, the nil UUID too.
  const Uuid p = db.insert(Project{.tenant_id = a, .title = "p"});
  CHECK(db.insert(Note{.id = Uuid{}, .project_id = p, .text = "nil key"}).is_nil());
  CHECK(db.template get<Note>(Uuid{})->text == "nil key");
}

TEMPLATE_TEST_CASE("UUID keys in every relation kind are loaded eagerly with their keys bound as one list",
                   "[both][uuid]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  const Uuid acme = db.insert(Tenant{.name = "acme"});
  const Uuid other = db.insert(Tenant{.name = "other"});
  const Uuid root = db.insert(Project{.tenant_id = acme, .title = "root"});
  const Uuid leaf = db.insert(Project{.tenant_id = acme, .parent_id = root, .title = "leaf"});
  const Uuid lone = db.insert(Project{.tenant_id = other, .title = "lone"});
  const Uuid red = db.insert(Label{.text = "red"});
  const Uuid blue = db.insert(Label{.text = "blue"});
  Project r = *db.template get<Project>(root);
  db.template attach<labels>(r, red);
  db.template attach<labels>(r, blue);
  const Uuid n1 = ctorm::uuid_v4();
  db.insert(Note{.id = n1, .project_id = leaf, .text = "first"});
  const Uuid b1 = db.insert(Brief{.project_id = leaf, .text = "brief"});

  const auto tenants = db.template select<Tenant>().order_by(asc<&Tenant::id>).template with<projects>().all();
  REQUIRE(tenants.size() == 2);
  CHECK(tenants[0].template get<projects>().size() == 2);
  CHECK(tenants[1].template get<projects>().size() == 1);
  CHECK(tenants[1].template get<projects>()[0].id == lone);

  const auto all = db.template select<Project>()
                       .order_by(asc<&Project::id>)
                       .template with<tenant, parent, children, labels, brief>()
                       .all();
  REQUIRE(all.size() == 3);
  CHECK(all[0]->id == root);
  CHECK(all[0].template get<tenant>().id == acme);
  CHECK_FALSE(all[0].template get<parent>());
  CHECK(all[0].template get<children>().size() == 1);
  CHECK(all[0].template get<labels>().size() == 2);
  CHECK_FALSE(all[0].template get<brief>());
  CHECK(all[1]->id == leaf);
  REQUIRE(all[1].template get<parent>());
  CHECK(all[1].template get<parent>()->id == root);
  REQUIRE(all[1].template get<brief>());
  CHECK(all[1].template get<brief>()->id == b1);
  CHECK(db.template select<Project>().where(col<&Project::id> == leaf).template with<notes>().all()[0].template get<notes>()[0].id == n1);
  CHECK(all[2].template get<tenant>().id == other);

  // Nested: tenants, their projects, the projects' labels.
  const auto deep = db.template select<Tenant>().where(col<&Tenant::id> == acme).template with<ctorm::Nested<projects, labels>>().all();
  REQUIRE(deep.size() == 1);
  std::size_t labelled = 0;
  for (const auto& p : deep[0].template get<projects>()) labelled += p.template get<labels>().size();
  CHECK(labelled == 2);

  // in() and NOT IN, a nullable UUID column compared, a join through a relation.
  CHECK(db.template select<Project>().where(col<&Project::id>.in(std::vector<Uuid>{root, lone, ctorm::uuid_v7()})).count() == 2);
  CHECK(db.template select<Project>().where(col<&Project::id>.not_in(std::vector<Uuid>{root})).count() == 2);
  CHECK(db.template select<Project>().where(col<&Project::parent_id> == root).count() == 1);
  CHECK(db.template select<Project>().where(col<&Project::parent_id>.in(std::vector<Uuid>{root})).count() == 1);
  CHECK(db.template select<Project>().where(col<&Project::parent_id>.not_in(std::vector<Uuid>{root})).count() == 0);
  CHECK(db.template select<Project>().where(col<&Project::parent_id>.not_in(std::vector<Uuid>{})).count() == 3);
  CHECK(db.template select<Project>().where(col<&Project::id>.in(std::vector<Uuid>{})).count() == 0);
  std::vector<Uuid> many(5000);
  for (auto& u : many) u = ctorm::uuid_v4();
  many.push_back(lone);
  CHECK(db.template select<Project>().where(col<&Project::id>.in(many)).count() == 1);
  CHECK(db.template select<Project>().template join<tenant>().where(col<&Tenant::name> == "acme").count() == 2);

  // Links through the junction: detach, sync by keys.
  CHECK(db.template detach<labels>(r, red) == 1);
  const auto synced = db.template sync<labels>(r, std::vector<Uuid>{red});
  CHECK(synced.attached == std::vector<Uuid>{red});
  CHECK(synced.detached == std::vector<Uuid>{blue});
  // ON DELETE: a cascade through UUID keys, and SET NULL.
  CHECK(db.template remove<Project>(root));
  CHECK_FALSE(db.template get<Project>(leaf)->parent_id);
  CHECK(db.template remove<Tenant>(acme));
  CHECK(db.template count<Project>() == 1);
  CHECK(db.template count<Note>() == 0);
  CHECK(db.template count<Brief>() == 0);
}

TEMPLATE_TEST_CASE("create and save fill nil UUID keys and copy them down", "[both][uuid]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  const Uuid acme = db.insert(Tenant{.name = "acme"});
  const Tenant t = *db.template get<Tenant>(acme);
  const Project made = db.template create<projects>(t, Project{.title = "made"});
  CHECK(made.id.version() == 7);
  CHECK(made.tenant_id == acme);
  CHECK(db.template get<Project>(made.id)->title == "made");
  const Label l = db.template create<labels>(made, Label{.text = "linked"});
  CHECK(l.id.version() == 7);
  CHECK(db.template select<Project>().where(col<&Project::id> == made.id).template with<labels>().all()[0].template get<labels>().size() == 1);

  ctorm::Loaded<Project, tenant, labels> g{Project{.title = "graph"}, {}};
  g.template set<tenant>(Tenant{.name = "new tenant"});
  g.template get<labels>().push_back(Label{.text = "fresh"});
  const auto saved = db.save(g);
  CHECK(saved->id.version() == 7);
  CHECK(saved.template get<tenant>().id.version() == 7);
  CHECK(saved->tenant_id == saved.template get<tenant>().id);
  REQUIRE(saved.template get<labels>().size() == 1);
  CHECK(saved.template get<labels>()[0].id.version() == 7);
  CHECK(db.template get<Tenant>(saved->tenant_id)->name == "new tenant");
  CHECK(db.template count<Project>() == 2);
}

TEMPLATE_TEST_CASE("a cell that is not a UUID is refused with its table and column and row", "[both][uuid]", test::on_sqlite,
                   test::on_postgresql) {
  auto db = TestType::template open<Schema>();
  db.create_all();
  // A table made by another program, without ctorm's CHECK or type.
  raw(db.native_handle(), "DROP TABLE \"labels_projects\"");
  raw(db.native_handle(), "DROP TABLE \"labels\"");
  if constexpr (test::is_postgresql<TestType>) {
    raw(db.native_handle(), "CREATE TABLE \"labels\" (\"id\" TEXT PRIMARY KEY, \"text\" TEXT NOT NULL)");
    raw(db.native_handle(), "INSERT INTO \"labels\" VALUES ('017F22E2-79B0-7CC3-98C4-DC0C0C07398F', 'text form')");
    raw(db.native_handle(), "INSERT INTO \"labels\" VALUES ('not-a-uuid', 'bad')");
  } else {
    raw(db.native_handle(), "CREATE TABLE \"labels\" (\"id\" BLOB PRIMARY KEY, \"text\" TEXT NOT NULL)");
    raw(db.native_handle(), "INSERT INTO \"labels\" VALUES (x'017F22E279B07CC398C4DC0C0C07398F', 'bytes')");
    raw(db.native_handle(), "INSERT INTO \"labels\" VALUES (x'0102', 'bad')");
  }
  const Uuid good = *Uuid::parse("017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
  const auto e = test::caught<ctorm::conversion_error>([&] { (void)db.template select<Label>().order_by(asc<&Label::text>).all(); });
  CHECK(e.table() == "labels");
  CHECK(e.column() == "id");
  CHECK(e.row() == 1);
  if constexpr (test::is_postgresql<TestType>) {
    CHECK_THAT(e.what(), Catch::Contains("TEXT 'not-a-uuid' is not a UUID (8-4-4-4-12 hex digits)"));
  } else {
    CHECK_THAT(e.what(), Catch::Contains("BLOB of 2 bytes is not a UUID (16 bytes)"));
  }
  const auto found = db.template select<Label>().where(col<&Label::text> != "bad").all();
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == good);
  // ctorm's own table refuses what is not a UUID where the database can tell.
  if constexpr (!test::is_postgresql<TestType>) {
    CHECK_THROWS_AS(raw(db.native_handle(), "INSERT INTO \"tenants\" VALUES (x'01', 'short')"), std::runtime_error);
  } else {
    CHECK_THROWS_AS(raw(db.native_handle(), "INSERT INTO \"tenants\" VALUES ('01', 'short')"), std::runtime_error);
  }
}

TEST_CASE("SQLite: a list of UUIDs is compared through the column's index", "[both][uuid]") {
  auto db = test::on_sqlite::open<Schema>();
  db.create_all();
  // The statement an eager load of projects by tenant runs, as SQLite plans it.
  constexpr std::string_view sql = ctorm::static_text<
      ctorm::detail::eager_gen<Schema, Tenant, projects, ctorm::detail::load_constraint<>, ctorm::sqlite_dialect>>;
  sqlite3_stmt* plan = nullptr;
  REQUIRE(sqlite3_prepare_v2(db.native_handle(), ("EXPLAIN QUERY PLAN " + std::string(sql)).c_str(), -1, &plan, nullptr) ==
          SQLITE_OK);
  std::string steps;
  while (sqlite3_step(plan) == SQLITE_ROW) steps += reinterpret_cast<const char*>(sqlite3_column_text(plan, 3)) + std::string("\n");
  sqlite3_finalize(plan);
  INFO(steps);
  CHECK(steps.find("SEARCH projects USING INDEX projects_tenant_id_index (tenant_id=?)") != std::string::npos);
  CHECK(steps.find("SCAN projects") == std::string::npos);
}

namespace both_uuid_more {
using ctorm::Uuid;
struct Board {
  Uuid id{};
  std::string name{};
};
struct Card {
  Uuid id{};
  Uuid board_id{};
  std::optional<Uuid> parent_id{};
  std::string title{};
};
struct Reaction {  // on a board or a card
  Uuid id{};
  std::string target_type{};
  Uuid target_id{};
  std::string emoji{};
};
using cards = ctorm::HasMany<Card, &Card::board_id>;
using board = ctorm::BelongsTo<Board, &Card::board_id, ctorm::OnDelete::Cascade>;
using sub_cards = ctorm::HasMany<Card, &Card::parent_id>;
using parent_card = ctorm::BelongsTo<Card, &Card::parent_id, ctorm::OnDelete::Cascade>;
using card_children = ctorm::HasManyThrough<cards, sub_cards>;
using reactions = ctorm::MorphMany<Reaction, &Reaction::target_type, &Reaction::target_id>;
using target = ctorm::MorphTo<&Reaction::target_type, &Reaction::target_id, Board, Card>;
using Schema = ctorm::Schema<ctorm::Table<Board, ctorm::UuidKeys, cards, reactions, card_children>,
                             ctorm::Table<Card, ctorm::UuidKeys, board, sub_cards, parent_card, reactions>,
                             ctorm::Table<Reaction, ctorm::UuidKeys, target>>;
}  // namespace both_uuid_more

TEMPLATE_TEST_CASE("UUID keys through chains and trees and polymorphic relations", "[both][uuid]", test::on_sqlite,
                   test::on_postgresql) {
  using namespace both_uuid_more;
  auto db = TestType::template open<both_uuid_more::Schema>();
  db.create_all();
  const Uuid b = db.insert(Board{.name = "road map"});
  const Uuid top = db.insert(Card{.board_id = b, .title = "top"});
  const Uuid mid = db.insert(Card{.board_id = b, .parent_id = top, .title = "mid"});
  db.insert(Card{.board_id = b, .parent_id = mid, .title = "leaf"});
  db.insert(Reaction{.target_type = "boards", .target_id = b, .emoji = "eyes"});
  db.insert(Reaction{.target_type = "cards", .target_id = mid, .emoji = "tada"});
  db.insert(Reaction{.target_type = "cards", .target_id = top, .emoji = "rocket"});

  // A chain: the cards below the board's cards.
  const auto boards = db.template select<Board>().template with<card_children, reactions>().all();
  REQUIRE(boards.size() == 1);
  CHECK(boards[0].template get<card_children>().size() == 2);
  REQUIRE(boards[0].template get<reactions>().size() == 1);
  CHECK(boards[0].template get<reactions>()[0].emoji == "eyes");
  // A tree by a nullable UUID key, in one statement.
  const auto tree = db.template select<Card>()
                        .where(col<&Card::id> == top)
                        .template with<ctorm::Recursive<sub_cards>>()
                        .all();
  REQUIRE(tree.size() == 1);
  REQUIRE(tree[0].template get<sub_cards>().size() == 1);
  CHECK(tree[0].template get<sub_cards>()[0]->title == "mid");
  REQUIRE(tree[0].template get<sub_cards>()[0].children.size() == 1);
  CHECK(tree[0].template get<sub_cards>()[0].children[0]->title == "leaf");
  // MorphTo: each reaction's target, a board or a card, by its UUID.
  const auto all = db.template select<Reaction>().order_by(ctorm::asc<&Reaction::emoji>).template with<target>().all();
  REQUIRE(all.size() == 3);
  CHECK(std::get<Board>(all[0].template get<target>()).id == b);   // eyes
  CHECK(std::get<Card>(all[1].template get<target>()).id == top);   // rocket
  CHECK(std::get<Card>(all[2].template get<target>()).id == mid);   // tada
  // where_has through the morph relation.
  CHECK(db.template select<Card>().template where_has<reactions>().count() == 2);
}
