#ifndef AUTHMATCH_SYNTH_RANDOM_HPP
#define AUTHMATCH_SYNTH_RANDOM_HPP

// Deterministic randomness, NPIs and calendar days for the synthetic 837 generator. Nothing here
// depends on the standard library's distributions, whose results differ between implementations:
// a seed gives the same file everywhere.

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
  bool chance(double p) noexcept {
    return static_cast<double>(next() >> 11) * 0x1.0p-53 < p;
  }
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

/// Days since 1970-01-01 <-> civil dates (H. Hinnant's algorithms).
struct civil {
  int year, month, day;
};

constexpr std::int64_t days_from_civil(civil date) noexcept {
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (date.month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + date.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

constexpr civil civil_from_days(std::int64_t days) noexcept {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<int>(days - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  const int year = static_cast<int>(yoe + era * 400) + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

/// Appends "YYYYMMDD" (iso = false) or "YYYY-MM-DD".
inline void append_date(std::string& out, std::int64_t days, bool iso = false) {
  const civil c = civil_from_days(days);
  char text[11];
  const auto put = [&text](std::size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) {
      text[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    }
  };
  if (iso) {
    put(0, c.year, 4);
    text[4] = '-';
    put(5, c.month, 2);
    text[7] = '-';
    put(8, c.day, 2);
    out.append(text, 10);
  } else {
    put(0, c.year, 4);
    put(4, c.month, 2);
    put(6, c.day, 2);
    out.append(text, 8);
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
  char digits[4] = {static_cast<char>('0' + fraction / 100), static_cast<char>('0' + fraction / 10 % 10),
                    static_cast<char>('0' + fraction % 10), 0};
  std::size_t length = 3;
  while (digits[length - 1] == '0') --length;
  out += '.';
  out.append(digits, length);
}

}  // namespace authmatch::synth

#endif
