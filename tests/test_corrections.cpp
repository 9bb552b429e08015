// Replacement (frequency 7) and void (8) claims within one run: each claim counts once.

#include "support/builders.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

line_spec claim(std::string_view id, std::string_view units, claim_frequency frequency,
                std::string_view original = "") {
  line_spec line;
  line.claim_id = id;
  line.auth_number = "A1";
  line.units = qty(units);
  line.frequency = frequency;
  line.original_claim_id = original;
  return line;
}

const auto original = claim_frequency::original;
const auto replacement = claim_frequency::replacement;
const auto void_claim = claim_frequency::void_claim;

/// A1 has 10 units; the findings of a run whose last line bills `probe` more units.
std::vector<finding> with_probe(std::vector<line_spec> lines, std::string_view probe) {
  auto last = claim("PROBE", probe, original);
  last.service_date = day("2026-06-01");
  lines.push_back(last);
  return check(index_of({make_auth()}), lines);
}

bool probe_exceeds(const std::vector<finding>& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const finding& f) {
    return f.claim_id == "PROBE" && f.kind == finding_kind::units_exceeded;
  });
}

}  // namespace

/// Each line its own claim, even where claim IDs repeat.
std::vector<finding> claim_by_claim(const std::vector<line_spec>& lines) {
  const auto index = index_of({make_auth()});
  const validator checker(index, nullptr, denials_only);
  collected_run run(checker);
  for (const auto& spec : lines) {
    const auto line = spec.view();
    run.run.add_claim({&line, 1});
  }
  return run.finish();
}

TEST_CASE("A claim sent twice in one run counts once", "[corrections]") {
  auto probe = claim("PROBE", "4", original);
  probe.service_date = day("2026-06-01");
  CHECK_FALSE(probe_exceeds(
      claim_by_claim({claim("C1", "6", original), claim("C1", "6", original), probe})));
}

TEST_CASE("A replacement takes over its original's units", "[corrections]") {
  const std::vector lines = {claim("C1", "8", original), claim("C2", "3", replacement, "C1")};
  CHECK_FALSE(probe_exceeds(with_probe(lines, "7")));
  CHECK(probe_exceeds(with_probe(lines, "8")));
}

TEST_CASE("A replacement before its original in the file still wins", "[corrections]") {
  const std::vector lines = {claim("C2", "3", replacement, "C1"), claim("C1", "8", original)};
  CHECK_FALSE(probe_exceeds(with_probe(lines, "7")));
  CHECK(probe_exceeds(with_probe(lines, "8")));
}

TEST_CASE("A replacement under the original's claim ID replaces it", "[corrections]") {
  auto probe = claim("PROBE", "7", original);
  probe.service_date = day("2026-06-01");
  CHECK_FALSE(probe_exceeds(
      claim_by_claim({claim("C1", "3", replacement), claim("C1", "8", original), probe})));
}

TEST_CASE("A void releases its original's units", "[corrections]") {
  const std::vector lines = {claim("C1", "8", original), claim("V1", "8", void_claim, "C1")};
  CHECK_FALSE(probe_exceeds(with_probe(lines, "10")));
}

TEST_CASE("A void before its original in the file still releases it", "[corrections]") {
  const std::vector lines = {claim("V1", "8", void_claim, "C1"), claim("C1", "8", original)};
  CHECK_FALSE(probe_exceeds(with_probe(lines, "10")));
}

TEST_CASE("A void outranks a replacement of the same claim", "[corrections]") {
  const std::vector lines = {claim("V1", "1", void_claim, "C1"), claim("C1", "8", original),
                             claim("C2", "5", replacement, "C1")};
  CHECK_FALSE(probe_exceeds(with_probe(lines, "10")));
}

TEST_CASE("A replacement of a replacement replaces the whole chain", "[corrections]") {
  const std::vector lines = {claim("C3", "2", replacement, "C2"), claim("C1", "8", original),
                             claim("C2", "5", replacement, "C1")};
  CHECK_FALSE(probe_exceeds(with_probe(lines, "8")));
  CHECK(probe_exceeds(with_probe(lines, "9")));
}

TEST_CASE("The later of two replacements counts", "[corrections]") {
  const std::vector lines = {claim("C2", "5", replacement, "C1"),
                             claim("C3", "2", replacement, "C1")};
  CHECK_FALSE(probe_exceeds(with_probe(lines, "8")));
}

TEST_CASE("A replacement says which claim it replaces", "[corrections]") {
  const auto findings = check(index_of({make_auth()}),
                              {claim("C1", "8", original), claim("C2", "3", replacement, "C1")});
  const auto replaced = only(findings, finding_kind::claim_replaced);
  REQUIRE(replaced.size() == 2);
  CHECK(replaced[0].claim_id == "C1");
  CHECK(replaced[0].line == 0);
  CHECK(replaced[0].level == severity::info);
  CHECK(replaced[0].expected == "C2");
  CHECK(contains(replaced[0].message, "was replaced by claim C2"));
  CHECK(replaced[1].claim_id == "C2");
  CHECK(replaced[1].expected == "C1");
  CHECK(contains(replaced[1].message, "replaces claim C1"));
}

TEST_CASE("A void says which claim it voids", "[corrections]") {
  const auto findings = check(index_of({make_auth()}), {claim("V1", "1", void_claim, "C1")});
  REQUIRE(kinds_of(findings) == std::vector{finding_kind::claim_voided});
  CHECK(findings.front().claim_id == "V1");
  CHECK(contains(findings.front().message, "voids claim C1"));
}

TEST_CASE("A superseded claim keeps its own denials", "[corrections]") {
  auto wrong_code = claim("C1", "1", original);
  wrong_code.code = "97140";
  const auto findings =
      check(index_of({make_auth()}), {wrong_code, claim("C2", "1", replacement, "C1")});
  CHECK(only(findings, finding_kind::code_mismatch).size() == 1);
}
