// The examples of docs/scale-out.md.
#include <ctorm/ctorm.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "check.hpp"

namespace scale_out_guide {

// [keys-declare]
struct Customer {
  ctorm::Uuid id{};  // BLOB(16) on SQLite, UUID on PostgreSQL
  std::string name{};
};
struct Invoice {
  ctorm::Uuid id{};
  ctorm::Uuid customer_id{};
  std::int64_t cents{};
};
using invoices = ctorm::HasMany<Invoice, &Invoice::customer_id>;
using customer = ctorm::BelongsTo<Customer, &Invoice::customer_id, ctorm::OnDelete::Cascade>;
using Billing = ctorm::Schema<ctorm::Table<Customer, ctorm::UuidKeys, invoices>,
                              ctorm::Table<Invoice, ctorm::UuidKeys, customer>>;
static_assert(ctorm::valid<Billing>);
// [keys-declare-end]

// [citus-declare]
struct Plan {  // small, read everywhere: copied to every node
  std::int64_t id{};
  std::string name{};
};
struct Tenant {
  ctorm::Uuid id{};
  std::int64_t plan_id{};
  std::string name{};
};
struct Project {
  ctorm::Uuid tenant_id{};  // the distribution column, first in every key
  ctorm::Uuid id{};
  std::string slug{};
};
struct Task {
  ctorm::Uuid tenant_id{};
  ctorm::Uuid id{};
  ctorm::Uuid project_id{};
  std::string what{};
};

using plan = ctorm::BelongsTo<Plan, &Tenant::plan_id>;
using projects = ctorm::HasMany<Project, &Project::tenant_id>;
using tenant = ctorm::BelongsTo<Tenant, &Project::tenant_id, ctorm::OnDelete::Cascade>;
using tasks = ctorm::HasMany<Task, ctorm::Keys<&Task::tenant_id, &Task::project_id>>;
using project = ctorm::BelongsTo<Project, ctorm::Keys<&Task::tenant_id, &Task::project_id>, ctorm::OnDelete::Cascade>;

using Work = ctorm::Schema<
    ctorm::Table<Plan, ctorm::ReferenceTable>,
    ctorm::Table<Tenant, ctorm::DistributedBy<&Tenant::id>, ctorm::UuidKeys, plan, projects>,
    ctorm::Table<Project, ctorm::PrimaryKey<&Project::tenant_id, &Project::id>, ctorm::DistributedBy<&Project::tenant_id>,
                 ctorm::UuidKeys, ctorm::Unique<&Project::tenant_id, &Project::slug>, tenant, tasks>,
    ctorm::Table<Task, ctorm::PrimaryKey<&Task::tenant_id, &Task::id>, ctorm::DistributedBy<&Task::tenant_id>,
                 ctorm::UuidKeys, project>>;
static_assert(ctorm::valid<Work>);
// [citus-declare-end]

}  // namespace scale_out_guide

int scale_out_example() {
  using namespace scale_out_guide;
  using ctorm::col;
  docs::print_block("keys-sqlite", ctorm::sql::create_table<Billing, Invoice, ctorm::sqlite_dialect>);
  docs::print_block("keys-postgresql", ctorm::sql::create_table<Billing, Invoice, ctorm::postgresql_dialect>);
  {
    // [keys]
    ctorm::Database<Billing> db{":memory:"};
    db.create_all();
    const ctorm::Uuid acme = db.insert(Customer{.name = "Acme"});  // a new uuid_v7(), returned
    const ctorm::Uuid first = db.insert(Invoice{.customer_id = acme, .cents = 1200});
    const ctorm::Uuid chosen = ctorm::uuid_v4();
    db.insert(Invoice{.id = chosen, .customer_id = acme, .cents = 800});  // a key given is kept
    CHECK(acme.version() == 7 && acme < first);  // v7 keys sort by the time they were made
    CHECK(ctorm::Uuid::parse(acme.to_string()) == acme);  // "01933b5e-...": 8-4-4-4-12 hex digits
    auto customers = db.select<Customer>().with<invoices>().all();  // keys bound as one list
    CHECK(customers[0].get<invoices>().size() == 2);
    CHECK(db.select<Invoice>().where(col<&Invoice::id>.in(std::vector<ctorm::Uuid>{first, chosen})).count() == 2);
    // [keys-end]
  }
  {
    // [retry]
    ctorm::Database<Billing> db{":memory:"};
    db.create_all();
    const ctorm::Uuid acme = db.insert(Customer{.name = "Acme"});
    ctorm::retry_policy<ctorm::transaction_mode> policy;  // ctorm::isolation on PostgreSQL
    policy.attempts = 20;
    db.transact(
        [&](auto& d) {  // run again, whole, when another writer was in the way
          auto c = d.template get<Customer>(acme).value();
          c.name += " Inc.";
          d.update(c);
          d.insert(Invoice{.customer_id = acme, .cents = 100});
        },
        policy);
    CHECK(db.get<Customer>(acme)->name == "Acme Inc.");
    CHECK(db.retries() == 0);  // nobody else wrote
    // [retry-end]
  }
  docs::print_block("citus-ddl", ctorm::schema_sql<Work, ctorm::citus_dialect>());
  using Db = ctorm::Database<Work, ctorm::no_database<ctorm::citus_dialect>>;
  docs::print_block("citus-where-has", decltype(std::declval<Db&>().select<Project>().where_has<tasks>())::sql);
  docs::print_block("citus-eager",
                    ctorm::static_text<ctorm::detail::eager_gen<Work, Project, tasks, ctorm::detail::load_constraint<>,
                                                                ctorm::citus_dialect>>);
  {
    // [citus-use]
    ctorm::Database<Work> db{":memory:"};  // or ctorm::postgresql: the same schema, no Citus needed
    db.create_all();
    const auto free = db.insert(Plan{.name = "free"});
    const ctorm::Uuid acme = db.insert(Tenant{.plan_id = free, .name = "Acme"});
    const ctorm::Uuid site = db.insert(Project{.tenant_id = acme, .slug = "site"});  // id made, tenant given
    db.insert(Task{.tenant_id = acme, .project_id = site, .what = "deploy"});
    auto loaded = db.select<Project>().where(col<&Project::tenant_id> == acme).with<tasks>().all();
    CHECK(loaded.size() == 1 && loaded[0].get<tasks>().size() == 1);
    // [citus-use-end]
  }
  return 0;
}
