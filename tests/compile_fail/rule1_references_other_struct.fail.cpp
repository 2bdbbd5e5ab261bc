// expect: ctorm: References<> must name members of the BelongsTo's target struct
// expect-first: rule::references_are_on_target<ctorm::BelongsTo<User, &Post::author_email, ctorm::References<&Account::email> ?> ?>
// Post's BelongsTo<User, ...> references Account::email, a member of another struct.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Account { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::string author_email{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::Unique<&User::email>>,
                        ctorm::Table<Account, ctorm::Unique<&Account::email>>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_email,
                                                            ctorm::References<&Account::email>>>>;
static_assert(ctorm::valid<S>);
