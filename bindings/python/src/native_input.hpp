#ifndef AUTHMATCH_PYTHON_NATIVE_INPUT_HPP
#define AUTHMATCH_PYTHON_NATIVE_INPUT_HPP

// Native inputs passed from Python (paths or bytes of 837 files and claim-lines CSV files) and
// the feeds that read them into a run, a step per claim.

#include "bindings.hpp"
#include "convert.hpp"
#include "input/input_kind.hpp"

#include <filesystem>
#include <string_view>
#include <vector>

namespace authmatch::python {

/// One native input: a file to read, or bytes read in place.
struct native_input {
  std::filesystem::path path;
  std::string_view bytes;  ///< into a Python bytes object held by native_inputs::bytes
  bool from_bytes = false;
};

struct native_inputs {
  std::vector<native_input> inputs;
  py::object bytes;  ///< the bytes objects the views point into; keep it while the feed runs
};

/// Paths (str or os.PathLike) and bytes, in order, of `what` ("an 837 file", "a claim-lines
/// CSV"). Raises TypeError for anything else, and for none.
native_inputs native_inputs_from(const py::args& sources, std::string_view what);

/// Reads each input with the streaming 837 reader into a run judging on `threads` threads, a
/// file on x12::reading_threads_for(threads), read ahead as x12::read_ahead_for(threads) says.
/// The feed views the bytes of `inputs`: keep inputs.bytes alive while it runs.
native_feed x12_feed(const native_inputs& inputs, unsigned threads);

/// Reads a file, an 837 or a claim-lines CSV by its first bytes, in chunks claim by claim
/// (InputError when it is neither, or when `check` refuses its kind); a CSV's first reading in
/// two halves on two threads when `csv_threads` is 2 or more.
void read_file_by_content(const std::filesystem::path& path, claim_sink& sink,
                          const detail::kind_check& check = {}, unsigned csv_threads = 1);

/// Reads each claim-lines CSV into a run judging on `threads` threads: a file in chunks, each
/// claim added once its last row is read (read_claim_lines_fd, its first reading in two halves
/// when `threads` is 2 or more), bytes whole. InputError for an 837. The feed views the bytes of
/// `inputs`: keep inputs.bytes alive while it runs.
native_feed csv_feed(const native_inputs& inputs, unsigned threads);

}  // namespace authmatch::python

#endif
