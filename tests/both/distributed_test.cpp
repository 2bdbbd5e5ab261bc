// A schema laid out for a distributed database (Citus): keys and foreign keys that hold the
// tenant, UUID keys made by the client. The same schema runs on SQLite and on PostgreSQL, where
// eager loads also filter by the distribution column.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "../tenants_schema.hpp"
#include "backends.hpp"

using namespace tenants;
using ctorm::asc;
using ctorm::col;

TEMPLATE_TEST_CASE("a tenant-distributed schema has composite keys made by the client and loads within a tenant",
                   "[both][distributed]", test::on_sqlite, test::on_postgresql) {
  auto db = TestType::template open<Work>();
  db.create_all();
  const auto free = db.insert(Plan{.name = "free"});
  const Uuid acme = db.insert(Tenant{.plan_id = free, .name = "acme"});
  const Uuid initech = db.insert(Tenant{.plan_id = free, .name = "initech"});
  // The key's own member is made; the tenant is given.
  const Uuid site = db.insert(Project{.tenant_id = acme, .slug = "site"});
  const Uuid app = db.insert(Project{.tenant_id = acme, .slug = "app"});
  const Uuid other = db.insert(Project{.tenant_id = initech, .slug = "site"});  // same slug, other tenant
  CHECK(site.version() == 7);
  CHECK(db.template get<Project>(acme, site)->slug == "site");
  CHECK_FALSE(db.template get<Project>(initech, site));
  CHECK_THROWS_AS(db.insert(Project{.tenant_id = acme, .slug = "site"}), ctorm::constraint_error);
  for (const char* what : {"deploy", "test"}) db.insert(Task{.tenant_id = acme, .project_id = site, .what = what});
  db.insert(Task{.tenant_id = acme, .project_id = app, .what = "design"});
  db.insert(Task{.tenant_id = initech, .project_id = other, .what = "theirs"});
  // A task that names another tenant's project breaks the composite foreign key.
  CHECK_THROWS_AS(db.insert(Task{.tenant_id = acme, .project_id = other, .what = "crossed"}), ctorm::constraint_error);

  // Tasks of projects: keys (tenant_id, project_id), one statement.
  const auto before = db.statements_run();
  const auto loaded = db.template select<Project>()
                          .where(col<&Project::tenant_id> == acme)
                          .order_by(asc<&Project::slug>)
                          .template with<tasks, tenant>()
                          .all();
  CHECK(db.statements_run() - before == 3);
  REQUIRE(loaded.size() == 2);
  CHECK(loaded[0]->slug == "app");
  CHECK(loaded[0].template get<tasks>().size() == 1);
  CHECK(loaded[1].template get<tasks>().size() == 2);
  CHECK(loaded[1].template get<tenant>().name == "acme");
  for (const auto& t : loaded[1].template get<tasks>()) CHECK(t.tenant_id == acme);

  // And back: each task's project, across both tenants.
  const auto all_tasks = db.template select<Task>().order_by(asc<&Task::what>).template with<project>().all();
  REQUIRE(all_tasks.size() == 4);
  for (const auto& t : all_tasks) {
    CHECK(t.template get<project>().tenant_id == t->tenant_id);
    CHECK(t.template get<project>().id == t->project_id);
  }
  // Nested: tenants, their projects, the projects' tasks.
  const auto tree = db.template select<Tenant>().order_by(asc<&Tenant::name>).template with<ctorm::Nested<projects, tasks>>().all();
  REQUIRE(tree.size() == 2);
  CHECK(tree[0].template get<projects>().size() == 2);
  CHECK(tree[1].template get<projects>().size() == 1);
  CHECK(tree[1].template get<projects>()[0].template get<tasks>().size() == 1);
  // where_has through the composite key.
  CHECK(db.template select<Project>().template where_has<tasks>(col<&Task::what> == "design").count() == 1);

  // A graph saved with new rows: the tenant and the project's key are copied down.
  ctorm::Loaded<Project, tasks> g{Project{.tenant_id = initech, .slug = "new"}, {}};
  g.template get<tasks>().push_back(Task{.what = "first"});
  const auto saved = db.save(g);
  CHECK(saved->id.version() == 7);
  REQUIRE(saved.template get<tasks>().size() == 1);
  CHECK(saved.template get<tasks>()[0].tenant_id == initech);
  CHECK(saved.template get<tasks>()[0].project_id == saved->id);
  CHECK(saved.template get<tasks>()[0].id.version() == 7);

  // Deleting a tenant cascades through the composite keys.
  CHECK(db.template remove<Tenant>(acme));
  CHECK(db.template count<Project>() == 2);
  CHECK(db.template count<Task>() == 2);
}
