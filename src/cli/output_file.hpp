#ifndef AUTHMATCH_CLI_OUTPUT_FILE_HPP
#define AUTHMATCH_CLI_OUTPUT_FILE_HPP

#include <authmatch/error.hpp>
#include "output_paths.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <unistd.h>

namespace authmatch::cli {

/// Whether an output goes to standard output: none was named, or `-` was.
inline bool is_standard_output(const std::optional<std::string>& path) noexcept {
  return !path || *path == standard_output;
}

/// Where a command writes: the named file, or standard output (no file, or `-`).
class output_file {
 public:
  explicit output_file(const std::optional<std::string>& path)
      : name_(is_standard_output(path) ? std::string("<stdout>") : *path),
        file_(is_standard_output(path) ? stdout : std::fopen(path->c_str(), "wb")) {
    if (!file_) {
      throw input_error({name_, 0, 0},
                        std::string("cannot open the file for writing: ") + std::strerror(errno));
    }
    if (!isatty(fileno(file_))) {  // large writes for files and pipes; a terminal stays as it is
      static char stdout_buffer[buffer_size];
      if (file_ != stdout) buffer_ = std::make_unique<char[]>(buffer_size);
      std::setvbuf(file_, file_ == stdout ? stdout_buffer : buffer_.get(), _IOFBF, buffer_size);
    }
  }
  output_file(const output_file&) = delete;
  output_file& operator=(const output_file&) = delete;
  ~output_file() {
    if (file_ && file_ != stdout) std::fclose(file_);
  }

  std::FILE* get() const noexcept { return file_; }
  bool is_stdout() const noexcept { return file_ == stdout; }

  /// Flushes (and closes a named file); throws when what was written did not reach it.
  void close() {
    errno = 0;
    const bool failed = std::fflush(file_) != 0 || std::ferror(file_) != 0 ||
                        (file_ != stdout && std::fclose(file_) != 0);
    const int error = errno;
    if (file_ != stdout) file_ = nullptr;
    if (failed) {
      throw input_error({name_, 0, 0}, std::string("cannot write the file: ") +
                                           (error != 0 ? std::strerror(error) : "I/O error"));
    }
  }

 private:
  static constexpr std::size_t buffer_size = 1 << 20;

  std::string name_;
  std::FILE* file_;
  std::unique_ptr<char[]> buffer_;  ///< a named file's buffer (standard output has a static one)
};

/// Writes `text` to the named file (or standard output) and closes it; throws as close() does.
inline void write_output(const std::optional<std::string>& path, std::string_view text) {
  output_file out(path);
  std::fwrite(text.data(), 1, text.size(), out.get());
  out.close();
}

}  // namespace authmatch::cli

#endif
