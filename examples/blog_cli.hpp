// What the parts of the blog program share: the command line as parsed, and the two kinds of
// failure it reports (a malformed command line exits with 2, a command that cannot be done
// with 1).
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <ctorm/postgresql.hpp>

#include "blog_schema.hpp"

namespace blog {


/// The command line is malformed: unknown command or option, missing or malformed argument.
struct bad_usage : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The command line is well formed but the command cannot be done: an unknown id, a
/// duplicate, a file without the blog's tables.
struct failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The arguments after `FILE COMMAND`: positional ones in order, and options by name
/// (`--remove` maps to an empty string).
struct Args {
  std::string file;  ///< the SQLite file or the PostgreSQL connection string
  std::string name;  ///< how messages name the database: never a connection string, which may hold a password
  std::string again; ///< the start of a command line that reaches the same database
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::string, std::less<>> options;

  bool flag(std::string_view name) const { return options.contains(name); }

  std::optional<std::string> value(std::string_view name) const {
    const auto it = options.find(name);
    if (it == options.end()) return std::nullopt;
    return it->second;
  }

  std::string required(std::string_view name) const {
    auto v = value(name);
    if (!v) throw bad_usage(command + " needs " + std::string(name));
    return *v;
  }
};

// The commands, compiled once per backend (blog_commands.cpp and blog_demo.cpp are built twice,
// with BLOG_BACKEND naming the namespace): the same code on a SQLite file and on PostgreSQL.
namespace on_sqlite {
using Db = ctorm::Database<Schema>;
#include "blog_commands.inc"
}  // namespace on_sqlite
namespace on_postgresql {
using Db = ctorm::Database<Schema, ctorm::postgresql>;
#include "blog_commands.inc"
}  // namespace on_postgresql

}  // namespace blog
