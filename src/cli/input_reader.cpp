#include "input_reader.hpp"

#include "input/input_kind.hpp"
#include "x12/byte_source.hpp"

#include <authmatch/error.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/validator.hpp>
#include <authmatch/x12/reader.hpp>

#include <fmt/format.h>

#include <optional>

#include <unistd.h>

namespace authmatch::cli {
namespace {

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
  const bool standard_input = name == "-";
  const std::string shown = standard_input ? std::string("<stdin>") : name;
  std::optional<x12::detail::file_source> file;
  if (!standard_input) file.emplace(name);
  const int fd = file ? file->fd() : STDIN_FILENO;

  cli_sink sink(*run_, claims_, progress_);
  x12::read_options options;
  options.threads = reading_threads_;
  options.read_ahead = read_ahead_;
  options.progress = [this](std::uint64_t bytes) { progress_.update(bytes, claims_); };
  const auto start_progress = [&](detail::input_kind kind) {
    if (kind == detail::input_kind::x12_837) {
      progress_.start_input(shown, x12::detail::regular_file_size(fd));
    }
  };
  const auto read = detail::read_by_content(fd, shown, sink, options, start_progress, threads_);
  if (read.claims == 0) {
    progress_.finish();
    fmt::print(stderr, "authmatch: {}: 0 claims ({})\n", shown,
               read.kind == detail::input_kind::x12_837 ? "its transactions hold no CLM segment"
                                                        : "a header row and no rows");
  }
  if (sink.diagnostics() > max_printed) {
    progress_.finish();
    fmt::print(stderr, "authmatch: {}: {} more diagnostics not shown\n", shown,
               sink.diagnostics() - max_printed);
  }
}

}  // namespace authmatch::cli
