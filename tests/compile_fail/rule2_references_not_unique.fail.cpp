// expect: ctorm: References<> must name the target's primary key or members it declares ctorm::Unique<
// expect-first: rule::referenced_members_are_unique<ctorm::BelongsTo<User, &Post::author_email, ctorm::References<&User::email> ?> ?>
// Post references User::email, which User's table does not declare unique.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::string author_email{}; };
using S = ctorm::Schema<ctorm::Table<User>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_email,
                                                            ctorm::References<&User::email>>>>;
static_assert(ctorm::valid<S>);
