#pragma once
// Searching SQL text at compile time. A loop, not std::string_view::find(): GCC's UBSan
// instrumentation makes find() on the text of a template parameter object not a constant
// expression.

#include <cstddef>
#include <string_view>

namespace test {

constexpr bool contains(std::string_view text, std::string_view part) {
  for (std::size_t i = 0; i + part.size() <= text.size(); ++i)
    if (text.substr(i, part.size()) == part) return true;
  return false;
}

}  // namespace test
