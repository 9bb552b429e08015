#include "run/usage_codec.hpp"

#include <authmatch/error.hpp>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

// A record packed: its values in the order below, each an unsigned LEB128 integer (7 bits a
// byte, low first), but for the last two bytes. Differences are taken modulo 2^64 and written
// zigzagged (0, -1, 1, -2, ... as 0, 1, 2, 3, ...), so that small steps either way are short.
//
//   ordinal, claim, sequence, source_position   the difference from the record before's
//   first_day                                   the difference from the record before's
//   last_day                                    the difference from first_day
//   row, code + 1 (no_code: 0)                  as they are
//   line                                        shifted left by 2, at_risk and paired below it
//   units, charge                               their thousandths, zigzagged
//   partition                                   one byte

/// The most bytes a record takes packed: ten for each 64-bit value.
constexpr std::size_t most_bytes = 128;

constexpr std::uint64_t zigzag(std::uint64_t difference) noexcept {
  return (difference << 1) ^ (0 - (difference >> 63));
}
constexpr std::uint64_t unzigzag(std::uint64_t packed) noexcept {
  return (packed >> 1) ^ (0 - (packed & 1));
}

std::uint64_t days(date day) noexcept {
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(day.days_since_epoch()));
}
std::uint64_t thousandths(decimal value) noexcept {
  return static_cast<std::uint64_t>(value.thousandths());
}

char* put(char* at, std::uint64_t value) noexcept {
  while (value >= 0x80) {
    *at++ = static_cast<char>(value | 0x80);
    value >>= 7;
  }
  *at++ = static_cast<char>(value);
  return at;
}

/// Reads what put() wrote from the bytes left to `in`.
class unpacker {
 public:
  unpacker(std::string_view bytes, std::string_view what) noexcept
      : at_(bytes.data()), end_(bytes.data() + bytes.size()), what_(what) {}

  std::uint64_t get() {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (at_ == end_) damaged();
      const auto byte = static_cast<unsigned char>(*at_++);
      value |= std::uint64_t{byte & 0x7FU} << shift;
      if (byte < 0x80) return value;
    }
    damaged();  // longer than any value put() writes
  }
  std::uint32_t get32() {
    const auto value = get();
    if (value > 0xFFFFFFFFU) damaged();
    return static_cast<std::uint32_t>(value);
  }
  std::uint8_t get_byte() {
    if (at_ == end_) damaged();
    return static_cast<std::uint8_t>(*at_++);
  }
  bool done() const noexcept { return at_ == end_; }

  [[noreturn]] void damaged() const {
    throw input_error({std::string(what_), 0, 0},
                      "damaged: a block of usage ends too soon or holds a value out of range");
  }

 private:
  const char* at_;
  const char* end_;
  std::string_view what_;
};

}  // namespace

void pack_usage(std::span<const run_usage> records, const run_usage& first_before,
                std::string& out) {
  run_usage before = first_before;
  char packed[most_bytes];
  for (const auto& use : records) {
    char* at = packed;
    at = put(at, zigzag(std::uint64_t{use.ordinal} - before.ordinal));
    at = put(at, zigzag(std::uint64_t{use.claim} - before.claim));
    at = put(at, zigzag(use.sequence - before.sequence));
    at = put(at, zigzag(use.source_position - before.source_position));
    at = put(at, zigzag(days(use.first_day) - days(before.first_day)));
    at = put(at, zigzag(days(use.last_day) - days(use.first_day)));
    at = put(at, use.row);
    at = put(at, static_cast<std::uint32_t>(use.code + 1));
    at = put(at, (std::uint64_t{use.line} << 2) | (use.at_risk ? 1U : 0U) | (use.paired ? 2U : 0U));
    at = put(at, zigzag(thousandths(use.units)));
    at = put(at, zigzag(thousandths(use.charge)));
    *at++ = static_cast<char>(use.partition);
    out.append(packed, static_cast<std::size_t>(at - packed));
    before = use;
  }
}

void unpack_usage(std::string_view bytes, std::size_t count, std::vector<run_usage>& out,
                  std::string_view what) {
  unpacker in(bytes, what);
  run_usage before;
  out.reserve(out.size() + count);
  for (std::size_t i = 0; i < count; ++i) {
    run_usage use;
    use.ordinal = static_cast<std::uint32_t>(before.ordinal + unzigzag(in.get()));
    use.claim = static_cast<std::uint32_t>(before.claim + unzigzag(in.get()));
    use.sequence = before.sequence + unzigzag(in.get());
    use.source_position = before.source_position + unzigzag(in.get());
    const auto first = days(before.first_day) + unzigzag(in.get());
    const auto last = first + unzigzag(in.get());
    use.first_day = date::from_days_since_epoch(static_cast<std::int32_t>(first));
    use.last_day = date::from_days_since_epoch(static_cast<std::int32_t>(last));
    use.row = in.get32();
    use.code = in.get32() - 1;
    const auto line = in.get();
    if (line >> 34 != 0) in.damaged();
    use.line = static_cast<std::uint32_t>(line >> 2);
    use.at_risk = (line & 1U) != 0;
    use.paired = (line & 2U) != 0;
    use.units = decimal::from_thousandths(static_cast<std::int64_t>(unzigzag(in.get())));
    use.charge = decimal::from_thousandths(static_cast<std::int64_t>(unzigzag(in.get())));
    use.partition = in.get_byte();
    out.push_back(use);
    before = use;
  }
  if (!in.done()) in.damaged();
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
