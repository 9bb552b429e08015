// Writing findings out: bytes of JSON Lines and CSV text per second, what `authmatch validate`
// spends on each finding it writes; and parking them in a run's temporary file and reading them
// back. The findings are those of the dense generated batch that
// `validate_lines` judges (bench_validate.cpp), found once and held in memory.

#include "bench_data.hpp"
#include "output/finding_text.hpp"
#include "run/byte_codec.hpp"
#include "run/finding_delta.hpp"

#include <authmatch/loaders.hpp>
#include <authmatch/validator.hpp>

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace {

const std::vector<authmatch::finding>& dense_findings() {
  static const auto findings = [] {
    const auto& input = authmatch::bench::million_rows();
    const auto index = authmatch::parse_authorizations(input.auths_csv);
    const auto file = authmatch::claim_line_file::parse(input.lines_csv);
    const authmatch::validator checker(index);
    std::vector<authmatch::finding> found;
    authmatch::validation_run run(
        checker, [&found](authmatch::finding& f) { found.push_back(std::move(f)); });
    for (const auto& claim : file.claims()) run.add_claim(claim.lines);
    std::move(run).finish();
    return found;
  }();
  return findings;
}

/// Writes every finding with `append` and `line_end` into a buffer that is emptied whenever it
/// passes 1 MiB, as a run hands its text to the output in pieces.
template <typename Append>
void write_findings(benchmark::State& state, Append append, std::string_view line_end) {
  const auto& findings = dense_findings();
  constexpr std::size_t flush_at = std::size_t{1} << 20;
  std::string text;
  std::uint64_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    text.clear();
    for (const auto& f : findings) {
      append(text, f);
      text += line_end;
      if (text.size() >= flush_at) {
        benchmark::DoNotOptimize(text.data());
        bytes += text.size();
        text.clear();
      }
    }
    bytes += text.size();
  }
  if (findings.empty()) state.SkipWithError("no findings");
  state.SetBytesProcessed(authmatch::bench::total(state, bytes));
  state.SetItemsProcessed(authmatch::bench::total(state, findings.size()));
  state.counters["findings"] = static_cast<double>(findings.size());
  state.counters["bytes/finding"] =
      static_cast<double>(bytes) / static_cast<double>(findings.size());
}

void write_json_lines(benchmark::State& state) {
  // A lambda: append_json has an overload that writes the source too.
  write_findings(
      state,
      [](std::string& out, const authmatch::finding& f) { authmatch::detail::append_json(out, f); },
      "\n");
}
BENCHMARK(write_json_lines)->Unit(benchmark::kMillisecond);

void write_csv_rows(benchmark::State& state) {
  write_findings(
      state,
      [](std::string& out, const authmatch::finding& f) {
        authmatch::detail::append_csv_row(out, f);
      },
      "\r\n");
}
BENCHMARK(write_csv_rows)->Unit(benchmark::kMillisecond);

/// Parking the findings in a run's temporary file, with one thread: each written as what it
/// changed from the findings before it. "full bytes/finding" is what each takes written whole.
void park_findings(benchmark::State& state) {
  const auto& findings = dense_findings();
  std::string parked, whole;
  for (const auto& f : findings) authmatch::detail::byte_writer(whole).put_finding(f);
  for (auto _ : state) {
    parked.clear();
    authmatch::detail::finding_delta_writer out;
    for (const auto& f : findings) out.put(f, parked);
    benchmark::DoNotOptimize(parked.data());
  }
  if (findings.empty()) state.SkipWithError("no findings");
  state.SetItemsProcessed(authmatch::bench::total(state, findings.size()));
  const auto count = static_cast<double>(findings.size());
  state.counters["bytes/finding"] = static_cast<double>(parked.size()) / count;
  state.counters["full bytes/finding"] = static_cast<double>(whole.size()) / count;
}
BENCHMARK(park_findings)->Unit(benchmark::kMillisecond);

/// Reading them back, each against those read before.
void unpark_findings(benchmark::State& state) {
  const auto& findings = dense_findings();
  std::vector<std::string> parked(findings.size());
  authmatch::detail::finding_delta_writer out;
  for (std::size_t i = 0; i < findings.size(); ++i) out.put(findings[i], parked[i]);
  for (auto _ : state) {
    authmatch::detail::finding_delta_reader in;
    for (std::size_t i = 0; i < findings.size(); ++i) {
      benchmark::DoNotOptimize(in.get(parked[i], findings[i].kind, "findings").line);
    }
  }
  if (findings.empty()) state.SkipWithError("no findings");
  state.SetItemsProcessed(authmatch::bench::total(state, findings.size()));
}
BENCHMARK(unpark_findings)->Unit(benchmark::kMillisecond);

}  // namespace
