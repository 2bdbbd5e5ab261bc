#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::string title{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; std::string text{}; };
struct Tag { std::int64_t id{}; std::string name{}; };
struct Blog : ctorm::Schema<ctorm::Table<User, ctorm::HasMany<Post, &Post::author_id>>,
                            ctorm::Table<Post, ctorm::BelongsTo<User, &Post::author_id>, ctorm::ManyToMany<Tag>>,
                            ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>, ctorm::Table<Tag>> {};
static_assert(ctorm::valid<Blog>);
static_assert(Blog::table_count == 5);
static_assert(ctorm::schema_sql<Blog>().starts_with(R"(CREATE TABLE IF NOT EXISTS "users")"));
void open() { ctorm::Database<Blog> db{":memory:"}; db.create_all(); }
