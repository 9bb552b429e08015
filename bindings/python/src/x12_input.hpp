#ifndef AUTHMATCH_PYTHON_X12_INPUT_HPP
#define AUTHMATCH_PYTHON_X12_INPUT_HPP

// 837 inputs passed from Python (paths or bytes) and the feed that reads them into a run.

#include "bindings.hpp"

#include <filesystem>
#include <string_view>
#include <vector>

namespace authmatch::python {

/// One 837 input: a file to read, or bytes read in place.
struct x12_input {
  std::filesystem::path path;
  std::string_view bytes;  ///< into a Python bytes object held by x12_inputs::bytes
  bool from_bytes = false;
};

struct x12_inputs {
  std::vector<x12_input> inputs;
  py::object bytes;  ///< the bytes objects the views point into; keep it while the feed runs
};

/// Paths (str or os.PathLike) and bytes, in order. Raises TypeError for anything else.
x12_inputs x12_inputs_from(const py::args& sources);

/// Reads each input with the streaming 837 reader into a run, a step per claim. The feed views
/// the bytes of `inputs`: keep inputs.bytes alive while it runs.
native_feed x12_feed(const x12_inputs& inputs);

}  // namespace authmatch::python

#endif
