#pragma once
// Hand-written DDL for the raw SQLite and SOCI contenders: the same tables ctorm's create_all()
// makes.

namespace bench::raw {

inline constexpr const char* schema_ddl = R"(
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name TEXT NULL,
  age INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS posts (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES users (id),
  title TEXT NOT NULL,
  body TEXT NULL,
  score REAL NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS posts_author_id_index ON posts (author_id);
CREATE TABLE IF NOT EXISTS comments (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts (id),
  body TEXT NOT NULL,
  stars INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS comments_post_id_index ON comments (post_id);
)";

}  // namespace bench::raw
