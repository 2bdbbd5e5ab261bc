// Round trips of arbitrary bytes through insert, get, update and queries.
//
// Input: byte 0 is flags (bit 0: the note is present; bit 1: insert look-alike rows too),
// bytes 1-8 the integer and 9-16 the double's bits (little-endian), byte 17 the text's length
// and byte 18 the blob's length; then the text, the blob, and the rest is the note. Missing
// bytes read as zero. Strings carry NUL bytes and invalid UTF-8 as they come.
//
// ctorm must give back every row byte for byte (doubles bit for bit), find it by each column
// with `==` and with `in()`, and refuse only what it documents: a NaN or a -0.0 double, with
// `ctorm::conversion_error`, leaving nothing written; the integer compared as an unsigned
// 64-bit value when it is negative (it would wrap), with `ctorm::conversion_error`; and a
// computed update of the one-byte `level` (its start and addend taken from the integer) that
// leaves the byte's range, with the table's CHECK, changing nothing.

#include <ctorm/ctorm.hpp>

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace roundtrip {

struct Record {
  std::int64_t id{};
  std::string text{};
  std::vector<std::byte> data{};
  std::optional<std::string> note{};
  std::int64_t number{};
  double real{};
  std::uint8_t level{};
};

using Schema = ctorm::Schema<ctorm::Table<Record>>;
using Db = ctorm::Database<Schema>;
using ctorm::col;

bool same(const Record& a, const Record& b) {
  return a.id == b.id && a.text == b.text && a.data == b.data && a.note == b.note &&
         a.number == b.number && std::bit_cast<std::uint64_t>(a.real) == std::bit_cast<std::uint64_t>(b.real) &&
         a.level == b.level;
}

void print_bytes(const char* name, std::string_view s) {
  std::fprintf(stderr, "  %s (%zu bytes):", name, s.size());
  for (unsigned char c : s) std::fprintf(stderr, " %02x", c);
  std::fprintf(stderr, "\n");
}

void print_record(const char* name, const Record& r) {
  std::fprintf(stderr, "%s: id %lld, number %lld, real %a, level %u\n", name, static_cast<long long>(r.id),
               static_cast<long long>(r.number), r.real, static_cast<unsigned>(r.level));
  print_bytes("text", r.text);
  print_bytes("data", {reinterpret_cast<const char*>(r.data.data()), r.data.size()});
  if (r.note) print_bytes("note", *r.note);
  else std::fprintf(stderr, "  note NULL\n");
}

[[noreturn]] void fail(const Record& r, const std::string& what) {
  print_record("roundtrip_fuzz: record", r);
  std::fprintf(stderr, "roundtrip_fuzz: %s\n", what.c_str());
  std::abort();
}

// The one row a query must return: `rows` read back exactly `expected`.
void expect_only(const Record& expected, const std::vector<Record>& rows, const char* query) {
  if (rows.size() != 1) fail(expected, std::string(query) + " returned " + std::to_string(rows.size()) + " rows, not 1");
  if (!same(rows.front(), expected)) {
    print_record("roundtrip_fuzz: returned", rows.front());
    fail(expected, std::string(query) + " returned another row");
  }
}

struct Reader {
  const std::uint8_t* p;
  std::size_t n;
  std::uint8_t byte() { return n == 0 ? 0 : (--n, *p++); }
  std::uint64_t word() {
    std::uint64_t u = 0;
    for (int k = 0; k < 8; ++k) u |= static_cast<std::uint64_t>(byte()) << (8 * k);
    return u;
  }
  std::string take(std::size_t count) {
    count = count < n ? count : n;
    std::string s(reinterpret_cast<const char*>(p), count);
    p += count;
    n -= count;
    return s;
  }
};

std::vector<std::byte> as_bytes(const std::string& s) {
  const auto* b = reinterpret_cast<const std::byte*>(s.data());
  return {b, b + s.size()};
}

// Rows that differ from `r` in every column but only just: a text cut at its first NUL, or one
// byte shorter or longer, so that a comparison that stops early or ignores a length finds them.
std::vector<Record> look_alikes(const Record& r) {
  std::vector<std::string> texts;
  const auto add = [&](std::string t) {
    if (t != r.text) texts.push_back(std::move(t));
  };
  add(r.text.substr(0, r.text.find('\0')));
  if (!r.text.empty()) add(r.text.substr(0, r.text.size() - 1));
  add(r.text + '\0');
  add(r.text + '\x01');
  std::vector<Record> out;
  for (std::size_t k = 0; k < texts.size(); ++k) {
    Record d{};
    d.text = texts[k];
    d.data = r.data;
    d.data.push_back(static_cast<std::byte>(k));
    d.note = r.note ? std::optional<std::string>(*r.note + '\0') : std::optional<std::string>("");
    d.number = r.number ^ static_cast<std::int64_t>(k + 1);
    d.real = r.real == 1.0 ? 2.0 : 1.0;
    out.push_back(std::move(d));
  }
  return out;
}

void check(Db& db, Record r, bool with_look_alikes) {
  // What ctorm documents it refuses: values SQLite would not give back (NaN becomes NULL,
  // -0.0 loses its sign in a REAL column).
  const bool refused = std::isnan(r.real) || (r.real == 0 && std::signbit(r.real));
  try {
    r.id = db.insert(r);
  } catch (const ctorm::conversion_error& e) {
    if (!refused) fail(r, std::string("insert refused a value it can store: ") + e.what());
    if (e.column() != "real" || e.row() != 0) fail(r, std::string("the error names the wrong column: ") + e.what());
    if (db.count<Record>() != 0) fail(r, "a refused insert left a row behind");
    return;
  }
  if (refused) fail(r, "insert stored a value SQLite cannot give back");

  const std::vector<Record> others = with_look_alikes ? look_alikes(r) : std::vector<Record>{};
  for (const Record& o : others) db.insert(o);
  const auto rows = static_cast<std::int64_t>(others.size()) + 1;

  const auto got = db.get<Record>(r.id);
  if (!got) fail(r, "get() found no row");
  expect_only(r, {*got}, "get()");

  expect_only(r, db.select<Record>().where(col<&Record::text> == r.text).all(), "text ==");
  expect_only(r, db.select<Record>().where(col<&Record::text>.in(std::vector<std::string>{r.text})).all(),
              "text in()");
  if (db.select<Record>().where(col<&Record::text>.not_in(std::vector<std::string>{r.text})).count() != rows - 1)
    fail(r, "text not_in() did not leave exactly the other rows");
  expect_only(r, db.select<Record>().where(col<&Record::data> == r.data).all(), "data ==");
  expect_only(r, db.select<Record>().where(col<&Record::number> == r.number).all(), "number ==");
  expect_only(r, db.select<Record>().where(col<&Record::number>.in(std::vector<std::int64_t>{r.number})).all(),
              "number in()");
  expect_only(r, db.select<Record>().where(col<&Record::real> == r.real).all(), "real ==");
  expect_only(r, db.select<Record>().where(col<&Record::real>.in(std::vector<double>{r.real})).all(), "real in()");
  // Lists of several values: every row written, found once.
  std::vector<std::string> texts{r.text};
  std::vector<std::int64_t> numbers{r.number};
  std::vector<double> reals{r.real};
  for (const Record& o : others) {
    texts.push_back(o.text);
    numbers.push_back(o.number);
    reals.push_back(o.real);
  }
  if (db.select<Record>().where(col<&Record::text>.in(texts)).count() != rows ||
      db.select<Record>().where(col<&Record::number>.in(numbers)).count() != rows ||
      db.select<Record>().where(col<&Record::real>.in(reals)).count() != rows)
    fail(r, "in() with every row's value did not find every row");
  if (r.note) {
    expect_only(r, db.select<Record>().where(col<&Record::note> == *r.note).all(), "note ==");
    expect_only(r, db.select<Record>().where(col<&Record::note>.in(std::vector<std::string>{*r.note})).all(),
                "note in()");
  } else {
    expect_only(r, db.select<Record>().where(col<&Record::note>.is_null()).all(), "note is_null()");
  }

  expect_only(r, db.select<Record>().where(col<&Record::data>.in(std::vector<std::vector<std::byte>>{r.data})).all(),
              "data in()");
  // The integer as an unsigned 64-bit value: a negative one would wrap to itself.
  const auto as_unsigned = static_cast<std::uint64_t>(r.number);
  try {
    expect_only(r, db.select<Record>().where(col<&Record::number> == as_unsigned).all(), "number == unsigned");
    if (r.number < 0) fail(r, "an unsigned value above INT64_MAX was bound");
  } catch (const ctorm::conversion_error&) {
    if (r.number >= 0) fail(r, "an unsigned value that fits was refused");
  }

  // A computed update must stay within the member's range, or change nothing.
  const int delta = static_cast<int>((static_cast<std::uint64_t>(r.number) >> 8) & 0x1ff) - 256;
  const int wanted = r.level + delta;
  try {
    db.update<Record>().set(col<&Record::level> = col<&Record::level> + delta).where(col<&Record::id> == r.id);
    if (wanted < 0 || wanted > 255) fail(r, "a computed update stored " + std::to_string(wanted) + " in a uint8_t");
    r.level = static_cast<std::uint8_t>(wanted);
  } catch (const ctorm::constraint_error&) {
    if (wanted >= 0 && wanted <= 255) fail(r, "a computed update within range was refused");
  }
  const auto computed = db.get<Record>(r.id);
  if (!computed) fail(r, "get() found no row after the computed update");
  expect_only(r, {*computed}, "get() after the computed update");

  // The same bytes written by UPDATE, in other columns.
  Record swapped = r;
  swapped.text = r.note.value_or(std::string{});
  swapped.note = r.text;
  swapped.data = as_bytes(r.text);
  if (!db.update(swapped)) fail(r, "update() found no row");
  const auto updated = db.get<Record>(r.id);
  if (!updated) fail(swapped, "get() found no row after update()");
  expect_only(swapped, {*updated}, "get() after update()");
  if (db.count<Record>() != rows) fail(r, "the table does not hold the rows written");
}

}  // namespace roundtrip

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace roundtrip;
  static Db db = [] {
    Db d{":memory:"};
    d.create_all();
    return d;
  }();
  Reader in{data, size};
  const std::uint8_t flags = in.byte();
  Record r{};
  r.number = static_cast<std::int64_t>(in.word());
  r.real = std::bit_cast<double>(in.word());
  r.level = static_cast<std::uint8_t>(r.number);
  const std::size_t text_size = in.byte();
  const std::size_t data_size = in.byte();
  r.text = in.take(text_size);
  r.data = as_bytes(in.take(data_size));
  if ((flags & 1) != 0) r.note = in.take(in.n);

  try {
    // Rolled back when it goes out of scope: every input starts from an empty table.
    auto tx = db.transaction();
    check(db, r, (flags & 2) != 0);
  } catch (const std::exception& e) {
    fail(r, std::string("unexpected exception: ") + e.what());
  } catch (...) {
    fail(r, "threw something that is not a std::exception");
  }
  return 0;
}
