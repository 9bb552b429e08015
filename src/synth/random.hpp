#ifndef AUTHMATCH_SYNTH_RANDOM_HPP
#define AUTHMATCH_SYNTH_RANDOM_HPP

// Deterministic randomness, NPIs and calendar days for the synthetic 837 generator. Nothing here
// depends on the standard library's distributions, whose results differ between implementations:
// a seed gives the same file everywhere.

#include <authmatch/date.hpp>
#include <authmatch/npi.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace authmatch::synth {

/// xoshiro256** seeded through splitmix64.
class rng {
 public:
  explicit rng(std::uint64_t seed) noexcept {
    for (auto& word : state_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }

  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  /// Uniform in [0, n) (n > 0); the modulo bias is irrelevant for test data.
  std::uint64_t below(std::uint64_t n) noexcept { return next() % n; }
  /// Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  /// True with probability p.
  bool chance(double p) noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) noexcept {
    return items[below(N)];
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  std::uint64_t state_[4] = {};
};

/// A 10-digit NPI whose last digit is the Luhn check over "80840" + the first nine digits.
inline std::string make_npi(rng& random) {
  std::string npi(10, '0');
  npi[0] = static_cast<char>('1' + random.below(2));
  for (std::size_t i = 1; i < 9; ++i) npi[i] = static_cast<char>('0' + random.below(10));
  while (!is_valid_npi(npi)) ++npi[9];  // exactly one of the ten digits is the check digit
  return npi;
}

/// Appends the day `days` after 1970-01-01 as "YYYYMMDD" (iso = false) or "YYYY-MM-DD".
inline void append_date(std::string& out, std::int64_t days, bool iso = false) {
  const auto text = to_iso(date::from_days_since_epoch(static_cast<std::int32_t>(days)));
  if (iso) {
    out += text;
  } else {
    out.append(text, 0, 4).append(text, 5, 2).append(text, 8, 2);
  }
}

inline std::string date_text(std::int64_t days, bool iso = false) {
  std::string out;
  append_date(out, days, iso);
  return out;
}

/// Appends an amount held in thousandths ("12", "1.5", "150.25").
inline void append_amount(std::string& out, std::int64_t thousandths) {
  out += std::to_string(thousandths / 1000);
  std::int64_t fraction = thousandths % 1000;
  if (fraction == 0) return;
  char digits[4] = {static_cast<char>('0' + fraction / 100),
                    static_cast<char>('0' + fraction / 10 % 10),
                    static_cast<char>('0' + fraction % 10), 0};
  std::size_t length = 3;
  while (digits[length - 1] == '0') --length;
  out += '.';
  out.append(digits, length);
}

}  // namespace authmatch::synth

#endif
