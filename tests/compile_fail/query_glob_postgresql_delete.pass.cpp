#include <ctorm/core.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
using S = ctorm::Schema<ctorm::Table<Post>>;
ctorm::Database<S, ctorm::no_database<ctorm::postgresql_dialect>>& pg();
using Deleted = decltype(pg().remove<Post>().where(ctorm::col<&Post::title>.like("C%")));
static_assert(Deleted::sql.ends_with(R"("posts"."title" ILIKE $1::TEXT ESCAPE '')"));
