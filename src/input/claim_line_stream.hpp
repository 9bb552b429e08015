#ifndef AUTHMATCH_SRC_INPUT_CLAIM_LINE_STREAM_HPP
#define AUTHMATCH_SRC_INPUT_CLAIM_LINE_STREAM_HPP

// The two passes of a claim-lines CSV read in chunks (read_claim_lines_fd): the first checks the
// file and that the rows of each claim are adjacent, the second hands the claims out as it reads
// them, so that memory holds one chunk and one claim whatever the file's size.

#include "input/csv_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace authmatch {
inline namespace v0 {

class claim_sink;

namespace detail {

/// What claim_rows_adjacent() found of a file.
struct claim_rows_check {
  bool adjacent = true;  ///< the rows of each claim are adjacent
  // For tests (the answer is the same either way):
  bool halves = false;                  ///< its second half was read on a thread of its own, taken
  std::uint64_t second_half_bytes = 0;  ///< bytes read on that thread, taken or not
};

/// Reads every record of an input that is `already_read` (bytes the caller took), then the
/// regular file open on `fd` from its offset `rest_at` on (where it leaves the offset is
/// unspecified), `chunk_size` bytes at a time. Refuses the file with the input_error
/// claim_line_file::parse would throw (header, quoting, field counts); says whether the rows of
/// each claim are adjacent.
///
/// With `threads` of 2 or more, an input of four chunks or more has its second half read on a
/// thread of its own, from the row after a line feed near its middle. When the first half's
/// reader reaches that row, the second half's runs are taken if the second thread read the same
/// row first, read to its end, and the file has not changed size; otherwise (a line feed inside
/// a quoted value, a row the second thread could not read, a record past eight chunks there)
/// the second thread stops and the first reads on alone. The answer, and the error that refuses
/// a file, are those of one thread.
claim_rows_check claim_rows_adjacent(int fd, std::string_view name, std::string_view already_read,
                                     std::uint64_t rest_at, std::size_t chunk_size,
                                     unsigned threads);

/// Hands every claim to `sink` as soon as its last row is read: a readable one to on_claim, one
/// with a bad value to on_rejected, as claim_line_file::feed does when the rows of each claim are
/// adjacent (rows apart would be read as two claims). Returns the number of claims.
std::uint64_t stream_claim_lines(csv_reader reader, claim_sink& sink);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
