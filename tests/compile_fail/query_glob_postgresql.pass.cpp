#include <ctorm/core.hpp>
struct Post { std::int64_t id{}; std::string title{}; };
using S = ctorm::Schema<ctorm::Table<Post>>;
ctorm::Database<S, ctorm::no_database<ctorm::postgresql_dialect>>& pg();
constexpr std::string_view sql = decltype(pg().select<Post>().where(ctorm::col<&Post::title>.like("C%")))::sql;
static_assert(sql.ends_with(R"("posts"."title" ILIKE $1::TEXT ESCAPE '')"));
