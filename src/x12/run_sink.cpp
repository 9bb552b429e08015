#include <authmatch/x12/run_sink.hpp>

namespace authmatch {
inline namespace v0 {
namespace x12 {

void run_sink::on_claim(std::span<const claim_line> lines) { run_->add_claim(lines); }

void run_sink::on_rejected(finding unreadable) { run_->reject_claim(std::move(unreadable)); }

void run_sink::on_diagnostic(const diagnostic& found) {
  if (is_fault(found.kind)) run_->report_input_fault(to_finding(found));
  ++count_;
  if (kept_.size() < max_kept_) kept_.push_back(found);
}

}  // namespace x12
}  // namespace v0
}  // namespace authmatch
