#pragma once
/// \file
/// The smart pointers ctorm uses, `std::unique_ptr` and `std::shared_ptr`. libstdc++ 12's
/// <memory> also declares the uninitialized-memory algorithms with their ranges versions and
/// the parallel algorithms' overloads: about 15 MB of g++'s memory in every translation unit,
/// for nothing ctorm calls. Other standard libraries, and other releases of this one (not
/// checked), get <memory>; so does every program with Boost 1.84 or later, whose Boost.PFR
/// includes it for the field names.

#include <version>  // defines _GLIBCXX_RELEASE

#if defined(_GLIBCXX_RELEASE) && _GLIBCXX_RELEASE == 12
#include <bits/shared_ptr.h>
#include <bits/unique_ptr.h>
#else
#include <memory>
#endif
