#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; };
using post = ctorm::BelongsTo<Post, &Comment::post_id>;
using author = ctorm::BelongsTo<User, &Post::author_id>;
using S = ctorm::Schema<ctorm::Table<User>, ctorm::Table<Post, author>,
                        ctorm::Table<Comment, post, ctorm::HasOneThrough<post, author>>>;
static_assert(ctorm::valid<S>);
