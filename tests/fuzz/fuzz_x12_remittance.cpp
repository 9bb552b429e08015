// libFuzzer entry point for the 835 reader. Each input is read twice, from memory and through a
// stream in small chunks (the chunk size taken from the input), and both reads must agree; every
// CLP must end in exactly one claim or rejection and every SVC be counted in one of them. Any
// disagreement aborts, so the fuzzer reports it as a crash.

#include <authmatch/remittance.hpp>

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
  std::fprintf(stderr, "fuzz_x12_remittance: invariant broken: %s\n", what);
  std::abort();
}

class counting_sink final : public authmatch::remittance_sink {
 public:
  std::uint64_t claims = 0, rejected = 0, lines = 0, diagnostics = 0;
  std::string trace;  ///< claim IDs, lines and adjustments in order, to compare two reads

  void on_claim(const authmatch::remittance_claim& claim) override {
    ++claims;
    lines += claim.lines.size();
    trace.append(claim.claim_id).append(":");
    const auto numbers = claim.line_numbers();
    require(numbers.size() == claim.lines.size(), "a line number per line");
    for (std::size_t i = 0; i < claim.lines.size(); ++i) {
      const auto& line = claim.lines[i];
      require(!line.code.empty(), "a line has a code");
      require(line.service_date.has_value() == line.service_date_end.has_value(),
              "a line's dates come in pairs");
      trace.append(std::to_string(numbers[i])).append(" ").append(line.code);
      for (const auto& a : line.adjustments) {
        require(!a.group.empty() && !a.carc.empty(), "an adjustment has a group and a reason");
        trace.append(" ").append(a.group).append("-").append(a.carc);
      }
      trace.append(",");
    }
    trace.append(";");
  }
  void on_rejected(const authmatch::remittance_rejection& r) override {
    require(!r.message.empty(), "a rejection says why");
    ++rejected;
    lines += r.lines;
    trace.append("rejected ").append(r.claim_id).append(";");
  }
  void on_stray_line(const authmatch::remittance_stray_line& line) override {
    require(line.where.line > 0, "a stray line has its segment number");
    ++lines;
    trace.append("stray line;");
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
  x12::remittance_stats stats;
  try {
    stats = x12::read_835_buffer(text, "fuzz.835", whole);
  } catch (const authmatch::input_error&) {
    return 0;  // not X12: refused as a whole
  }
  require(stats.claims_read == whole.claims + whole.rejected, "every CLP ends in one call");
  require(stats.claims_rejected == whole.rejected, "rejections are counted");
  require(stats.lines_read == whole.lines, "every SVC is counted");
  require(stats.diagnostics == whole.diagnostics, "diagnostics are counted");

  x12::read_options options;
  options.chunk_size = size == 0 ? 1 : 1 + data[size - 1] % 64;
  counting_sink chunked;
  std::istringstream in{std::string(text)};
  const x12::remittance_stats streamed = x12::read_835(in, "fuzz.835", chunked, options);
  require(streamed.claims_read == stats.claims_read, "chunked: same claims");
  require(streamed.lines_read == stats.lines_read, "chunked: same lines");
  require(streamed.segments == stats.segments, "chunked: same segments");
  require(chunked.diagnostics == whole.diagnostics, "chunked: same diagnostics");
  require(chunked.trace == whole.trace, "chunked: same claims in the same order");
  return 0;
}
