#ifndef AUTHMATCH_SYNTH_TRACKER_HPP
#define AUTHMATCH_SYNTH_TRACKER_HPP

// The generated authorizations as an authorization tracker keeps them on the review day: the same
// rows with the tracker's columns (requested_date, priority, next_action, next_action_due), and
// some open rows' units_used raised to leave under 20%, for `authmatch review` on generated data.

#include "output.hpp"

#include <cstdint>
#include <string_view>

namespace authmatch::synth {

/// The day the tracker's dates are set around: a review as of this day finds pending requests
/// past their decision window and authorizations near their end.
inline constexpr std::string_view tracker_review_day = "2026-07-01";

/// What write_tracker wrote.
struct tracker_totals {
  std::uint64_t rows = 0;
  std::uint64_t pending = 0;    ///< pending authorizations (with a requested date each)
  std::uint64_t expedited = 0;  ///< of all authorizations
  std::uint64_t with_next_action = 0;
  std::uint64_t mostly_used = 0;  ///< rows whose units_used was raised to leave under 20%
};

/// Writes `auths_csv` (the generator's authorizations CSV) again with the tracker's columns
/// added, and about one in seven approved rows open on tracker_review_day (with 6 units or more)
/// used up to between 1 unit and just under 20% of its quantity; the same seed gives the same
/// values.
tracker_totals write_tracker(std::string_view auths_csv, std::uint64_t seed, output& out);

/// Writes the services scheduled in the three weeks after tracker_review_day, as a claim-lines
/// CSV for `authmatch review --schedule`: one line, claim SCH-n, for about a third of the
/// authorizations (approved or pending) whose window reaches into those weeks, on a day of them
/// (some of it after the window ends); returns the number of lines.
std::uint64_t write_schedule(std::string_view auths_csv, std::uint64_t seed, output& out);

}  // namespace authmatch::synth

#endif
