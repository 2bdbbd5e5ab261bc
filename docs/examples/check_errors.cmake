# Checks that docs/errors.md explains every compile-time message ctorm emits (run with cmake -P).
#   -DHEADERS=dir   the headers to scan (include/ctorm)
#   -DERRORS=file   the page listing the messages
#
# A message is the text of a static_assert's string literals (adjacent literals joined,
# escapes resolved). Each must appear in ERRORS with runs of white space counted as one space;
# and each message ERRORS shows in a ```text block must still be one a header emits.
cmake_minimum_required(VERSION 3.20)

foreach(var HEADERS ERRORS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_errors.cmake needs -D${var}=...")
  endif()
endforeach()

# A C++ string literal, with escaped characters.
set(literal "\"([^\"\\\\\n]|\\\\.)*\"")
# `static_assert(condition, "message" "continued"...`; a condition holds no quote or semicolon.
set(assertion "static_assert[ \t\n]*\\([^\";]*${literal}([ \t\n]*${literal})*")

function(normalize text out)
  string(REGEX REPLACE "[ \t\n]+" " " text "${text}")
  string(STRIP "${text}" text)
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

file(READ "${ERRORS}" page)
normalize("${page}" page_flat)

set(failures 0)
set(missing 0)
set(undocumented "")
set(emitted "")
set(count 0)
file(GLOB_RECURSE headers "${HEADERS}/*.hpp")
foreach(header IN LISTS headers)
  file(RELATIVE_PATH where "${HEADERS}" "${header}")
  file(READ "${header}" rest)
  while(rest MATCHES "${assertion}")
    set(found "${CMAKE_MATCH_0}")
    string(FIND "${rest}" "${found}" at)
    string(LENGTH "${found}" length)
    math(EXPR after "${at} + ${length}")
    string(SUBSTRING "${rest}" ${after} -1 rest)

    # Join the literals, after the condition.
    string(FIND "${found}" "\"" first_quote)
    string(SUBSTRING "${found}" ${first_quote} -1 literals)
    set(message_text "")
    while(literals MATCHES "^${literal}")
      set(piece "${CMAKE_MATCH_0}")
      string(LENGTH "${piece}" piece_length)
      math(EXPR inner "${piece_length} - 2")
      string(SUBSTRING "${piece}" 1 ${inner} inner_text)
      string(APPEND message_text "${inner_text}")
      string(SUBSTRING "${literals}" ${piece_length} -1 literals)
      string(REGEX REPLACE "^[ \t\n]+" "" literals "${literals}")
    endwhile()
    string(REPLACE "\\\"" "\"" message_text "${message_text}")
    string(REPLACE "\\'" "'" message_text "${message_text}")
    string(REPLACE "\\\\" "\\" message_text "${message_text}")
    normalize("${message_text}" message_text)
    math(EXPR count "${count} + 1")
    string(APPEND emitted "\n${message_text}\n")

    string(FIND "${page_flat}" "${message_text}" documented)
    if(documented EQUAL -1)
      string(APPEND undocumented "\n  ${where}: ${message_text}")
      math(EXPR missing "${missing} + 1")
    endif()
  endwhile()
endforeach()
if(count EQUAL 0)
  message(FATAL_ERROR "found no static_assert message under ${HEADERS}")
endif()

# The messages the page shows (```text blocks of one line starting with "ctorm:") still exist.
set(rest "${page}")
while(rest MATCHES "```text\n(ctorm:[^\n]*)\n```")
  set(block "${CMAKE_MATCH_0}")
  normalize("${CMAKE_MATCH_1}" shown_text)
  string(FIND "${rest}" "${block}" at)
  string(LENGTH "${block}" length)
  math(EXPR after "${at} + ${length}")
  string(SUBSTRING "${rest}" ${after} -1 rest)
  string(FIND "${emitted}" "\n${shown_text}\n" exists)
  if(exists EQUAL -1)
    message(SEND_ERROR "${ERRORS} shows a message no header emits:\n  ${shown_text}")
    math(EXPR failures "${failures} + 1")
  endif()
endwhile()

if(missing GREATER 0)
  message(SEND_ERROR "${missing} message(s) not in ${ERRORS}:${undocumented}")
  math(EXPR failures "${failures} + ${missing}")
endif()

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} problem(s) between the headers' messages and ${ERRORS}")
endif()
message(STATUS "${count} static_assert messages, each explained in ${ERRORS}")
