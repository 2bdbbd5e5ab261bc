// Every translation unit that includes <ctorm/ctorm.hpp> parses what it brings in
// (benchmarks/compile/README.md). The standard headers below cost the most and were found to
// be needed by nothing ctorm calls; this file stops compiling if one of them comes back.
#include <ctorm/ctorm.hpp>

#if defined(_GLIBCXX_RELEASE) && _GLIBCXX_RELEASE == 12
// Without <sys/random.h> the UUID generator takes <random>, which brings <cmath>.
#if defined(_GLIBCXX_CMATH) && __has_include(<sys/random.h>)
#error "<ctorm/ctorm.hpp> brings in <cmath> (27 MB of g++'s memory): use ctorm/types/real.hpp"
#endif
#if defined(_GLIBCXX_CHRONO) || defined(_GLIBCXX_SSTREAM)
#error "<ctorm/ctorm.hpp> brings in <chrono> or <sstream> (9 MB of g++'s memory): include ctorm/detail/chrono.hpp"
#endif
// Boost.PFR 1.84 and later include <memory> themselves (boost/pfr/core_name.hpp).
#if defined(_GLIBCXX_MEMORY) && !(defined(BOOST_VERSION) && BOOST_VERSION >= 108400)
#error "<ctorm/ctorm.hpp> brings in <memory> (5-15 MB of g++'s memory): include ctorm/detail/memory.hpp"
#endif
#if defined(_GLIBCXX_ALGORITHM) || defined(_GLIBCXX_MAP) || defined(_GLIBCXX_FUNCTIONAL)
#error "<ctorm/ctorm.hpp> brings in <algorithm>, <map> or <functional> (11-14 MB each): write the loop"
#endif
#endif
