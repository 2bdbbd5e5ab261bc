# A scripted run of the blog program's commands, checking what each prints and its exit status.
#
#   cmake -DBLOG=path/to/blog -DDIR=scratch/directory -P blog_scripted_run.cmake
#
# With -DPG_SERVER=tests/postgresql/server.sh -DPG_STATE=its/state the same commands run on
# PostgreSQL, on databases made on the tests' throwaway server.
#
# Every run is checked for a sanitizer report or an uncaught exception as well: a command that
# fails with the expected status can still have failed for the wrong reason.

cmake_minimum_required(VERSION 3.20)
if(NOT BLOG OR NOT DIR)
  message(FATAL_ERROR "usage: cmake -DBLOG=path/to/blog -DDIR=scratch/directory -P blog_scripted_run.cmake")
endif()

file(MAKE_DIRECTORY "${DIR}")
if(PG_SERVER)
  # On PostgreSQL: two new databases on the tests' throwaway server, named by URL in FILE's place.
  foreach(var IN ITEMS db demo_db)
    execute_process(COMMAND "${PG_SERVER}" createdb "${PG_STATE}" blog_scripted_${var}
                    RESULT_VARIABLE status OUTPUT_VARIABLE ${var} ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "cannot create the database blog_scripted_${var}: ${err}")
    endif()
  endforeach()
else()
  set(db "${DIR}/blog-scripted.db")
  set(demo_db "${DIR}/blog-scripted-demo.db")
  foreach(f IN ITEMS "${db}" "${demo_db}")
    file(REMOVE "${f}" "${f}-wal" "${f}-shm")
  endforeach()
endif()

set(failures 0)

# blog_run(EXIT <status> [OUT <regex>...] [NOT_OUT <regex>...] [ERR <regex>...] [NOT_ERR <regex>...]
#          ARGS <argument>...)
# Runs blog with the arguments; stdout must match every OUT and no NOT_OUT, stderr every ERR
# and no NOT_ERR.
# Sets `out` in the caller to what the run printed on stdout.
function(blog_run)
  cmake_parse_arguments(PARSE_ARGV 0 R "" "EXIT" "OUT;NOT_OUT;ERR;NOT_ERR;ARGS")
  execute_process(COMMAND "${BLOG}" ${R_ARGS}
                  RESULT_VARIABLE status OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  list(JOIN R_ARGS " " shown)
  set(problems "")
  if(NOT status STREQUAL R_EXIT)
    list(APPEND problems "exit status ${status}, expected ${R_EXIT}")
  endif()
  foreach(re IN LISTS R_OUT)
    if(NOT stdout MATCHES "${re}")
      list(APPEND problems "stdout does not match '${re}'")
    endif()
  endforeach()
  foreach(re IN LISTS R_NOT_OUT)
    if(stdout MATCHES "${re}")
      list(APPEND problems "stdout matches '${re}'")
    endif()
  endforeach()
  foreach(re IN LISTS R_ERR)
    if(NOT stderr MATCHES "${re}")
      list(APPEND problems "stderr does not match '${re}'")
    endif()
  endforeach()
  foreach(re IN LISTS R_NOT_ERR)
    if(stderr MATCHES "${re}")
      list(APPEND problems "stderr matches '${re}'")
    endif()
  endforeach()
  if(R_EXIT STREQUAL "0" AND NOT stderr STREQUAL "")
    list(APPEND problems "stderr is not empty")
  endif()
  if(NOT R_EXIT STREQUAL "0" AND NOT stderr MATCHES "^blog: ")
    list(APPEND problems "stderr does not start with 'blog: '")
  endif()
  if(stderr MATCHES "Sanitizer|runtime error:|terminate called|Aborted")
    list(APPEND problems "crashed or reported by a sanitizer")
  endif()
  if(problems)
    list(JOIN problems "\n    " why)
    message(SEND_ERROR "blog ${shown}\n    ${why}\n  stdout:\n${stdout}\n  stderr:\n${stderr}")
    math(EXPR n "${failures} + 1")
    set(failures ${n} PARENT_SCOPE)
  else()
    message(STATUS "ok: blog ${shown}")
  endif()
  set(out "${stdout}" PARENT_SCOPE)
endfunction()

# The id a command printed, alone on its line.
macro(take_id var)
  string(STRIP "${out}" ${var})
  if(NOT ${var} MATCHES "^[0-9]+$")
    message(SEND_ERROR "expected an id, got '${out}'")
    set(${var} 0)
  endif()
endmacro()

# ---- the commands, on a new file
blog_run(EXIT 0 ARGS --help OUT "usage: blog FILE" "show POST_ID")
blog_run(EXIT 0 ARGS "${db}" init OUT "create table users" "create table posts" "create table likes")
blog_run(EXIT 0 ARGS "${db}" init OUT "schema is up to date")
blog_run(EXIT 0 ARGS "${db}" add-user --email ann@example.org --name Ann)
take_id(ann)
blog_run(EXIT 0 ARGS "${db}" add-user --email=bob@example.org)
take_id(bob)
blog_run(EXIT 0 ARGS "${db}" add-post --author ann@example.org --title "Compile-time SQL" --body "Every statement is a constant.")
take_id(post)
blog_run(EXIT 0 ARGS "${db}" add-post --author ${bob} --title "A draft" --draft)
take_id(draft)
blog_run(EXIT 0 ARGS "${db}" tag ${post} c++ sqlite orm OUT "post ${post}: #c\\+\\+ #sqlite #orm\n")
blog_run(EXIT 0 ARGS "${db}" tag ${post} --remove orm OUT "post ${post}: #c\\+\\+ #sqlite\n")
blog_run(EXIT 0 ARGS "${db}" tag ${draft} sqlite OUT "post ${draft}: #sqlite\n")
blog_run(EXIT 0 ARGS "${db}" comment ${post} --author bob@example.org --text "Nice!")
take_id(nice)
blog_run(EXIT 0 ARGS "${db}" comment ${post} --author ${ann} --text "Thanks." --reply-to ${nice})
take_id(reply)
blog_run(EXIT 0 ARGS "${db}" like post ${post} --user bob@example.org OUT "likes post ${post} \\(1 like\\)")
blog_run(EXIT 0 ARGS "${db}" like comment ${nice} --user ${ann} OUT "likes comment ${nice} \\(1 like\\)")

# Only the relations asked for: no author line, no likes.
blog_run(EXIT 0 ARGS "${db}" show ${post} --with comments,tags
         OUT "post ${post}: Compile-time SQL\n" "tags: #c\\+\\+ #sqlite\n" "comments: 2\n"
             "\n    \\[${nice}\\] bob@example.org: Nice!\n"
             "\n      \\[${reply}\\] Ann <ann@example.org>: Thanks\\.\n"
         NOT_OUT "by Ann" "likes:" "\\(1 like\\)")
blog_run(EXIT 0 ARGS "${db}" show ${post} --with author,likes,comments
         OUT "  by Ann <ann@example.org>\n" "likes: 1\n" "Nice! \\(1 like\\)\n" NOT_OUT "tags:")
blog_run(EXIT 0 ARGS "${db}" show ${draft} OUT "post ${draft}: A draft \\(draft\\)\n" NOT_OUT "by |tags:|comments:|likes:")
blog_run(EXIT 0 ARGS "${db}" stats
         OUT "users +2\n" "posts +2\n" "tags +3 \\(3 links to posts\\)\n" "comments +2\n" "likes +2\n"
             "top tags:\n  #sqlite +2 posts\n  #c\\+\\+ +1 post\n"
             "most-commented posts:\n  post ${post} \"Compile-time SQL\" +2 comments\n")

# ---- bad input: status 2 for a malformed command line, 1 for a command that cannot be done
blog_run(EXIT 2 ERR "missing FILE")
blog_run(EXIT 2 ARGS init ERR "missing FILE")
blog_run(EXIT 2 ARGS --db "${db}" ERR "FILE comes first")
blog_run(EXIT 2 ARGS "${db}" publish 1 ERR "unknown command 'publish'")
blog_run(EXIT 2 ARGS "${db}" add-user ERR "add-user needs --email")
blog_run(EXIT 2 ARGS "${db}" add-user --email ERR "--email needs a value")
blog_run(EXIT 2 ARGS "${db}" add-user --email cy@example.org --nick Cy ERR "unknown option --nick")
blog_run(EXIT 2 ARGS "${db}" add-user --email cy.example.org ERR "not an email address")
blog_run(EXIT 1 ARGS "${db}" add-user --email ann@example.org ERR "a user with email ann@example.org already exists")
blog_run(EXIT 1 ARGS "${db}" add-post --author nobody@example.org --title X ERR "no user with email nobody@example.org")
blog_run(EXIT 1 ARGS "${db}" add-post --author 42 --title X ERR "no user with id 42")
blog_run(EXIT 2 ARGS "${db}" add-post --author ann --title X ERR "--author takes a user id or an email address, not 'ann'")
blog_run(EXIT 2 ARGS "${db}" add-post --author ${ann} ERR "add-post needs --title")
blog_run(EXIT 2 ARGS "${db}" show ERR "show needs a POST_ID")
blog_run(EXIT 2 ARGS "${db}" show abc ERR "POST_ID must be a positive whole number, not 'abc'")
blog_run(EXIT 2 ARGS "${db}" show 99999999999999999999 ERR "not '99999999999999999999'")
blog_run(EXIT 2 ARGS "${db}" show -3 ERR "unknown option -3")
blog_run(EXIT 1 ARGS "${db}" show 42 ERR "no post with id 42")
blog_run(EXIT 2 ARGS "${db}" show ${post} --with comments,votes ERR "--with takes author, tags, comments, likes, not 'votes'")
blog_run(EXIT 2 ARGS "${db}" tag ${post} ERR "tag needs at least one TAG")
blog_run(EXIT 1 ARGS "${db}" tag 42 c++ ERR "no post with id 42")
blog_run(EXIT 1 ARGS "${db}" tag ${post} --remove c++ rust ERR "post ${post} has no tag 'rust'")
blog_run(EXIT 0 ARGS "${db}" show ${post} --with tags OUT "tags: #c\\+\\+ #sqlite\n")  # nothing removed above
blog_run(EXIT 1 ARGS "${db}" comment ${post} --author ${ann} --text x --reply-to 99 ERR "no comment with id 99")
blog_run(EXIT 1 ARGS "${db}" comment ${draft} --author ${ann} --text x --reply-to ${nice}
         ERR "comment ${nice} is on post ${post}, not on post ${draft}")
blog_run(EXIT 2 ARGS "${db}" comment ${post} --author ${ann} ERR "comment needs --text")
blog_run(EXIT 2 ARGS "${db}" like video 1 --user ${ann} ERR "say post or comment, not 'video'")
blog_run(EXIT 1 ARGS "${db}" like post ${post} --user ${bob} ERR "user ${bob} already likes post ${post}")
blog_run(EXIT 1 ARGS "${db}" like comment 99 --user ${bob} ERR "no comment with id 99")
blog_run(EXIT 2 ARGS "${db}" stats now ERR "unexpected argument 'now'")
blog_run(EXIT 1 ARGS "${db}" init --demo ERR "empty database only")

# Files that are not the blog's database.
if(NOT PG_SERVER)
set(missing "${DIR}/blog-scripted-missing.db")
file(REMOVE "${missing}")
blog_run(EXIT 1 ARGS "${missing}" stats ERR "cannot open .*init` creates it")
if(EXISTS "${missing}")
  message(SEND_ERROR "a command other than init created ${missing}")
  math(EXPR failures "${failures} + 1")
endif()
set(text "${DIR}/blog-scripted-text.db")
file(WRITE "${text}" "These are notes, not a database; SQLite reads the first 100 bytes as its header.\n")
blog_run(EXIT 1 ARGS "${text}" stats ERR "is not a SQLite database")
blog_run(EXIT 1 ARGS "${text}" init ERR "is not a SQLite database")
set(empty "${DIR}/blog-scripted-empty.db")
file(WRITE "${empty}" "")  # an empty file is an empty database
blog_run(EXIT 1 ARGS "${empty}" show 1 ERR "has no table .*init` creates the blog's tables")
# Read-only through SQLite's URI: file permissions do not stop a process run as root.
blog_run(EXIT 1 ARGS "file:${db}?mode=ro" add-user --email cy@example.org ERR "is read-only")
blog_run(EXIT 0 ARGS "file:${db}?mode=ro" stats OUT "users +2\n")
else()
  # A database without the blog's tables, and a server that is not there: neither message
  # repeats the connection string, which may hold a password.
  execute_process(COMMAND "${PG_SERVER}" createdb "${PG_STATE}" blog_scripted_empty OUTPUT_VARIABLE empty
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  blog_run(EXIT 1 ARGS --pg "${empty}" show 1
           ERR "the PostgreSQL database has no table .*`blog --pg CONNINFO init` creates the blog's tables")
  blog_run(EXIT 1 ARGS "postgresql:///blog?host=${DIR}/no-server&password=s3cret" stats
           ERR "PostgreSQL: .*SQLSTATE 08" NOT_ERR "s3cret")
endif()

# ---- init --demo on a new file, then the scripted run of the whole API
blog_run(EXIT 0 ARGS "${demo_db}" init --demo OUT "added 3 users, 3 posts, 3 tags, 6 comments, 4 likes")
blog_run(EXIT 0 ARGS "${demo_db}" show 1 --with comments OUT "\n      \\[[0-9]+\\] Ann <ann@example.org>: Thanks\\.\n")
blog_run(EXIT 0 ARGS "${demo_db}" demo OUT "opened .* with 3 users and 3 posts" "now 4 users")

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} of the blog's scripted checks failed")
endif()
