#include <ctorm/ctorm.hpp>
struct Slug { std::string slug{}; std::int64_t hits{}; };
using S = ctorm::Schema<ctorm::Table<Slug, ctorm::PrimaryKey<&Slug::slug>, ctorm::Default<&Slug::slug, "home">,
                                     ctorm::Default<&Slug::hits, 0>>>;
static_assert(ctorm::valid<S>);
