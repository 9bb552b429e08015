// Generated 837 files read back with exactly the values the generator wrote, and the generator
// is deterministic for a seed.

#include "support/builders.hpp"
#include "x12/recorder.hpp"

#include <generator.hpp>

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// A generated file and the lines the reader should give back.
struct generated {
  std::string text;
  std::vector<std::string> expected;  ///< one row per line, claim-lines CSV form
  synth::totals totals;
};

generated generate(synth::options opts) {
  generated out;
  synth::output x12(out.text);
  out.totals = synth::generate(opts, x12, nullptr, [&](const synth::expected_line& line) {
    std::string row;
    synth::append_claim_line_row(row, line);
    out.expected.push_back(std::move(row));
  });
  return out;
}

/// The claim-lines CSV row of a line the reader gave, for comparison with the generator's.
std::string row_of(const claim_record& l) {
  synth::expected_line e;
  e.claim_id = l.claim_id;
  e.line = l.line;
  e.member_id = l.member_id;
  e.payer_id = l.payer_id;
  e.patient_dob = l.patient_dob ? l.patient_dob->days_since_epoch() : -1;
  e.auth_number = l.auth_number;
  e.code = l.code;
  e.modifiers = l.modifiers.views();
  e.units = l.units.thousandths();
  e.service_date = l.service_date.days_since_epoch();
  e.service_date_end = l.view().service_date_end.days_since_epoch();
  e.rendering_npi = l.rendering_npi;
  e.billing_npi = l.billing_npi;
  e.facility_npi = l.facility_npi;
  e.place_of_service = l.place_of_service;
  e.diagnosis_codes = l.diagnosis_codes.views();
  e.charge = l.charge.thousandths();
  e.frequency = static_cast<char>(l.frequency);
  e.original_claim_id = l.original_claim_id;
  e.referral_number = l.referral_number;
  e.level_of_care = l.level_of_care ? to_string(*l.level_of_care) : std::string_view();
  e.claim_type = l.claim_type ? to_string(*l.claim_type) : std::string_view();
  std::string row;
  synth::append_claim_line_row(row, e);
  return row;
}

std::vector<std::string> rows_read(const recorder& sink) {
  std::vector<std::string> rows;
  for (const auto& c : sink.claims) {
    for (const auto& l : c.lines) rows.push_back(row_of(l));
  }
  return rows;
}

}  // namespace

TEST_CASE("Generated 837P and 837I files round-trip every line value", "[x12][generated]") {
  synth::options opts;
  opts.kind = GENERATE(synth::claim_kind::professional, synth::claim_kind::institutional);
  opts.seed = GENERATE(1u, 42u);
  opts.claims = 300;
  opts.claims_per_transaction = 70;
  const generated g = generate(opts);
  const auto r = read_text(g.text);
  CHECK(r.stats.claims_read == 300);
  CHECK(r.stats.claims_rejected == 0);
  CHECK(r.stats.transactions == 5);
  CHECK(r.sink.diagnostics.empty());
  CHECK(r.stats.lines_read == g.totals.lines);
  const auto rows = rows_read(r.sink);
  REQUIRE(rows.size() == g.expected.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(i);
    CHECK(rows[i] == g.expected[i]);
  }
}

TEST_CASE("Generated files with other delimiters and no line breaks round-trip",
          "[x12][generated]") {
  synth::options opts;
  opts.claims = 50;
  opts.delims = synth::delimiters{'|', '>', '!', '\'', false};
  const generated g = generate(opts);
  CHECK(g.text.find('\n') == std::string::npos);
  const auto r = read_text(g.text, 101);
  CHECK(r.sink.diagnostics.empty());
  CHECK(rows_read(r.sink) == g.expected);
}

TEST_CASE("The generated mix has what the reader must handle", "[x12][generated]") {
  synth::options opts;
  opts.claims = 500;
  const generated g = generate(opts);
  for (const std::string_view part : {"REF*G1*", "*23*0~", "RD8*", ":B:7*", ":B:8*", "REF*F8*",
                                      "NM1*82*", "NM1*77*", "SV1*HC:97110:"}) {
    CAPTURE(part);
    CHECK(g.text.find(part) != std::string::npos);
  }
  std::size_t line_refs = 0;
  for (std::size_t at = g.text.find("\nREF*G1*"); at != std::string::npos;
       at = g.text.find("\nREF*G1*", at + 1)) {
    // A REF*G1 right after a DTP*472 belongs to a line (2400), otherwise to the claim.
    const std::size_t previous = g.text.rfind('\n', at - 1);
    if (g.text.compare(previous + 1, 7, "DTP*472") == 0) ++line_refs;
  }
  CHECK(line_refs > 0);
}

TEST_CASE("The same seed gives the same files, another seed other files", "[x12][generated]") {
  synth::options opts;
  opts.claims = 40;
  std::string auths_a, auths_b;
  const auto run = [&](std::uint64_t seed, std::string& auths_text) {
    std::string text;
    synth::output x12(text), auths(auths_text);
    opts.seed = seed;
    synth::generate(opts, x12, &auths);
    return text;
  };
  const std::string a = run(7, auths_a);
  const std::string b = run(7, auths_b);
  CHECK(a == b);
  CHECK(auths_a == auths_b);
  std::string auths_c;
  CHECK(run(8, auths_c) != a);
}

TEST_CASE("Sized by bytes, the generator stops just past the target", "[x12][generated]") {
  synth::options opts;
  opts.target_bytes = 100000;
  const generated g = generate(opts);
  CHECK(g.text.size() >= 100000);
  CHECK(g.text.size() < 102000);
  CHECK(read_text(g.text).stats.claims_read == g.totals.claims);
}

TEST_CASE("Generated claims validated against their authorizations give several kinds",
          "[x12][generated]") {
  synth::options opts;
  opts.claims = 400;
  std::string text, auths_text;
  synth::output x12(text), auths(auths_text);
  synth::generate(opts, x12, &auths);
  const authorization_index index = parse_authorizations(auths_text, "auths.csv");
  const validator checker(index, nullptr, {std::nullopt, std::nullopt});  // denials only
  collected_run run(checker);
  x12::read_837_buffer(text, "gen.x12", run.run);
  const auto findings = run.finish();
  std::size_t kinds = 0;
  for (const finding_kind kind : all_finding_kinds) {
    if (run.summary.findings(kind) > 0) ++kinds;
  }
  CHECK(run.summary.claims_read == 400);
  CHECK(kinds >= 6);
  CHECK(findings.size() < run.summary.lines_read);  // most lines are clean
}
