#ifndef AUTHMATCH_BENCHMARKS_BENCH_DATA_HPP
#define AUTHMATCH_BENCHMARKS_BENCH_DATA_HPP

// Inputs for the benchmarks, generated once per process with fixed seeds by the synthetic 837
// generator (src/synth), so every run measures the same bytes.

#include "generator.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

namespace authmatch::bench {

/// A generated 837 (about 64 MB) and the authorizations CSV its claims refer to (the generator's
/// default population: about 73,000 rows).
struct x12_input {
  std::string x12;
  std::string auths_csv;
  synth::totals totals;
};
const x12_input& x12_837(synth::claim_kind kind);

/// About 1,000,000 authorization rows, and 200,000 claims against them as a claim-lines CSV:
/// the generator's mix of lines that match, miss (no or an unknown number, another code) and
/// mismatch (window, units, provider, site, diagnosis).
struct large_input {
  std::string auths_csv;
  std::string lines_csv;
  synth::totals totals;
};
const large_input& million_rows();

/// `per_iteration` times the iterations run, for SetBytesProcessed / SetItemsProcessed.
inline std::int64_t total(const benchmark::State& state, std::uint64_t per_iteration) {
  return state.iterations() * static_cast<std::int64_t>(per_iteration);
}

}  // namespace authmatch::bench

#endif
