#ifndef AUTHMATCH_X12_RUN_SINK_HPP
#define AUTHMATCH_X12_RUN_SINK_HPP

#include <authmatch/validator.hpp>
#include <authmatch/x12/claim_sink.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace x12 {

/// Feeds what the reader finds into a validation_run: readable claims go to add_claim,
/// unreadable ones to reject_claim, faults (is_fault) to report_input_fault. Keeps the first `max_kept` diagnostics (so a huge file full
/// of faults cannot exhaust memory) and counts them all.
///
///     authmatch::validation_run run(checker);
///     authmatch::x12::run_sink sink(run);
///     authmatch::x12::read_837_file("claims.x12", sink);
///     for (const auto& d : sink.diagnostics()) std::cerr << to_string(d) << '\n';
///     auto findings = std::move(run).finish();
class run_sink final : public claim_sink {
 public:
  static constexpr std::size_t default_max_kept = 1000;

  explicit run_sink(validation_run& run, std::size_t max_kept = default_max_kept) noexcept
      : run_(&run), max_kept_(max_kept) {}

  void on_claim(std::span<const claim_line> lines) override;
  void on_rejected(finding unreadable) override;
  void on_diagnostic(const diagnostic& found) override;

  /// The first diagnostics, in input order.
  const std::vector<diagnostic>& diagnostics() const noexcept { return kept_; }
  /// All diagnostics seen, kept or not.
  std::uint64_t diagnostic_count() const noexcept { return count_; }

 private:
  validation_run* run_;
  std::size_t max_kept_;
  std::uint64_t count_ = 0;
  std::vector<diagnostic> kept_;
};

}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
