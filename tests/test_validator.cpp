// Each finding kind of the validator, with its boundaries.

#include "support/builders.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;
using kinds = std::vector<finding_kind>;

namespace {

line_spec numbered_line(std::string_view number = "A1") {
  line_spec l;
  l.auth_number = number;
  return l;
}

}  // namespace

TEST_CASE("A line that matches its authorization and carries its number has no finding",
          "[validator]") {
  const auto index = index_of({make_auth()});
  CHECK(check(index, {numbered_line()}).empty());
}

TEST_CASE("A line with no authorization on file is auth_missing, CO-197", "[validator]") {
  const auto index = index_of({make_auth("A1", "97140")});
  const auto found = check(index, {line_spec{}});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_missing});
  const auto& f = found.front();
  CHECK(f.level == severity::deny);
  CHECK(f.group == "CO");
  CHECK(f.carc == "197");
  CHECK(f.rarc.empty());
  CHECK_FALSE(f.auth_number.has_value());
  CHECK(f.actual == "none on file");
}

TEST_CASE("auth_missing names the patient's authorizations for other codes", "[validator]") {
  const auto index = index_of({make_auth("A7", "97140")});
  const auto found = check(index, {line_spec{}});
  REQUIRE(found.size() == 1);
  CHECK(contains(found[0].message, "97140 is authorized under A7"));
}

TEST_CASE("auth_missing points at an authorization for the code under another payer",
          "[validator]") {
  auto other_payer = make_auth("B2");
  other_payer.payer_id = "P9";
  const auto index = index_of({other_payer});
  const auto found = check(index, {line_spec{}});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_missing});
  CHECK(contains(found[0].message, "with payer P9: check the payer on the claim"));
}

TEST_CASE("A matching authorization whose number is not on the claim is auth_number_missing",
          "[validator]") {
  const auto index = index_of({make_auth("A1")});
  const auto found = check(index, {line_spec{}});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_missing});
  CHECK(found[0].carc == "16");
  CHECK(found[0].rarc == std::vector<std::string>{"M62"});
  CHECK(found[0].auth_number == "A1");
  CHECK(found[0].expected == "A1");
  CHECK(contains(found[0].message, "add REF*G1 A1"));
}

TEST_CASE("A number that is not on file is auth_number_unknown and suggests the patient's number",
          "[validator]") {
  const auto index = index_of({make_auth("A1")});
  const auto found = check(index, {numbered_line("AI")});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_unknown});
  CHECK(found[0].carc == "16");
  CHECK(found[0].rarc == std::vector<std::string>{"M62"});
  CHECK(found[0].actual == "AI");
  CHECK(found[0].expected == "A1");
  CHECK(contains(found[0].message, "the patient's authorization for 97110 is A1"));
}

TEST_CASE("A number that belongs to another member is auth_number_mismatch", "[validator]") {
  auto theirs = make_auth("A1");
  theirs.member_id = "M2";
  const auto index = index_of({theirs});
  const auto found = check(index, {numbered_line("A1")});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_mismatch});
  CHECK(found[0].auth_number == "A1");
  CHECK(found[0].expected == "member M2 payer P1");
  CHECK(found[0].actual == "member M1 payer P1");
}

TEST_CASE("A number that belongs to another payer is auth_number_mismatch", "[validator]") {
  auto theirs = make_auth("A1");
  theirs.payer_id = "P2";
  const auto index = index_of({theirs});
  CHECK(kinds_of(check(index, {numbered_line("A1")})) == kinds{finding_kind::auth_number_mismatch});
}

TEST_CASE("A pending authorization is auth_not_approved with CO-197", "[validator]") {
  auto pending = make_auth();
  pending.status = auth_status::pending;
  const auto found = check(index_of({pending}), {numbered_line()});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_not_approved});
  CHECK(found[0].carc == "197");
  CHECK(found[0].actual == "pending");
  CHECK(contains(found[0].message, "wait for the payer's decision"));
}

TEST_CASE("A denied authorization is auth_not_approved with CO-39", "[validator]") {
  auto denied = make_auth();
  denied.status = auth_status::denied;
  const auto found = check(index_of({denied}), {numbered_line()});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_not_approved});
  CHECK(found[0].carc == "39");
  CHECK(contains(found[0].message, "peer-to-peer"));
}

TEST_CASE("A cancelled authorization is auth_not_approved with CO-197", "[validator]") {
  auto cancelled = make_auth();
  cancelled.status = auth_status::cancelled;
  const auto found = check(index_of({cancelled}), {numbered_line()});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_not_approved});
  CHECK(found[0].carc == "197");
}

TEST_CASE("Service on the effective date is inside the window", "[validator][dates]") {
  auto line = numbered_line();
  line.service_date = day("2026-01-01");
  CHECK(check(index_of({make_auth()}), {line}).empty());
}

TEST_CASE("Service the day before the effective date is auth_not_yet_effective",
          "[validator][dates]") {
  auto line = numbered_line();
  line.service_date = day("2025-12-31");
  const auto found = check(index_of({make_auth()}), {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_not_yet_effective});
  CHECK(found[0].carc == "197");
  CHECK(found[0].rarc == std::vector<std::string>{"N54"});
  CHECK(found[0].expected == "on or after 2026-01-01");
  CHECK(found[0].actual == "2025-12-31");
}

TEST_CASE("Service on the expiration date itself is inside the window", "[validator][dates]") {
  auto line = numbered_line();
  line.service_date = day("2026-12-31");
  CHECK(check(index_of({make_auth()}), {line}).empty());
}

TEST_CASE("Service the day after the expiration date is auth_expired", "[validator][dates]") {
  auto line = numbered_line();
  line.service_date = day("2027-01-01");
  const auto found = check(index_of({make_auth()}), {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_expired});
  CHECK(found[0].expected == "on or before 2026-12-31");
  CHECK(contains(found[0].message, "renew the authorization"));
}

TEST_CASE("A date range that runs past the expiration date is auth_expired", "[validator][dates]") {
  auto line = numbered_line();
  line.service_date = day("2026-12-30");
  line.service_date_end = day("2027-01-02");
  const auto found = check(index_of({make_auth()}), {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_expired});
  CHECK(found[0].actual == "2026-12-30 to 2027-01-02");
  CHECK(found[0].service_date == day("2026-12-30"));
}

TEST_CASE("A date range that starts before the effective date is auth_not_yet_effective",
          "[validator][dates]") {
  auto line = numbered_line();
  line.service_date = day("2025-12-29");
  line.service_date_end = day("2026-01-03");
  CHECK(kinds_of(check(index_of({make_auth()}), {line})) ==
        kinds{finding_kind::auth_not_yet_effective});
}

TEST_CASE("A billed code the number does not approve is code_mismatch naming the approved codes",
          "[validator]") {
  const auto index = index_of({make_auth("A1", "97110"), make_auth("A1", "97140")});
  auto line = numbered_line();
  line.code = "97530";
  const auto found = check(index, {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::code_mismatch});
  CHECK(found[0].expected == "97110|97140");
  CHECK(found[0].actual == "97530");
  CHECK(found[0].rarc == std::vector<std::string>{"N54"});
}

TEST_CASE("Modifiers never change the code matched", "[validator]") {
  auto line = numbered_line();
  line.modifiers = {"GP", "59"};
  CHECK(check(index_of({make_auth()}), {line}).empty());
}

TEST_CASE("A rendering NPI the authorization does not name is provider_mismatch",
          "[validator][provider]") {
  auto auth = make_auth();
  auth.rendering_npis = {std::string(therapist_npi)};
  auto line = numbered_line();
  line.rendering_npi = other_npi;
  const auto found = check(index_of({auth}), {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::provider_mismatch});
  CHECK(found[0].expected == therapist_npi);
  CHECK(found[0].actual == other_npi);
}

TEST_CASE("An authorized billing NPI satisfies the provider restriction", "[validator][provider]") {
  auto auth = make_auth();
  auth.rendering_npis = {std::string(billing_npi)};
  auto line = numbered_line();
  line.rendering_npi = other_npi;
  CHECK(check(index_of({auth}), {line}).empty());
}

TEST_CASE("A place of service the authorization does not allow is site_mismatch",
          "[validator][site]") {
  auto auth = make_auth();
  auth.places_of_service = {"22", "24"};
  auto line = numbered_line();
  line.place_of_service = "19";
  const auto found = check(index_of({auth}), {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::site_mismatch});
  CHECK(found[0].expected == "22|24");
  CHECK(found[0].actual == "19");
}

TEST_CASE("A claim without a place of service is site_mismatch that says so", "[validator][site]") {
  auto auth = make_auth();
  auth.places_of_service = {"11"};
  auto line = numbered_line();
  line.place_of_service.clear();
  const auto found = check(index_of({auth}), {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::site_mismatch});
  CHECK(contains(found[0].message, "carries no place of service"));
}

TEST_CASE("A service facility the authorization does not name is site_mismatch",
          "[validator][site]") {
  auto auth = make_auth();
  auth.facility_npis = {std::string(facility_npi)};
  auto line = numbered_line();
  line.facility_npi = other_npi;
  const auto found = check(index_of({auth}), {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::site_mismatch});
  CHECK(found[0].actual == other_npi);
}

TEST_CASE("Without a facility on the claim the billing provider is the facility compared",
          "[validator][site]") {
  auto auth = make_auth();
  auth.facility_npis = {std::string(billing_npi)};
  CHECK(check(index_of({auth}), {numbered_line()}).empty());
}

TEST_CASE("A line whose diagnoses are all outside the approval is diagnosis_mismatch",
          "[validator]") {
  auto auth = make_auth();
  auth.diagnosis_codes = {"M54.50"};
  auto line = numbered_line();
  line.diagnosis_codes = {"K52.9"};
  const auto found = check(index_of({auth}), {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::diagnosis_mismatch});
  CHECK(found[0].expected == "M5450");
  CHECK(found[0].actual == "K529");
}

TEST_CASE("Diagnoses match without the dot and in any case", "[validator]") {
  auto auth = make_auth();
  auth.diagnosis_codes = {"M54.50"};
  auto line = numbered_line();
  line.diagnosis_codes = {"r51.9", "m5450"};
  CHECK(check(index_of({auth}), {line}).empty());
}

TEST_CASE("Two mismatches on one line give two findings in kind order", "[validator]") {
  auto auth = make_auth();
  auth.rendering_npis = {std::string(therapist_npi)};
  auto line = numbered_line();
  line.rendering_npi = other_npi;
  line.service_date = day("2027-02-01");
  const auto found = check(index_of({auth}), {line});
  CHECK(kinds_of(found) == kinds{finding_kind::auth_expired, finding_kind::provider_mismatch});
  CHECK(found[0].auth_number == "A1");
  CHECK(found[1].auth_number == "A1");
}

TEST_CASE("A line with other mismatches does not also get auth_number_missing", "[validator]") {
  auto auth = make_auth();
  auth.places_of_service = {"22"};
  CHECK(kinds_of(check(index_of({auth}), {line_spec{}})) == kinds{finding_kind::site_mismatch});
}

TEST_CASE("Dependents who share a member ID are told apart by date of birth", "[validator]") {
  auto parent = make_auth("A1");
  parent.patient_dob = day("1968-04-12");
  auto child = make_auth("A2");
  child.patient_dob = day("2012-07-30");
  const auto index = index_of({parent, child});

  auto child_line = line_spec{};
  child_line.patient_dob = day("2012-07-30");
  const auto found = check(index, {child_line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_missing});
  CHECK(found[0].auth_number == "A2");
}

TEST_CASE("The parent's number on the dependent's claim is auth_number_mismatch", "[validator]") {
  auto parent = make_auth("A1");
  parent.patient_dob = day("1968-04-12");
  auto line = numbered_line("A1");
  line.patient_dob = day("2012-07-30");
  CHECK(kinds_of(check(index_of({parent}), {line})) == kinds{finding_kind::auth_number_mismatch});
}

TEST_CASE("The best candidate is the one with the fewest mismatches", "[validator][choice]") {
  auto other_site = make_auth("A1");
  other_site.places_of_service = {"22"};
  auto right_site = make_auth("A2");
  right_site.places_of_service = {"11"};
  const auto found = check(index_of({other_site, right_site}), {line_spec{}});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_missing});
  CHECK(found[0].auth_number == "A2");
}

TEST_CASE("Between expired candidates the closest window is compared", "[validator][choice]") {
  auto old_one = make_auth("A1");
  old_one.effective_date = day("2024-01-01");
  old_one.expiration_date = day("2024-12-31");
  auto recent = make_auth("A2");
  recent.effective_date = day("2025-01-01");
  recent.expiration_date = day("2025-12-31");
  auto line = line_spec{};
  line.service_date = day("2026-01-05");
  const auto found = check(index_of({old_one, recent}), {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_expired});
  CHECK(found[0].auth_number == "A2");
}

TEST_CASE("A line without a number whose code needs no authorization has no finding",
          "[validator][rules]") {
  auth_rules rules;
  rules.add("*", "97*", true);
  rules.add("*", "99213", false);
  auto line = line_spec{};
  line.code = "99213";
  CHECK(check(index_of({}), {line}, &rules).empty());
}

TEST_CASE("A line that carries a number is checked whatever the rules say", "[validator][rules]") {
  auth_rules rules;
  rules.add("*", "*", false);
  auto line = numbered_line("A1");
  line.service_date = day("2027-03-01");
  CHECK(kinds_of(check(index_of({make_auth()}), {line}, &rules)) ==
        kinds{finding_kind::auth_expired});
}

TEST_CASE("Without rules every line requires authorization", "[validator][rules]") {
  auto line = line_spec{};
  line.code = "99213";
  CHECK(kinds_of(check(index_of({}), {line})) == kinds{finding_kind::auth_missing});
}

TEST_CASE("Identifiers on the line are compared trimmed and upper-cased", "[validator]") {
  auto line = numbered_line(" a1 ");
  line.member_id = "m1";
  line.payer_id = "p1 ";
  CHECK(check(index_of({make_auth()}), {line}).empty());
}

TEST_CASE("A void claim's lines are not judged", "[validator]") {
  auto line = line_spec{};
  line.frequency = claim_frequency::void_claim;
  CHECK(kinds_of(check(index_of({}), {line})) == std::vector{finding_kind::claim_voided});
}

TEST_CASE("Findings carry the line's claim, line, member, payer, code, units and charge",
          "[validator]") {
  auto line = line_spec{};
  line.claim_id = "CLM-9";
  line.line = 3;
  line.units = qty("2.5");
  line.charge = qty("150.25");
  const auto found = check(index_of({}), {line});
  REQUIRE(found.size() == 1);
  const auto& f = found[0];
  CHECK(f.claim_id == "CLM-9");
  CHECK(f.line == 3);
  CHECK(f.member_id == "M1");
  CHECK(f.payer_id == "P1");
  CHECK(f.code == "97110");
  CHECK(f.service_date == day("2026-03-02"));
  CHECK(f.units == qty("2.5"));
  CHECK(f.charge == qty("150.25"));
}
