#ifndef AUTHMATCH_CLI_PROGRESS_HPP
#define AUTHMATCH_CLI_PROGRESS_HPP

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace authmatch::cli {

/// A one-line progress bar on stderr: bytes read (of the input's size when known) and claims per
/// second. It draws nothing when stderr is not a terminal, nor before the run has lasted
/// `delay` (short runs stay quiet), and redraws at most ten times a second.
class progress {
 public:
  explicit progress(std::FILE* out = stderr,
                    std::chrono::milliseconds delay = std::chrono::milliseconds(2000));
  progress(const progress&) = delete;
  progress& operator=(const progress&) = delete;
  ~progress() { finish(); }

  /// A new input of `total_bytes` (0: unknown, e.g. a pipe).
  void start_input(std::string_view name, std::uint64_t total_bytes);
  /// `bytes` of the current input read so far; `claims` read so far in the whole run.
  void update(std::uint64_t bytes, std::uint64_t claims);
  /// Clears the bar, if drawn, so that messages after it start on a clean line.
  void finish();

  bool enabled() const noexcept { return enabled_; }

 private:
  std::FILE* out_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::chrono::milliseconds delay_;
  bool drawn_ = false;
  std::string name_;
  std::uint64_t total_ = 0;
};

}  // namespace authmatch::cli

#endif
