#include <authmatch/ledger.hpp>
#include <authmatch/validator.hpp>
#include <authmatch/x12/diagnostic.hpp>

#include "engine/judging_pool.hpp"
#include "engine/line_judgement.hpp"
#include "engine/line_values.hpp"
#include "ledger/ledger_run.hpp"
#include "run/findings_walk.hpp"
#include "run/run_part.hpp"
#include "run/run_state.hpp"
#include "run/settlement.hpp"
#include "run/text_hand_out.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cassert>
#include <optional>
#include <span>
#include <stdexcept>
#include <thread>
#include <utility>

namespace authmatch {
inline namespace v0 {

// --- validator
// ------------------------------------------------------------------------------------

bool validator::requires_auth(const claim_line& line,
                              std::span<const claim_line> claim) const noexcept {
  if (rules_ == nullptr) return true;
  const auto* rule = rules_->rule_for(line, claim);
  return rule != nullptr && rule->requires_auth;
}

bool validator::requires_referral(const claim_line& line,
                                  std::span<const claim_line> claim) const noexcept {
  if (rules_ == nullptr) return false;
  const auto* rule = rules_->rule_for(line, claim);
  return rule != nullptr && rule->requires_referral;
}

std::vector<finding> validator::validate(std::span<const claim_line> lines) const {
  std::vector<finding> found;
  validation_run run(*this, [&found](finding& f) { found.push_back(std::move(f)); });
  while (!lines.empty()) {
    std::size_t n = 1;
    while (n < lines.size() && lines[n].claim_id == lines.front().claim_id) ++n;
    run.add_claim(lines.first(n));
    lines = lines.subspan(n);
  }
  std::move(run).finish();
  return found;
}

void run_summary::add_at_risk(std::string_view payer_id, decimal charge) {
  std::int64_t total = 0;
  if (__builtin_add_overflow(charge_at_risk.thousandths(), charge.thousandths(), &total)) {
    throw std::overflow_error("the run's charge at risk exceeds what a total can hold exactly");
  }
  charge_at_risk = decimal::from_thousandths(total);
  if (charge.is_zero()) return;
  auto payer = charge_at_risk_by_payer.find(payer_id);
  if (payer == charge_at_risk_by_payer.end()) {
    payer = charge_at_risk_by_payer.emplace(std::string(payer_id), decimal()).first;
  }
  payer->second += charge;
}

// --- validation_run
// ---------------------------------------------------------------------------------

unsigned default_threads() noexcept {
  return std::clamp(std::thread::hardware_concurrency(), 1U, max_threads);
}

namespace detail {

/// A run's state and the pool judging its lines.
struct run_engine : run_state {
  run_engine(const validator& judge, const run_options& options)
      : run_state(judge, options.ledger, options.memory_budget), threads(options.threads) {}

  /// The pool, started with the first claim: with one thread, the calling thread judges its
  /// batches.
  judging_pool& judges();

  unsigned threads;
  /// The index the next claim added gets in `claims`: claims are added to `claims` when their
  /// batch is folded, after add_claim() returns.
  std::uint32_t next_claim = 0;
  std::optional<judging_pool> pool;
};

}  // namespace detail

namespace {

using detail::run_engine;

/// Parks a line's findings by kind, the order they are handed out in (judging adds them in the
/// order of its checks).
void park_line(detail::run_state& run, std::span<const finding> findings, std::uint64_t at) {
  const auto by_kind = [](const finding& a, const finding& b) { return a.kind < b.kind; };
  if (std::is_sorted(findings.begin(), findings.end(), by_kind)) {
    for (const auto& f : findings) run.park(f, at);
    return;
  }
  std::vector<const finding*> order;
  for (const auto& f : findings) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(),
                   [&](const finding* a, const finding* b) { return by_kind(*a, *b); });
  for (const auto* f : order) run.park(*f, at);
}

/// Parks one judged line's findings and holds its usage; a line that one of its findings denies
/// puts its charge at risk.
void record_line(detail::run_state& run, const claim_line& line,
                 const detail::run_claims::added& claim, std::uint64_t at,
                 std::span<const finding> findings, const detail::line_uses& uses) {
  bool at_risk = false;
  std::array<bool, finding_kind_count> kind_at_risk{};
  for (const auto& f : findings) {
    if (f.level == severity::deny && f.charge) {
      if (!at_risk) {
        at_risk = true;
        run.summary.add_at_risk(f.payer_id, *f.charge);
      }
      if (!std::exchange(kind_at_risk[static_cast<std::size_t>(f.kind)], true)) {
        run.summary.add_kind_at_risk(f.kind, *f.charge);
      }
    }
  }
  park_line(run, findings, at);
  const auto use = [&](detail::row_use used, std::uint32_t code) {
    run.usage.emplace(used.number, [&](detail::run_usage& u) {
      u.row = used.row;
      u.first_day = line.service_date;
      u.last_day = line.service_date_end;
      u.line = line.line;
      u.claim = claim.at;
      u.payer = claim.payer;
      u.set_claim_id(claim.words);  // the claim's, which its first line gave
      u.code = code;
      u.at_risk = at_risk;
      u.paired = uses.row && uses.referral;
      u.sequence = at;
      u.source_position = line.source_position;
      u.units = line.units;
      u.charge = line.charge;
    });
  };
  if (uses.row) use(*uses.row, detail::run_usage::no_code);
  if (uses.referral) use(*uses.referral, run.claims.note_code(line.code));
}

/// Parks an unreadable claim's finding.
void record_rejected(detail::run_state& run, const finding& unreadable, std::uint64_t at) {
  run.park(unreadable, at);
}

/// Folds a judged batch into the run, in input order: its claims, findings and usage (on a
/// worker of the pool, or by the thread adding claims when it judges; the thread adding claims
/// touches none of them meanwhile).
void fold(detail::run_state& run, detail::judging_batch& batch) {
  const auto starts_claim = [&batch](std::size_t i) {
    return i == 0 || batch.entries[i - 1].claim != batch.entries[i].claim;
  };
  auto rejected = batch.rejected.begin();
  detail::run_claims::added claim;
  for (std::size_t i = 0; i < batch.lines.size(); ++i) {
    const auto& entry = batch.entries[i];
    for (; rejected != batch.rejected.end() && rejected->first < entry.sequence; ++rejected) {
      record_rejected(run, rejected->second, rejected->first);
    }
    if (starts_claim(i)) {
      // A claim's lines follow it: it sorts just before its first line.
      claim = run.claims.add(batch.lines[i], entry.sequence - 1);
      assert(run.claims.size() == entry.claim + std::uint64_t{1});
    }
    record_line(run, batch.lines[i], claim, entry.sequence, batch.findings_of(i),
                batch.verdicts[i].uses);
  }
  for (; rejected != batch.rejected.end(); ++rejected) {
    record_rejected(run, rejected->second, rejected->first);
  }
}

/// Waits until every line added is judged and folded in.
void collect_all(run_engine& run) {
  if (run.pool) run.pool->drain();
}

}  // namespace

detail::judging_pool& detail::run_engine::judges() {
  if (!pool) {
    pool.emplace(*checker, threads, [this](judging_batch& b) { fold(*this, b); });
  }
  return *pool;
}

namespace {

/// What the run no longer holds once its findings are handed out.
void forget_handed_out(detail::run_state& run) {
  run.spool.clear();
  run.claim_changes.clear();
  run.units_findings.clear();
}

}  // namespace

validation_run::validation_run(const validator& checker, finding_handler out, run_options options)
    : state_(std::make_unique<run_engine>(checker, options)) {
  state_->handler = std::move(out);
}

validation_run::validation_run(const validator& checker, text_output out, run_options options)
    : state_(std::make_unique<run_engine>(checker, options)) {
  auto& run = *state_;
  // Findings wait as what each changed from those before (a quarter of their text's bytes,
  // where a run's temporary file is mostly fresh pages to write) and are written out as text
  // when handed out (hand_out_to_output).
  run.format_handed_out = std::move(out.format);
  run.write = std::move(out.write);
  // Written out as text on the run's threads, a share of the spool's stretches each.
  if (run.threads > 1) run.spool.cut_in_stretches();
}

validation_run::validation_run(validation_run&&) noexcept = default;
validation_run& validation_run::operator=(validation_run&&) noexcept = default;
validation_run::~validation_run() = default;

void validation_run::add_claim(std::span<const claim_line> lines) {
  auto& run = *state_;
  ++run.summary.claims_read;
  if (lines.empty()) return;

  const auto first = ++run.sequence;  // the claim's own position, then its lines'
  run.summary.lines_read += lines.size();
  run.sequence += lines.size();
  run.judges().add_claim(lines, run.next_claim++, first);
}

void validation_run::on_diagnostic(const x12::diagnostic& found) {
  if (x12::is_fault(found.kind)) report_input_fault(x12::to_finding(found));
}

void validation_run::reject_claim(finding unreadable) {
  ++state_->summary.claims_read;
  ++state_->summary.claims_rejected;
  report_input_fault(std::move(unreadable));
}

void validation_run::report_input_fault(finding unreadable) {
  auto& run = *state_;
  run.judges().add_rejected(std::move(unreadable), run.sequence++);
}

namespace {

/// Hands everything parked or settled so far to the run's output, in order.
void hand_out_to_output(run_engine& run) {
  run.spool.end_writing();
  run.claim_changes.end_writing();
  if (run.format_handed_out) {
    detail::write_as_text(run, run.threads);
  } else {
    detail::findings_walk walk(run, detail::findings_walk::caller::may_move);
    while (walk.next()) run.handler(walk.get());
  }
  forget_handed_out(run);
}

/// Waits for every line, settles usage and records it in the ledger when there is one: what
/// earlier runs recorded is read first, the run's usage written after, in one transaction.
void settle_run(run_engine& run) {
  collect_all(run);
  // A full disk is reported here, before any finding is handed out; a spool that made no file
  // stays in memory.
  run.spool.end_writing();
  if (run.ledger) {
    detail::ledger_run recording(*run.ledger, detail::claim_ids_of(run));
    recording.commit(detail::settle(run, recording.prior(), run.threads));
  } else {
    detail::settle(run, detail::prior_usage{}, run.threads);
  }
  // claim_changes is not flushed: a few are read back from memory, and what is pending of many
  // is written when they are first read, before anything is handed out.
}

/// What finish() no longer needs once every finding is out.
void forget_usage(detail::run_state& run) {
  run.claims.clear();
  run.usage.clear();
  run.units_findings.clear();
}

}  // namespace

void validation_run::hand_out_settled() {
  collect_all(*state_);
  hand_out_to_output(*state_);
}

void validation_run::hand_out_judged() {
  auto& run = *state_;
  if (!run.pool) {
    hand_out_to_output(run);
    return;
  }
  run.pool->between_folds([&run] { hand_out_to_output(run); });
}

run_summary validation_run::finish() && {
  auto& run = *state_;
  settle_run(run);
  hand_out_to_output(run);
  forget_usage(run);
  return run.summary;
}

std::string validation_run::finish_part() && {
  auto& run = *state_;
  if (run.format_handed_out)
    throw std::logic_error("validation_run: a run that writes text has no parts");
  collect_all(run);
  auto part = detail::encode_part(run);
  forget_usage(run);
  return part;
}

void validation_run::add_part(std::string_view part, std::string_view name) {
  auto& run = *state_;
  // The lines of earlier claims fold in first: their findings come before the part's, which go
  // to the spool after them.
  collect_all(run);
  // The next claim's index follows the part's claims, also when a damaged part added some.
  struct claims_counted {
    run_engine& run;
    ~claims_counted() { run.next_claim = static_cast<std::uint32_t>(run.claims.size()); }
  } const counted{run};
  detail::append_part(run, part, name, [&run](const detail::part_finding& found) {
    run.spool.write_encoded(found.at, found.kind, found.encoded);
  });
}

}  // namespace v0
}  // namespace authmatch
