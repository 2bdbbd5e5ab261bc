// The blog example: a small command-line program over a SQLite file, written with ctorm.
//
//   blog FILE [COMMAND] [ARGUMENTS]     (blog --help lists the commands)
//
// The commands are in blog_commands.cpp, the scripted run of the whole API (the default
// command) in blog_demo.cpp, the schema in blog_schema.hpp. This file reads the command line,
// opens the database and turns every error into a message and an exit status.

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "blog_cli.hpp"

namespace {

constexpr std::string_view usage = R"(usage: blog FILE [COMMAND] [ARGUMENTS]
       blog --pg CONNINFO [COMMAND] [ARGUMENTS]

FILE is the SQLite database, always the first argument; or, with --pg (or a first argument
that starts with postgresql://), a PostgreSQL server's connection string. USER is a user id or
an email address.

commands:
  init [--demo]                  create the tables, or bring a file made by an older blog up
                                 to date (prints what it changed); --demo adds sample rows
  add-user --email E [--name N]  add a user; prints its id
  add-post --author USER --title T [--body B] [--draft]
                                 add a post (published unless --draft); prints its id
  tag POST_ID TAG... [--remove]  tag a post, creating tags that do not exist yet; --remove
                                 takes the tags off the post
  comment POST_ID --author USER --text T [--reply-to COMMENT_ID]
                                 comment on a post, or reply to one of its comments; prints
                                 the comment's id
  like post|comment ID --user USER
                                 like a post or a comment, once per user
  show POST_ID [--with LIST]     print a post, and the relations LIST names (comma-separated,
                                 any of author,tags,comments,likes)
  stats                          rows per table, top tags, most-commented posts
  demo [--fresh]                 a scripted run of the whole API; the command when none is
                                 given. --fresh deletes FILE first

Options take their value as the next argument or after '=' (--title=Hello); after '--' every
argument is positional. Exit status: 0 done, 1 the command failed (unknown id, duplicate,
database error), 2 the command line is malformed.
)";

struct Option {
  std::string_view name;
  bool takes_value;
};

struct Command {
  std::string_view name;
  std::vector<Option> options;
  int (*run)(blog::on_sqlite::Db&, const blog::Args&);
  int (*run_pg)(blog::on_postgresql::Db&, const blog::Args&);
};

#define BLOG_COMMAND(f) blog::on_sqlite::f, blog::on_postgresql::f
const std::array<Command, 8> commands{{
    {"init", {{"--demo", false}}, BLOG_COMMAND(init)},
    {"add-user", {{"--email", true}, {"--name", true}}, BLOG_COMMAND(add_user)},
    {"add-post", {{"--author", true}, {"--title", true}, {"--body", true}, {"--draft", false}}, BLOG_COMMAND(add_post)},
    {"tag", {{"--remove", false}}, BLOG_COMMAND(tag)},
    {"comment", {{"--author", true}, {"--text", true}, {"--reply-to", true}}, BLOG_COMMAND(comment)},
    {"like", {{"--user", true}}, BLOG_COMMAND(like)},
    {"show", {{"--with", true}}, BLOG_COMMAND(show)},
    {"stats", {}, BLOG_COMMAND(stats)},
}};
#undef BLOG_COMMAND

bool is_option(std::string_view arg) { return arg.size() > 1 && arg[0] == '-'; }

// The arguments from `first` on, checked against the options the command takes.
blog::Args parse(int argc, char** argv, int first, std::string command, const std::vector<Option>& allowed,
                 bool pg) {
  blog::Args a;
  a.file = argv[1];
  a.name = pg ? "the PostgreSQL database" : a.file;
  a.again = pg ? "blog --pg CONNINFO" : "blog " + a.file;
  a.command = std::move(command);
  bool options_end = false;
  for (int i = first; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (options_end || !is_option(arg)) {
      a.positional.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_end = true;
      continue;
    }
    const auto eq = arg.find('=');
    const std::string_view name = arg.substr(0, eq);
    const auto spec = std::find_if(allowed.begin(), allowed.end(), [&](const Option& o) { return o.name == name; });
    if (spec == allowed.end()) throw blog::bad_usage(a.command + ": unknown option " + std::string(name));
    if (a.options.contains(name)) throw blog::bad_usage(a.command + ": " + std::string(name) + " given twice");
    if (!spec->takes_value) {
      if (eq != std::string_view::npos) throw blog::bad_usage(a.command + ": " + std::string(name) + " takes no value");
      a.options.emplace(name, "");
    } else if (eq != std::string_view::npos) {
      a.options.emplace(name, arg.substr(eq + 1));
    } else if (i + 1 < argc) {
      a.options.emplace(name, argv[++i]);
    } else {
      throw blog::bad_usage(a.command + ": " + std::string(name) + " needs a value");
    }
  }
  return a;
}

// SQLite's result code says more than its message to someone who only gave a file name. A
// connection string is not repeated: it may hold a password.
std::string describe(const ctorm::database_error& e, const std::string& file) {
  if (!e.sqlstate().empty()) return "PostgreSQL: " + e.engine_message() + " (SQLSTATE " + e.sqlstate() + ")";
  switch (e.code()) {
    case SQLITE_READONLY:
      return file + " is read-only (" + e.engine_message() + ")";
    case SQLITE_NOTADB:
      return file + " is not a SQLite database";
    case SQLITE_CANTOPEN: {
      // The engine's message ends with the file name, already said here.
      auto why = e.engine_message();
      if (why.ends_with(": " + file)) why.resize(why.size() - file.size() - 2);
      return "cannot open " + file + " (" + why + "); `blog " + file + " init` creates it";
    }
    case SQLITE_CORRUPT:
      return file + " is damaged (" + e.engine_message() + ")";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return file + " is locked by another program; try again";
    default:
      return "database error on " + file + ": " + e.engine_message();
  }
}

int run(int argc, char** argv, bool pg) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--help" || arg == "-h") {
      std::cout << usage;
      return 0;
    }
  }
  if (argc < 2) throw blog::bad_usage("missing FILE");
  const std::string_view first = argv[1];
  if (first == "help" || (argc == 3 && std::string_view(argv[2]) == "help")) {
    std::cout << usage;
    return 0;
  }
  // SQLite takes "" for a private temporary database, which would silently keep nothing.
  if (first.empty()) throw blog::bad_usage("FILE must not be empty");
  if (is_option(first)) throw blog::bad_usage("the database FILE comes first, before " + std::string(first));
  const bool command_name = first == "demo" || std::any_of(commands.begin(), commands.end(),
                                                           [&](const Command& c) { return c.name == first; });
  if (argc == 2 && command_name)
    throw blog::bad_usage("missing FILE: blog FILE " + std::string(first) + " (to use a file named " +
                          std::string(first) + ", write ./" + std::string(first) + ")");

  // `blog FILE` and `blog FILE --fresh` run the demo, as they did before there were commands.
  const bool named = argc > 2 && !is_option(argv[2]);
  const std::string command = named ? argv[2] : "demo";
  const int rest = named ? 3 : 2;
  if (command == "demo") {
    const auto args = parse(argc, argv, rest, command, {{"--fresh", false}}, pg);
    if (!args.positional.empty()) throw blog::bad_usage("demo: unexpected argument '" + args.positional.front() + "'");
    return pg ? blog::on_postgresql::demo(args) : blog::on_sqlite::demo(args);
  }
  const auto cmd = std::find_if(commands.begin(), commands.end(), [&](const Command& c) { return c.name == command; });
  if (cmd == commands.end()) throw blog::bad_usage("unknown command '" + command + "'");
  const auto args = parse(argc, argv, rest, command, cmd->options, pg);

  // Only `init` creates a file: any other command on a mistyped name would otherwise leave an
  // empty database behind and then report missing tables.
  const bool creates = cmd->name == "init";
  if (pg) {
    blog::on_postgresql::Db db{args.file};
    if (!creates) blog::on_postgresql::require_blog_tables(db, args);
    return cmd->run_pg(db, args);
  }
  blog::on_sqlite::Db db{args.file, ctorm::open_options{.create = creates}};
  if (!creates) blog::on_sqlite::require_blog_tables(db, args);
  return cmd->run(db, args);
}

/// `blog --pg CONNINFO ...` and `blog postgresql://... ...` run on PostgreSQL: the connection
/// string takes FILE's place.
int run(int argc, char** argv) {
  if (argc > 2 && std::string_view(argv[1]) == "--pg") {
    std::vector<char*> rest{argv[0]};
    rest.insert(rest.end(), argv + 2, argv + argc);
    return run(static_cast<int>(rest.size()), rest.data(), true);
  }
  const std::string_view first = argc > 1 ? argv[1] : "";
  return run(argc, argv, first.starts_with("postgresql://") || first.starts_with("postgres://"));
}

}  // namespace

int main(int argc, char** argv) {
  // A connection string is never printed back: it may hold a password.
  const std::string_view first = argc > 1 ? argv[1] : "";
  const bool pg = first == "--pg" || first.starts_with("postgresql://") || first.starts_with("postgres://");
  const std::string file = pg ? "the PostgreSQL database" : std::string(first);
  try {
    return run(argc, argv);
  } catch (const blog::bad_usage& e) {
    std::cerr << "blog: " << e.what() << "\n(blog --help lists the commands and their arguments)\n";
    return 2;
  } catch (const blog::failure& e) {
    std::cerr << "blog: " << e.what() << "\n";
  } catch (const ctorm::migration_error& e) {
    std::cerr << "blog: cannot bring " << file << " up to date: " << e.what() << "\n";
  } catch (const ctorm::database_error& e) {
    std::cerr << "blog: " << describe(e, file) << "\n";
  } catch (const std::exception& e) {  // ctorm::error, std::bad_alloc, std::filesystem_error...
    std::cerr << "blog: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "blog: unexpected error\n";
  }
  return 1;
}
