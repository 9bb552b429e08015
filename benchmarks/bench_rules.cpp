// Judging lines with a practice's rules file, and with a preset of dated and conditional rules
// appended: what rule lookup costs per line (bench_validate.cpp judges without rules).

#include "bench_data.hpp"
#include "engine/line_judgement.hpp"

#include <authmatch/loaders.hpp>
#include <authmatch/rule_presets.hpp>
#include <authmatch/validator.hpp>

#include <benchmark/benchmark.h>

namespace {

/// A practice's rules of the usual shape: a default, prefixes, ranges and an exact payer.
constexpr std::string_view practice_rules =
    "payer_id,code,requires_auth\n"
    "*,*,no\n"
    "*,97*,yes\n"
    "*,70000-79999,yes\n"
    "*,J*,yes\n"
    "*,96360-96549,yes\n"
    "61101,97750,no\n";

/// Judges every line with the practice's rules; with range(0) == 1, with the medicare-opd preset
/// appended for the payer of the first line (49 scoped rules: dates, places, claim type and,
/// for two codes, other codes of the claim).
void judge_lines_with_rules(benchmark::State& state) {
  const auto& input = authmatch::bench::million_rows();
  const auto index = authmatch::parse_authorizations(input.auths_csv);
  const auto file = authmatch::claim_line_file::parse(input.lines_csv);
  auto rules = authmatch::parse_auth_rules(practice_rules);
  if (state.range(0) == 1) {
    const auto payer = file.claims().front().lines.front().payer_id;
    rules.append(authmatch::rule_preset_rules(authmatch::find_rule_preset("medicare-opd"), payer));
  }
  const authmatch::validator checker(index, &rules);
  std::uint64_t lines = 0, findings = 0;
  authmatch::detail::recycling_vector<authmatch::finding> found;
  for (auto _ : state) {
    lines = findings = 0;
    for (const auto& claim : file.claims()) {
      for (const auto& line : claim.lines) {
        found.clear();
        authmatch::detail::judge_line(checker, line, claim.lines, found);
        benchmark::DoNotOptimize(found);
        ++lines;
        findings += found.size();
      }
    }
  }
  if (lines != input.totals.lines) state.SkipWithError("lines were lost");
  state.SetItemsProcessed(authmatch::bench::total(state, lines));
  state.counters["rules"] = static_cast<double>(rules.size());
  state.counters["findings"] = static_cast<double>(findings);
}

BENCHMARK(judge_lines_with_rules)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
