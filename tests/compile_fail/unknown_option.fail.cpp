// expect: ctorm: unknown table option.*use Name, Column, PrimaryKey, Unique, Index, Default, UuidKeys, DistributedBy, ReferenceTable or a relation
// expect-first: Post
#include <ctorm/ctorm.hpp>
struct Post { std::int64_t id{}; };
struct NotAnOption {};
static_assert(ctorm::Table<Post, NotAnOption>::well_formed);
