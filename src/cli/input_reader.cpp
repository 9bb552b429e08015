#include "input_reader.hpp"

#include "input/input_kind.hpp"

#include <authmatch/error.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/validator.hpp>
#include <authmatch/x12/reader.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace authmatch::cli {
namespace {

/// A file descriptor closed on scope exit (standard input is left open).
class input_fd {
 public:
  explicit input_fd(const std::string& name) {
    if (name == "-") return;
    fd_ = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      throw input_error({name, 0, 0}, fmt::format("cannot open: {}", std::strerror(errno)));
    }
  }
  ~input_fd() {
    if (fd_ != STDIN_FILENO) ::close(fd_);
  }
  input_fd(const input_fd&) = delete;
  input_fd& operator=(const input_fd&) = delete;
  int get() const noexcept { return fd_; }

 private:
  int fd_ = STDIN_FILENO;
};

/// Reads up to `limit` more bytes from `fd` onto `text`.
void read_more(int fd, const std::string& shown, std::string& text, std::size_t limit) {
  char chunk[1 << 16];
  std::size_t wanted = limit;
  while (wanted > 0) {
    const ssize_t got = ::read(fd, chunk, std::min(wanted, sizeof chunk));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0)
      throw input_error({shown, 0, 0}, fmt::format("cannot read: {}", std::strerror(errno)));
    if (got == 0) return;
    text.append(chunk, static_cast<std::size_t>(got));
    wanted -= static_cast<std::size_t>(got);
  }
}

/// Passes claims to the run and prints the first diagnostics of an input to stderr.
class cli_sink final : public claim_sink {
 public:
  cli_sink(validation_run& run, std::uint64_t& claims, progress& bar)
      : run_(run), claims_(&claims), bar_(&bar) {}

  void on_claim(std::span<const claim_line> lines) override {
    ++*claims_;
    run_.on_claim(lines);
  }
  void on_rejected(finding unreadable) override {
    ++*claims_;
    run_.on_rejected(std::move(unreadable));
  }
  void on_diagnostic(const x12::diagnostic& found) override {
    run_.on_diagnostic(found);
    if (++diagnostics_ <= input_reader::max_printed) {
      bar_->finish();
      fmt::print(stderr, "authmatch: {}\n", x12::to_string(found));  // printable already
    }
  }

  std::uint64_t diagnostics() const noexcept { return diagnostics_; }

 private:
  validation_run& run_;
  std::uint64_t* claims_;
  progress* bar_;
  std::uint64_t diagnostics_ = 0;
};

}  // namespace

void input_reader::read(const std::string& name) {
  const std::string shown = name == "-" ? std::string("<stdin>") : name;
  const input_fd fd(name);
  struct stat info {};
  const std::uint64_t size = ::fstat(fd.get(), &info) == 0 && S_ISREG(info.st_mode)
                                 ? static_cast<std::uint64_t>(info.st_size)
                                 : 0;
  std::string text;
  read_more(fd.get(), shown, text, detail::detection_bytes);
  if (detail::detect_input(text, shown) == detail::input_kind::x12_837) {
    read_x12(fd.get(), shown, text, size);
    return;
  }
  cli_sink sink(*run_, claims_, progress_);
  if (read_claim_lines_fd(fd.get(), shown, sink, text) == 0)
    fmt::print(stderr, "authmatch: {}: 0 claims (a header row and no rows)\n", shown);
}

void input_reader::read_x12(int fd, const std::string& shown, std::string_view head,
                            std::uint64_t size) {
  cli_sink sink(*run_, claims_, progress_);
  x12::read_options options;
  options.threads = reading_threads_;
  progress_.start_input(shown, size);
  options.progress = [this](std::uint64_t bytes) { progress_.update(bytes, claims_); };
  const auto stats = x12::read_837_fd(fd, shown, sink, options, head);
  if (stats.claims_read == 0) {
    progress_.finish();
    fmt::print(stderr, "authmatch: {}: 0 claims (its transactions hold no CLM segment)\n", shown);
  }
  if (sink.diagnostics() > max_printed) {
    progress_.finish();
    fmt::print(stderr, "authmatch: {}: {} more diagnostics not shown\n", shown,
               sink.diagnostics() - max_printed);
  }
}

}  // namespace authmatch::cli
