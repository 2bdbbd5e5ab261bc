#pragma once
/// \file
/// The part of <chrono> ctorm uses: durations, clocks, time points, `sys_seconds`, `sys_days`.
/// libstdc++ 12's <chrono> adds the calendar and, in C++20, <sstream> for its stream
/// operators: about 9 MB of g++'s memory in every translation unit, for nothing ctorm calls.
/// Other standard libraries, and other releases of this one (not checked), get <chrono>.

#include <version>  // defines _GLIBCXX_RELEASE

#if defined(_GLIBCXX_RELEASE) && _GLIBCXX_RELEASE == 12
#include <bits/chrono.h>
#else
#include <chrono>
#endif
