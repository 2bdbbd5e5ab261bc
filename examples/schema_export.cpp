// Prints the blog schema's DDL and its Mermaid diagram: both are compile-time strings.
//
//   schema_export [sql|mermaid]

#include <iostream>
#include <string_view>

#include "blog_schema.hpp"

// [export]
constexpr std::string_view ddl = ctorm::schema_sql<blog::Schema>();
constexpr std::string_view diagram = ctorm::mermaid<blog::Schema>();
static_assert(ddl.starts_with("CREATE TABLE IF NOT EXISTS \"users\""));
// [export]

int main(int argc, char** argv) {
  const std::string_view what = argc > 1 ? argv[1] : "";
  if (what.empty() || what == "sql") std::cout << "-- schema of the blog example\n" << ddl << "\n";
  if (what.empty() || what == "mermaid") std::cout << diagram;
  if (!what.empty() && what != "sql" && what != "mermaid") {
    std::cerr << "usage: schema_export [sql|mermaid]\n";
    return 2;
  }
}
