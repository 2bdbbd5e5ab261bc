#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::string author_email{}; };
using S = ctorm::Schema<ctorm::Table<User, ctorm::Unique<&User::email>>,
                        ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_email,
                                                            ctorm::References<&User::email>>>>;
static_assert(ctorm::valid<S>);
