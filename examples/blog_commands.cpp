// The blog program's commands: each reads its arguments, checks every id it is given, and
// writes through ctorm; see `blog --help`.

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "blog_cli.hpp"

namespace blog::BLOG_BACKEND {
namespace {

using ctorm::col;

std::int64_t parse_id(std::string_view text, std::string_view what) {
  std::int64_t id = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, id);
  if (text.empty() || ec != std::errc{} || stop != end || id <= 0)
    throw bad_usage(std::string(what) + " must be a positive whole number, not '" + std::string(text) + "'");
  return id;
}

const std::string& positional(const Args& a, std::size_t i, std::string_view what) {
  if (i >= a.positional.size()) throw bad_usage(a.command + " needs " + std::string(what));
  return a.positional[i];
}

void no_more_positional(const Args& a, std::size_t count) {
  if (a.positional.size() > count) throw bad_usage(a.command + ": unexpected argument '" + a.positional[count] + "'");
}

std::string non_empty(const Args& a, std::string_view option) {
  auto v = a.required(option);
  if (v.empty()) throw bad_usage(a.command + ": " + std::string(option) + " must not be empty");
  return v;
}

// USER arguments: an email has an '@', an id has only digits; anything else is a typo that
// would otherwise be reported as an unknown email.
User find_user(Db& db, const std::string& text, std::string_view option) {
  if (text.find('@') != std::string::npos) {
    auto u = db.select<User>().where(col<&User::email> == text).first();
    if (!u) throw failure("no user with email " + text);
    return *u;
  }
  std::int64_t id = 0;
  try {
    id = parse_id(text, option);
  } catch (const bad_usage&) {
    throw bad_usage(std::string(option) + " takes a user id or an email address, not '" + text + "'");
  }
  auto u = db.get<User>(id);
  if (!u) throw failure("no user with id " + std::to_string(id));
  return *u;
}

Post find_post(Db& db, std::int64_t id) {
  auto p = db.get<Post>(id);
  if (!p) throw failure("no post with id " + std::to_string(id));
  return *p;
}

Comment find_comment(Db& db, std::int64_t id) {
  auto c = db.get<Comment>(id);
  if (!c) throw failure("no comment with id " + std::to_string(id));
  return *c;
}

bool unique_violation(const ctorm::constraint_error& e) {
  return e.extended_code() == SQLITE_CONSTRAINT_UNIQUE || e.sqlstate() == "23505";
}

std::string display(const User& u) { return u.name ? *u.name + " <" + u.email + ">" : u.email; }

std::string display(std::chrono::sys_seconds t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  std::ostringstream s;
  s << std::setfill('0') << std::setw(4) << static_cast<int>(ymd.year()) << '-' << std::setw(2)
    << static_cast<unsigned>(ymd.month()) << '-' << std::setw(2) << static_cast<unsigned>(ymd.day()) << ' '
    << std::setw(2) << hms.hours().count() << ':' << std::setw(2) << hms.minutes().count();
  return s.str();
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

/// The post's tags in the order they were given (the junction's `position`).
std::vector<ctorm::Pivoted<Tag, PostTag>> tags_of(Db& db, const Post& post) {
  auto links = db.load<tags>(post).get<tags>();
  std::sort(links.begin(), links.end(), [](const auto& a, const auto& b) {
    return std::tie(a.pivot.position, a->id) < std::tie(b.pivot.position, b->id);
  });
  return links;
}

void print_tags(std::ostream& out, const std::vector<ctorm::Pivoted<Tag, PostTag>>& links) {
  if (links.empty()) out << " (none)";
  for (const auto& t : links) out << " #" << t->name;
  out << "\n";
}

}  // namespace

void require_blog_tables(Db& db, const Args& a) {
  // What the file has beyond the schema is harmless (ctorm leaves it alone, `init` keeps it);
  // anything missing or different would make a statement fail half-way.
  for (const auto& d : db.verify().differences) {
    switch (d.kind) {
      case ctorm::Drift::extra_table:
      case ctorm::Drift::extra_column:
      case ctorm::Drift::extra_index:
      case ctorm::Drift::not_strict:
        continue;
      case ctorm::Drift::missing_table:
        throw failure(a.name + " has no table " + d.table + "; `" + a.again + " init` creates the blog's tables");
      default:
        throw failure(a.name + " was made by another version of blog (" + d.describe() + "); `" + a.again +
                      " init` brings it up to date");
    }
  }
}

int init(Db& db, const Args& a) {
  no_more_positional(a, 0);
  // A rebuild copies every row (it is how SQLite adds a foreign-key column); dropping columns,
  // tables or indexes stays forbidden, so a change that would lose data is refused instead.
  const auto plan = db.migrate(ctorm::Permit{.rebuild = true});
  if (plan.steps.empty()) std::cout << a.name << ": the schema is up to date\n";
  else std::cout << a.name << ": " << plural(static_cast<std::int64_t>(plan.steps.size()), "change", "changes") << "\n";
  for (const auto& step : plan.steps) std::cout << "  " << step.description << "\n";
  for (const auto& kept : plan.kept) std::cout << "  kept " << kept << "\n";
  if (a.flag("--demo")) {
    if (const auto users = db.count<User>(); users > 0)
      throw failure("--demo adds sample rows to an empty database only; " + a.name + " has " +
                    plural(users, "user", "users"));
    seed(db);
    std::cout << "added " << plural(db.count<User>(), "user", "users") << ", "
              << plural(db.count<Post>(), "post", "posts") << ", " << plural(db.count<Tag>(), "tag", "tags") << ", "
              << plural(db.count<Comment>(), "comment", "comments") << ", "
              << plural(db.count<Like>(), "like", "likes") << "\n";
  }
  return 0;
}

int add_user(Db& db, const Args& a) {
  no_more_positional(a, 0);
  const auto email = non_empty(a, "--email");
  // USER arguments tell emails from ids by the '@'.
  if (email.find('@') == std::string::npos)
    throw bad_usage("add-user: --email '" + email + "' is not an email address (it has no @)");
  try {
    std::cout << db.insert(User{.email = email, .name = a.value("--name")}) << "\n";
  } catch (const ctorm::constraint_error& e) {
    if (!unique_violation(e)) throw;
    throw failure("a user with email " + email + " already exists");
  }
  return 0;
}

int add_post(Db& db, const Args& a) {
  no_more_positional(a, 0);
  const auto user = find_user(db, non_empty(a, "--author"), "--author");
  const auto post = db.create<posts>(
      user, Post{.title = non_empty(a, "--title"),
                 .body = a.value("--body").value_or(""),
                 .status = a.flag("--draft") ? Status::draft : Status::published,
                 .created_at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())});
  std::cout << post.id << "\n";
  return 0;
}

int tag(Db& db, const Args& a) {
  const auto post = find_post(db, parse_id(positional(a, 0, "a POST_ID"), "POST_ID"));
  positional(a, 1, "at least one TAG");
  std::vector<std::string> names;
  for (std::size_t i = 1; i < a.positional.size(); ++i) {
    std::string name = a.positional[i];
    if (!name.empty() && name.front() == '#') name.erase(0, 1);
    if (name.empty()) throw bad_usage("tag: a TAG must not be empty");
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }

  // All the tags or none: a bad name half-way leaves the post as it was.
  auto tx = db.transaction();
  const auto current = tags_of(db, post);
  const auto linked = [&](const std::string& name) {
    return std::find_if(current.begin(), current.end(), [&](const auto& t) { return t->name == name; });
  };
  if (a.flag("--remove")) {
    for (const auto& name : names) {
      const auto it = linked(name);
      if (it == current.end()) throw failure("post " + std::to_string(post.id) + " has no tag '" + name + "'");
      db.detach<tags>(post, (*it)->id);
    }
  } else {
    std::int64_t position = current.empty() ? 0 : current.back().pivot.position + 1;
    for (const auto& name : names) {
      if (linked(name) != current.end()) continue;
      const auto existing = db.select<Tag>().where(col<&Tag::name> == name).first();
      const auto tag_id = existing ? existing->id : db.insert(Tag{.name = name});
      db.attach<tags>(post, tag_id, PostTag{.position = position++});
    }
  }
  tx.commit();
  std::cout << "post " << post.id << ":";
  print_tags(std::cout, tags_of(db, post));
  return 0;
}

int comment(Db& db, const Args& a) {
  const auto post = find_post(db, parse_id(positional(a, 0, "a POST_ID"), "POST_ID"));
  no_more_positional(a, 1);
  const auto user = find_user(db, non_empty(a, "--author"), "--author");
  const auto text = non_empty(a, "--text");
  std::optional<std::int64_t> parent;
  if (const auto reply_to = a.value("--reply-to")) {
    const auto p = find_comment(db, parse_id(*reply_to, "--reply-to"));
    if (p.post_id != post.id)
      throw failure("comment " + std::to_string(p.id) + " is on post " + std::to_string(p.post_id) + ", not on post " +
                    std::to_string(post.id));
    parent = p.id;
  }
  const auto c = db.create<comments>(post, Comment{.author_id = user.id, .parent_id = parent, .text = text});
  std::cout << c.id << "\n";
  return 0;
}

int like(Db& db, const Args& a) {
  const auto& kind = positional(a, 0, "what to like: post or comment");
  if (kind != "post" && kind != "comment") throw bad_usage("like: say post or comment, not '" + kind + "'");
  const auto id = parse_id(positional(a, 1, "the ID of the " + kind), kind + " ID");
  no_more_positional(a, 2);
  const auto user = find_user(db, non_empty(a, "--user"), "--user");
  // A like is a MorphMany of posts and of comments: create<likes> writes the target's table
  // name and key into it.
  const auto like_it = [&](const auto& target) {
    try {
      db.create<likes>(target, Like{.user_id = user.id});
    } catch (const ctorm::constraint_error& e) {
      if (!unique_violation(e)) throw;
      throw failure("user " + std::to_string(user.id) + " already likes " + kind + " " + std::to_string(id));
    }
    return db.related<likes>(target).count();
  };
  const auto total = kind == "post" ? like_it(find_post(db, id)) : like_it(find_comment(db, id));
  std::cout << display(user) << " likes " << kind << " " << id << " (" << plural(total, "like", "likes") << ")\n";
  return 0;
}

int show(Db& db, const Args& a) {
  const auto post = find_post(db, parse_id(positional(a, 0, "a POST_ID"), "POST_ID"));
  no_more_positional(a, 1);
  std::set<std::string, std::less<>> wanted;
  if (const auto list = a.value("--with")) {
    std::string_view rest = *list;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const auto item = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      if (item.empty()) continue;
      if (item != "author" && item != "tags" && item != "comments" && item != "likes")
        throw bad_usage("show: --with takes author, tags, comments, likes, not '" + std::string(item) + "'");
      wanted.emplace(item);
    }
  }

  // The relations are types and the list is known only at run time: rather than one
  // select().with<...>() for each of the 16 combinations, each requested relation is loaded
  // on the post read above with load<R>() (or counted with related<R>()). For one post that is
  // the same statements with<...> runs, one per relation, and nothing is read that was not
  // asked for.
  const auto before = db.statements_run();
  std::cout << "post " << post.id << ": " << post.title << (post.status == Status::draft ? " (draft)" : "") << "\n"
            << "  written " << display(post.created_at) << " UTC\n";
  if (!post.body.empty()) std::cout << "  " << post.body << "\n";
  if (wanted.contains("author")) std::cout << "  by " << display(db.load<author>(post).get<author>()) << "\n";
  if (wanted.contains("tags")) {
    std::cout << "  tags:";
    print_tags(std::cout, tags_of(db, post));
  }
  if (wanted.contains("likes"))
    std::cout << "  likes: " << db.related<likes>(post).count() << "\n";
  if (wanted.contains("comments")) {
    // Each comment with its author: one statement for the comments, one for their authors.
    const auto loaded = db.load<ctorm::Nested<comments, commenter>>(post);
    const auto& list = loaded.get<comments>();
    std::map<std::int64_t, std::size_t> like_counts;
    if (wanted.contains("likes")) {
      std::vector<Comment> rows;
      for (const auto& c : list) rows.push_back(c.row);
      for (const auto& c : db.load<likes>(rows)) like_counts[c->id] = c.get<likes>().size();
    }
    std::cout << "  comments: " << list.size() << "\n";

    // Replies under the comment they answer, oldest first; a reply whose parent is not on this
    // post (written by another program) is shown at the top level rather than lost.
    std::map<std::int64_t, std::size_t> index;
    for (std::size_t i = 0; i < list.size(); ++i) index[list[i]->id] = i;
    std::map<std::int64_t, std::vector<std::size_t>> replies;
    std::vector<std::size_t> roots;
    for (const auto& [id, i] : index) {
      const auto& parent_id = list[i]->parent_id;
      if (parent_id && index.contains(*parent_id)) replies[*parent_id].push_back(i);
      else roots.push_back(i);
    }
    // Depth-first with an explicit stack: a long thread cannot exhaust the call stack, and a
    // cycle of parents (possible only by editing the file) is printed once, not forever.
    std::set<std::int64_t> printed;
    std::vector<std::pair<std::size_t, std::size_t>> stack;  // comment index, depth
    const auto push_all = [&](const std::vector<std::size_t>& items, std::size_t depth) {
      for (auto it = items.rbegin(); it != items.rend(); ++it) stack.emplace_back(*it, depth);
    };
    const auto walk = [&](const std::vector<std::size_t>& from) {
      push_all(from, 2);
      while (!stack.empty()) {
        const auto [i, depth] = stack.back();
        stack.pop_back();
        const auto& c = list[i];
        if (!printed.insert(c->id).second) continue;
        const auto& who = c.get<commenter>();
        std::cout << std::string(depth * 2, ' ') << "[" << c->id << "] " << (who ? display(*who) : "(no author)")
                  << ": " << c->text;
        if (const auto n = like_counts.find(c->id); n != like_counts.end() && n->second > 0)
          std::cout << " (" << plural(static_cast<std::int64_t>(n->second), "like", "likes") << ")";
        std::cout << "\n";
        if (const auto r = replies.find(c->id); r != replies.end()) push_all(r->second, depth + 1);
      }
    };
    walk(roots);
    for (const auto& [id, i] : index)
      if (!printed.contains(id)) walk({i});
  }
  if (const auto n = static_cast<std::int64_t>(db.statements_run() - before); n > 0)
    std::cout << "  (relations read with " << plural(n, "statement", "statements") << ")\n";
  return 0;
}

int stats(Db& db, const Args& a) {
  no_more_positional(a, 0);
  std::cout << "users      " << db.count<User>() << "\n"
            << "posts      " << db.count<Post>() << "\n"
            << "tags       " << db.count<Tag>() << " (" << plural(db.count<PostTag>(), "link", "links")
            << " to posts)\n"
            << "comments   " << db.count<Comment>() << "\n"
            << "likes      " << db.count<Like>() << "\n";

  // order_by takes columns, not aggregates: the groups are few, so they are ranked here.
  auto per_tag = db.select<Post>(col<&Tag::name>, ctorm::count()).join<tags>().group_by(col<&Tag::name>).all();
  std::sort(per_tag.begin(), per_tag.end(), [](const auto& x, const auto& y) {
    return std::get<1>(x) != std::get<1>(y) ? std::get<1>(x) > std::get<1>(y) : std::get<0>(x) < std::get<0>(y);
  });
  if (per_tag.size() > 5) per_tag.resize(5);
  std::size_t width = 0;
  for (const auto& [name, n] : per_tag) width = std::max(width, name.size());
  std::cout << "top tags:" << (per_tag.empty() ? " (none)" : "") << "\n";
  for (const auto& [name, n] : per_tag)
    std::cout << "  #" << std::left << std::setw(static_cast<int>(width)) << name << "  " << plural(n, "post", "posts")
              << "\n";

  auto commented = db.select<Post>().where_has<comments>().with_count<comments>().all();
  std::sort(commented.begin(), commented.end(), [](const auto& x, const auto& y) {
    return x.template count<comments>() != y.template count<comments>()
               ? x.template count<comments>() > y.template count<comments>()
               : x->id < y->id;
  });
  std::cout << "most-commented posts:" << (commented.empty() ? " (none)" : "") << "\n";
  for (std::size_t i = 0; i < commented.size() && i < 5; ++i)
    std::cout << "  post " << commented[i]->id << " \"" << commented[i]->title << "\"  "
              << plural(commented[i].count<comments>(), "comment", "comments") << "\n";
  return 0;
}

}  // namespace blog::BLOG_BACKEND
