#pragma once
/// \file
/// Compile-time strings: a structural `fixed_string` usable as a template argument
/// (`ctorm::Name<"posts">`) and the machinery that turns a text generator into one
/// `std::string_view` with static storage.

#include <cstddef>
#include <string_view>

namespace ctorm {

/// A string literal usable as a non-type template argument.
template <std::size_t N>
struct fixed_string {
  char data[N]{};  // includes the terminating NUL

  constexpr fixed_string() noexcept = default;
  constexpr fixed_string(const char (&s)[N]) noexcept {
    for (std::size_t i = 0; i < N; ++i) data[i] = s[i];
  }
  constexpr std::string_view view() const noexcept { return {data, N - 1}; }
  constexpr operator std::string_view() const noexcept { return view(); }
  constexpr std::size_t size() const noexcept { return N - 1; }
};

namespace detail {

/// Counts the characters a generator writes: the first of two passes.
struct text_counter {
  std::size_t size = 0;
  constexpr void put(std::string_view s) noexcept { size += s.size(); }
  constexpr void put(char) noexcept { ++size; }
  constexpr void put_number(std::size_t n) noexcept {
    do { ++size; n /= 10; } while (n != 0);
  }
};

/// Holds a generated text; `N` is exact, so the binary stores the final string only.
template <std::size_t N>
struct text_buffer {
  char data[N + 1]{};
  std::size_t size = 0;
  constexpr void put(std::string_view s) noexcept {
    for (char c : s) data[size++] = c;
  }
  constexpr void put(char c) noexcept { data[size++] = c; }
  constexpr void put_number(std::size_t n) noexcept {
    char digits[20]{};
    std::size_t k = 0;
    do { digits[k++] = static_cast<char>('0' + n % 10); n /= 10; } while (n != 0);
    while (k != 0) data[size++] = digits[--k];
  }
};

template <class Gen>
consteval std::size_t generated_size() {
  text_counter c;
  Gen::write(c);
  return c.size;
}

template <class Gen>
consteval auto generate() {
  text_buffer<generated_size<Gen>()> b;
  Gen::write(b);
  return b;
}

template <class Gen>
inline constexpr auto generated_storage = generate<Gen>();

}  // namespace detail

/// The text written by `Gen::write(sink)`, computed once by the compiler.
/// `Gen` is any type with `static constexpr void write(auto& sink)`.
template <class Gen>
inline constexpr std::string_view static_text{detail::generated_storage<Gen>.data,
                                              detail::generated_storage<Gen>.size};

/// `static_text<Gen>` as a `fixed_string`, usable as a template argument (`Name<...>`).
template <class Gen>
inline constexpr auto fixed_text = [] {
  constexpr std::string_view text = static_text<Gen>;
  fixed_string<text.size() + 1> out;
  for (std::size_t i = 0; i < text.size(); ++i) out.data[i] = text[i];
  return out;
}();

}  // namespace ctorm
