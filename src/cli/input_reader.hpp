#ifndef AUTHMATCH_CLI_INPUT_READER_HPP
#define AUTHMATCH_CLI_INPUT_READER_HPP

#include "progress.hpp"

#include <authmatch/validator.hpp>
#include <authmatch/x12/reader.hpp>

#include <cstdint>
#include <string>

namespace authmatch::cli {

/// Feeds the command's inputs into one validation run, telling formats apart by content: an
/// X12 837 (it starts with an ISA) and a claim-lines CSV are both streamed claim by claim.
/// Envelope faults and other 837 diagnostics go to stderr with file and position, as they come.
class input_reader {
 public:
  /// Diagnostics printed per input; the rest are counted.
  static constexpr std::uint64_t max_printed = 50;

  /// `threads`: the run's threads; a large 837 file is read on x12::reading_threads_for(threads),
  /// ahead of its reader as x12::read_ahead_for(threads) says; a claim-lines CSV's first reading,
  /// before any claim is judged, in two halves on two threads from 2 on.
  input_reader(validation_run& run, unsigned threads)
      : run_(&run),
        threads_(threads),
        reading_threads_(x12::reading_threads_for(threads)),
        read_ahead_(x12::read_ahead_for(threads)) {}

  /// Reads one input: a path, or "-" for standard input. Throws input_error when it is neither
  /// an 837 nor a claim-lines CSV, or cannot be read.
  void read(const std::string& name);

  /// Clears the progress bar.
  void finish() { progress_.finish(); }

 private:
  validation_run* run_;
  unsigned threads_;
  unsigned reading_threads_;
  bool read_ahead_;
  progress progress_;
  std::uint64_t claims_ = 0;  ///< claims read from every input so far
};

}  // namespace authmatch::cli

#endif
