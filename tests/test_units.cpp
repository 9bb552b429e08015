// Cumulative unit consumption: date-of-service order, exact decimals, and the run summary.

#include "support/builders.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;
using kinds = std::vector<finding_kind>;

namespace {

line_spec visit(std::string claim, std::string_view when, std::string_view units) {
  line_spec l;
  l.claim_id = std::move(claim);
  l.auth_number = "A1";
  l.service_date = day(when);
  l.units = qty(units);
  return l;
}

authorization auth_with_units(std::string_view units, std::string_view used = "0") {
  auto a = make_auth();
  a.units = qty(units);
  a.units_used = qty(used);
  return a;
}

}  // namespace

TEST_CASE("Units used up exactly give no finding", "[units]") {
  const auto index = index_of({auth_with_units("6")});
  CHECK(check(index, {visit("C1", "2026-03-01", "4"), visit("C2", "2026-03-08", "2")}).empty());
}

TEST_CASE("A line above what remains is units_exceeded naming the excess", "[units]") {
  const auto index = index_of({auth_with_units("6")});
  const auto found = check(index, {visit("C1", "2026-03-01", "4"), visit("C2", "2026-03-08", "3")});
  REQUIRE(kinds_of(found) == kinds{finding_kind::units_exceeded});
  const auto& f = found[0];
  CHECK(f.claim_id == "C2");
  CHECK(f.carc == "198");
  CHECK(f.rarc == std::vector<std::string>{"N640"});
  CHECK(f.expected == "at most 2");
  CHECK(f.actual == "3");
  CHECK(contains(f.message, "excess of 1 unit will deny"));
}

TEST_CASE("Units used before the data count against what remains", "[units]") {
  const auto index = index_of({auth_with_units("6", "5")});
  const auto found = check(index, {visit("C1", "2026-03-01", "2")});
  REQUIRE(kinds_of(found) == kinds{finding_kind::units_exceeded});
  CHECK(found[0].expected == "at most 1");
}

TEST_CASE("Units are consumed in date-of-service order, not input order", "[units]") {
  const auto index = index_of({auth_with_units("4")});
  const auto found =
      check(index, {visit("LATE", "2026-05-01", "3"), visit("EARLY", "2026-03-01", "3")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].claim_id == "LATE");
}

TEST_CASE("Lines of one date are consumed by claim ID, then line number", "[units]") {
  const auto index = index_of({auth_with_units("2")});
  auto second_line = visit("B", "2026-03-01", "1");
  second_line.line = 2;
  auto first_line = visit("B", "2026-03-01", "1");
  first_line.line = 1;
  const auto found = check(index, {visit("C", "2026-03-01", "1"), second_line, first_line});
  REQUIRE(found.size() == 1);
  CHECK(found[0].claim_id == "C");
}

TEST_CASE("Lines of one date are consumed in claim ID order, however long the IDs", "[units]") {
  const auto index = index_of({auth_with_units("2")});
  // The first 16 characters of the three IDs are the same; the shortest is where the others start.
  const auto found = check(index, {visit("CLAIM-2026-03-01-B", "2026-03-01", "1"),
                                   visit("CLAIM-2026-03-01-A", "2026-03-01", "1"),
                                   visit("CLAIM-2026-03-01", "2026-03-01", "1")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].claim_id == "CLAIM-2026-03-01-B");
}

TEST_CASE("A claim ID ending in a NUL byte comes after the same ID without it", "[units]") {
  const auto index = index_of({auth_with_units("1")});
  const std::string with_nul("C1\0", 3);
  const auto found =
      check(index, {visit(with_nul, "2026-03-01", "1"), visit("C1", "2026-03-01", "1")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].claim_id == with_nul);
}

TEST_CASE("Units are consumed in date order across 1970", "[units]") {
  auto approved = auth_with_units("4");
  approved.effective_date = day("1969-12-01");
  approved.expiration_date = day("1970-06-30");
  const auto index = index_of({approved});
  const auto found =
      check(index, {visit("LATE", "1970-01-02", "3"), visit("EARLY", "1969-12-31", "3")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].claim_id == "LATE");
}

TEST_CASE("A line above the remainder consumes what was left", "[units]") {
  const auto index = index_of({auth_with_units("5")});
  const auto found = check(index, {visit("C1", "2026-03-01", "7"), visit("C2", "2026-03-02", "1")});
  REQUIRE(found.size() == 2);
  CHECK(found[0].expected == "at most 5");
  CHECK(found[1].expected == "at most 0");
  CHECK(contains(found[1].message, "excess of 1 unit"));
}

TEST_CASE("Decimal units are compared exactly", "[units]") {
  const auto index = index_of({auth_with_units("0.3")});
  CHECK(check(index, {visit("C1", "2026-03-01", "0.1"), visit("C2", "2026-03-02", "0.2")}).empty());
  const auto over =
      check(index, {visit("C1", "2026-03-01", "0.1"), visit("C2", "2026-03-02", "0.201")});
  REQUIRE(kinds_of(over) == kinds{finding_kind::units_exceeded});
  CHECK(contains(over[0].message, "excess of 0.001 units"));
}

TEST_CASE("A line with another mismatch inside the window still consumes units", "[units]") {
  auto a = auth_with_units("2");
  a.places_of_service = {"11"};
  auto wrong_site = visit("C1", "2026-03-01", "2");
  wrong_site.place_of_service = "22";
  const auto found = check(index_of({a}), {wrong_site, visit("C2", "2026-03-02", "1")});
  CHECK(kinds_of(found) == kinds{finding_kind::site_mismatch, finding_kind::units_exceeded});
}

TEST_CASE("A line outside the window consumes no units", "[units]") {
  const auto index = index_of({auth_with_units("2")});
  CHECK(kinds_of(check(index, {visit("C1", "2027-03-01", "2"), visit("C2", "2026-03-02", "2")})) ==
        kinds{finding_kind::auth_expired});
}

TEST_CASE("A line under a pending authorization consumes no units", "[units]") {
  auto pending = auth_with_units("2");
  pending.status = auth_status::pending;
  const auto found = check(index_of({pending}), {visit("C1", "2026-03-01", "3")});
  CHECK(kinds_of(found) == kinds{finding_kind::auth_not_approved});
}

TEST_CASE("An authorization without a unit limit is never exceeded", "[units]") {
  auto unlimited = make_auth();
  unlimited.units.reset();
  CHECK(check(index_of({unlimited}), {visit("C1", "2026-03-01", "999")}).empty());
}

TEST_CASE("Each row of an authorization keeps its own count", "[units]") {
  auto exercise = make_auth("A1", "97110");
  exercise.units = qty("2");
  auto manual = make_auth("A1", "97140");
  manual.units = qty("2");
  auto manual_line = visit("C2", "2026-03-02", "2");
  manual_line.code = "97140";
  CHECK(check(index_of({exercise, manual}), {visit("C1", "2026-03-01", "2"), manual_line}).empty());
}

TEST_CASE("The run summary counts claims, lines and findings", "[units][summary]") {
  const auto index = index_of({auth_with_units("2")});
  const validator checker(index);
  collected_run run(checker);
  const auto a = visit("C1", "2026-03-01", "2");
  const auto b = visit("C2", "2026-03-02", "1");
  const claim_line first[] = {a.view(), a.view()};
  const claim_line second[] = {b.view()};
  run.run.add_claim(first);
  run.run.add_claim(second);
  finding unreadable;
  unreadable.kind = finding_kind::claim_unreadable;
  unreadable.level = severity::error;
  run.run.reject_claim(unreadable);
  const auto found = run.finish();
  const auto& summary = run.summary;
  CHECK(summary.claims_read == 3);
  CHECK(summary.claims_rejected == 1);
  CHECK(summary.claims_validated() == 2);
  CHECK(summary.lines_read == 3);
  CHECK(summary.findings(finding_kind::units_exceeded) == 2);
  CHECK(summary.findings(finding_kind::claim_unreadable) == 1);
  CHECK(found.back().kind == finding_kind::claim_unreadable);
}

TEST_CASE("Charge at risk counts a line once however many findings it has", "[units][summary]") {
  auto a = make_auth();
  a.places_of_service = {"22"};
  a.rendering_npis = {std::string(billing_npi)};
  auto line = visit("C1", "2026-03-01", "1");
  line.rendering_npi = other_npi;
  line.billing_npi = other_npi;
  line.charge = qty("120.50");
  const auto index = index_of({a});
  const validator checker(index);
  collected_run run(checker);
  const claim_line lines[] = {line.view()};
  run.run.add_claim(lines);
  const auto found = run.finish();
  REQUIRE(found.size() == 2);
  CHECK(run.summary.charge_at_risk == qty("120.50"));
}

TEST_CASE("Findings taken as a run goes on are finish()'s findings, units_exceeded last",
          "[units][summary]") {
  auto a = auth_with_units("3");
  a.places_of_service = {"22"};
  const auto index = index_of({a});
  const validator checker(index);
  auto late = visit("LATE", "2026-05-01", "2");
  late.place_of_service = "11";  // site_mismatch, and units it cannot have once EARLY is in
  late.charge = qty("80");
  auto early = visit("EARLY", "2026-03-01", "2");
  early.place_of_service = "22";
  early.charge = qty("50");
  const claim_line late_lines[] = {late.view()};
  const claim_line early_lines[] = {early.view()};

  collected_run whole(checker);
  whole.run.add_claim(late_lines);
  whole.run.add_claim(early_lines);
  const auto all = whole.finish();

  collected_run streamed(checker);
  streamed.run.add_claim(late_lines);
  const auto first = streamed.take_settled();
  streamed.run.add_claim(early_lines);
  const auto second = streamed.take_settled();
  const auto rest = streamed.finish();

  CHECK(kinds_of(all) == kinds{finding_kind::units_exceeded, finding_kind::site_mismatch});
  CHECK(kinds_of(first) == kinds{finding_kind::site_mismatch});
  CHECK(second.empty());
  REQUIRE(kinds_of(rest) == kinds{finding_kind::units_exceeded});
  CHECK(rest[0].claim_id == "LATE");
  CHECK(streamed.summary.findings_by_kind == whole.summary.findings_by_kind);
  CHECK(streamed.summary.charge_at_risk == qty("80"));
  CHECK(whole.summary.charge_at_risk == qty("80"));
}
