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

/// Where a generator writes: first with no buffer, to count the characters, then into a
/// buffer of exactly that size. One sink type for both passes, so each generator's `write` is
/// compiled once.
struct text_sink {
  char* data = nullptr;
  std::size_t size = 0;
  constexpr void put(std::string_view s) noexcept {
    if (data != nullptr)
      for (char c : s) data[size++] = c;
    else
      size += s.size();
  }
  constexpr void put(char c) noexcept {
    if (data != nullptr) data[size] = c;
    ++size;
  }
  constexpr void put_number(std::size_t n) noexcept {
    char digits[20]{};
    std::size_t k = 0;
    do { digits[k++] = static_cast<char>('0' + n % 10); n /= 10; } while (n != 0);
    while (k != 0) put(digits[--k]);
  }
};

/// Holds a generated text; `N` is exact, so the binary stores the final string only.
template <std::size_t N>
struct text_buffer {
  char data[N + 1]{};
  std::size_t size = 0;
};

template <class Gen>
consteval std::size_t generated_size() {
  text_sink counter;
  Gen::write(counter);
  return counter.size;
}

template <class Gen>
consteval auto generate() {
  text_buffer<generated_size<Gen>()> b;
  text_sink sink{b.data};
  Gen::write(sink);
  b.size = sink.size;
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
