#pragma once
/// \file
/// The part of <chrono> ctorm uses: durations, clocks, time points, `sys_seconds`, `sys_days`.
/// libstdc++'s <chrono> adds the calendar and, in C++20, <sstream> for its stream operators:
/// about 9 MB of g++'s memory and 0.05 s in every translation unit, for nothing ctorm calls.

#include <version>  // defines __GLIBCXX__ and _GLIBCXX_RELEASE

#if defined(__GLIBCXX__) && defined(_GLIBCXX_RELEASE) && _GLIBCXX_RELEASE >= 12 && __has_include(<bits/chrono.h>)
#include <bits/chrono.h>
#else
#include <chrono>
#endif
