// Tokenizing and reading generated 837P and 837I files held in memory: bytes/s, and segments/s
// (tokenizer) or claims/s (reader); then reading and validating the claims in the same pass.

#include "allocation_counter.hpp"
#include "bench_data.hpp"

#include "x12/tokenizer.hpp"

#include <authmatch/loaders.hpp>
#include <authmatch/validator.hpp>
#include <authmatch/x12/reader.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

namespace {

using authmatch::bench::x12_837;
using authmatch::synth::claim_kind;

void tokenize(benchmark::State& state, claim_kind kind) {
  const auto& input = x12_837(kind).x12;
  std::uint64_t segments = 0;
  for (auto _ : state) {
    authmatch::x12::detail::tokenizer tokens(std::size_t{1} << 20);
    tokens.set_window(input.data(), input.size(), 0, true);
    authmatch::x12::detail::token token;
    while (tokens.next(token) == authmatch::x12::detail::tokenizer::status::segment) {
      benchmark::DoNotOptimize(token.seg.id_tag);
    }
    segments = tokens.segment_count();
  }
  state.SetBytesProcessed(authmatch::bench::total(state, input.size()));
  state.SetItemsProcessed(authmatch::bench::total(state, segments));
  state.counters["segments"] = static_cast<double>(segments);
}

/// Counts claims and lines and drops them.
class counting_sink final : public authmatch::claim_sink {
 public:
  void on_claim(std::span<const authmatch::claim_line> lines) override {
    benchmark::DoNotOptimize(lines.data());
  }
  void on_rejected(authmatch::finding) override {}
};

void read(benchmark::State& state, claim_kind kind) {
  const auto& input = x12_837(kind);
  authmatch::x12::read_stats stats;
  std::uint64_t allocations = 0;
  for (auto _ : state) {
    counting_sink sink;
    const auto before = authmatch::bench::allocations();
    stats = authmatch::x12::read_837_buffer(input.x12, "bench.x12", sink);
    allocations = authmatch::bench::allocations() - before;
  }
  if (stats.claims_read != input.totals.claims || stats.claims_rejected != 0) {
    state.SkipWithError("the reader did not give back every generated claim");
  }
  state.SetBytesProcessed(authmatch::bench::total(state, input.x12.size()));
  state.SetItemsProcessed(authmatch::bench::total(state, stats.claims_read));
  state.counters["claims"] = static_cast<double>(stats.claims_read);
  state.counters["allocs/claim"] =
      static_cast<double>(allocations) / static_cast<double>(stats.claims_read);
}

/// The generated 837 of `kind` written to a temporary file once, for the readers of files.
const std::string& x12_file(claim_kind kind) {
  static std::map<claim_kind, std::string> paths;
  auto& path = paths[kind];
  if (path.empty()) {
    path = fmt::format("{}/authmatch-bench-{}.x12", std::filesystem::temp_directory_path().string(),
                       kind == claim_kind::professional ? "837p" : "837i");
    std::ofstream(path, std::ios::binary) << x12_837(kind).x12;
    std::atexit([] {
      for (const auto& [_, written] : paths) std::filesystem::remove(written);
    });
  }
  return path;
}

/// read_837_file with `options`, the file in the page cache (the first iteration reads it there).
void read_file_with(benchmark::State& state, claim_kind kind,
                    const authmatch::x12::read_options& options) {
  const auto& input = x12_837(kind);
  const auto& path = x12_file(kind);
  authmatch::x12::read_stats stats;
  for (auto _ : state) {
    counting_sink sink;
    stats = authmatch::x12::read_837_file(path, sink, options);
  }
  if (stats.claims_read != input.totals.claims || stats.claims_rejected != 0) {
    state.SkipWithError("the reader did not give back every generated claim");
  }
  state.SetBytesProcessed(authmatch::bench::total(state, input.x12.size()));
  state.SetItemsProcessed(authmatch::bench::total(state, stats.claims_read));
  state.counters["threads"] = static_cast<double>(options.threads);
}

/// read_837_file on 1 thread, or in fragments on state.range(0) threads.
void read_file(benchmark::State& state, claim_kind kind) {
  authmatch::x12::read_options options;
  options.threads = static_cast<unsigned>(state.range(0));
  read_file_with(state, kind, options);
}

/// read_837_file on 1 thread, read ahead by another (read_options::read_ahead): the CPU time is
/// the calling thread's, which reads claims from the chunks the other has read.
void read_file_ahead(benchmark::State& state, claim_kind kind) {
  authmatch::x12::read_options options;
  options.read_ahead = true;
  read_file_with(state, kind, options);
}

/// What `authmatch validate` does with an 837, minus file I/O and writing the findings.
void read_and_validate(benchmark::State& state, claim_kind kind) {
  const auto& input = x12_837(kind);
  const auto index = authmatch::parse_authorizations(input.auths_csv);
  const authmatch::validator checker(index);
  std::uint64_t claims = 0, findings = 0, allocations = 0;
  for (auto _ : state) {
    const auto before = authmatch::bench::allocations();
    std::uint64_t handed_out = 0;
    authmatch::validation_run run(checker, [&handed_out](authmatch::finding&) { ++handed_out; });
    const auto stats = authmatch::x12::read_837_buffer(input.x12, "bench.x12", run);
    std::move(run).finish();
    findings = handed_out;
    claims = stats.claims_read;
    allocations = authmatch::bench::allocations() - before;
  }
  if (claims != input.totals.claims) state.SkipWithError("claims were lost");
  state.SetBytesProcessed(authmatch::bench::total(state, input.x12.size()));
  state.SetItemsProcessed(authmatch::bench::total(state, claims));
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["allocs/claim"] = static_cast<double>(allocations) / static_cast<double>(claims);
}

BENCHMARK_CAPTURE(tokenize, 837P, claim_kind::professional)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(tokenize, 837I, claim_kind::institutional)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read, 837P, claim_kind::professional)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read, 837I, claim_kind::institutional)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_file, 837P, claim_kind::professional)
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_file, 837I, claim_kind::institutional)
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_file_ahead, 837P, claim_kind::professional)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_file_ahead, 837I, claim_kind::institutional)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_and_validate, 837P, claim_kind::professional)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_and_validate, 837I, claim_kind::institutional)
    ->Unit(benchmark::kMillisecond);

}  // namespace
