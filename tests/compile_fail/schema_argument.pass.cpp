#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
static_assert(ctorm::Schema<ctorm::Table<User>>::table_count == 1);
