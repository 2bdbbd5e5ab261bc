// expect: ctorm: a MorphOne or MorphMany names the type and id members of the target struct
// expect-first: rule::morph_columns_are_on_target<Post, ctorm::MorphMany<Like, &Comment::target_type, &Comment::target_id> ?>
// Post's MorphMany<Like, ...> names members of Comment instead of Like.
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
struct Like { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
struct Comment { std::int64_t id{}; std::string target_type{}; std::int64_t target_id{}; };
using S = ctorm::Schema<ctorm::Table<Post, ctorm::MorphMany<Like, &Comment::target_type, &Comment::target_id>>,
                        ctorm::Table<Like, ctorm::MorphTo<&Like::target_type, &Like::target_id, Post>>,
                        ctorm::Table<Comment, ctorm::MorphTo<&Comment::target_type, &Comment::target_id, Post>>>;
static_assert(ctorm::valid<S>);
