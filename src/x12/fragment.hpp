#ifndef AUTHMATCH_SRC_X12_FRAGMENT_HPP
#define AUTHMATCH_SRC_X12_FRAGMENT_HPP

// An input cut into fragments at ST segments, to be read in parallel: where each fragment lies,
// and what is open where it starts.

#include "envelope.hpp"
#include "isa.hpp"

#include <authmatch/x12/reader.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

/// Bytes [begin, end) of an input: they start it or start with an ST segment, and end it or end
/// just before an ST segment.
struct fragment {
  std::uint64_t begin = 0, end = 0;
  std::uint64_t first_segment = 1;        ///< the number of the segment at `begin`
  std::uint64_t end_segment = 0;          ///< the number of the ST at `end`, when not at_end
  bool at_end = false;                    ///< the fragment ends the input
  std::uint64_t transactions_before = 0;  ///< STs of the input before `begin`
};

/// How an input is cut: its fragments in order, and the delimiters and envelopes they share.
struct fragment_plan {
  delimiters delims;
  envelope_resume open;
  std::vector<fragment> fragments;
};

/// Plans fragments of about options.fragment_bytes over the `size` bytes of the regular file `fd`
/// (read with pread; its offset is left alone), counting the segments and STs before each. An
/// input cuts only when it is one interchange holding one functional group: ISA, GS, then
/// transactions, with GE and IEA only at its end, and a segment terminator that is not a blank.
/// Anything else (several interchanges or groups, delimiters that change, a terminator
/// followed by many blanks, no ST to cut at) gives nothing, and the input is read whole.
std::optional<fragment_plan> plan_fragments(int fd, std::uint64_t size,
                                            const read_options& options);

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
