// Injection: hostile text — SQL metacharacters, quotes, comments, statement separators, NUL
// bytes, invalid UTF-8, very long strings — enters through every place a value enters (insert,
// update, set, where, like, glob, in(), text keys, eager-loading key lists, pivot data). Each
// value is data only: it comes back byte for byte, LIKE and GLOB metacharacters act as patterns
// and nothing else, and no table or row appears or disappears.

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <ctorm/ctorm.hpp>

#include "sqlite_helpers.hpp"

namespace {

using ctorm::col;

struct Person {
  std::int64_t id{};
  std::string name{};
  std::optional<std::string> note{};
};

struct Topic {
  std::int64_t id{};
  std::string title{};
};

struct Follow {
  std::int64_t person_id{};
  std::int64_t topic_id{};
  std::string reason{};
  std::optional<std::string> extra{};
};

struct Code {
  std::string code{};
  std::string label{};
};

struct Ref {
  std::int64_t id{};
  std::string code{};
};

// Identifiers with quotes and comment markers: the schema is the only source of names, and
// ctorm quotes them.
struct Odd {
  std::int64_t id{};
  std::string value{};
};

using topics = ctorm::ManyToMany<Topic, Follow>;
using refs = ctorm::HasMany<Ref, &Ref::code>;
using code = ctorm::BelongsTo<Code, &Ref::code>;

using InjectionSchema = ctorm::Schema<
    ctorm::Table<Person, ctorm::Name<"inj_people">, topics>, ctorm::Table<Topic, ctorm::Name<"inj_topics">>,
    ctorm::Table<Follow, ctorm::Name<"inj_follows">, ctorm::PrimaryKey<&Follow::person_id, &Follow::topic_id>,
                 ctorm::BelongsTo<Person, &Follow::person_id, ctorm::OnDelete::Cascade>,
                 ctorm::BelongsTo<Topic, &Follow::topic_id, ctorm::OnDelete::Cascade>>,
    ctorm::Table<Code, ctorm::Name<"inj_codes">, ctorm::PrimaryKey<&Code::code>, refs>,
    ctorm::Table<Ref, ctorm::Name<"inj_refs">, code>,
    ctorm::Table<Odd, ctorm::Name<"inj \"odd\" 'table'; --">, ctorm::Column<&Odd::value, "v'); DROP TABLE inj_people; --">,
                 ctorm::Index<&Odd::value>>>;
using InjectionDb = ctorm::Database<InjectionSchema>;

std::string long_mixed() {
  std::mt19937 rng(20240229);
  std::string s(std::size_t{1} << 17, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

/// Text an attacker or a broken producer might send.
std::vector<std::string> hostile_strings() {
  using namespace std::string_literals;
  return {
      "",
      "'",
      "\"",
      "`",
      "''",
      "' OR '1'='1",
      "\" OR \"1\"=\"1",
      "' OR 1=1 --",
      "-- comment",
      "/* comment */",
      "*/ SELECT 1; /*",
      "; DROP TABLE inj_people; --",
      "'); DROP TABLE inj_people; --",
      "\"); DROP TABLE inj_people; --",
      "`); DROP TABLE inj_people; --",
      "x'00'",
      "?1",
      ":name @name $name",
      "%",
      "_",
      "%_%",
      "a%b_c",
      "[a-z]*?",
      "\\",
      "\\%",
      "\\\"]",
      "[1,2]",
      "{\"a\":1}",
      "null",
      "$[0]",
      "\\u0000",
      "a\0b"s,
      "\0"s,
      "\0\0'"s,
      "\x01"s,
      "\x01\x03"s,
      "\x01\x02"s,
      "\x01\x01\x03\x00\x02"s,
      "\t\n\r\x1f\x7f",
      "\x80",              // a lone continuation byte
      "\xbf\xbf\xbf",
      "\xc0\xaf",          // an overlong '/'
      "\xe0\x80\xaf",      // another
      "\xf0\x80\x80\xaf",  // and another
      "\xff",
      "\xfe\xff",
      "\xed\xa0\x80",      // a UTF-16 surrogate
      "\xf4\x90\x80\x80",  // above U+10FFFF
      "\xe2\x82",          // cut short
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
      "\xe2\x80\xa8\xe2\x80\xa9",  // JSON-unsafe line separators
      "MiXeD cAsE",
      std::string(std::size_t{1} << 17, '\''),
      long_mixed(),
  };
}

std::string show(std::string_view s) {
  if (s.size() > 40) return "<" + std::to_string(s.size()) + " bytes>";
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

/// Hex of the bytes SQLite holds, read without ctorm.
std::string stored_hex(sqlite3* db, const std::string& table, const std::string& column, const std::string& where) {
  return test::scalar(db, "SELECT hex(CAST(\"" + column + "\" AS BLOB)) FROM \"" + table + "\" WHERE " + where);
}

std::string hex(std::string_view s) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

/// The ids `sql` returns with `value` bound as text to ?1, as hand-written code binds it.
std::vector<std::int64_t> raw_ids(sqlite3* db, const std::string& sql, const std::string& value) {
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_bind_text64(s, 1, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8) == SQLITE_OK);
  std::vector<std::int64_t> out;
  while (sqlite3_step(s) == SQLITE_ROW) out.push_back(sqlite3_column_int64(s, 0));
  sqlite3_finalize(s);
  return out;
}

template <class Row>
std::vector<std::int64_t> ids_of(const std::vector<Row>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(r.id);
  return out;
}

/// The schema (every table, index and its SQL) and each table's row count.
struct shape {
  std::vector<std::vector<std::string>> schema;
  std::vector<std::vector<std::string>> counts;
};

shape shape_of(sqlite3* db) {
  shape s;
  s.schema = test::rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
  for (const auto& t : test::rows(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
    std::string quoted;
    for (char c : t[0]) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    s.counts.push_back({t[0], test::scalar(db, "SELECT count(*) FROM \"" + quoted + "\"")});
  }
  return s;
}

/// Nothing but the expected rows changed: same tables and indexes, `counts` as given, sound file.
void expect_shape(sqlite3* db, const shape& before, const std::vector<std::vector<std::string>>& counts) {
  const shape after = shape_of(db);
  CHECK(after.schema == before.schema);
  CHECK(after.counts == counts);
  CHECK(test::scalar(db, "PRAGMA integrity_check") == "ok");
  CHECK(test::rows(db, "PRAGMA foreign_key_check").empty());
}

class People {
 public:
  People() {
    db.create_all();
    before = shape_of(db.native_handle());
    for (const std::string& s : hostile_strings()) {
      Person p;
      p.name = s;
      if (rows.size() % 2 == 0) p.note = s;
      p.id = db.insert(p);
      rows.push_back(p);
    }
  }
  InjectionDb db{":memory:"};
  shape before;
  std::vector<Person> rows;

  /// Row counts of every table, in the order `shape_of` lists them.
  static std::vector<std::vector<std::string>> counts(std::size_t people, std::size_t topic_rows = 0,
                                                      std::size_t follow_rows = 0) {
    return {{"inj \"odd\" 'table'; --", "0"},
            {"inj_codes", "0"},
            {"inj_follows", std::to_string(follow_rows)},
            {"inj_people", std::to_string(people)},
            {"inj_refs", "0"},
            {"inj_topics", std::to_string(topic_rows)}};
  }
};

/// The prefix SQLite's LIKE and GLOB see: they read patterns and text as C strings.
std::string_view c_string(const std::string& s) { return std::string_view(s.c_str()); }

}  // namespace

// =============================================================================================

TEST_CASE("hostile text round-trips byte for byte through insert, update and set", "[injection]") {
  People f;
  sqlite3* h = f.db.native_handle();
  for (const Person& p : f.rows) {
    INFO(show(p.name));
    const auto got = f.db.get<Person>(p.id);
    REQUIRE(got.has_value());
    CHECK(got->name == p.name);
    CHECK(got->note == p.note);
    CHECK(stored_hex(h, "inj_people", "name", "id = " + std::to_string(p.id)) == hex(p.name));
    CHECK(test::scalar(h, "SELECT typeof(name) FROM inj_people WHERE id = " + std::to_string(p.id)) == "text");
    CHECK(std::get<0>(f.db.select(col<&Person::name>).where(col<&Person::id> == p.id).one()) == p.name);
  }
  const auto all = f.db.all<Person>();
  REQUIRE(all.size() == f.rows.size());
  for (std::size_t k = 0; k < all.size(); ++k) CHECK(all[k].name == f.rows[k].name);

  // update(row): every row takes the name of the row after it, and its note from the one before.
  const std::size_t n = f.rows.size();
  for (std::size_t k = 0; k < n; ++k) {
    Person p = f.rows[k];
    p.name = f.rows[(k + 1) % n].name;
    p.note = f.rows[(k + n - 1) % n].name;
    REQUIRE(f.db.update(p));
  }
  for (std::size_t k = 0; k < n; ++k) {
    INFO(show(f.rows[k].name));
    const auto got = f.db.get<Person>(f.rows[k].id);
    CHECK(got->name == f.rows[(k + 1) % n].name);
    CHECK(got->note == std::optional<std::string>(f.rows[(k + n - 1) % n].name));
  }

  // update<T>().set(): back to the original values, and a condition on hostile text as well.
  for (const Person& p : f.rows) {
    INFO(show(p.name));
    const auto changed = f.db.update<Person>()
                             .set(col<&Person::name> = p.name, col<&Person::note> = p.note)
                             .where(col<&Person::id> == p.id &&
                                    col<&Person::name> == f.rows[static_cast<std::size_t>(p.id) % n].name);
    CHECK(changed == 1);
    CHECK(stored_hex(h, "inj_people", "name", "id = " + std::to_string(p.id)) == hex(p.name));
  }
  for (const Person& p : f.rows) CHECK(f.db.get<Person>(p.id)->note == p.note);
  expect_shape(h, f.before, f.counts(n));
}

TEST_CASE("hostile text in ==, in() and not_in() finds exactly its rows", "[injection]") {
  People f;
  sqlite3* h = f.db.native_handle();
  std::vector<std::string> names;
  for (const Person& p : f.rows) names.push_back(p.name);
  for (const Person& p : f.rows) {
    INFO(show(p.name));
    std::vector<std::int64_t> same_name, same_note;
    for (const Person& q : f.rows) {
      if (q.name == p.name) same_name.push_back(q.id);
      if (q.note == std::optional<std::string>(p.name)) same_note.push_back(q.id);
    }
    CHECK(same_name == std::vector<std::int64_t>{p.id});
    CHECK(ids_of(f.db.select<Person>().where(col<&Person::name> == p.name).all()) == same_name);
    CHECK(ids_of(f.db.select<Person>().where(col<&Person::note> == p.name).all()) == same_note);
    CHECK(ids_of(f.db.select<Person>().where(col<&Person::name>.in(std::vector<std::string>{p.name})).all()) ==
          same_name);
    CHECK(ids_of(f.db.select<Person>()
                     .where(col<&Person::note>.in(std::vector<std::optional<std::string>>{p.name, std::nullopt}))
                     .all()) == same_note);
    CHECK(f.db.select<Person>().where(col<&Person::name>.not_in(std::vector<std::string>{p.name})).count() ==
          static_cast<std::int64_t>(f.rows.size()) - 1);
    CHECK(f.db.select<Person>().where(col<&Person::name> != p.name).count() ==
          static_cast<std::int64_t>(f.rows.size()) - 1);
  }
  CHECK(f.db.select<Person>().where(col<&Person::name>.in(names)).count() == static_cast<std::int64_t>(names.size()));
  CHECK(f.db.select<Person>().where(col<&Person::name>.not_in(names)).count() == 0);
  // A near miss of a NUL-bearing or escaped value finds nothing.
  for (const std::string& miss : {std::string("a"), std::string("a\0", 2), std::string("a\0c", 3), std::string("\x01\x01"),
                                 std::string("\x01\x03\x02"), std::string("\\u0001\\u0003")}) {
    INFO(show(miss));
    CHECK(f.db.select<Person>().where(col<&Person::name> == miss).count() == 0);
    CHECK(f.db.select<Person>().where(col<&Person::name>.in(std::vector<std::string>{miss})).count() == 0);
  }
  expect_shape(h, f.before, f.counts(f.rows.size()));
}

TEST_CASE("LIKE and GLOB metacharacters act only as patterns", "[injection]") {
  People f;
  sqlite3* h = f.db.native_handle();
  const auto all_ids = ids_of(f.rows);

  // Every hostile string as a pattern selects what hand-written code binding it selects.
  for (const Person& p : f.rows) {
    if (p.name.size() > 50000) continue;  // above SQLite's pattern length limit, below
    INFO(show(p.name));
    CHECK(ids_of(f.db.select<Person>().where(col<&Person::name>.like(p.name)).order_by(ctorm::asc<&Person::id>).all()) ==
          raw_ids(h, "SELECT id FROM inj_people WHERE name LIKE ?1 ORDER BY id", p.name));
    CHECK(ids_of(f.db.select<Person>().where(col<&Person::name>.glob(p.name)).order_by(ctorm::asc<&Person::id>).all()) ==
          raw_ids(h, "SELECT id FROM inj_people WHERE name GLOB ?1 ORDER BY id", p.name));
  }

  // What the metacharacters mean, worked out here without SQLite.
  const auto matching = [&](auto pred) {
    std::vector<std::int64_t> out;
    for (const Person& p : f.rows)
      if (pred(c_string(p.name))) out.push_back(p.id);
    return out;
  };
  const auto like = [&](const std::string& pattern) {
    return ids_of(f.db.select<Person>().where(col<&Person::name>.like(pattern)).order_by(ctorm::asc<&Person::id>).all());
  };
  const auto glob = [&](const std::string& pattern) {
    return ids_of(f.db.select<Person>().where(col<&Person::name>.glob(pattern)).order_by(ctorm::asc<&Person::id>).all());
  };
  CHECK(like("%") == all_ids);
  CHECK(glob("*") == all_ids);
  CHECK(like("'%") == matching([](std::string_view s) { return s.starts_with('\''); }));
  CHECK(like("%--%") == matching([](std::string_view s) { return s.find("--") != std::string_view::npos; }));
  CHECK(like("%;%") == matching([](std::string_view s) { return s.find(';') != std::string_view::npos; }));
  CHECK(like("%drop table%") ==
        matching([](std::string_view s) { return s.find("DROP TABLE") != std::string_view::npos; }));
  CHECK(glob("*DROP TABLE*") ==
        matching([](std::string_view s) { return s.find("DROP TABLE") != std::string_view::npos; }));
  CHECK(glob("*drop table*").empty());  // GLOB is case-sensitive
  CHECK(glob("*[\"]*") == matching([](std::string_view s) { return s.find('"') != std::string_view::npos; }));
  CHECK(glob("*[*]*") == matching([](std::string_view s) { return s.find('*') != std::string_view::npos; }));
  const auto one_char = like("_");
  for (const Person& p : f.rows) {
    const bool ascii = std::all_of(p.name.begin(), p.name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii || c_string(p.name).size() != p.name.size()) continue;  // characters as SQLite counts them
    INFO(show(p.name));
    CHECK((std::find(one_char.begin(), one_char.end(), p.id) != one_char.end()) == (p.name.size() == 1));
  }
  CHECK(like("mixed case") == matching([](std::string_view s) { return s == "MiXeD cAsE"; }));
  // A NUL ends the pattern and the text alike: "a\0c" finds "a\0b" (SQLite's rule, kept).
  CHECK(like(std::string("a\0c", 3)) == matching([](std::string_view s) { return s == "a"; }));
  CHECK_FALSE(like(std::string("a\0c", 3)).empty());

  // A pattern longer than SQLite allows is an error, not a truncated match.
  const std::string& huge = f.rows.back().name;
  CHECK_THROWS_WITH(f.db.select<Person>().where(col<&Person::name>.like(huge)).all(),
                    Catch::StartsWith("ctorm: LIKE or GLOB pattern too complex"));
  expect_shape(h, f.before, f.counts(f.rows.size()));
}

TEST_CASE("hostile text keys: get, remove, upsert and eager loading by a text key", "[injection]") {
  InjectionDb db{":memory:"};
  db.create_all();
  sqlite3* h = db.native_handle();
  const shape before = shape_of(h);
  const auto strings = hostile_strings();
  std::int64_t next = 1;
  for (const std::string& s : strings) {
    db.upsert(Code{s, "label of " + s});
    db.insert(Ref{next++, s});
    db.insert(Ref{next++, s});
  }
  for (std::size_t k = 0; k < strings.size(); ++k) {
    const std::string& s = strings[k];
    INFO(show(s));
    const auto got = db.get<Code>(s);
    REQUIRE(got.has_value());
    CHECK(got->code == s);
    CHECK(got->label == "label of " + s);
    // The key as SQLite holds it matches the foreign key written beside it, byte for byte.
    CHECK(stored_hex(h, "inj_codes", "code", "code = (SELECT code FROM inj_refs WHERE id = " +
                                                 std::to_string(2 * k + 1) + ")") == hex(s));
  }

  // HasMany by a text key: each code gets exactly its two refs.
  const auto codes = db.select<Code>().with<refs>().all();
  REQUIRE(codes.size() == strings.size());
  for (const auto& c : codes) {
    INFO(show(c->code));
    REQUIRE(c.get<refs>().size() == 2);
    for (const Ref& r : c.get<refs>()) CHECK(r.code == c->code);
  }
  // BelongsTo by a text key, in one query for every distinct key.
  const auto before_statements = db.statements_run();
  const auto loaded = db.select<Ref>().with<code>().all();
  CHECK(db.statements_run() - before_statements == 2);
  REQUIRE(loaded.size() == 2 * strings.size());
  for (const auto& r : loaded) {
    INFO(show(r->code));
    CHECK(r.get<code>().code == r->code);
    CHECK(r.get<code>().label == "label of " + r->code);
  }
  // Upsert by a hostile key changes only that row; remove takes only that row.
  for (std::size_t k = 0; k < strings.size(); k += 3) {
    INFO(show(strings[k]));
    db.upsert(Code{strings[k], "changed"});
    CHECK(db.get<Code>(strings[k])->label == "changed");
  }
  CHECK(db.select<Code>().where(col<&Code::label> == std::string("changed")).count() ==
        static_cast<std::int64_t>((strings.size() + 2) / 3));
  const std::string dropper = "'); DROP TABLE inj_people; --";
  CHECK(db.remove<Ref>().where(col<&Ref::code> == dropper) == 2);
  CHECK(db.remove<Code>(dropper));
  CHECK_FALSE(db.get<Code>(dropper).has_value());
  expect_shape(h, before,
               {{"inj \"odd\" 'table'; --", "0"},
                {"inj_codes", std::to_string(strings.size() - 1)},
                {"inj_follows", "0"},
                {"inj_people", "0"},
                {"inj_refs", std::to_string(2 * strings.size() - 2)},
                {"inj_topics", "0"}});
}

TEST_CASE("hostile pivot data on a ManyToMany comes back byte for byte", "[injection]") {
  People f;
  sqlite3* h = f.db.native_handle();
  const auto strings = hostile_strings();
  std::vector<Topic> topics_made;
  for (const std::string& s : strings) {
    Topic t{0, s};
    t.id = f.db.insert(t);
    topics_made.push_back(t);
  }
  // Person k follows topics k and k + 1, for reasons and extras that are hostile strings.
  const std::size_t n = strings.size();
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t d = 0; d < 2; ++d) {
      const std::size_t t = (k + d) % n;
      Follow pivot;
      pivot.reason = strings[(k + d + 7) % n];
      if (d == 1) pivot.extra = strings[(k + 3) % n];
      f.db.attach<topics>(f.rows[k], topics_made[t], pivot);
    }
  }

  const auto loaded = f.db.select<Person>().order_by(ctorm::asc<&Person::id>).with<topics>().all();
  REQUIRE(loaded.size() == n);
  for (std::size_t k = 0; k < n; ++k) {
    INFO(show(f.rows[k].name));
    CHECK(loaded[k]->name == f.rows[k].name);
    auto links = loaded[k].get<topics>();
    REQUIRE(links.size() == 2);
    std::sort(links.begin(), links.end(), [&](const auto& a, const auto& b) {
      return (a->id - topics_made[k].id + static_cast<std::int64_t>(n)) % static_cast<std::int64_t>(n) <
             (b->id - topics_made[k].id + static_cast<std::int64_t>(n)) % static_cast<std::int64_t>(n);
    });
    for (std::size_t d = 0; d < 2; ++d) {
      CHECK(links[d]->title == strings[(k + d) % n]);
      CHECK(links[d].pivot.person_id == f.rows[k].id);
      CHECK(links[d].pivot.reason == strings[(k + d + 7) % n]);
      CHECK(links[d].pivot.extra == (d == 1 ? std::optional<std::string>(strings[(k + 3) % n]) : std::nullopt));
    }
  }

  // Conditions on the pivot columns, in a join and in a constrained load.
  for (std::size_t k = 0; k < n; k += 5) {
    const std::string& reason = strings[(k + 7) % n];
    INFO(show(reason));
    std::vector<std::int64_t> expected;
    for (std::size_t j = 0; j < n; ++j)
      if (strings[(j + 7) % n] == reason || strings[(j + 8) % n] == reason) expected.push_back(f.rows[j].id);
    CHECK(ids_of(f.db.select<Person>()
                     .join<topics>()
                     .where(col<&Follow::reason> == reason)
                     .order_by(ctorm::asc<&Person::id>)
                     .all()) == expected);
    const auto constrained =
        f.db.select<Person>().where(col<&Person::id> == f.rows[k].id).with<topics>(col<&Follow::reason> == reason).all();
    REQUIRE(constrained.size() == 1);
    REQUIRE(constrained[0].get<topics>().size() == 1);
    CHECK(constrained[0].get<topics>()[0].pivot.reason == reason);
  }
  // The junction rows as SQLite holds them.
  CHECK(stored_hex(h, "inj_follows", "reason",
                   "person_id = " + std::to_string(f.rows[0].id) + " AND topic_id = " + std::to_string(topics_made[1].id)) ==
        hex(strings[8 % n]));

  CHECK(f.db.detach<topics>(f.rows[0], topics_made[0].id) == 1);
  expect_shape(h, f.before, f.counts(n, n, 2 * n - 1));
}

TEST_CASE("names with quotes and comment markers are quoted identifiers", "[injection]") {
  InjectionDb db{":memory:"};
  db.create_all();
  sqlite3* h = db.native_handle();
  CHECK(test::rows(h, "SELECT name FROM sqlite_schema WHERE tbl_name = 'inj \"odd\" ''table''; --' ORDER BY name") ==
        std::vector<std::vector<std::string>>{{"inj \"odd\" 'table'; --"},
                                              {"inj \"odd\" 'table'; --_v'); DROP TABLE inj_people; --_index"}});
  const shape before = shape_of(h);
  const auto strings = hostile_strings();
  for (const std::string& s : strings) db.insert(Odd{0, s});
  for (std::int64_t id = 1; id <= static_cast<std::int64_t>(strings.size()); ++id) {
    const auto got = db.get<Odd>(id);
    REQUIRE(got.has_value());
    CHECK(got->value == strings[static_cast<std::size_t>(id - 1)]);
    CHECK(db.select<Odd>().where(col<&Odd::value> == got->value).count() == 1);
  }
  CHECK(db.update<Odd>().set(col<&Odd::value> = std::string("'")).where(col<&Odd::id> == 1) == 1);
  CHECK(db.select<Odd>().where(col<&Odd::value>.like("'")).count() == 2);
  CHECK(db.remove<Odd>().where(col<&Odd::value> == std::string("'")) == 2);
  expect_shape(h, before,
               {{"inj \"odd\" 'table'; --", std::to_string(strings.size() - 2)},
                {"inj_codes", "0"},
                {"inj_follows", "0"},
                {"inj_people", "0"},
                {"inj_refs", "0"},
                {"inj_topics", "0"}});
}
