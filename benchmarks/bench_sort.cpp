// Sorting the hashes of a run's claim IDs, as replacement chains do to find the IDs two claims
// share: std::sort against pdqsort's branchless partitioning, on the hashes of 412,246 claim IDs
// (the realistic 200 MB batch's claims) and of 2,061,000 (the 1 GB batch's).

#include "text/text_hash.hpp"

#include <benchmark/benchmark.h>
#include <boost/sort/pdqsort/pdqsort.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace {

std::vector<std::uint64_t> claim_id_hashes(std::size_t count) {
  std::vector<std::uint64_t> hashes(count);
  for (std::size_t i = 0; i < count; ++i) {
    hashes[i] = authmatch::detail::text_hash("CLM" + std::to_string(1000000 + i));
  }
  return hashes;
}

template <typename Sort>
void sort_hashes(benchmark::State& state, Sort sort) {
  const auto hashes = claim_id_hashes(static_cast<std::size_t>(state.range(0)));
  std::vector<std::uint64_t> sorted;
  for (auto _ : state) {
    state.PauseTiming();
    sorted = hashes;
    state.ResumeTiming();
    sort(sorted);
    benchmark::DoNotOptimize(sorted.data());
  }
  if (!std::is_sorted(sorted.begin(), sorted.end())) state.SkipWithError("not sorted");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

void sort_claim_id_hashes_std(benchmark::State& state) {
  sort_hashes(state, [](std::vector<std::uint64_t>& v) { std::sort(v.begin(), v.end()); });
}

void sort_claim_id_hashes_pdqsort(benchmark::State& state) {
  sort_hashes(state, [](std::vector<std::uint64_t>& v) {
    boost::sort::pdqsort_branchless(v.begin(), v.end());
  });
}

BENCHMARK(sort_claim_id_hashes_std)->Arg(412246)->Arg(2061000)->Unit(benchmark::kMillisecond);
BENCHMARK(sort_claim_id_hashes_pdqsort)->Arg(412246)->Arg(2061000)->Unit(benchmark::kMillisecond);

}  // namespace
