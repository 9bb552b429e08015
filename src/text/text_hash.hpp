#ifndef AUTHMATCH_SRC_TEXT_TEXT_HASH_HPP
#define AUTHMATCH_SRC_TEXT_TEXT_HASH_HPP

// Hashing and comparing the short identifiers the index and a run intern (authorization numbers,
// member IDs, NPIs, claim IDs: mostly 5 to 20 bytes), inline: a string of up to 16 bytes is read
// as two overlapping 8-byte words and mixed with one 64x64->128-bit multiply, where
// std::hash<std::string_view> calls out of line for every byte count. For tables in memory only:
// the values are not stable across versions and not meant for untrusted keys an attacker picks.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

namespace text_hash_detail {

inline std::uint64_t load8(const char* p) noexcept {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  return word;
}

inline std::uint64_t load4(const char* p) noexcept {
  std::uint32_t word = 0;
  std::memcpy(&word, p, sizeof word);
  return word;
}

/// The high and low halves of the 128-bit product, folded together.
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
  __extension__ using wide = unsigned __int128;
  const wide product = static_cast<wide>(a) * b;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

inline constexpr std::uint64_t key0 = 0xa0761d6478bd642fULL;
inline constexpr std::uint64_t key1 = 0xe7037ed1a0b428dbULL;
inline constexpr std::uint64_t key2 = 0x8ebc6af09c88c6e3ULL;

}  // namespace text_hash_detail

/// A 64-bit hash of `text`; every byte and the length count.
inline std::uint64_t text_hash(std::string_view text) noexcept {
  using namespace text_hash_detail;
  const char* p = text.data();
  std::size_t n = text.size();
  std::uint64_t seed = key0 ^ n;
  std::uint64_t a = 0, b = 0;
  if (n > 16) {
    for (; n > 16; p += 16, n -= 16) seed = mix(load8(p) ^ key1, load8(p + 8) ^ seed);
    a = load8(p + n - 16);  // the last 16 bytes, which may overlap those mixed already
    b = load8(p + n - 8);
  } else if (n >= 8) {
    a = load8(p);
    b = load8(p + n - 8);
  } else if (n >= 4) {
    a = load4(p);
    b = load4(p + n - 4);
  } else if (n > 0) {
    const auto byte = [](char c) { return std::uint64_t{static_cast<unsigned char>(c)}; };
    a = byte(p[0]) << 16 | byte(p[n >> 1]) << 8 | byte(p[n - 1]);
  }
  return mix(a ^ key1 ^ text.size(), mix(b ^ seed, key2));
}

/// Whether `a` and `b` hold the same bytes: up to 16 bytes compared as words, inline.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
  using namespace text_hash_detail;
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  if (n > 16) return std::memcmp(a.data(), b.data(), n) == 0;
  if (n >= 8) {
    return ((load8(a.data()) ^ load8(b.data())) |
            (load8(a.data() + n - 8) ^ load8(b.data() + n - 8))) == 0;
  }
  if (n >= 4) {
    return ((load4(a.data()) ^ load4(b.data())) |
            (load4(a.data() + n - 4) ^ load4(b.data() + n - 4))) == 0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
