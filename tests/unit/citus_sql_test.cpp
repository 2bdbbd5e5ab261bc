// A schema laid out for Citus: its DDL with the calls that place the tables, and loads whose
// statements filter by the distribution column, as golden text.
#include <catch2/catch.hpp>

#include <ctorm/core.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "../sql_text.hpp"
#include "../tenants_schema.hpp"

namespace citussql {
using namespace tenants;

struct Event {  // a second co-location group: distributed by a BIGINT
  std::int64_t device_id{};
  std::int64_t id{};
};
struct Country {  // a reference table named so that it must be quoted
  std::string code{};
};

// The tenants' tables, a second co-location group and a name that must be quoted.
using Placed = ctorm::Schema<
    tenant_table, plan_table, project_table, task_table,
    ctorm::Table<Event, ctorm::PrimaryKey<&Event::device_id, &Event::id>, ctorm::DistributedBy<&Event::device_id>>,
    ctorm::Table<Country, ctorm::Name<"Countries">, ctorm::PrimaryKey<&Country::code>, ctorm::ReferenceTable>>;

template <class Owner, class R, class D>
inline constexpr std::string_view eager_sql =
    ctorm::static_text<ctorm::detail::eager_gen<Placed, Owner, R, ctorm::detail::load_constraint<>, D>>;
}  // namespace citussql

using namespace citussql;

TEST_CASE("Citus: the tables come first then reference tables then distributed tables co-located by type",
          "[unit][citus][sql]") {
  STATIC_REQUIRE(ctorm::valid<Placed>);
  constexpr std::string_view ddl = ctorm::sql::create_schema<Placed, ctorm::citus_dialect>;
  // The tables are PostgreSQL's, in dependency order; the placement follows them.
  STATIC_REQUIRE(ddl.starts_with(ctorm::sql::create_schema<Placed, ctorm::postgresql_dialect>));
  STATIC_REQUIRE(ddl.substr(ctorm::sql::create_schema<Placed, ctorm::postgresql_dialect>.size()) ==
                 "SELECT create_reference_table('plans');\n"
                 "SELECT create_reference_table('\"Countries\"');\n"
                 "SELECT create_distributed_table('tenants', 'id');\n"
                 "SELECT create_distributed_table('projects', 'tenant_id', colocate_with => 'tenants');\n"
                 "SELECT create_distributed_table('tasks', 'tenant_id', colocate_with => 'tenants');\n"
                 "SELECT create_distributed_table('events', 'device_id');\n");
  // Keys and unique constraints hold the distribution column; so does each foreign key between
  // distributed tables.
  STATIC_REQUIRE(ctorm::sql::create_table<Placed, Task, ctorm::citus_dialect> ==
                 R"sql(CREATE TABLE IF NOT EXISTS "tasks" ("tenant_id" UUID NOT NULL, "id" UUID NOT NULL, "project_id" UUID NOT NULL, "what" TEXT NOT NULL, PRIMARY KEY ("tenant_id", "id"), FOREIGN KEY ("tenant_id", "project_id") REFERENCES "projects" ("tenant_id", "id") ON DELETE CASCADE))sql");
  // The schema without the placement runs on PostgreSQL (and SQLite) as it is.
  STATIC_REQUIRE(!test::contains(ctorm::sql::create_schema<Placed, ctorm::postgresql_dialect>, "create_"));
  STATIC_REQUIRE(!test::contains(ctorm::sql::create_schema<Placed, ctorm::sqlite_dialect>, "create_"));
}

TEST_CASE("Citus: a composite key list also filters by the distribution column so that shards are pruned",
          "[unit][citus][sql]") {
  // Tasks of projects: the tenant's array is parameter 1, tested alone and in the pairs.
  STATIC_REQUIRE(eager_sql<Project, tasks, ctorm::citus_dialect> ==
                 R"sql(SELECT "tasks"."tenant_id", "tasks"."project_id", "tasks"."tenant_id", "tasks"."id", "tasks"."project_id", "tasks"."what" FROM "tasks" WHERE "tasks"."tenant_id" = ANY ($1::UUID[]) AND ("tasks"."tenant_id", "tasks"."project_id") IN (SELECT * FROM unnest($1::UUID[], $2::UUID[])))sql");
  STATIC_REQUIRE(eager_sql<Task, project, ctorm::postgresql_dialect> ==
                 R"sql(SELECT "projects"."tenant_id", "projects"."id", "projects"."tenant_id", "projects"."id", "projects"."slug" FROM "projects" WHERE "projects"."tenant_id" = ANY ($1::UUID[]) AND ("projects"."tenant_id", "projects"."id") IN (SELECT * FROM unnest($1::UUID[], $2::UUID[])))sql");
  // A one-column key on the distribution column is that filter already.
  STATIC_REQUIRE(eager_sql<Tenant, projects, ctorm::citus_dialect> ==
                 R"sql(SELECT "projects"."tenant_id", "projects"."tenant_id", "projects"."id", "projects"."slug" FROM "projects" WHERE "projects"."tenant_id" = ANY ($1::UUID[]))sql");
  // SQLite has no shards: its list is unchanged.
  STATIC_REQUIRE(!test::contains(eager_sql<Project, tasks, ctorm::sqlite_dialect>, "tenant_id\" = ANY"));
}

TEST_CASE("Citus: where_has correlates on the distribution column as co-located joins need",
          "[unit][citus][sql]") {
  using Db = ctorm::Database<Placed, ctorm::no_database<ctorm::citus_dialect>>;
  using Q = decltype(std::declval<Db&>().select<Project>().where_has<tasks>());
  STATIC_REQUIRE(Q::sql ==
                 R"sql(SELECT "projects"."tenant_id", "projects"."id", "projects"."slug" FROM "projects" WHERE EXISTS (SELECT 1 FROM "tasks" WHERE "tasks"."tenant_id" = "projects"."tenant_id" AND "tasks"."project_id" = "projects"."id"))sql");
}

TEST_CASE("Citus: a table name is a regclass literal quoted where PostgreSQL would fold it", "[unit][citus][sql]") {
  struct writer {
    std::string text;
    void put(std::string_view s) { text.append(s); }
    void put(char c) { text.push_back(c); }
  };
  const auto literal = [](std::string_view name) {
    writer w;
    ctorm::citus_dialect::regclass_literal(w, name);
    return w.text;
  };
  CHECK(literal("order_lines") == "'order_lines'");
  CHECK(literal("Orders") == "'\"Orders\"'");
  CHECK(literal("1st") == "'\"1st\"'");
  CHECK(literal("it's") == "'\"it''s\"'");
  CHECK(literal("a\"b") == "'\"a\"\"b\"'");
}
