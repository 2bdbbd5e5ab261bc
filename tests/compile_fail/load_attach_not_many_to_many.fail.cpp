// expect: ctorm: attach, detach and sync take a ManyToMany declared on the owner's table
// expect: linkable(<ctorm::HasMany<Comment, &Comment::post_id>|\(\) .with R = ctorm::HasMany<Comment, &Comment::post_id>)
// expect-first: Comment::post_id
// comments is a HasMany: there is no junction row to insert.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Tag { std::int64_t id{}; std::string name{}; };
struct PostTag { std::int64_t post_id{}; std::int64_t tag_id{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; std::string text{}; };
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using tags = ctorm::ManyToMany<Tag, PostTag>;
using S = ctorm::Schema<ctorm::Table<Post, comments, tags>, ctorm::Table<Tag>,
                        ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                                     ctorm::BelongsTo<Post, &PostTag::post_id>, ctorm::BelongsTo<Tag, &PostTag::tag_id>>,
                        ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>>;
void use(ctorm::Database<S>& db, const Post& post) { db.attach<comments>(post, 1); }
