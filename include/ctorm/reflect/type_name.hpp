#pragma once
/// \file
/// The unqualified name of a type, taken from the compiler's function signature.

#include <cstddef>
#include <string_view>

namespace ctorm {
namespace detail {

template <class T>
consteval std::string_view signature_of_type() {
  return __PRETTY_FUNCTION__;
}

/// "ns::Outer::Post" or "(anonymous namespace)::Post<int>" -> "Post".
consteval std::string_view unqualified(std::string_view s) {
  int depth = 0;
  std::size_t start = 0, end = s.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '<' || c == '(' || c == '{') {
      if (depth == 0 && c == '<' && end == s.size()) end = i;
      ++depth;
    } else if (c == '>' || c == ')' || c == '}') {
      --depth;
    } else if (depth == 0 && c == ':' && i + 1 < s.size() && s[i + 1] == ':') {
      start = i + 2;
      end = s.size();
      ++i;
    }
  }
  return s.substr(start, end - start);
}

consteval std::string_view type_name_from_signature(std::string_view sig) {
  // GCC: "... [with T = ns::Post]"; Clang: "... [T = ns::Post]".
  const std::size_t from = sig.find("T = ") + 4;
  std::size_t to = sig.find(';', from);
  if (to == std::string_view::npos) to = sig.rfind(']');
  return unqualified(sig.substr(from, to - from));
}

template <std::size_t N>
struct stored_name {
  char data[N + 1]{};
  consteval explicit stored_name(std::string_view s) {
    for (std::size_t i = 0; i < N; ++i) data[i] = s[i];
  }
  constexpr std::string_view view() const { return {data, N}; }
};

template <class T>
inline constexpr auto type_name_storage =
    stored_name<type_name_from_signature(signature_of_type<T>()).size()>{
        type_name_from_signature(signature_of_type<T>())};

}  // namespace detail

/// The name of `T` without namespaces or template arguments: `app::PostTag` -> "PostTag".
template <class T>
inline constexpr std::string_view type_name = detail::type_name_storage<T>.view();

}  // namespace ctorm
