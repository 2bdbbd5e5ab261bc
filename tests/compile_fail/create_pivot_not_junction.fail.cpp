// expect: ctorm: create.s pivot is a row of the relation.s junction struct
// expect-first: Comment
// The pivot of a ManyToMany is its junction row, not another row.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
struct Comment { std::int64_t id{}; std::int64_t post_id{}; std::string text{}; };
struct Tag { std::int64_t id{}; std::string name{}; };
struct PostTag { std::int64_t post_id{}; std::int64_t tag_id{}; std::int64_t position{}; };
using comments = ctorm::HasMany<Comment, &Comment::post_id>;
using tags = ctorm::ManyToMany<Tag, PostTag>;
using S = ctorm::Schema<ctorm::Table<Post, comments, tags>, ctorm::Table<Comment, ctorm::BelongsTo<Post, &Comment::post_id>>,
                        ctorm::Table<Tag>,
                        ctorm::Table<PostTag, ctorm::PrimaryKey<&PostTag::post_id, &PostTag::tag_id>,
                                     ctorm::BelongsTo<Post, &PostTag::post_id>, ctorm::BelongsTo<Tag, &PostTag::tag_id>>>;
void use(ctorm::Database<S>& db, const Post& p) { (void)db.create<tags>(p, Tag{}, Comment{}); }
