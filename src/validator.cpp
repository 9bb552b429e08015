#include <authmatch/detail/text.hpp>
#include <authmatch/ledger.hpp>
#include <authmatch/validator.hpp>

#include "line_judgement.hpp"
#include "line_values.hpp"
#include "run_state.hpp"
#include "judging_pool.hpp"
#include "settlement.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

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

namespace detail {

/// A run's state and, with several threads, the pool judging its lines.
struct run_engine : run_state {
  run_engine(const validator& checker_, utilization_ledger* ledger_, unsigned threads)
      : run_state(checker_, ledger_) {
    if (threads > 1) pool.emplace(checker_, threads);
  }
  std::optional<judging_pool> pool;
};

}  // namespace detail

namespace {

using detail::run_engine;

/// Holds one judged line's findings and usage; a line that one of its findings denies puts its
/// charge at risk.
void record_line(detail::run_state& run, const claim_line& line, std::uint32_t claim,
                 std::uint64_t at, detail::line_judgement& verdict) {
  bool at_risk = false;
  for (auto& f : verdict.findings) {
    if (!at_risk && f.level == severity::deny && f.charge) {
      at_risk = true;
      run.summary.charge_at_risk += *f.charge;
    }
    run.add_finding(std::move(f), at);
  }
  if (verdict.uses_row) {
    run.usage.push_back({*verdict.uses_row, line.service_date, line.service_date_end, line.line,
                         claim, at_risk, at, line.units, line.charge});
  }
}

/// Where a finding is handed out: input order (the position of its line or claim), then kind.
using finding_key = std::pair<std::uint64_t, finding_kind>;

finding_key key_of_held(const detail::run_state& run, std::uint32_t i) noexcept {
  return {run.finding_sequence[i], run.findings[i].kind};
}

finding_key key_of_units(const detail::run_state& run, std::uint32_t i) noexcept {
  const auto& found = run.units_findings[i];
  return {run.usage[found.use].sequence, found.kind};
}

/// The findings held in memory, by index, in handing-out order (they mostly are in it already:
/// lines add theirs in order, by kind).
std::vector<std::uint32_t> held_order(const detail::run_state& run) {
  std::vector<std::uint32_t> order(run.findings.size());
  std::iota(order.begin(), order.end(), std::uint32_t{0});
  const auto before = [&run](std::uint32_t a, std::uint32_t b) {
    return key_of_held(run, a) < key_of_held(run, b);
  };
  if (!std::is_sorted(order.begin(), order.end(), before)) {
    std::stable_sort(order.begin(), order.end(), before);
  }
  return order;
}

/// Parks the findings held in memory in the spool once there are many. Every finding still to
/// come sorts after them: they are of lines added later, or settled by finish().
void spool_if_many(detail::run_state& run) {
  if (run.findings.size() < detail::run_state::findings_held || !run.spool.usable()) return;
  std::vector<finding> kept;  // what the spool could not take
  std::vector<std::uint64_t> kept_sequence;
  for (const auto i : held_order(run)) {
    if (kept.empty() && run.spool.write(run.finding_sequence[i], run.findings[i])) continue;
    kept.push_back(std::move(run.findings[i]));
    kept_sequence.push_back(run.finding_sequence[i]);
  }
  run.findings.swap(kept);
  run.finding_sequence.swap(kept_sequence);
}

/// Folds a judged batch into the run, in the order its claims were added.
void fold(detail::run_state& run, detail::judging_batch& batch) {
  for (std::size_t i = 0; i < batch.lines.size(); ++i) {
    record_line(run, batch.lines[i], batch.entries[i].claim, batch.entries[i].sequence,
                batch.verdicts[i]);
  }
  for (auto& [at, unreadable] : batch.rejected) run.add_finding(std::move(unreadable), at);
  spool_if_many(run);
}

/// Waits for the lines still being judged and folds them in.
void collect_all(run_engine& run) {
  if (run.pool) run.pool->collect([&run](detail::judging_batch& b) { fold(run, b); }, true);
}

/// Hands out every finding of the run in order, the spooled ones merged with those in memory, as
/// `finding&` that `out` may move from.
template <typename Out>
void hand_out(detail::run_state& run, Out&& out) {
  const auto held = held_order(run);
  std::vector<std::uint32_t> units(run.units_findings.size());  // settlement's, in order
  std::iota(units.begin(), units.end(), std::uint32_t{0});
  std::sort(units.begin(), units.end(), [&run](std::uint32_t a, std::uint32_t b) {
    return key_of_units(run, a) < key_of_units(run, b);
  });

  // Everything held, and of settlement, that comes before `bound` (all of it without one).
  auto next_held = held.begin();
  auto next_units = units.begin();
  finding written;
  const auto hand_out_before = [&](std::optional<finding_key> bound) {
    for (;;) {
      const auto held_key = next_held == held.end() ? std::optional<finding_key>()
                                                    : key_of_held(run, *next_held);
      const auto units_key = next_units == units.end() ? std::optional<finding_key>()
                                                       : key_of_units(run, *next_units);
      const bool take_held = held_key && (!bound || *held_key < *bound) &&
                             (!units_key || *held_key < *units_key);
      const bool take_units = !take_held && units_key && (!bound || *units_key < *bound);
      if (take_held) {
        out(run.findings[*next_held++]);
      } else if (take_units) {
        written = detail::written(run, run.units_findings[*next_units++]);
        out(written);
      } else {
        return;
      }
    }
  };
  std::uint64_t at = 0;
  finding spooled;
  while (run.spool.read(at, spooled)) {
    hand_out_before(finding_key(at, spooled.kind));
    out(spooled);
  }
  hand_out_before(std::nullopt);
  run.findings.clear();
  run.finding_sequence.clear();
  run.units_findings.clear();
}

}  // namespace

validation_run::validation_run(const validator& checker, utilization_ledger* ledger,
                               unsigned threads)
    : state_(std::make_unique<run_engine>(checker, ledger, threads)) {}
validation_run::validation_run(validation_run&&) noexcept = default;
validation_run& validation_run::operator=(validation_run&&) noexcept = default;
validation_run::~validation_run() = default;

const run_summary& validation_run::summary() const noexcept { return state_->summary; }

void validation_run::add_claim(std::span<const claim_line> lines) {
  auto& run = *state_;
  ++run.summary.claims_read;
  if (lines.empty()) return;

  const auto claim = static_cast<std::uint32_t>(run.claims.add(lines.front(), run.sequence++));
  run.summary.lines_read += lines.size();
  const auto first = run.sequence;
  run.sequence += lines.size();
  if (run.pool) {
    run.pool->add_claim(lines, claim, first);
    run.pool->collect([&run](detail::judging_batch& b) { fold(run, b); }, false);
    return;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto verdict = detail::judge_line(*run.checker, lines[i]);
    record_line(run, lines[i], claim, first + i, verdict);
  }
  spool_if_many(run);
}

void validation_run::reject_claim(finding unreadable) {
  auto& run = *state_;
  ++run.summary.claims_read;
  ++run.summary.claims_rejected;
  if (run.pool) {
    run.pool->add_rejected(std::move(unreadable), run.sequence++);
    return;
  }
  run.add_finding(std::move(unreadable), run.sequence++);
  spool_if_many(run);
}

std::vector<finding> validation_run::take_settled() {
  auto& run = *state_;
  collect_all(run);
  std::vector<finding> settled;
  settled.reserve(run.spool.size() + run.findings.size());
  hand_out(run, [&settled](finding& f) { settled.push_back(std::move(f)); });
  return settled;
}

namespace {

/// Waits for every line, settles usage and records it in the ledger when there is one.
void settle_run(run_engine& run) {
  collect_all(run);
  if (run.ledger) {
    run.ledger->record_run(detail::claim_ids_of(run),
                           [&run](const prior_usage& prior) { return detail::settle(run, prior); });
  } else {
    detail::settle(run, prior_usage{});
  }
}

/// What finish() no longer needs once every finding is out.
void forget_usage(detail::run_state& run) {
  run.claims.clear();
  run.usage = {};
  run.units_findings = {};
}

}  // namespace

void validation_run::finish(const std::function<void(const finding&)>& out) && {
  settle_run(*state_);
  hand_out(*state_, [&out](const finding& f) { out(f); });
  forget_usage(*state_);
}

std::vector<finding> validation_run::finish() && {
  settle_run(*state_);
  std::vector<finding> findings;
  findings.reserve(state_->spool.size() + state_->findings.size() +
                   state_->units_findings.size());
  hand_out(*state_, [&findings](finding& f) { findings.push_back(std::move(f)); });
  forget_usage(*state_);
  return findings;
}

}  // namespace v0
}  // namespace authmatch
