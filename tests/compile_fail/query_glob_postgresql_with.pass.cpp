#include <ctorm/core.hpp>
struct User { std::int64_t id{}; std::string name{}; };
struct Post { std::int64_t id{}; std::int64_t user_id{}; std::string title{}; };
using posts = ctorm::HasMany<Post, &Post::user_id>;
using S = ctorm::Schema<ctorm::Table<User, posts>, ctorm::Table<Post, ctorm::BelongsTo<User, &Post::user_id>>>;
ctorm::Database<S, ctorm::no_database<ctorm::postgresql_dialect>>& pg();
using Q = decltype(pg().select<User>().with<posts>(ctorm::col<&Post::title>.like("C%")));
static_assert(std::is_same_v<Q::result_type, ctorm::Loaded<User, posts>>);
using C = decltype(ctorm::detail::make_constraint(ctorm::col<&Post::title>.like("C%")));
static_assert(ctorm::static_text<ctorm::detail::eager_gen<S, User, posts, C, ctorm::postgresql_dialect>>.ends_with(
    R"(= ANY ($1::BIGINT[]) AND "posts"."title" ILIKE $2::TEXT ESCAPE '')"));
