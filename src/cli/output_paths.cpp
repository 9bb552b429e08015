#include "output_paths.hpp"

#include <authmatch/error.hpp>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

namespace authmatch::cli {
namespace {

namespace fs = std::filesystem;

bool same_file(const std::string& a, const std::string& b) {
  std::error_code error;
  if (fs::exists(a, error) && fs::exists(b, error)) return fs::equivalent(a, b, error);
  return fs::weakly_canonical(a, error) == fs::weakly_canonical(b, error);
}

/// Why `path` could not be opened for writing (an errno value), or nothing when it could, as far
/// as can be told without opening it (which would create or empty it).
std::optional<int> write_problem(const std::string& path) {
  struct stat found {};
  if (::stat(path.c_str(), &found) == 0) {
    if (S_ISDIR(found.st_mode)) return EISDIR;
    if (::access(path.c_str(), W_OK) != 0) return errno;
    return std::nullopt;
  }
  if (errno != ENOENT) return errno;
  // A new file: its folder must be there and take new files.
  const auto folder = fs::path(path).parent_path();
  const std::string where = folder.empty() ? std::string(".") : folder.string();
  if (::stat(where.c_str(), &found) != 0) return errno;
  if (!S_ISDIR(found.st_mode)) return ENOTDIR;
  if (::access(where.c_str(), W_OK | X_OK) != 0) return errno;
  return std::nullopt;
}

}  // namespace

void refuse_bad_outputs(std::span<const named_file> inputs, std::span<const named_file> outputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const auto& out = outputs[i];
    if (out.path == standard_output) {
      for (std::size_t j = 0; j < i; ++j) {
        if (outputs[j].path == standard_output) {
          throw input_error({"-", 0, 0}, fmt::format("{} names standard output, where {} goes "
                                                     "(give one of them a file)",
                                                     out.flag, outputs[j].flag));
        }
      }
      continue;
    }
    for (const auto& in : inputs) {
      if (same_file(out.path, in.path)) {
        throw input_error({out.path, 0, 0},
                          fmt::format("{} names the same file as {} {}; it would be overwritten "
                                      "(write it elsewhere)",
                                      out.flag, in.flag, in.path));
      }
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (outputs[j].path != standard_output && same_file(out.path, outputs[j].path)) {
        throw input_error({out.path, 0, 0},
                          fmt::format("{} names the same file as {} (give each its own file)",
                                      out.flag, outputs[j].flag));
      }
    }
    if (const auto problem = write_problem(out.path)) {
      throw input_error({out.path, 0, 0}, fmt::format("{}: cannot open the file for writing: {}",
                                                      out.flag, std::strerror(*problem)));
    }
  }
}

}  // namespace authmatch::cli
