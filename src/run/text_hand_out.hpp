#ifndef AUTHMATCH_SRC_RUN_TEXT_HAND_OUT_HPP
#define AUTHMATCH_SRC_RUN_TEXT_HAND_OUT_HPP

// A text run's findings written out: formatted on the run's threads, written on the calling one.

#include "run/run_state.hpp"

#include <cstdint>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Writes every finding of `run`, in handing-out order (findings_walk), as run.format_handed_out
/// formats them, through run.write on this thread.
/// With `threads` above 1, that many threads each walk the findings, each formatting the
/// stretches its walk reaches first into slots of a ring, and this thread writes the stretches
/// out in order, a stretch's texts at once: the bytes written are the same. This thread writes
/// out what is ready before it takes a stretch, so that where writing is slow the others format
/// most.
/// When no other thread can be made, this one does everything. An exception on any thread stops
/// the others and is thrown here once they are joined.
void write_as_text(run_state& run, unsigned threads);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
