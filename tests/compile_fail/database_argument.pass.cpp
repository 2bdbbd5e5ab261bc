#include <ctorm/ctorm.hpp>
struct User { std::int64_t id{}; };
auto n = sizeof(ctorm::Database<ctorm::Schema<ctorm::Table<User>>>);
