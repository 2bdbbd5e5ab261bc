#!/usr/bin/env python3
"""Writes one C++20 translation unit for the compile-time benchmark.

    generate.py ctorm N [-o FILE]   N tables as a ctorm::Schema; insert + select().with<>() each
    generate.py ctorm N --hana      the same, each struct described with BOOST_HANA_DEFINE_STRUCT
    generate.py raw N [-o FILE]     the same N tables with hand-written sqlite3 calls
    generate.py raw N --eager       the same, and each table's first relation loaded by hand
                                    as ctorm loads it: the same work as the ctorm unit
    generate.py deps [-o FILE]      only #include <boost/pfr.hpp>, <boost/hana.hpp>, <sqlite3.h>
    generate.py header [-o FILE]    only #include <ctorm/ctorm.hpp>
    generate.py hana [-o FILE]      only #include <ctorm/ctorm.hpp> and <ctorm/hana.hpp>

The schema repeats a block of 10 tables (local index k = i % 10; "k0" is the block's first):

    k  FK member (type)                   relations declared (the first is loaded with with<>)
    0  -                                  HasMany<k1>, HasMany<k3>
    1  k0_id (int64), OnDelete::Cascade   BelongsTo<k0>, HasMany<k2>
    2  k1_id (int64), OnDelete::Cascade   BelongsTo<k1>
    3  k0_id (int64)                      HasOne<k4>, BelongsTo<k0>
    4  k3_id (int64), Unique<>            BelongsTo<k3> (one-to-one)
    5  -                                  HasMany<k6>, HasMany<k8>
    6  k5_id (int64)                      HasMany<k7>, BelongsTo<k5>
    7  k6_id (int64)                      BelongsTo<k6>
    8  k5_id (optional<int64>), SetNull   BelongsTo<k5> (nullable)
    9  -                                  ManyToMany<k8> (join table owned by ctorm)

Every table has exactly 6 columns: `id` (int64 key), an int64 (the non-null FK, or `qty`),
`name` (string), `note` (optional<string>), `score` (double) and an optional<int64> (the
nullable FK, or `rank`). A block declares 15 relations, 1.5 per table: 7 BelongsTo, 6 HasMany,
1 HasOne, 1 ManyToMany. The ManyToMany's join table is made by ctorm and is not one of the N
tables: for N a multiple of 10 the database holds N + N/10 tables. `--stats` prints the counts.
"""

import argparse
import sys

# (kind, local target, options) per local index; the first entry is the one loaded by with<>.
RELATIONS = {
    0: [("has_many", 1), ("has_many", 3)],
    1: [("belongs_to", 0), ("has_many", 2)],
    2: [("belongs_to", 1)],
    3: [("has_one", 4), ("belongs_to", 0)],
    4: [("belongs_to", 3)],
    5: [("has_many", 6), ("has_many", 8)],
    6: [("has_many", 7), ("belongs_to", 5)],
    7: [("belongs_to", 6)],
    8: [("belongs_to", 5)],
    9: [("many_to_many", 8)],
}
# local index -> (parent local index, nullable, BelongsTo options)
FOREIGN_KEYS = {
    1: (0, False, ["ctorm::OnDelete::Cascade"]),
    2: (1, False, ["ctorm::OnDelete::Cascade"]),
    3: (0, False, []),
    4: (3, False, ["ctorm::Unique<>"]),
    6: (5, False, []),
    7: (6, False, []),
    8: (5, True, ["ctorm::OnDelete::SetNull"]),
}


def struct(i):
    return f"Entity{i}"


def table(i):
    return f"entity{i}s"


def fk_member(parent):
    return f"entity{parent}_id"


class Model:
    """The N tables: members, foreign keys and relations, with global indices."""

    def __init__(self, n):
        if n < 1:
            raise SystemExit("N must be at least 1")
        self.n = n

    @staticmethod
    def split(i):
        return i - i % 10, i % 10

    def foreign_key(self, i):
        """(parent index, nullable, options) or None."""
        base, k = self.split(i)
        if k not in FOREIGN_KEYS:
            return None
        parent, nullable, options = FOREIGN_KEYS[k]
        return base + parent, nullable, options

    def members(self, i):
        """[(C++ type, member name, SQL type, nullable)] in declaration order."""
        fk = self.foreign_key(i)
        slot_a = fk_member(fk[0]) if fk and not fk[1] else "qty"
        slot_b = fk_member(fk[0]) if fk and fk[1] else "rank"
        return [
            ("std::int64_t", "id", "INTEGER", False),
            ("std::int64_t", slot_a, "INTEGER", False),
            ("std::string", "name", "TEXT", False),
            ("std::optional<std::string>", "note", "TEXT", True),
            ("double", "score", "REAL", False),
            ("std::optional<std::int64_t>", slot_b, "INTEGER", True),
        ]

    def relations(self, i):
        """[(kind, target index)] that exist for this N (targets may lie beyond N)."""
        base, k = self.split(i)
        return [(kind, base + t) for kind, t in RELATIONS[k] if base + t < self.n]

    def many_to_many_pairs(self):
        return [(i, t) for i in range(self.n) for kind, t in self.relations(i) if kind == "many_to_many"]

    def relation_count(self):
        return sum(len(self.relations(i)) for i in range(self.n))


# ---------------------------------------------------------------------------------------------
# ctorm


def alias(kind, owner, target):
    short = {"belongs_to": "bt", "has_many": "hm", "has_one": "ho", "many_to_many": "mm"}[kind]
    return f"{short}_{owner}_{target}"


def relation_type(m, kind, owner, target):
    if kind == "belongs_to":
        _, _, options = m.foreign_key(owner)
        args = [struct(target), f"&{struct(owner)}::{fk_member(target)}"] + options
        return f"ctorm::BelongsTo<{', '.join(args)}>"
    if kind in ("has_many", "has_one"):
        name = "HasMany" if kind == "has_many" else "HasOne"
        return f"ctorm::{name}<{struct(target)}, &{struct(target)}::{fk_member(owner)}>"
    return f"ctorm::ManyToMany<{struct(target)}>"


def row_value(m, i, ids):
    """A designated initializer for one row of table i; `ids` names the parent's key variable."""
    fields = []
    for ctype, name, _, nullable in m.members(i):
        if name == "id":
            fields.append(".id = 0")
        elif name.endswith("_id"):
            fields.append(f".{name} = {ids(int(name[len('entity'):-len('_id')]))}")
        elif name == "qty":
            fields.append(f".qty = {i + 1}")
        elif name == "name":
            fields.append(f'.name = "row {i}"')
        elif name == "note":
            fields.append(f'.note = {"std::nullopt" if i % 2 else chr(34) + "note" + chr(34)}')
        elif name == "score":
            fields.append(f".score = {i}.5")
        elif name == "rank":
            fields.append(f".rank = {'std::nullopt' if i % 3 == 0 else i}")
        else:
            raise AssertionError(name)
    return ", ".join(fields)


def emit_structs(m, out, hana=False):
    for i in range(m.n):
        out.append(f"struct {struct(i)} {{")
        if hana:
            fields = ", ".join(f"({ctype}, {name})" for ctype, name, _, _ in m.members(i))
            out.append(f"  BOOST_HANA_DEFINE_STRUCT({struct(i)}, {fields});")
        else:
            for ctype, name, _, _ in m.members(i):
                out.append(f"  {ctype} {name}{{}};")
        out.append("};")


def gen_ctorm(n, hana=False):
    m = Model(n)
    described = ", described with BOOST_HANA_DEFINE_STRUCT" if hana else ""
    out = [
        f"// Generated by generate.py: ctorm, {n} tables{described}, {m.relation_count()} relations.",
        "#include <ctorm/ctorm.hpp>",
    ] + (["#include <ctorm/hana.hpp>"] if hana else []) + [
        "",
        "#include <cstdint>",
        "#include <optional>",
        "#include <string>",
        "",
        "namespace gen {",
        "",
    ]
    emit_structs(m, out, hana)
    out.append("")
    for i in range(n):
        for kind, t in m.relations(i):
            out.append(f"using {alias(kind, i, t)} = {relation_type(m, kind, i, t)};")
    out.append("")
    out.append("using Schema = ctorm::Schema<")
    tables = []
    for i in range(n):
        args = [struct(i)] + [alias(kind, i, t) for kind, t in m.relations(i)]
        tables.append(f"    ctorm::Table<{', '.join(args)}>")
    out.append(",\n".join(tables) + ">;")
    out.append("static_assert(ctorm::valid<Schema>);")
    out.append("")
    out.append("}  // namespace gen")
    out.append("")
    out.append("int main() {")
    out.append("  using namespace gen;")
    out.append('  ctorm::Database<Schema> db{":memory:"};')
    out.append("  db.create_all();")
    out.append("  bool ok = true;")
    for i in range(n):
        out.append(f"  const std::int64_t id{i} = db.insert({struct(i)}{{{row_value(m, i, lambda p: f'id{p}')}}});")
    for i in range(n):
        rels = m.relations(i)
        if not rels:
            out.append(f"  ok = ok && db.select<{struct(i)}>().all().size() == 1;")
            continue
        kind, t = rels[0]
        a = alias(kind, i, t)
        out.append(f"  {{")
        out.append(f"    auto rows = db.select<{struct(i)}>().with<{a}>().all();")
        check = {
            "belongs_to": None,
            "has_many": f"rows[0].get<{a}>().size() == 1",
            "has_one": f"rows[0].get<{a}>().has_value()",
            "many_to_many": f"rows[0].get<{a}>().empty()",
        }[kind]
        if kind == "belongs_to":
            nullable = m.foreign_key(i)[1]
            check = f"rows[0].get<{a}>(){'->' if nullable else '.'}id == id{t}"
        out.append(f"    ok = ok && rows.size() == 1 && rows[0]->id == id{i} && {check};")
        out.append(f"  }}")
    out.append("  return ok ? 0 : 1;")
    out.append("}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# hand-written sqlite3


def ddl(m):
    """The statements ctorm's create_all() runs for this schema, written out by hand."""
    stmts = []
    for i in range(m.n):
        cols = []
        for ctype, name, sqltype, nullable in m.members(i):
            if name == "id":
                cols.append('"id" INTEGER PRIMARY KEY')
            else:
                cols.append(f'"{name}" {sqltype}{"" if nullable else " NOT NULL"}')
        fk = m.foreign_key(i)
        if fk:
            parent, _, options = fk
            if "ctorm::Unique<>" in options:
                cols.append(f'UNIQUE ("{fk_member(parent)}")')
            action = ""
            if "ctorm::OnDelete::Cascade" in options:
                action = " ON DELETE CASCADE"
            elif "ctorm::OnDelete::SetNull" in options:
                action = " ON DELETE SET NULL"
            cols.append(f'FOREIGN KEY ("{fk_member(parent)}") REFERENCES "{table(parent)}" ("id"){action}')
        stmts.append(f'CREATE TABLE IF NOT EXISTS "{table(i)}" ({", ".join(cols)}) STRICT')
        if fk and "ctorm::Unique<>" not in fk[2]:
            col = fk_member(fk[0])
            stmts.append(f'CREATE INDEX IF NOT EXISTS "{table(i)}_{col}_index" ON "{table(i)}" ("{col}")')
    for owner, target in m.many_to_many_pairs():
        a, b = sorted([owner, target], key=table)
        name = f"{table(a)}_{table(b)}"
        ca, cb = fk_member(a), fk_member(b)
        stmts.append(
            f'CREATE TABLE IF NOT EXISTS "{name}" ("{ca}" INTEGER NOT NULL, "{cb}" INTEGER NOT NULL, '
            f'PRIMARY KEY ("{ca}", "{cb}"), '
            f'FOREIGN KEY ("{ca}") REFERENCES "{table(a)}" ("id") ON DELETE CASCADE, '
            f'FOREIGN KEY ("{cb}") REFERENCES "{table(b)}" ("id") ON DELETE CASCADE) STRICT'
        )
        stmts.append(f'CREATE INDEX IF NOT EXISTS "{name}_{cb}_index" ON "{name}" ("{cb}")')
    return stmts


def cpp_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


RAW_PRELUDE = r"""#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>
@EAGER_INCLUDES@
namespace {

void check(sqlite3* db, int rc, int expected = SQLITE_OK) {
  if (rc != expected) throw std::runtime_error(sqlite3_errmsg(db));
}

void exec(sqlite3* db, const char* sql) { check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr)); }

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  check(db, sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr));
  return st;
}

void bind(sqlite3_stmt* st, int i, std::int64_t v) { sqlite3_bind_int64(st, i, v); }
void bind(sqlite3_stmt* st, int i, double v) { sqlite3_bind_double(st, i, v); }
void bind(sqlite3_stmt* st, int i, const std::string& v) {
  sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}
template <class T>
void bind(sqlite3_stmt* st, int i, const std::optional<T>& v) {
  if (v) bind(st, i, *v); else sqlite3_bind_null(st, i);
}

void read(sqlite3_stmt* st, int i, std::int64_t& v) {
  if (sqlite3_column_type(st, i) != SQLITE_INTEGER) throw std::runtime_error("not an integer");
  v = sqlite3_column_int64(st, i);
}
void read(sqlite3_stmt* st, int i, double& v) {
  if (sqlite3_column_type(st, i) == SQLITE_NULL) throw std::runtime_error("NULL");
  v = sqlite3_column_double(st, i);
}
void read(sqlite3_stmt* st, int i, std::string& v) {
  if (sqlite3_column_type(st, i) != SQLITE_TEXT) throw std::runtime_error("not text");
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
  v.assign(p, static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
}
template <class T>
void read(sqlite3_stmt* st, int i, std::optional<T>& v) {
  if (sqlite3_column_type(st, i) == SQLITE_NULL) { v.reset(); return; }
  read(st, i, v.emplace());
}

}  // namespace
"""


RAW_EAGER_PRELUDE = r"""
namespace {

// The parents' keys as one JSON array (bound once, read with json_each), and for each key the
// parents that hold it.
struct key_index {
  std::string json = "[";
  std::unordered_map<std::int64_t, std::vector<std::size_t>> parents;
  void add(std::int64_t key, std::size_t parent) {
    auto& at = parents[key];
    if (at.empty()) json += (json.size() > 1 ? "," : "") + std::to_string(key);
    at.push_back(parent);
  }
  const std::vector<std::size_t>* find(std::int64_t key) const {
    auto it = parents.find(key);
    return it == parents.end() ? nullptr : &it->second;
  }
};

}  // namespace
"""


def eager_sql(m, i, kind, t):
    """The statement ctorm's with<> runs for table i's relation (kind, t): the key the rows hang
    on, then the target's columns; the parents' keys bound as ?1."""
    cols = ", ".join(f'"{table(t)}"."{name}"' for _, name, _, _ in m.members(t))
    keys = "IN (SELECT value FROM json_each(?1))"
    if kind in ("has_many", "has_one"):
        fk = f'"{table(t)}"."{fk_member(i)}"'
        return f'SELECT {fk}, {cols} FROM "{table(t)}" WHERE {fk} {keys}'
    if kind == "belongs_to":
        return f'SELECT "{table(t)}"."id", {cols} FROM "{table(t)}" WHERE "{table(t)}"."id" {keys}'
    a, b = sorted([i, t], key=table)
    junction = f"{table(a)}_{table(b)}"
    own = f'"{junction}"."{fk_member(i)}"'
    return (f'SELECT {own}, {cols} FROM "{junction}" JOIN "{table(t)}" ON "{table(t)}"."id" = '
            f'"{junction}"."{fk_member(t)}" WHERE {own} {keys}')


def emit_raw_eager(m, out, i):
    """Table i loaded with its first relation, written by hand: a struct for the row and its
    related rows, and a function that reads the rows, then the related rows in one statement."""
    kind, t = m.relations(i)[0]
    s, ts = struct(i), struct(t)
    many = kind in ("has_many", "many_to_many")
    slot = f"std::vector<{ts}>" if many else f"std::optional<{ts}>"
    out.append(f"struct {s}With {{")
    out.append(f"  {s} row;")
    out.append(f"  {slot} related;")
    out.append("};")
    out.append(f"std::vector<{s}With> select_{table(i)}_with(sqlite3* db) {{")
    out.append(f"  std::vector<{s}With> rows;")
    out.append("  key_index keys;")
    sel = f'SELECT {", ".join(chr(34) + name + chr(34) for _, name, _, _ in m.members(i))} FROM "{table(i)}"'
    out.append(f"  sqlite3_stmt* st = prepare(db, {cpp_string(sel)});")
    out.append("  int rc;")
    out.append("  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {")
    out.append(f"    {s}With& w = rows.emplace_back();")
    out.append(f"    read_{table(i)}(st, 0, w.row);")
    if kind == "belongs_to":
        fk = m.foreign_key(i)
        member = f"w.row.{fk_member(t)}"
        if fk[1]:
            out.append(f"    if ({member}) keys.add(*{member}, rows.size() - 1);")
        else:
            out.append(f"    keys.add({member}, rows.size() - 1);")
    else:
        out.append("    keys.add(w.row.id, rows.size() - 1);")
    out.append("  }")
    out.append("  sqlite3_finalize(st);")
    out.append("  check(db, rc, SQLITE_DONE);")
    out.append("  if (keys.parents.empty()) return rows;")
    out.append("  keys.json += ']';")
    out.append(f"  st = prepare(db, {cpp_string(eager_sql(m, i, kind, t))});")
    out.append("  sqlite3_bind_text(st, 1, keys.json.data(), static_cast<int>(keys.json.size()), SQLITE_STATIC);")
    out.append("  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {")
    out.append("    std::int64_t key;")
    out.append("    read(st, 0, key);")
    out.append(f"    {ts} related;")
    out.append(f"    read_{table(t)}(st, 1, related);")
    out.append("    const std::vector<std::size_t>* parents = keys.find(key);")
    out.append("    if (parents == nullptr) continue;")
    out.append("    for (std::size_t p : *parents) {")
    if many:
        out.append("      rows[p].related.push_back(related);")
    else:
        out.append("      if (!rows[p].related) rows[p].related = related;")
    out.append("    }")
    out.append("  }")
    out.append("  sqlite3_finalize(st);")
    out.append("  check(db, rc, SQLITE_DONE);")
    out.append("  return rows;")
    out.append("}")


def raw_check(m, i, kind, t):
    """What main checks of table i's eager load (the same as the ctorm unit)."""
    if kind == "has_many":
        return "rows[0].related.size() == 1"
    if kind == "many_to_many":
        return "rows[0].related.empty()"
    if kind == "has_one":
        return "rows[0].related.has_value()"
    return f"rows[0].related && rows[0].related->id == id{t}"


def gen_raw(n, eager=False):
    m = Model(n)
    title = f"hand-written sqlite3, {n} tables{', first relations loaded' if eager else ''}"
    prelude = RAW_PRELUDE.replace("@EAGER_INCLUDES@", "#include <unordered_map>\n" if eager else "")
    out = [f"// Generated by generate.py: {title}.", prelude + (RAW_EAGER_PRELUDE if eager else ""),
           "namespace gen {", ""]
    emit_structs(m, out)
    out.append("")
    out.append("const char* const schema_sql[] = {")
    for s in ddl(m):
        out.append(f"    {cpp_string(s)},")
    out.append("};")
    out.append("")
    for i in range(n):
        s, t = struct(i), table(i)
        members = m.members(i)
        cols = [name for _, name, _, _ in members]
        ins_cols = cols[1:]
        ins = (f'INSERT INTO "{t}" ({", ".join(chr(34) + c + chr(34) for c in ins_cols)}) '
               f'VALUES ({", ".join(f"?{k + 1}" for k in range(len(ins_cols)))})')
        sel = f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{t}"'
        out.append(f"std::int64_t insert_{t}(sqlite3* db, const {s}& row) {{")
        out.append(f"  sqlite3_stmt* st = prepare(db, {cpp_string(ins)});")
        for k, c in enumerate(ins_cols):
            out.append(f"  bind(st, {k + 1}, row.{c});")
        out.append("  const int rc = sqlite3_step(st);")
        out.append("  sqlite3_finalize(st);")
        out.append("  check(db, rc, SQLITE_DONE);")
        out.append("  return sqlite3_last_insert_rowid(db);")
        out.append("}")
        if eager:
            # The columns read from `first` on: the rows of a table and its related rows alike.
            out.append(f"void read_{t}(sqlite3_stmt* st, int first, {s}& row) {{")
            for k, c in enumerate(cols):
                out.append(f"  read(st, first + {k}, row.{c});")
            out.append("}")
            if m.relations(i):
                continue
        out.append(f"std::vector<{s}> select_{t}(sqlite3* db) {{")
        out.append(f"  sqlite3_stmt* st = prepare(db, {cpp_string(sel)});")
        out.append(f"  std::vector<{s}> rows;")
        out.append("  int rc;")
        out.append("  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {")
        out.append(f"    {s}& row = rows.emplace_back();")
        for k, c in enumerate(cols):
            out.append(f"    read(st, {k}, row.{c});")
        out.append("  }")
        out.append("  sqlite3_finalize(st);")
        out.append("  check(db, rc, SQLITE_DONE);")
        out.append("  return rows;")
        out.append("}")
    if eager:
        for i in range(n):
            if m.relations(i):
                emit_raw_eager(m, out, i)
    out.append("")
    out.append("}  // namespace gen")
    out.append("")
    out.append("int main() {")
    out.append("  using namespace gen;")
    out.append("  sqlite3* db = nullptr;")
    out.append('  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)')
    out.append("    return 1;")
    out.append("  bool ok = true;")
    out.append("  try {")
    out.append('    exec(db, "PRAGMA foreign_keys = ON");')
    out.append('    exec(db, "BEGIN");')
    out.append("    for (const char* sql : schema_sql) exec(db, sql);")
    out.append('    exec(db, "COMMIT");')
    for i in range(n):
        out.append(f"    const std::int64_t id{i} = insert_{table(i)}(db, {struct(i)}{{{row_value(m, i, lambda p: f'id{p}')}}});")
    for i in range(n):
        out.append(f"    {{")
        if eager and m.relations(i):
            kind, t = m.relations(i)[0]
            out.append(f"      auto rows = select_{table(i)}_with(db);")
            out.append(f"      ok = ok && rows.size() == 1 && rows[0].row.id == id{i} && {raw_check(m, i, kind, t)};")
        else:
            out.append(f"      auto rows = select_{table(i)}(db);")
            out.append(f"      ok = ok && rows.size() == 1 && rows[0].id == id{i};")
        out.append(f"    }}")
    out.append("  } catch (const std::exception& e) {")
    out.append('    std::fprintf(stderr, "%s\\n", e.what());')
    out.append("    ok = false;")
    out.append("  }")
    out.append("  sqlite3_close(db);")
    out.append("  return ok ? 0 : 1;")
    out.append("}")
    return "\n".join(out) + "\n"


def gen_deps():
    return ("// Generated by generate.py: the dependencies' headers only.\n"
            "#include <boost/hana.hpp>\n#include <boost/pfr.hpp>\n#include <sqlite3.h>\n\n"
            "int main() { return 0; }\n")


def gen_header():
    return ("// Generated by generate.py: ctorm's header only.\n"
            "#include <ctorm/ctorm.hpp>\n\n"
            "int main() { return 0; }\n")


def gen_hana_header():
    return ("// Generated by generate.py: ctorm's header and its Boost.Hana opt-in only.\n"
            "#include <ctorm/ctorm.hpp>\n#include <ctorm/hana.hpp>\n\n"
            "int main() { return 0; }\n")


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", choices=["ctorm", "raw", "deps", "header", "hana"])
    p.add_argument("tables", type=int, nargs="?", help="number of tables (ctorm, raw)")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.add_argument("--stats", action="store_true", help="print the table and relation counts instead")
    p.add_argument("--hana", action="store_true", help="ctorm: describe the structs with Boost.Hana")
    p.add_argument("--eager", action="store_true", help="raw: load each table's first relation by hand")
    a = p.parse_args(argv)
    if a.kind in ("ctorm", "raw") and a.tables is None:
        p.error(f"{a.kind} needs the number of tables")
    if a.stats:
        m = Model(a.tables)
        kinds = {}
        for i in range(m.n):
            for kind, _ in m.relations(i):
                kinds[kind] = kinds.get(kind, 0) + 1
        print(f"tables {m.n}, columns {6 * m.n}, relations {m.relation_count()} "
              f"({m.relation_count() / m.n:.2f} per table): "
              + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
              + f"; join tables {len(m.many_to_many_pairs())}")
        return 0
    text = {"ctorm": lambda: gen_ctorm(a.tables, a.hana), "raw": lambda: gen_raw(a.tables, a.eager),
            "deps": gen_deps, "header": gen_header, "hana": gen_hana_header}[a.kind]()
    if a.output:
        with open(a.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
