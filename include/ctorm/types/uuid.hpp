#pragma once
/// \file
/// `ctorm::Uuid`, a 16-byte UUID column value (RFC 9562): PostgreSQL's `UUID`, a 16-byte
/// `BLOB` on SQLite. `uuid_v4()` makes a random one, `uuid_v7()` one that sorts by creation
/// time, so keys made by many clients neither collide nor all land on one node or index page.

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#if __has_include(<sys/random.h>)
#include <sys/random.h>

#include <cerrno>
#else
#include <random>
#endif

#include "ctorm/detail/chrono.hpp"

namespace ctorm {

/// A UUID: 16 bytes in network order, compared byte by byte (so v7 UUIDs compare in creation
/// order, as PostgreSQL compares them). Value-initialised it is the nil UUID.
struct Uuid {
  std::array<std::uint8_t, 16> bytes{};

  /// The UUID of the canonical text form, `8-4-4-4-12` hex digits in either case
  /// ("0190a3d2-5b7c-7def-8a12-3456789abcde"), else none.
  static constexpr std::optional<Uuid> parse(std::string_view text) noexcept {
    if (text.size() != 36) return std::nullopt;
    Uuid u;
    std::size_t at = 0;
    for (std::size_t i = 0; i < 36; ++i) {
      const char c = text[i];
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') return std::nullopt;
        continue;
      }
      int d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else return std::nullopt;
      u.bytes[at / 2] = static_cast<std::uint8_t>(at % 2 == 0 ? d << 4 : u.bytes[at / 2] | d);
      ++at;
    }
    return u;
  }

  /// The canonical text form, lower-case: what PostgreSQL prints and error messages show.
  std::string to_string() const {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < 16; ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
      out += hex[bytes[i] >> 4];
      out += hex[bytes[i] & 15];
    }
    return out;
  }

  /// True for the nil UUID (all zero bits).
  constexpr bool is_nil() const noexcept {
    for (std::uint8_t b : bytes)
      if (b != 0) return false;
    return true;
  }
  /// The version field (4 random, 7 time-ordered...); 0 for the nil UUID.
  constexpr int version() const noexcept { return bytes[6] >> 4; }

  friend constexpr bool operator==(const Uuid&, const Uuid&) = default;
  friend constexpr std::strong_ordering operator<=>(const Uuid&, const Uuid&) = default;
};

namespace detail {

/// Fills `out` with bytes from the operating system's generator (getrandom), which RFC 9562
/// asks for: UUIDs from a seeded PRNG could repeat across processes.
inline void random_bytes(std::uint8_t* out, std::size_t n) {
#if __has_include(<sys/random.h>)
  while (n > 0) {
    const auto got = ::getrandom(out, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("ctorm: the operating system's random generator (getrandom) failed to make a UUID");
    }
    out += got;
    n -= static_cast<std::size_t>(got);
  }
#else
  static thread_local std::random_device device;
  for (std::size_t i = 0; i < n; i += 4) {
    const auto r = device();
    for (std::size_t k = 0; k < 4 && i + k < n; ++k) out[i + k] = static_cast<std::uint8_t>(r >> (8 * k));
  }
#endif
}

/// Sets the version nibble and the RFC 9562 variant bits (10xx).
constexpr void stamp(Uuid& u, int version) noexcept {
  u.bytes[6] = static_cast<std::uint8_t>((u.bytes[6] & 0x0f) | (version << 4));
  u.bytes[8] = static_cast<std::uint8_t>((u.bytes[8] & 0x3f) | 0x80);
}

/// A v7 UUID from a Unix time in milliseconds (48 bits), 12 bits after it (`sub`) and random
/// bits for the rest.
constexpr Uuid make_v7(std::uint64_t unix_ms, std::uint16_t sub, const std::array<std::uint8_t, 8>& random) noexcept {
  Uuid u;
  for (std::size_t i = 0; i < 6; ++i) u.bytes[i] = static_cast<std::uint8_t>(unix_ms >> (8 * (5 - i)));
  u.bytes[6] = static_cast<std::uint8_t>(sub >> 8);
  u.bytes[7] = static_cast<std::uint8_t>(sub);
  for (std::size_t i = 0; i < 8; ++i) u.bytes[8 + i] = random[i];
  stamp(u, 7);
  return u;
}

}  // namespace detail

/// A random (version 4) UUID: 122 random bits from the operating system.
inline Uuid uuid_v4() {
  Uuid u;
  detail::random_bytes(u.bytes.data(), u.bytes.size());
  detail::stamp(u, 4);
  return u;
}

/// A time-ordered (version 7) UUID: the Unix time in milliseconds, then a 12-bit fraction of
/// the millisecond, then 62 random bits (RFC 9562, 6.2 method 3). Within a thread each one
/// sorts after the one before, even within a millisecond or when the clock steps back; across
/// threads and processes they sort by time to the millisecond fraction.
inline Uuid uuid_v7() {
  using namespace std::chrono;
  const auto now = duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
  const auto ns = static_cast<std::uint64_t>(now < 0 ? 0 : now);
  // The time as 48 bits of milliseconds and 12 bits of fraction, kept increasing per thread.
  std::uint64_t t = (ns / 1000000) << 12 | ((ns % 1000000) * 4096 / 1000000);
  static thread_local std::uint64_t last = 0;
  if (t <= last) t = last + 1;
  last = t;
  std::array<std::uint8_t, 8> random;
  detail::random_bytes(random.data(), random.size());
  return detail::make_v7(t >> 12, static_cast<std::uint16_t>(t & 0xfff), random);
}

}  // namespace ctorm

/// Hashes a UUID (its bytes are already uniform where it matters: v4's all, v7's last eight).
template <>
struct std::hash<ctorm::Uuid> {
  std::size_t operator()(const ctorm::Uuid& u) const noexcept {
    std::uint64_t h = 0;
    for (std::uint8_t b : u.bytes) h = (h ^ b) * 0x100000001b3u;
    return static_cast<std::size_t>(h);
  }
};
