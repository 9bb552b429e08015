#ifndef AUTHMATCH_SRC_X12_REPORT_HPP
#define AUTHMATCH_SRC_X12_REPORT_HPP

// Turning positions into messages and passing diagnostics to the sink.

#include "segment.hpp"

#include <authmatch/claim_sink.hpp>
#include <authmatch/x12/reader.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

/// "file: segment N[, element E], byte B: " followed by `what`.
std::string locate(std::string_view file, position at, std::size_t element, std::string_view what);

/// Where an input's diagnostics go and what counts them. An 837 reader reports to its
/// claim_sink; other transactions (the 835) pass a function and have no claim_sink.
class reporter {
 public:
  using diagnostic_handler = std::function<void(const diagnostic& found)>;

  reporter(std::string_view file, claim_sink& sink, read_stats& stats)
      : file_(file),
        sink_(&sink),
        deliver_([&sink](const diagnostic& found) { sink.on_diagnostic(found); }),
        stats_(&stats) {}
  reporter(std::string_view file, diagnostic_handler deliver, read_stats& stats)
      : file_(file), deliver_(std::move(deliver)), stats_(&stats) {}

  const std::string& file() const noexcept { return file_; }

  std::string locate(position at, std::size_t element, std::string_view what) const {
    return detail::locate(file_, at, element, what);
  }

  diagnostic make(diagnostic_kind kind, position at, std::string_view segment_id,
                  std::size_t element, const std::string& message) const;

  void emit(const diagnostic& found) {
    ++stats_->diagnostics;
    deliver_(found);
  }
  void emit(diagnostic_kind kind, position at, std::string_view segment_id, std::size_t element,
            const std::string& message) {
    emit(make(kind, at, segment_id, element, message));
  }

  /// The 837's claim sink (only an 837 reader's reporter has one).
  claim_sink& sink() noexcept { return *sink_; }
  read_stats& stats() noexcept { return *stats_; }

 private:
  std::string file_;
  claim_sink* sink_ = nullptr;
  diagnostic_handler deliver_;
  read_stats* stats_;
};

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
