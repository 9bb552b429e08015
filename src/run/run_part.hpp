#ifndef AUTHMATCH_SRC_RUN_PART_HPP
#define AUTHMATCH_SRC_RUN_PART_HPP

// A part of a batch judged apart from the rest (on another process or machine), as bytes: what
// its run gathered before settlement. Parts appended to one run in input order leave it as if it
// had read every part's input itself, so it settles them as one run (docs/scale-out.md).

#include "run/run_state.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// The run's claims, usage, counts and findings (those in its spool, which it reads) as a part.
/// Every judged line must have been folded in.
std::string encode_part(run_state& run);

/// A finding of a part: where it sorts in the run, its kind, and the finding encoded
/// (byte_codec.hpp's put_finding; checked: it decodes).
struct part_finding {
  std::uint64_t at = 0;
  finding_kind kind = finding_kind::auth_missing;
  std::string_view encoded;
};

/// Appends a part to `run`: its claims, usage and counts after the run's own, its positions
/// after every position the run has given out; hands each of its findings, in order, to `add`.
/// Throws authmatch::input_error naming the part `name` when it is damaged, was written on a
/// machine of another byte order or by another version, or was judged against another number
/// of authorization rows than the run's.
void append_part(run_state& run, std::string_view part, std::string_view name,
                 const std::function<void(const part_finding& found)>& add);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
