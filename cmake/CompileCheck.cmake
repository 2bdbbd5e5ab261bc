# Compiles one source file and checks the outcome (run with cmake -P).
#   -DCXX=compiler -DFLAGS="a|b|c" -DSOURCE=file.cpp -DMODE=fail|pass
# MODE=fail: compilation must fail, its output must match every `// expect: REGEX` line of
# SOURCE and no `// expect-not: REGEX` line (a later rule that must stay silent).
# MODE=pass: compilation must succeed.
file(STRINGS "${SOURCE}" expectations REGEX "^// expect: ")
file(STRINGS "${SOURCE}" exclusions REGEX "^// expect-not: ")
string(REPLACE "|" ";" flags "${FLAGS}")
execute_process(
  COMMAND ${CXX} ${flags} -fsyntax-only "${SOURCE}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(MODE STREQUAL "pass")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "expected ${SOURCE} to compile, but it failed:\n${out}")
  endif()
  return()
endif()
if(rc EQUAL 0)
  message(FATAL_ERROR "expected ${SOURCE} not to compile, but it compiled")
endif()
if(NOT expectations)
  message(FATAL_ERROR "${SOURCE} has no `// expect: REGEX` line")
endif()
foreach(line IN LISTS expectations)
  string(REGEX REPLACE "^// expect: " "" regex "${line}")
  if(NOT out MATCHES "${regex}")
    message(FATAL_ERROR "compiler output does not match `${regex}`:\n${out}")
  endif()
endforeach()
foreach(line IN LISTS exclusions)
  string(REGEX REPLACE "^// expect-not: " "" regex "${line}")
  if(out MATCHES "${regex}")
    message(FATAL_ERROR "compiler output matches `${regex}`, which must not appear:\n${out}")
  endif()
endforeach()
message(STATUS "failed as expected, matching: ${expectations}")
