// expect: ctorm: this BelongsTo references a table without a primary key
// expect-first: rule::referenced_table_has_key<ctorm::BelongsTo<Account, &Post::account_email> ?>
// Post belongs to Account, whose table has no primary key (no PrimaryKey<>, no member named id).
#include <ctorm/ctorm.hpp>
struct Account { std::string email{}; std::string name{}; };
struct Post { std::int64_t id{}; std::string account_email{}; };
using S = ctorm::Schema<ctorm::Table<Account>,
                        ctorm::Table<Post, ctorm::BelongsTo<Account, &Post::account_email>>>;
static_assert(ctorm::valid<S>);
