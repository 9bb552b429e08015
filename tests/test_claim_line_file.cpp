// Claim lines exported as CSV: readable claims are kept, a bad row rejects only its claim.

#include "support/builders.hpp"
#include "support/errors.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

constexpr std::string_view header =
    "claim_id,line,member_id,payer_id,auth_number,code,modifiers,units,service_date,"
    "service_date_end,diagnosis_codes,charge,frequency\n";

claim_line_file parsed(std::string_view rows) {
  return claim_line_file::parse(std::string(header) + std::string(rows), "lines.csv");
}

}  // namespace

TEST_CASE("Claim lines carry every column's value", "[loaders][claims]") {
  const auto file =
      parsed("C1,1,m1,P1,A1,97110,GP|59,2.5,2026-03-02,2026-03-04,M54.5|R51,120.50,7\n");
  REQUIRE(file.claims().size() == 1);
  const auto& line = file.claims()[0].lines[0];
  CHECK(line.claim_id == "C1");
  CHECK(line.line == 1);
  CHECK(line.member_id == "m1");
  CHECK(line.auth_number == "A1");
  CHECK(line.modifiers.size() == 2);
  CHECK(line.units == qty("2.5"));
  CHECK(line.service_date_end == day("2026-03-04"));
  CHECK(line.diagnosis_codes[1] == "R51");
  CHECK(line.charge == qty("120.50"));
  CHECK(line.frequency == claim_frequency::replacement);
}

TEST_CASE("Rows of one claim are grouped even when not adjacent", "[loaders][claims]") {
  const auto file = parsed(
      "C1,1,M1,P1,,97110,,1,2026-03-02,,,,\n"
      "C2,1,M1,P1,,97110,,1,2026-03-03,,,,\n"
      "C1,2,M1,P1,,97140,,1,2026-03-02,,,,\n");
  REQUIRE(file.claims().size() == 2);
  CHECK(file.claims()[0].lines.size() == 2);
  CHECK(file.claims()[0].lines[1].code == "97140");
}

TEST_CASE("A bad value rejects its whole claim with its position, and only that claim",
          "[loaders][claims]") {
  const auto file = parsed(
      "C1,1,M1,P1,,97110,,1,2026-03-02,,,,\n"
      "C2,1,M1,P1,,97110,,1,2026-03-03,,,,\n"
      "C2,2,M1,P1,,97140,,1,2026-02-30,,,,\n");
  REQUIRE(file.claims().size() == 1);
  REQUIRE(file.rejected().size() == 1);
  const auto& f = file.rejected()[0];
  CHECK(f.claim_id == "C2");
  CHECK(f.kind == finding_kind::claim_unreadable);
  CHECK(f.level == severity::error);
  CHECK(f.actual == "2026-02-30");
  CHECK(f.message.starts_with("lines.csv:4:9: service_date: expected a date"));
}

TEST_CASE("Every claim is fed to a run, rejected ones included, in input order",
          "[loaders][claims]") {
  const auto file = parsed(
      "C1,1,M1,P1,,97110,,x,2026-03-02,,,,\n"
      "C2,1,M1,P1,,97110,,1,2026-03-03,,,,\n");
  const auto index = index_of({});
  const validator checker(index);
  collected_run run(checker);
  file.feed(run.run);
  const auto found = run.finish();
  CHECK(run.summary.claims_read == 2);
  CHECK(run.summary.claims_rejected == 1);
  REQUIRE(found.size() == 2);
  CHECK(found[0].kind == finding_kind::claim_unreadable);
  CHECK(found[1].kind == finding_kind::auth_missing);
}

TEST_CASE("Missing required columns make the file unusable", "[loaders][claims]") {
  const auto e =
      input_error_of([] { claim_line_file::parse("claim_id,code\nC1,97110\n", "x.csv"); });
  REQUIRE(e);
  CHECK(contains(e->message(), "missing required column 'line'"));
}

TEST_CASE("A range that ends before it starts is a bad value", "[loaders][claims]") {
  const auto file = parsed("C1,1,M1,P1,,97110,,1,2026-03-02,2026-03-01,,,\n");
  REQUIRE(file.rejected().size() == 1);
  CHECK(contains(file.rejected()[0].message, "service_date_end"));
}

TEST_CASE("Claim-lines CSV is recognised by its header", "[loaders][claims]") {
  CHECK(
      looks_like_claim_line_csv("\xEF\xBB\xBF"
                                "Claim_ID,line,code\r\n"));
  CHECK_FALSE(looks_like_claim_line_csv("ISA*00*          *00*"));
  CHECK_FALSE(looks_like_claim_line_csv("auth_number,code\n"));
}
