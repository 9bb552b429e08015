#ifndef AUTHMATCH_TESTS_X12_RECORDER_HPP
#define AUTHMATCH_TESTS_X12_RECORDER_HPP

// A claim_sink that keeps owned copies of everything the 837 reader reports, in order, and a
// read() helper for 837 text held in a string.

#include <authmatch/authmatch.hpp>
#include <authmatch/x12/reader.hpp>
#include <authmatch/claim_sink.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch::test {

/// A claim_line that owns its text.
struct owned_line {
  std::string claim_id;
  std::uint32_t line = 0;
  std::string member_id, payer_id;
  std::optional<date> patient_dob;
  std::string auth_number, code;
  std::vector<std::string> modifiers;
  decimal units;
  date service_date, service_date_end;
  std::string rendering_npi, billing_npi, facility_npi, place_of_service;
  std::vector<std::string> diagnosis_codes;
  decimal charge;
  claim_frequency frequency = claim_frequency::original;
  std::string original_claim_id;

  explicit owned_line(const claim_line& l)
      : claim_id(l.claim_id), line(l.line), member_id(l.member_id), payer_id(l.payer_id),
        patient_dob(l.patient_dob), auth_number(l.auth_number), code(l.code),
        modifiers(l.modifiers.begin(), l.modifiers.end()), units(l.units),
        service_date(l.service_date), service_date_end(l.service_date_end),
        rendering_npi(l.rendering_npi), billing_npi(l.billing_npi),
        facility_npi(l.facility_npi), place_of_service(l.place_of_service),
        diagnosis_codes(l.diagnosis_codes.begin(), l.diagnosis_codes.end()), charge(l.charge),
        frequency(l.frequency), original_claim_id(l.original_claim_id) {}
};

/// What one claim ended as: its lines, or the claim_unreadable finding.
struct recorded_claim {
  std::vector<owned_line> lines;
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
    for (const auto& c : claims) if (c.rejected) ++n;
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

}  // namespace authmatch::test

#endif
