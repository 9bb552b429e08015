#ifndef AUTHMATCH_TESTS_X12_RECORDER_HPP
#define AUTHMATCH_TESTS_X12_RECORDER_HPP

// A claim_sink that keeps owned copies of everything the 837 reader reports, in order, and a
// read() helper for 837 text held in a string; the same for the 835 reader.

#include <authmatch/authmatch.hpp>
#include <authmatch/claim_sink.hpp>
#include <authmatch/remittance.hpp>
#include <authmatch/x12/reader.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch::test {

/// What one claim ended as: its lines, or the claim_unreadable finding.
struct recorded_claim {
  std::vector<claim_record> lines;
  std::optional<finding> rejected;

  bool readable() const noexcept { return !rejected.has_value(); }
  const std::string& id() const { return rejected ? rejected->claim_id : lines.front().claim_id; }
};

class recorder final : public claim_sink {
 public:
  std::vector<recorded_claim> claims;
  std::vector<x12::diagnostic> diagnostics;

  void on_claim(std::span<const claim_line> lines) override {
    recorded_claim& c = claims.emplace_back();
    for (const claim_line& l : lines) c.lines.emplace_back(l);
  }
  void on_rejected(finding unreadable) override {
    claims.emplace_back().rejected = std::move(unreadable);
  }
  void on_diagnostic(const x12::diagnostic& found) override { diagnostics.push_back(found); }

  std::size_t lines() const {
    std::size_t n = 0;
    for (const auto& c : claims) n += c.lines.size();
    return n;
  }
  std::size_t rejected() const {
    std::size_t n = 0;
    for (const auto& c : claims)
      if (c.rejected) ++n;
    return n;
  }
  /// The diagnostics of one kind.
  std::vector<x12::diagnostic> of_kind(x12::diagnostic_kind kind) const {
    std::vector<x12::diagnostic> out;
    for (const auto& d : diagnostics) {
      if (d.kind == kind) out.push_back(d);
    }
    return out;
  }
};

/// A recorder filled by reading `text`, and the reader's counts.
struct read_result {
  recorder sink;
  x12::read_stats stats;
};

/// Reads `text` (named test.x12) from memory (chunk_size 0) or through a stream in chunks of
/// that many bytes, with `options` otherwise.
read_result read_text(std::string_view text, std::size_t chunk_size = 0,
                      x12::read_options options = {});

/// Keeps everything the 835 reader reports, in order.
class remit_recorder final : public remittance_sink {
 public:
  std::vector<remittance_claim> claims;
  std::vector<remittance_rejection> rejected;
  std::vector<remittance_stray_line> stray;
  std::vector<x12::diagnostic> diagnostics;
  std::string trace;  ///< claim IDs, readable or not, in order

  void on_claim(const remittance_claim& claim) override {
    claims.push_back(claim);
    trace += claim.claim_id + ";";
  }
  void on_rejected(const remittance_rejection& r) override {
    rejected.push_back(r);
    trace += "rejected " + r.claim_id + ";";
  }
  void on_stray_line(const remittance_stray_line& line) override {
    stray.push_back(line);
    trace += "stray line;";
  }
  void on_diagnostic(const x12::diagnostic& found) override { diagnostics.push_back(found); }

  std::size_t lines() const {
    std::size_t n = stray.size();
    for (const auto& c : claims) n += c.lines.size();
    for (const auto& r : rejected) n += r.lines;
    return n;
  }
};

struct remit_result {
  remit_recorder sink;
  x12::remittance_stats stats;
};

/// Reads an 835 (named remit.835) from memory (chunk_size 0) or through a stream in chunks.
remit_result read_remit(std::string_view text, std::size_t chunk_size = 0);

}  // namespace authmatch::test

#endif
