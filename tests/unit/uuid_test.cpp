// ctorm::Uuid: its text form, the generators (RFC 9562 versions 4 and 7), and the SQL of UUID
// columns, keys and key lists on both dialects.
#include <catch2/catch.hpp>

#include <ctorm/core.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "../sql_text.hpp"
#include "../uuid_schema.hpp"

namespace uuidsql {
using namespace uuids;

using Work = ctorm::Schema<ctorm::Table<Tenant, ctorm::UuidKeys, projects>,
                           ctorm::Table<Project, ctorm::UuidKeys, tenant, parent, labels>, ctorm::Table<Label>>;

template <class Owner, class R, class D>
inline constexpr std::string_view eager_sql =
    ctorm::static_text<ctorm::detail::eager_gen<Work, Owner, R, ctorm::detail::load_constraint<>, D>>;

// RFC 9562, appendix A.6: the example v7 UUID, its fields given separately.
constexpr Uuid rfc_v7 = ctorm::detail::make_v7(0x017F22E279B0, 0xCC3, {0x98, 0xC4, 0xDC, 0x0C, 0x0C, 0x07, 0x39, 0x8F});
}  // namespace uuidsql

using namespace uuidsql;

TEST_CASE("a UUID's text form is canonical 8-4-4-4-12 hex digits in either case and nothing else", "[unit][uuid]") {
  STATIC_REQUIRE(Uuid::parse("017f22e2-79b0-7cc3-98c4-dc0c0c07398f") == rfc_v7);
  STATIC_REQUIRE(Uuid::parse("017F22E2-79B0-7CC3-98C4-DC0C0C07398F") == rfc_v7);
  STATIC_REQUIRE(rfc_v7.version() == 7);
  STATIC_REQUIRE(Uuid::parse("00000000-0000-0000-0000-000000000000")->is_nil());
  STATIC_REQUIRE(Uuid{}.is_nil());
  STATIC_REQUIRE(!rfc_v7.is_nil());
  STATIC_REQUIRE(Uuid{}.version() == 0);
  STATIC_REQUIRE(!Uuid::parse(""));
  STATIC_REQUIRE(!Uuid::parse("017f22e279b07cc398c4dc0c0c07398f"));        // no hyphens
  STATIC_REQUIRE(!Uuid::parse("{017f22e2-79b0-7cc3-98c4-dc0c0c07398f}"));  // braces
  STATIC_REQUIRE(!Uuid::parse("017f22e2-79b0-7cc3-98c4-dc0c0c07398"));     // one digit short
  STATIC_REQUIRE(!Uuid::parse("017f22e2-79b0-7cc3-98c4-dc0c0c07398f0"));   // one too many
  STATIC_REQUIRE(!Uuid::parse("017f22e279-b0-7cc3-98c4-dc0c0c07398f"));    // hyphen misplaced
  STATIC_REQUIRE(!Uuid::parse("017f22e2-79b0-7cc3-98c4-dc0c0c07398g"));    // not hex
  STATIC_REQUIRE(!Uuid::parse("017f22e2-79b0-7cc3-98c4 dc0c0c07398f"));

  CHECK(rfc_v7.to_string() == "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
  CHECK(Uuid{}.to_string() == "00000000-0000-0000-0000-000000000000");
  Uuid all;
  all.bytes.fill(0xff);
  CHECK(all.to_string() == "ffffffff-ffff-ffff-ffff-ffffffffffff");
  CHECK(Uuid::parse(all.to_string()) == all);
}

TEST_CASE("UUIDs compare byte by byte as PostgreSQL and SQLite compare them", "[unit][uuid]") {
  STATIC_REQUIRE(*Uuid::parse("00000000-0000-0000-0000-000000000001") < *Uuid::parse("00000000-0000-0000-0000-000000000100"));
  STATIC_REQUIRE(*Uuid::parse("10000000-0000-0000-0000-000000000000") > *Uuid::parse("0fffffff-ffff-ffff-ffff-ffffffffffff"));
  STATIC_REQUIRE(*Uuid::parse("ff000000-0000-0000-0000-000000000000") > *Uuid::parse("7f000000-0000-0000-0000-000000000000"));
}

TEST_CASE("uuid_v4 sets version 4 and the RFC variant and the rest is random", "[unit][uuid]") {
  std::unordered_set<Uuid> seen;
  std::array<int, 16> ones{};  // set bits per byte, over all of them
  constexpr int n = 4096;
  for (int i = 0; i < n; ++i) {
    const Uuid u = ctorm::uuid_v4();
    REQUIRE(u.version() == 4);
    REQUIRE((u.bytes[8] & 0xc0) == 0x80);
    REQUIRE(seen.insert(u).second);
    for (std::size_t b = 0; b < 16; ++b) ones[b] += __builtin_popcount(u.bytes[b]);
  }
  // The random bytes average half their bits set (8 x 4096 / 2 = 16384); a stuck generator
  // (all zero, all one, a repeated byte) is far outside +-2000.
  for (std::size_t b : {0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15}) {
    INFO("byte " << b);
    CHECK(ones[b] > 16384 - 2000);
    CHECK(ones[b] < 16384 + 2000);
  }
}

TEST_CASE("uuid_v7 carries the time in milliseconds and sorts in the order it was made", "[unit][uuid]") {
  using namespace std::chrono;
  const auto before = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  std::vector<Uuid> made;
  for (int i = 0; i < 10000; ++i) made.push_back(ctorm::uuid_v7());
  const auto after = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  std::set<Uuid> distinct(made.begin(), made.end());
  CHECK(distinct.size() == made.size());
  for (std::size_t i = 0; i < made.size(); ++i) {
    const Uuid& u = made[i];
    REQUIRE(u.version() == 7);
    REQUIRE((u.bytes[8] & 0xc0) == 0x80);
    if (i > 0) REQUIRE(made[i - 1] < u);  // within a thread, always after the one before
  }
  const auto ms_of = [](const Uuid& u) {
    std::int64_t ms = 0;
    for (std::size_t i = 0; i < 6; ++i) ms = ms << 8 | u.bytes[i];
    return ms;
  };
  // Ten thousand in one thread may run ahead of the clock by a few milliseconds at most
  // (4096 per millisecond before the fraction carries into it).
  CHECK(ms_of(made.front()) >= before);
  CHECK(ms_of(made.back()) <= after + 3);
  // RFC 9562's example: its time field.
  STATIC_REQUIRE(rfc_v7.bytes[0] == 0x01 && rfc_v7.bytes[5] == 0xB0);
}

TEST_CASE("UUID columns are UUID on PostgreSQL and a 16-byte BLOB with a length CHECK on SQLite", "[unit][uuid][sql]") {
  STATIC_REQUIRE(ctorm::valid<Work>);
  STATIC_REQUIRE(ctorm::sql::create_table<Work, Project, ctorm::sqlite_dialect> ==
                 R"sql(CREATE TABLE IF NOT EXISTS "projects" ("id" BLOB NOT NULL CHECK (length("id") = 16), "tenant_id" BLOB NOT NULL CHECK (length("tenant_id") = 16), "parent_id" BLOB CHECK (length("parent_id") = 16), "title" TEXT NOT NULL, PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("parent_id") REFERENCES "projects" ("id") ON DELETE SET NULL) STRICT)sql");
  STATIC_REQUIRE(ctorm::sql::create_table<Work, Project, ctorm::postgresql_dialect> ==
                 R"sql(CREATE TABLE IF NOT EXISTS "projects" ("id" UUID NOT NULL, "tenant_id" UUID NOT NULL, "parent_id" UUID, "title" TEXT NOT NULL, PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("parent_id") REFERENCES "projects" ("id") ON DELETE SET NULL))sql");
  // ctorm's join table takes the keys' type.
  STATIC_REQUIRE(test::contains(ctorm::sql::create_schema<Work, ctorm::postgresql_dialect>,
                                R"sql("labels_projects" ("label_id" UUID NOT NULL, "project_id" UUID NOT NULL)sql"));
  // The key is written by the client: it is an inserted column.
  STATIC_REQUIRE(ctorm::sql::insert<ctorm::detail::table_in<Work, Tenant>, ctorm::postgresql_dialect> ==
                 R"sql(INSERT INTO "tenants" ("id", "name") VALUES ($1, $2))sql");
  STATIC_REQUIRE(ctorm::detail::table_in<Work, Tenant>::has_uuid_key);
  STATIC_REQUIRE(ctorm::detail::table_in<Work, Tenant>::makes_uuid_keys);
  STATIC_REQUIRE(!ctorm::detail::table_in<Work, Label>::makes_uuid_keys);
  STATIC_REQUIRE(!ctorm::detail::table_in<Work, Label>::has_rowid_key);
}

TEST_CASE("UUID keys of an eager load are one array on PostgreSQL and one BLOB cut into UUIDs on SQLite",
          "[unit][uuid][sql]") {
  STATIC_REQUIRE(eager_sql<Tenant, projects, ctorm::postgresql_dialect> ==
                 R"sql(SELECT "projects"."tenant_id", "projects"."id", "projects"."tenant_id", "projects"."parent_id", "projects"."title" FROM "projects" WHERE "projects"."tenant_id" = ANY ($1::UUID[]))sql");
  STATIC_REQUIRE(eager_sql<Tenant, projects, ctorm::sqlite_dialect> ==
                 R"sql(SELECT "projects"."tenant_id", "projects"."id", "projects"."tenant_id", "projects"."parent_id", "projects"."title" FROM "projects" WHERE "projects"."tenant_id" IN (WITH RECURSIVE "ctorm_list"("at") AS (SELECT 1 WHERE length(?1) >= 16 UNION ALL SELECT "at" + 16 FROM "ctorm_list" WHERE "at" + 16 <= length(?1)) SELECT substr(?1, "at", 16) FROM "ctorm_list"))sql");
  STATIC_REQUIRE(eager_sql<Project, labels, ctorm::postgresql_dialect> ==
                 R"sql(SELECT "labels_projects"."project_id", "labels"."id", "labels"."text" FROM "labels_projects" JOIN "labels" ON "labels"."id" = "labels_projects"."label_id" WHERE "labels_projects"."project_id" = ANY ($1::UUID[]))sql");
}

TEST_CASE("a composite key list with a UUID compares the UUID as hex text on SQLite", "[unit][uuid][sql]") {
  struct writer {
    std::string text;
    void put(std::string_view s) { text.append(s); }
    void put(char c) { text.push_back(c); }
    void put_number(std::size_t n) { text.append(std::to_string(n)); }
  };
  writer out;
  ctorm::sqlite_dialect::key_in_list<Uuid, std::int64_t>(out, 1, [](auto& o, std::size_t k) { o.put(k == 0 ? "a" : "b"); });
  CHECK(out.text ==
        "(CASE WHEN a IS NOT NULL THEN hex(a) END, b) IN (SELECT json_extract(value, '$[0]'), json_extract(value, "
        "'$[1]') FROM json_each(?1))");
  writer pg;
  ctorm::postgresql_dialect::key_in_list<Uuid, std::int64_t>(pg, 1, [](auto& o, std::size_t k) { o.put(k == 0 ? "a" : "b"); });
  CHECK(pg.text == "(a, b) IN (SELECT * FROM unnest($1::UUID[], $2::BIGINT[]))");
}

TEST_CASE("a UUID column is UUID in the Mermaid diagram", "[unit][uuid]") {
  constexpr std::string_view diagram = ctorm::mermaid<Work>();
  STATIC_REQUIRE(test::contains(diagram, "UUID id PK"));
  STATIC_REQUIRE(test::contains(diagram, "UUID tenant_id FK"));
}
