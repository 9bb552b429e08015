#ifndef AUTHMATCH_SRC_LINE_JUDGEMENT_HPP
#define AUTHMATCH_SRC_LINE_JUDGEMENT_HPP

// Judging one line on its own: which authorization it is compared with, and every finding that
// does not depend on other lines (units do: they are settled later, in date order).

#include "engine/recycling_vector.hpp"
#include "index/index_data.hpp"

#include <authmatch/claim_line.hpp>
#include <authmatch/finding.hpp>
#include <authmatch/validator.hpp>

#include <cstdint>
#include <optional>
#include <span>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// A row whose quantity a line uses, with the row's authorization number (an id in the index's
/// strings), by which the run keeps the usage: the fold does not read the row again.
struct row_use {
  authorization_index::row_id row = 0;
  std::uint32_t number = 0;
};

/// What a line uses of the index, besides its findings.
struct line_uses {
  /// The row whose quantity the line uses: approved, and the line inside its window.
  std::optional<row_use> row;
  /// The referral whose visits the line uses: it covers the line.
  std::optional<row_use> referral;
};

/// Judges a line of a claim (`claim`: the claim's lines, the line among them; empty: the line
/// is a claim of its own), adding its findings to `findings`. They are written over findings
/// cleared before, whose strings keep their room: a thread judging batch after batch into the
/// same findings stops allocating for them, and frees nothing another thread allocated.
line_uses judge_line(const validator& checker, const claim_line& line,
                     std::span<const claim_line> claim, recycling_vector<finding>& findings);

/// Steps of prefetch_judging(): the line's record, the text its lookup hashes, then the index
/// lookup's steps.
inline constexpr int judging_prefetch_steps = 2 + index_data::lookup_steps;

/// Starts loading step `step` (0 to judging_prefetch_steps - 1) of what judging `line` reads
/// first: its record, then the text its lookup hashes (a batch filled on another thread, or long
/// ago, is out of this core's caches), then what the lookup reads from the index (see
/// index_data::prefetch_number), going on from what the steps before found of the line
/// (`ahead`, kept for the line from its first lookup step on).
void prefetch_judging(const validator& checker, const claim_line& line, int step,
                      index_data::lookup_ahead& ahead) noexcept;

class line_values;

/// judge_line(), the findings in the payer's codes (validator_options::profiles). `values` holds
/// the line judged before, if any, and is read again for `line` (line_values::read): a batch
/// judging its claims' lines in turn passes the same values for each, so that a claim's fields
/// are compared as they were for the line before.
line_uses judge(const validator& checker, line_values& values, const claim_line& line,
                std::span<const claim_line> claim, recycling_vector<finding>& findings);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
