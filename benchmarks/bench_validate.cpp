// Validating claim lines against about 1,000,000 indexed authorization rows: lines/s for a whole
// run (judging every line, then settling units in date order), with the generator's mix of lines
// that match, miss and mismatch their authorizations; and lines/s for judging alone.

#include "bench_data.hpp"
#include "engine/judging_pool.hpp"
#include "engine/line_judgement.hpp"

#include <authmatch/loaders.hpp>
#include <authmatch/validator.hpp>

#include <benchmark/benchmark.h>

#include <exception>
#include <memory>
#include <utility>
#include <vector>

namespace {

/// Lines with no `deny` finding, lines missing an authorization (none on file, no number, an
/// unknown or another patient's number), and lines that differ from the one they match.
struct line_mix {
  std::uint64_t clean = 0, missing = 0, mismatched = 0;
};

line_mix mix_of(std::span<const authmatch::finding> findings, std::uint64_t lines) {
  using authmatch::finding_kind;
  line_mix mix;
  const authmatch::finding* last = nullptr;
  for (const auto& f : findings) {
    if (f.level != authmatch::severity::deny) continue;
    if (last != nullptr && last->line == f.line && last->claim_id == f.claim_id) continue;
    last = &f;
    const bool missing =
        f.kind == finding_kind::auth_missing || f.kind == finding_kind::auth_number_missing ||
        f.kind == finding_kind::auth_number_unknown || f.kind == finding_kind::auth_number_mismatch;
    ++(missing ? mix.missing : mix.mismatched);
  }
  mix.clean = lines - mix.missing - mix.mismatched;
  return mix;
}

void validate_lines(benchmark::State& state) {
  const auto& input = authmatch::bench::million_rows();
  const auto index = authmatch::parse_authorizations(input.auths_csv);
  const auto file = authmatch::claim_line_file::parse(input.lines_csv);
  const authmatch::validator checker(index);
  std::vector<authmatch::finding> findings;
  std::uint64_t lines = 0;
  for (auto _ : state) {
    findings.clear();
    authmatch::validation_run run(
        checker, [&findings](authmatch::finding& f) { findings.push_back(std::move(f)); });
    for (const auto& claim : file.claims()) run.add_claim(claim.lines);
    lines = std::move(run).finish().lines_read;
  }
  if (lines != input.totals.lines) state.SkipWithError("lines were lost");
  const auto mix = mix_of(findings, lines);
  const auto share = [lines](std::uint64_t n) {
    return static_cast<double>(n) / static_cast<double>(lines);
  };
  state.SetItemsProcessed(authmatch::bench::total(state, lines));
  state.counters["rows"] = static_cast<double>(index.size());
  state.counters["lines"] = static_cast<double>(lines);
  state.counters["clean"] = share(mix.clean);
  state.counters["missing"] = share(mix.missing);
  state.counters["mismatched"] = share(mix.mismatched);
}

BENCHMARK(validate_lines)->Unit(benchmark::kMillisecond);

/// What judging a pass of the lines yields, reported the same way by every judging benchmark.
struct judging_tally {
  std::uint64_t lines = 0, findings = 0, uses = 0;

  void add(const authmatch::detail::line_uses& used, std::size_t line_findings) noexcept {
    ++lines;
    findings += line_findings;
    if (used.row) ++uses;
  }

  void add(const authmatch::detail::judging_batch& batch) noexcept {
    lines += batch.verdicts.size();
    findings += batch.findings.size();
    for (const auto& verdict : batch.verdicts) {
      if (verdict.uses.row) ++uses;
    }
  }

  void report(benchmark::State& state, std::uint64_t lines_expected) const {
    if (lines != lines_expected) state.SkipWithError("lines were lost");
    state.SetItemsProcessed(authmatch::bench::total(state, lines));
    state.counters["lines"] = static_cast<double>(lines);
    state.counters["findings"] = static_cast<double>(findings);
    state.counters["uses"] = static_cast<double>(uses);
  }
};

/// detail::judge_line over the same lines, without a run around it: no settlement, and the
/// findings are dropped as they come (written over those of the line before).
void judge_lines(benchmark::State& state) {
  const auto& input = authmatch::bench::million_rows();
  const auto index = authmatch::parse_authorizations(input.auths_csv);
  const auto file = authmatch::claim_line_file::parse(input.lines_csv);
  const authmatch::validator checker(index);
  judging_tally tally;
  authmatch::detail::recycling_vector<authmatch::finding> found;
  for (auto _ : state) {
    tally = {};
    for (const auto& claim : file.claims()) {
      for (const auto& line : claim.lines) {
        found.clear();
        const auto uses = authmatch::detail::judge_line(checker, line, {}, found);
        benchmark::DoNotOptimize(found);
        tally.add(uses, found.size());
      }
    }
  }
  tally.report(state, input.totals.lines);
}

BENCHMARK(judge_lines)->Unit(benchmark::kMillisecond);

/// The same lines judged as a run judges them: in batches of judging_pool::batch_lines lines (of
/// whole claims, copied in before the timing starts), each line's authorization rows asked for a
/// few lines ahead of its turn. As in a run, one batch's room for verdicts serves batch after
/// batch (each batch's lines are lent to it). No run around them: no settlement, nothing folded.
void judge_batches(benchmark::State& state) {
  const auto& input = authmatch::bench::million_rows();
  const auto index = authmatch::parse_authorizations(input.auths_csv);
  const auto file = authmatch::claim_line_file::parse(input.lines_csv);
  const authmatch::validator checker(index);
  using authmatch::detail::judging_batch;
  std::vector<std::unique_ptr<judging_batch>> batches;
  std::uint32_t claim = 0;
  std::uint64_t sequence = 0;
  for (const auto& c : file.claims()) {
    if (batches.empty() ||
        batches.back()->lines.size() >= authmatch::detail::judging_pool::batch_lines) {
      batches.push_back(std::make_unique<judging_batch>());
    }
    batches.back()->add_claim(c.lines, claim++, sequence);
    sequence += c.lines.size();
  }
  judging_batch judged;
  const auto judge = [&](judging_batch& batch) {
    std::swap(judged.lines, batch.lines);
    std::swap(judged.entries, batch.entries);
    judged.judge(checker);
    std::swap(judged.lines, batch.lines);
    std::swap(judged.entries, batch.entries);
    if (judged.error) std::rethrow_exception(judged.error);
  };
  judging_tally tally;
  for (auto _ : state) {
    tally = {};
    for (auto& batch : batches) {
      judge(*batch);
      tally.add(judged);
    }
  }
  tally.report(state, input.totals.lines);
}

BENCHMARK(judge_batches)->Unit(benchmark::kMillisecond);

}  // namespace
