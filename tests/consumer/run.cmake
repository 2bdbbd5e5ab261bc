# One consumer test, as a script so that it starts from an empty directory every time:
#   cmake -DMODE=<mode> -DSOURCE=<ctorm source> -DWORK=<own directory> -DCXX=<compiler>
#         [-DGENERATOR=... -DMAKE_PROGRAM=...] [-DPREFIX=<install prefix>]
#         [-DPKGCONFIG_DIR=<where ctorm.pc is installed, relative to PREFIX>] -P run.cmake
# MODE install: `cmake --install` the build tree BUILD into PREFIX.
# MODE add_subdirectory, fetchcontent, find_package: configure, build and run tests/consumer.
# MODE pkg_config: compile tests/consumer/main.cpp with only `pkg-config --cflags --libs ctorm`.

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    string(REPLACE ";" " " shown "${ARGV}")
    message(FATAL_ERROR "failed (${status}): ${shown}")
  endif()
endfunction()

if(MODE STREQUAL "install")
  file(REMOVE_RECURSE ${PREFIX})
  run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX})
  return()
endif()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(consumer ${SOURCE}/tests/consumer)
set(warnings -Wall -Wextra -Wpedantic -Werror)

if(MODE STREQUAL "pkg_config")
  find_program(pkg_config NAMES pkg-config pkgconf)
  if(NOT pkg_config)
    message("ctorm consumer: pkg-config not found, skipped")
    return()
  endif()
  set(ENV{PKG_CONFIG_PATH} ${PREFIX}/${PKGCONFIG_DIR})
  execute_process(COMMAND ${pkg_config} --cflags --libs ctorm
    OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "pkg-config does not find ctorm in $ENV{PKG_CONFIG_PATH}")
  endif()
  message("pkg-config --cflags --libs ctorm: ${flags}")
  # The .pc file leaves the language standard to its user.
  separate_arguments(flags UNIX_COMMAND "${flags}")
  run(${CXX} -std=c++20 ${warnings} ${consumer}/main.cpp ${flags} -o ${WORK}/consumer)
else()
  set(configure ${CMAKE_COMMAND} -S ${consumer} -B ${WORK} -DCMAKE_CXX_COMPILER=${CXX}
    -DCTORM_CONSUME=${MODE})
  if(GENERATOR)
    list(APPEND configure -G ${GENERATOR})
  endif()
  if(MAKE_PROGRAM)
    list(APPEND configure -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
  endif()
  if(MODE STREQUAL "find_package")
    list(APPEND configure -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
  else()
    list(APPEND configure -DCTORM_SOURCE_DIR=${SOURCE})
  endif()
  run(${configure})
  if(MODE STREQUAL "find_package")
    file(STRINGS ${WORK}/CMakeCache.txt found REGEX "^ctorm_DIR:")
    string(FIND "${found}" "=${PREFIX}/" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "ctorm was found outside ${PREFIX}: ${found}")
    endif()
  endif()
  run(${CMAKE_COMMAND} --build ${WORK})
endif()

set(expected "The Dispossessed by Ursula\n")
execute_process(COMMAND ${WORK}/consumer OUTPUT_VARIABLE output RESULT_VARIABLE status)
message("${output}")
if(NOT status EQUAL 0 OR NOT output STREQUAL expected)
  message(FATAL_ERROR "the consumer exited with ${status}; expected exit 0 and: ${expected}")
endif()
