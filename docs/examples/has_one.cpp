// The examples of docs/relations/has-one.md.
#include <ctorm/ctorm.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check.hpp"

namespace has_one_guide {

// [declare]
struct User {
  std::int64_t id{};
  std::string email{};
};
struct Profile {
  std::int64_t id{};
  std::int64_t user_id{};
  std::string bio{};
};

using profile = ctorm::HasOne<Profile, &Profile::user_id>;  // on users
using owner = ctorm::BelongsTo<User, &Profile::user_id, ctorm::Unique<>, ctorm::OnDelete::Cascade>;

using Accounts = ctorm::Schema<ctorm::Table<User, profile, ctorm::Unique<&User::email>>,
                               ctorm::Table<Profile, owner>>;
static_assert(ctorm::valid<Accounts>);
// [declare-end]

}  // namespace has_one_guide

int has_one_example() {
  using namespace has_one_guide;
  docs::print_block("ddl", docs::table_ddl(ctorm::sql::create_table<Accounts, Profile>,
                                           ctorm::sql::create_indexes<Accounts, Profile>));

  // [setup]
  ctorm::Database<Accounts> db{":memory:"};
  db.create_all();
  User ann{.id = 0, .email = "ann@example.org"};
  User bob{.id = 0, .email = "bob@example.org"};
  ann.id = db.insert(ann);
  bob.id = db.insert(bob);
  // [setup-end]

  {
    // [write]
    Profile made = db.create<profile>(ann, Profile{.id = 0, .user_id = 0, .bio = "Writes about C++."});
    CHECK(made.user_id == ann.id && made.id == 1);  // the key set, the id SQLite assigned

    bool refused = false;
    try {
      db.create<profile>(ann, Profile{.id = 0, .user_id = 0, .bio = "A second one."});
    } catch (const ctorm::constraint_error&) {  // UNIQUE ("user_id")
      refused = true;
    }
    CHECK(refused);
    // [write-end]
  }
  {
    // [eager]
    auto users = db.select<User>().order_by(ctorm::asc<&User::id>).with<profile>().all();
    const std::optional<Profile>& p = users[0].get<profile>();
    CHECK(p && p->bio == "Writes about C++.");
    CHECK(!users[1].get<profile>());  // bob has none

    auto one = db.load<profile>(bob);  // ctorm::Loaded<User, profile>
    CHECK(!one.get<profile>());
    CHECK(db.related<profile>(ann).one().bio == "Writes about C++.");
    // [eager-end]
  }
  {
    // [inverse]
    auto profiles = db.select<Profile>().with<owner>().all();
    CHECK(profiles[0].get<owner>().email == "ann@example.org");  // a non-null BelongsTo: the row
    // [inverse-end]
  }
  {
    // [query]
    auto without = db.select<User>().where_doesnt_have<profile>();
    CHECK(without.one().email == "bob@example.org");
    auto bios = db.select(ctorm::col<&User::email>, ctorm::col<&Profile::bio>).join<profile>();
    CHECK(bios.all().size() == 1);  // an inner join: users with a profile
    // [query-end]
    docs::print_block("where-doesnt-have", decltype(without)::sql);
    docs::print_block("join", decltype(bios)::sql);
  }
  return 0;
}
