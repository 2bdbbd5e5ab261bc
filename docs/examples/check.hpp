// Shared by the documentation examples: CHECK stops the program with a failure, and the SQL an
// example prints is framed by [name] ... [name-end] lines, which the docs.snippets test
// compares with the guides' output blocks.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace docs {

inline int checks_passed = 0;

[[noreturn]] inline void check_failed(const char* expression, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, expression);
  std::exit(1);
}

/// Prints `text` between the lines `[name]` and `[name-end]`.
inline void print_block(std::string_view name, std::string_view text) {
  std::printf("[%.*s]\n%.*s", static_cast<int>(name.size()), name.data(), static_cast<int>(text.size()),
              text.data());
  if (!text.empty() && text.back() != '\n') std::printf("\n");
  std::printf("[%.*s-end]\n", static_cast<int>(name.size()), name.data());
}

/// A table's DDL as `create_all` runs it: its CREATE TABLE, then its CREATE INDEX statements.
inline std::string table_ddl(std::string_view create_table, std::string_view create_indexes) {
  return std::string(create_table) + ";\n" + std::string(create_indexes);
}

}  // namespace docs

#define CHECK(...) \
  ((__VA_ARGS__) ? void(++docs::checks_passed) : docs::check_failed(#__VA_ARGS__, __FILE__, __LINE__))
