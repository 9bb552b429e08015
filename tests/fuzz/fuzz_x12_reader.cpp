// libFuzzer entry point for the 837 reader. Each input is read twice, from memory and through
// a stream in small chunks (the chunk size taken from the input), and both reads must agree;
// every CLM must end in exactly one claim or rejection, and a validation run must account for
// each of them. Any disagreement aborts, so the fuzzer reports it as a crash.

#include <authmatch/authmatch.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

namespace {

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_x12_reader: invariant broken: %s\n", what);
  std::abort();
}

/// Counts what the reader reports and checks each line's values.
class counting_sink final : public authmatch::claim_sink {
 public:
  std::uint64_t claims = 0, rejected = 0, lines = 0, diagnostics = 0;
  std::string trace;  ///< claim IDs and line numbers in order, to compare two reads

  void on_claim(std::span<const authmatch::claim_line> found) override {
    require(!found.empty(), "a readable claim has lines");
    ++claims;
    lines += found.size();
    for (const auto& line : found) {
      require(line.claim_id == found.front().claim_id, "the lines of a claim share its ID");
      require(!line.code.empty(), "a line has a code");
      require(line.service_date <= line.service_date_end, "a date range is ordered");
      trace.append(line.claim_id).append("/").append(std::to_string(line.line)).append(" ");
      trace.append(line.code).append(" ").append(line.units.to_string()).append(";");
    }
  }
  void on_rejected(authmatch::finding unreadable) override {
    require(unreadable.kind == authmatch::finding_kind::claim_unreadable,
            "rejections are unreadable");
    require(!unreadable.message.empty(), "a rejection says why");
    ++rejected;
    trace.append("rejected ").append(unreadable.claim_id).append(";");
  }
  void on_diagnostic(const authmatch::x12::diagnostic& found) override {
    require(!found.message.empty(), "a diagnostic says what");
    ++diagnostics;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  namespace x12 = authmatch::x12;

  counting_sink whole;
  x12::read_stats stats;
  try {
    stats = x12::read_837_buffer(text, "fuzz.x12", whole);
  } catch (const authmatch::input_error&) {
    return 0;  // not X12: refused as a whole
  }
  require(stats.claims_read == whole.claims + whole.rejected, "every CLM ends in one call");
  require(stats.claims_rejected == whole.rejected, "rejections are counted");
  require(stats.lines_read == whole.lines, "lines are counted");
  require(stats.diagnostics == whole.diagnostics, "diagnostics are counted");

  // The same bytes in chunks of 1 to 64 bytes give the same claims and counts.
  x12::read_options options;
  options.chunk_size = size == 0 ? 1 : 1 + data[size - 1] % 64;
  counting_sink chunked;
  std::istringstream in{std::string(text)};
  const x12::read_stats streamed = x12::read_837(in, "fuzz.x12", chunked, options);
  require(streamed.claims_read == stats.claims_read, "chunked: same claims");
  require(streamed.claims_rejected == stats.claims_rejected, "chunked: same rejections");
  require(streamed.segments == stats.segments, "chunked: same segments");
  require(chunked.diagnostics == whole.diagnostics, "chunked: same diagnostics");
  require(chunked.trace == whole.trace, "chunked: same claims in the same order");

  // A validation run accounts for every claim.
  const authmatch::authorization_index index;
  const authmatch::validator checker(index);
  std::vector<authmatch::finding> findings;
  authmatch::validation_run run(checker,
                                [&findings](authmatch::finding& f) { findings.push_back(f); });
  const x12::read_stats validated = x12::read_837_buffer(text, "fuzz.x12", run);
  const authmatch::run_summary summary = std::move(run).finish();
  require(summary.claims_read == validated.claims_read, "the run sees every claim");
  require(summary.claims_rejected == validated.claims_rejected, "the run sees every rejection");
  require(findings.size() >= summary.claims_rejected, "each rejection is a finding");
  return 0;
}
