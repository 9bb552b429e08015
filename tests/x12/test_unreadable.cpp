// A claim that cannot be read becomes one claim_unreadable finding, and reading goes on.

#include "support/builders.hpp"
#include "x12/recorder.hpp"
#include "x12/x12_text.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// Reads C1, `bad` and C3; requires exactly `bad` to be rejected and returns its finding.
finding rejection_between_good_claims(const segments& bad, std::size_t chunk_size = 0,
                                      const x12::read_options& options = {}) {
  const std::string text = professional_file({simple_claim("C1"), bad, simple_claim("C3")});
  const auto r = read_text(text, chunk_size, options);
  REQUIRE(r.stats.claims_read == 3);
  REQUIRE(r.stats.claims_rejected == 1);
  REQUIRE(r.sink.claims.size() == 3);
  CHECK(r.sink.claims[0].readable());
  CHECK(r.sink.claims[2].readable());
  CHECK(r.sink.claims[2].lines.at(0).claim_id == "C3");
  REQUIRE_FALSE(r.sink.claims[1].readable());
  return *r.sink.claims[1].rejected;
}

}  // namespace

TEST_CASE("A bad charge rejects its claim with ID, segment, byte offset and the fault",
          "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  bad[4] = "SV1*HC:97110*ABC*UN*2*11**1";
  const std::string text = professional_file({simple_claim("C1"), bad, simple_claim("C3")});
  const finding f = rejection_between_good_claims(bad);
  CHECK(f.claim_id == "C2");
  CHECK(f.kind == finding_kind::claim_unreadable);
  CHECK(f.level == severity::error);
  CHECK(f.line == 0);
  CHECK(f.member_id == "W100200300");
  CHECK(f.payer_id == "61101");
  CHECK(f.group.empty());
  CHECK(f.carc.empty());
  const auto offset = text.find("SV1*HC:97110*ABC");
  CHECK(f.message ==
        fmt::format("test.x12: segment 24, element 2, byte {}: SV102 'ABC' is not "
                    "a charge (expected an amount from 0 to 99999999.99 with at most 2 "
                    "decimals, such as "
                    "125.50)",
                    offset));
}

TEST_CASE("A charge with a fraction of a cent rejects its claim", "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  bad[4] = "SV1*HC:97110*1.005*UN*2*11**1";
  const finding f = rejection_between_good_claims(bad);
  CHECK(f.kind == finding_kind::claim_unreadable);
  CHECK(f.message.find("SV102 '1.005' is not a charge") != std::string::npos);
}

TEST_CASE("A line numbered 0 or past 999999 rejects its claim", "[x12][unreadable]") {
  const std::string number = GENERATE(as<std::string>{}, "0", "1000000");
  auto bad = simple_claim("C2");
  REQUIRE(bad[3] == "LX*1");
  bad[3] = "LX*" + number;
  const finding f = rejection_between_good_claims(bad);
  CHECK(f.kind == finding_kind::claim_unreadable);
  CHECK(f.message.find(fmt::format("LX01 '{}' is not a line number (expected 1 to 999999)",
                                   number)) != std::string::npos);
}

TEST_CASE("Read in tiny chunks, the rejection and its position are the same", "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  bad[4] = "SV1*HC:97110*ABC*UN*2*11**1";
  CHECK(rejection_between_good_claims(bad, 3).message ==
        rejection_between_good_claims(bad).message);
}

TEST_CASE("Bad units reject the claim", "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  bad[4] = "SV1*HC:97110*110*UN*TWO*11**1";
  CHECK(contains(rejection_between_good_claims(bad).message, "SV104 'TWO' is not a quantity"));
}

TEST_CASE("A line without a date of service rejects the claim", "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  bad.pop_back();
  CHECK(contains(rejection_between_good_claims(bad).message,
                 "line 1 has no date of service (DTP*472)"));
}

TEST_CASE("A bad date of service rejects the claim", "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  bad[5] = "DTP*472*D8*20260231";
  CHECK(contains(rejection_between_good_claims(bad).message, "DTP*472 'D8*20260231'"));
}

TEST_CASE("A claim without service lines is rejected", "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  bad.resize(3);
  CHECK(contains(rejection_between_good_claims(bad).message, "no service lines"));
}

TEST_CASE("A line without a procedure code is rejected", "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  bad[4] = "SV1*HC*110*UN*2*11**1";
  CHECK(contains(rejection_between_good_claims(bad).message, "line 1 has no procedure code"));
}

TEST_CASE("A claim with an empty CLM01 is rejected without an ID", "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  bad[0] = "CLM**110***11:B:1*Y*A*Y*Y";
  const finding f = rejection_between_good_claims(bad);
  CHECK(f.claim_id.empty());
  CHECK(contains(f.message, "CLM01 (the claim ID) is empty"));
}

TEST_CASE("A claim whose subscriber has no member ID is rejected", "[x12][unreadable]") {
  segments body = professional_body({});
  body[7] = "NM1*IL*1*DOE*JANE";
  const auto claim = simple_claim("C1");
  body.insert(body.end(), claim.begin(), claim.end());
  const auto r = read_text(render(interchange({body})));
  REQUIRE(r.stats.claims_rejected == 1);
  CHECK(contains(r.sink.claims[0].rejected->message, "no subscriber member ID"));
}

TEST_CASE("Claims of a 4010 transaction are rejected as an unsupported version",
          "[x12][unreadable]") {
  const auto r = read_text(render(
      interchange({professional_body({simple_claim("C1"), simple_claim("C2")})}, "004010X098A1")));
  CHECK(r.stats.claims_read == 2);
  CHECK(r.stats.claims_rejected == 2);
  CHECK(contains(r.sink.claims[0].rejected->message, "unsupported version 004010X098A1"));
  REQUIRE(r.sink.of_kind(x12::diagnostic_kind::version).size() == 1);
}

TEST_CASE("A segment over the size limit rejects its claim and reading goes on",
          "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  bad.insert(bad.begin() + 1, "NTE*ADD*" + std::string(300, 'X'));
  x12::read_options options;
  options.max_segment_bytes = 200;
  const std::size_t chunk = GENERATE(0u, 50u);
  CHECK(contains(rejection_between_good_claims(bad, chunk, options).message,
                 "longer than the segment size limit"));
}

TEST_CASE("A claim over the claim size limit is rejected, not held in memory",
          "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  for (int i = 0; i < 40; ++i) bad.insert(bad.begin() + 1, "NTE*ADD*SOME NOTE TEXT");
  x12::read_options options;
  options.max_claim_bytes = 256;
  CHECK(contains(rejection_between_good_claims(bad, 64, options).message, "longer than 256 bytes"));
}

TEST_CASE("Every CLM is accounted for: read = validated + rejected through a run",
          "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  bad[4] = "SV1*HC:97110*ABC*UN*2*11**1";
  const std::string text =
      professional_file({simple_claim("C1"), bad, simple_claim("C3"), simple_claim("C4")});
  const authorization_index index;
  const validator checker(index);
  collected_run run(checker);
  const auto stats = x12::read_837_buffer(text, "run.x12", run.run);
  const auto findings = run.finish();
  const run_summary& summary = run.summary;
  CHECK(stats.claims_read == 4);
  CHECK(summary.claims_read == 4);
  CHECK(summary.claims_rejected == 1);
  CHECK(summary.claims_validated() == 3);
  CHECK(summary.findings(finding_kind::claim_unreadable) == 1);
  CHECK(summary.findings(finding_kind::auth_number_unknown) == 3);
}

TEST_CASE("A claim with more service lines than any guide allows is rejected",
          "[x12][unreadable]") {
  auto bad = simple_claim("C2");
  for (int i = 0; i < 10001; ++i) {
    bad.insert(bad.end(), {"LX*2", "SV1*HC:97140*55*UN*1***1", "DTP*472*D8*20260908"});
  }
  CHECK(contains(rejection_between_good_claims(bad).message, "more than 10000 service lines"));
}
