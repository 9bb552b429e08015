#ifndef AUTHMATCH_SRC_INPUT_CLAIM_LINE_STREAM_HPP
#define AUTHMATCH_SRC_INPUT_CLAIM_LINE_STREAM_HPP

// The two passes of a claim-lines CSV read in chunks (read_claim_lines_fd): the first checks the
// file and that the rows of each claim are adjacent, the second hands the claims out as it reads
// them, so that memory holds one chunk and one claim whatever the file's size.

#include "input/csv_reader.hpp"

#include <cstdint>

namespace authmatch {
inline namespace v0 {

class claim_sink;

namespace detail {

/// Reads every record, refusing the file with the input_error claim_line_file::parse would
/// throw (header, quoting, field counts); true when the rows of each claim are adjacent.
bool claim_rows_adjacent(csv_reader reader);

/// Hands every claim to `sink` as soon as its last row is read: a readable one to on_claim, one
/// with a bad value to on_rejected, as claim_line_file::feed does when the rows of each claim are
/// adjacent (rows apart would be read as two claims). Returns the number of claims.
std::uint64_t stream_claim_lines(csv_reader reader, claim_sink& sink);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
