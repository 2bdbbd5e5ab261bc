// expect: ctorm: a foreign key member must have the type of the key it references
// expect: valid<Blog>
// expect-not: Schema<ctorm::Table<User
// expect-first: Post::author_id
// A schema named by a struct of its own: the compiler names it `Blog`, however many tables it has.
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::int32_t author_id{}; std::string title{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; std::string text{}; };
struct Tag { std::int64_t id{}; std::string name{}; };
struct Blog : ctorm::Schema<ctorm::Table<User, ctorm::HasMany<Post, &Post::author_id>>,
                            ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>, ctorm::ManyToMany<Tag>>,
                            ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>, ctorm::Table<Tag>> {};
static_assert(ctorm::valid<Blog>);
