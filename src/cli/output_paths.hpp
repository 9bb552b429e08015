#ifndef AUTHMATCH_CLI_OUTPUT_PATHS_HPP
#define AUTHMATCH_CLI_OUTPUT_PATHS_HPP

// The files a command will write, checked before it reads anything.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace authmatch::cli {

/// A file a command reads or writes, with the flag that names it ("--auths"; "input" for a file
/// of claims).
struct named_file {
  std::string_view flag;
  std::string path;
};

/// How an output names standard output (an output not given goes there too).
inline constexpr std::string_view standard_output = "-";

/// A command's main output (`--output`): the file it names, else standard output.
inline named_file main_output(const std::optional<std::string>& path) {
  return {"--output", path.value_or(std::string(standard_output))};
}

/// Refuses (input_error) an output that a command could not write, before it reads anything, so
/// that a run is not made, nor a ledger written, for findings that would then be lost:
/// - an output naming an input or another output (files compared by device and inode, so that
///   another name for the same file, a link or "./x", is caught too): it would be overwritten;
/// - an output that cannot be opened for writing: a folder, a file in a folder that does not
///   exist, a file or folder the user may not write;
/// - two outputs on standard output (`standard_output`, which a command's main output names
///   when it is not given a file).
void refuse_bad_outputs(std::span<const named_file> inputs, std::span<const named_file> outputs);

}  // namespace authmatch::cli

#endif
