# Builds tests/consumer as a separate project, each way a user can get ctorm, and runs it.
# Every test works in its own directory, so they can run in parallel.
set(consumer_work ${CMAKE_CURRENT_BINARY_DIR}/consumer)
set(consumer_prefix ${consumer_work}/prefix)
set(consumer_script ${CMAKE_CURRENT_LIST_DIR}/run.cmake)

function(ctorm_add_consumer_test mode)
  add_test(NAME consumer.${mode}
    COMMAND ${CMAKE_COMMAND} -DMODE=${mode} -DSOURCE=${PROJECT_SOURCE_DIR}
      -DWORK=${consumer_work}/${mode} -DPREFIX=${consumer_prefix} -DBUILD=${PROJECT_BINARY_DIR}
      -DCXX=${CMAKE_CXX_COMPILER} -DGENERATOR=${CMAKE_GENERATOR}
      -DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM} -DPKGCONFIG_DIR=${CTORM_PKGCONFIG_DIR}
      -P ${consumer_script})
  # Each compiles one small file; far longer means a hang, not a slow machine.
  set_tests_properties(consumer.${mode} PROPERTIES LABELS consumer TIMEOUT 300 ${ARGN})
endfunction()

ctorm_add_consumer_test(add_subdirectory)
ctorm_add_consumer_test(fetchcontent)

if(CTORM_INSTALL)
  ctorm_add_consumer_test(install FIXTURES_SETUP ctorm_installed)
  ctorm_add_consumer_test(find_package FIXTURES_REQUIRED ctorm_installed)
  ctorm_add_consumer_test(pkg_config FIXTURES_REQUIRED ctorm_installed
    SKIP_REGULAR_EXPRESSION "pkg-config not found, skipped")
endif()
