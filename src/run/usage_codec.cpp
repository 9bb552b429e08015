#include "run/usage_codec.hpp"

#include "run/byte_codec.hpp"

#include <cstring>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

// A record packed: its values in the order below, each a variable-length integer (put_varint),
// but for the last, a byte. Differences are taken modulo 2^64 and written zigzagged (0, -1, 1,
// -2, ... as 0, 1, 2, 3, ...), so that small steps either way are short.
//
//   ordinal, claim, sequence, source_position   the difference from the record before's
//   first_day                                   the difference from the record before's
//   last_day                                    the difference from first_day
//   row, code + 1 (no_code: 0), payer           as they are
//   line                                        shifted left by 3, long_id and flags_of() below
//   units, charge                               their thousandths, zigzagged
//   partition                                   one byte
//   id_head, id_tail                            eight bytes each, as they lie in memory

static_assert(max_packed_usage_bytes == 12 * max_varint_bytes + 1 + 16);

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

}  // namespace

char* pack_usage(const run_usage& use, const run_usage& before, char* at) noexcept {
  at = put_varint(at, zigzag(std::uint64_t{use.ordinal} - before.ordinal));
  at = put_varint(at, zigzag(use.claim - before.claim));
  at = put_varint(at, zigzag(use.sequence - before.sequence));
  at = put_varint(at, zigzag(use.source_position - before.source_position));
  at = put_varint(at, zigzag(days(use.first_day) - days(before.first_day)));
  at = put_varint(at, zigzag(days(use.last_day) - days(use.first_day)));
  at = put_varint(at, use.row);
  at = put_varint(at, static_cast<std::uint32_t>(use.code + 1));
  at = put_varint(at, use.payer);
  at = put_varint(at, (std::uint64_t{use.line} << 3) | (use.long_id ? 4U : 0U) | flags_of(use));
  at = put_varint(at, zigzag(thousandths(use.units)));
  at = put_varint(at, zigzag(thousandths(use.charge)));
  *at++ = static_cast<char>(use.partition);
  std::memcpy(at, &use.id_head, sizeof use.id_head);
  std::memcpy(at + sizeof use.id_head, &use.id_tail, sizeof use.id_tail);
  return at + sizeof use.id_head + sizeof use.id_tail;
}

void pack_usage(std::span<const run_usage> records, std::string& out) {
  const run_usage* before = nullptr;
  const run_usage first_before;
  char packed[max_packed_usage_bytes];
  for (const auto& use : records) {
    const char* const end = pack_usage(use, before == nullptr ? first_before : *before, packed);
    out.append(packed, static_cast<std::size_t>(end - packed));
    before = &use;
  }
}

void unpack_usage(std::string_view bytes, std::size_t count, std::vector<run_usage>& out,
                  std::string_view what) {
  byte_reader in(bytes, what);
  const auto get32 = [&in] {
    const auto value = in.get_varint();
    if (value > 0xFFFFFFFFU) in.damaged();
    return static_cast<std::uint32_t>(value);
  };
  run_usage before;
  out.reserve(out.size() + count);
  for (std::size_t i = 0; i < count; ++i) {
    run_usage use;
    use.ordinal = static_cast<std::uint32_t>(before.ordinal + unzigzag(in.get_varint()));
    use.claim = before.claim + unzigzag(in.get_varint());
    use.sequence = before.sequence + unzigzag(in.get_varint());
    use.source_position = before.source_position + unzigzag(in.get_varint());
    const auto first = days(before.first_day) + unzigzag(in.get_varint());
    const auto last = first + unzigzag(in.get_varint());
    use.first_day = date::from_days_since_epoch(static_cast<std::int32_t>(first));
    use.last_day = date::from_days_since_epoch(static_cast<std::int32_t>(last));
    use.row = get32();
    use.code = get32() - 1;
    use.payer = get32();
    const auto line = in.get_varint();
    if (line >> 35 != 0) in.damaged();
    use.line = static_cast<std::uint32_t>(line >> 3);
    use.long_id = (line & 4U) != 0;
    set_flags(use, static_cast<unsigned>(line & 3U));
    use.units = decimal::from_thousandths(static_cast<std::int64_t>(unzigzag(in.get_varint())));
    use.charge = decimal::from_thousandths(static_cast<std::int64_t>(unzigzag(in.get_varint())));
    use.partition = in.get<std::uint8_t>();
    use.id_head = in.get<std::uint64_t>();
    use.id_tail = in.get<std::uint64_t>();
    out.push_back(use);
    before = use;
  }
  if (!in.empty()) in.damaged();
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
