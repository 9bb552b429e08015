#ifndef AUTHMATCH_SRC_X12_REPORT_HPP
#define AUTHMATCH_SRC_X12_REPORT_HPP

// Turning positions into messages and passing diagnostics to the sink.

#include "segment.hpp"

#include <authmatch/claim_sink.hpp>
#include <authmatch/x12/reader.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

/// "file: segment N[, element E], byte B: " followed by `what`.
std::string locate(std::string_view file, position at, std::size_t element, std::string_view what);

class reporter {
 public:
  reporter(std::string_view file, claim_sink& sink, read_stats& stats)
      : file_(file), sink_(&sink), stats_(&stats) {}

  const std::string& file() const noexcept { return file_; }

  std::string locate(position at, std::size_t element, std::string_view what) const {
    return detail::locate(file_, at, element, what);
  }

  diagnostic make(diagnostic_kind kind, position at, std::string_view segment_id,
                  std::size_t element, const std::string& message) const;

  void emit(const diagnostic& found) {
    ++stats_->diagnostics;
    sink_->on_diagnostic(found);
  }
  void emit(diagnostic_kind kind, position at, std::string_view segment_id, std::size_t element,
            const std::string& message) {
    emit(make(kind, at, segment_id, element, message));
  }

  claim_sink& sink() noexcept { return *sink_; }
  read_stats& stats() noexcept { return *stats_; }

 private:
  std::string file_;
  claim_sink* sink_;
  read_stats* stats_;
};

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
