// Building the authorization index from about 1,000,000 CSV rows, on one thread and on two (the
// rows parsed on the second while the first adds them, then grouped on both): rows/s and
// bytes/s, and the memory the finished index holds per row (counted by the allocation counter,
// with the large arrays mapped apart).

#include "allocation_counter.hpp"
#include "bench_data.hpp"
#include "index/huge_page_allocator.hpp"

#include <authmatch/loaders.hpp>

#include <benchmark/benchmark.h>

#include <optional>

namespace {

/// Bytes held through operator new and in large arrays mapped apart.
std::int64_t held_bytes() noexcept {
  return authmatch::bench::live_bytes() + authmatch::detail::huge_page_bytes.load();
}

void build_index(benchmark::State& state) {
  const auto& input = authmatch::bench::million_rows();
  const auto threads = static_cast<unsigned>(state.range(0));
  std::size_t rows = 0;
  std::int64_t held = 0;
  for (auto _ : state) {
    const auto before = held_bytes();
    std::optional<authmatch::authorization_index> index =
        authmatch::parse_authorizations(input.auths_csv, "<memory>", threads);
    held = held_bytes() - before;
    rows = index->size();
    state.PauseTiming();
    index.reset();
    state.ResumeTiming();
  }
  if (rows != input.totals.authorizations) state.SkipWithError("rows were lost");
  state.SetBytesProcessed(authmatch::bench::total(state, input.auths_csv.size()));
  state.SetItemsProcessed(authmatch::bench::total(state, rows));
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["bytes/row"] = static_cast<double>(held) / static_cast<double>(rows);
}

BENCHMARK(build_index)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

}  // namespace
