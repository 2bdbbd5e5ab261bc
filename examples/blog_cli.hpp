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

#include "blog_schema.hpp"

namespace blog {

using Db = ctorm::Database<Schema>;

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
  std::string file;
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

/// Throws `failure` unless the file has the blog's tables as this program writes them.
void require_blog_tables(Db& db, const std::string& file);

int init(Db& db, const Args& args);
int add_user(Db& db, const Args& args);
int add_post(Db& db, const Args& args);
int tag(Db& db, const Args& args);
int comment(Db& db, const Args& args);
int like(Db& db, const Args& args);
int show(Db& db, const Args& args);
int stats(Db& db, const Args& args);

/// Adds a few users, posts, tags, comments and likes to a database that has no users yet.
void seed(Db& db);

/// The scripted run of the whole API on `path` (the program's default command).
int demo(const std::string& path, bool fresh);

}  // namespace blog
