#include <authmatch/detail/text.hpp>
#include <authmatch/ledger.hpp>
#include <authmatch/validator.hpp>

#include "line_judgement.hpp"
#include "line_values.hpp"
#include "run_state.hpp"
#include "settlement.hpp"

#include <algorithm>
#include <numeric>

namespace authmatch {
inline namespace v0 {

// --- validator ------------------------------------------------------------------------------------

bool validator::requires_auth(const claim_line& line) const noexcept {
  if (rules_ == nullptr) return true;
  std::string payer_scratch, code_scratch;
  return rules_->requires_auth(detail::normalized(line.payer_id, payer_scratch),
                               detail::normalized(line.code, code_scratch));
}

std::vector<finding> validator::validate(std::span<const claim_line> lines) const {
  validation_run run(*this);
  while (!lines.empty()) {
    std::size_t n = 1;
    while (n < lines.size() && lines[n].claim_id == lines.front().claim_id) ++n;
    run.add_claim(lines.first(n));
    lines = lines.subspan(n);
  }
  return std::move(run).finish();
}

// --- validation_run ---------------------------------------------------------------------------------

validation_run::validation_run(const validator& checker, utilization_ledger* ledger)
    : state_(std::make_unique<detail::run_state>(checker, ledger)) {}
validation_run::validation_run(validation_run&&) noexcept = default;
validation_run& validation_run::operator=(validation_run&&) noexcept = default;
validation_run::~validation_run() = default;

const run_summary& validation_run::summary() const noexcept { return state_->summary; }

void validation_run::add_claim(std::span<const claim_line> lines) {
  auto& run = *state_;
  ++run.summary.claims_read;
  if (lines.empty()) return;

  const auto& first = lines.front();
  const auto claim = static_cast<std::uint32_t>(run.claims.size());
  std::string scratch;
  run.claims.push_back({std::string(first.claim_id), std::string(first.original_claim_id),
                        first.frequency, run.sequence++,
                        std::string(detail::normalized(first.member_id, scratch)),
                        std::string(detail::normalized(first.payer_id, scratch))});
  for (const auto& line : lines) {
    ++run.summary.lines_read;
    const auto at = run.sequence++;
    auto verdict = detail::judge_line(*run.checker, line);
    for (auto& f : verdict.findings) run.add_finding(std::move(f), at);
    if (verdict.uses_row) {
      run.usage.push_back({*verdict.uses_row, line.service_date, line.service_date_end, line.line,
                           claim, at, line.units, line.charge});
    }
  }
}

void validation_run::reject_claim(finding unreadable) {
  auto& run = *state_;
  ++run.summary.claims_read;
  ++run.summary.claims_rejected;
  run.add_finding(std::move(unreadable), run.sequence++);
}

namespace {

/// Moves the run's findings out sorted, counting them in the summary; `more_to_come` remembers
/// the lines counted at risk for later releases.
std::vector<finding> release_findings(detail::run_state& run, bool more_to_come) {
  std::vector<std::size_t> order(run.findings.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&run](std::size_t a, std::size_t b) {
    return std::pair(run.finding_sequence[a], run.findings[a].kind) <
           std::pair(run.finding_sequence[b], run.findings[b].kind);
  });

  std::vector<finding> sorted;
  sorted.reserve(run.findings.size());
  std::optional<std::uint64_t> last_at_risk;
  for (const auto i : order) {
    auto& f = run.findings[i];
    const auto line = run.finding_sequence[i];
    ++run.summary.findings_by_kind[static_cast<std::size_t>(f.kind)];
    if (f.level == severity::deny && f.charge && last_at_risk != line) {
      last_at_risk = line;
      // Sequences only grow from one release to the next, so at_risk_taken stays sorted.
      auto& taken = run.at_risk_taken;
      if (!std::binary_search(taken.begin(), taken.end(), line)) {
        run.summary.charge_at_risk += *f.charge;
        if (more_to_come) taken.push_back(line);
      }
    }
    sorted.push_back(std::move(f));
  }
  run.findings.clear();
  run.finding_sequence.clear();
  return sorted;
}

}  // namespace

std::vector<finding> validation_run::take_settled() { return release_findings(*state_, true); }

std::vector<finding> validation_run::finish() && {
  auto& run = *state_;
  if (run.ledger) {
    run.ledger->record_run(detail::claim_ids_of(run),
                           [&run](const prior_usage& prior) { return detail::settle(run, prior); });
  } else {
    detail::settle(run, prior_usage{});
  }
  auto sorted = release_findings(run, false);
  run.claims.clear();
  run.usage.clear();
  run.at_risk_taken.clear();
  return sorted;
}

}  // namespace v0
}  // namespace authmatch
