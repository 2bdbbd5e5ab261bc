// expect: ctorm: each on<R>\(\.\.\.\) names a relation loaded just below, once
// expect-first: on_relations<ctorm::HasMany<Comment, &Comment::post_id>
// comments are not loaded below posts here: on<comments> has nothing to restrict.
#include <ctorm/ctorm.hpp>
#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; std::string email{}; std::vector<std::byte> avatar{}; };
struct Post { std::int64_t id{}; std::int64_t author_id{}; std::string title{}; double score{}; };
struct Tag { std::int64_t id{}; std::string name{}; };
struct PostTag { std::int64_t post_id{}; std::int64_t tag_id{}; std::int64_t position{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; std::string text{}; };
using author = ctorm::BelongsTo<User, &Post::author_id>;
using posts = ctorm::HasMany<Post, &Post::author_id>;
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using tags = ctorm::ManyToMany<Tag, PostTag>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, author, comments, tags>, ctorm::Table<Tag>,
                        ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                                     ctorm::BelongsTo<Post, &PostTag::post_id>, ctorm::BelongsTo<Tag, &PostTag::tag_id>>,
                        ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>>;
auto load(ctorm::Database<S>& db) { return db.select<User>().with<posts>(ctorm::on<comments>(ctorm::col<&Comment::text> != "")).all(); }
