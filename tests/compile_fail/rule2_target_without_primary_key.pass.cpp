#include <ctorm/ctorm.hpp>
struct Account { std::string email{}; std::string name{}; };
struct Post { std::int64_t id{}; std::string account_email{}; };
using S = ctorm::Schema<ctorm::Table<Account, ctorm::PrimaryKey<&Account::email>>,
                        ctorm::Table<Post, ctorm::BelongsTo<Account, &Post::account_email>>>;
static_assert(ctorm::valid<S>);
