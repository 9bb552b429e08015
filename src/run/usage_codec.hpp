#ifndef AUTHMATCH_SRC_USAGE_CODEC_HPP
#define AUTHMATCH_SRC_USAGE_CODEC_HPP

// Usage records packed, as a run holds them in memory and in its temporary file: a block of
// records as variable-length integers, each field against the record before it (a line's claim,
// position and sequence grow by little from one record to the next), about 32 bytes a record
// where a run_usage takes 88. Only the run that packed a block reads it back.

#include "run/run_usage.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// The most bytes one record takes packed.
inline constexpr std::size_t max_packed_usage_bytes = 12 * 10 + 1 + 16;

/// Packs `use` against `before` (the record packed before it in its block, or a default record
/// for the first) at `out`, which has room for max_packed_usage_bytes; returns the end of its
/// bytes. A block is records packed one after the other this way.
char* pack_usage(const run_usage& use, const run_usage& before, char* out) noexcept;

/// Appends `records` to `out`, packed as one block, the first against a default record. Every
/// value round-trips, whatever the order of the records; `partition` and `ordinal` included.
void pack_usage(std::span<const run_usage> records, std::string& out);

/// Appends the `count` records of the block `bytes` holds (as pack_usage() wrote it) to `out`.
/// Bytes that end too soon or are left over throw authmatch::error naming `what`.
void unpack_usage(std::string_view bytes, std::size_t count, std::vector<run_usage>& out,
                  std::string_view what);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
