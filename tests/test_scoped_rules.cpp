// Rules that say where and when they apply: dates of service, places, claim types, codes the
// claim bills besides, a source note and the payer's number format.

#include "support/builders.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;
using kinds = std::vector<finding_kind>;

namespace {

line_spec line_of(std::string_view code, std::string_view date, std::string_view place = "11") {
  line_spec l;
  l.code = code;
  l.service_date = day(date);
  l.place_of_service = place;
  return l;
}

bool needs_auth(const auth_rules& rules, const line_spec& line) {
  const auto index = index_of({make_auth()});
  const validator checker(index, &rules);
  return checker.requires_auth(line.view());
}

rule_scope dated(std::string_view from, std::string_view to) {
  rule_scope scope;
  if (!from.empty()) scope.effective_date = day(from);
  if (!to.empty()) scope.end_date = day(to);
  return scope;
}

/// P1's 97110 needs authorization, and P1 issues 14-character UTNs for it.
auth_rules utn_rules() {
  auth_rules rules;
  rule_scope scope;
  scope.number_format = auth_number_format::utn;
  rules.add("P1", "97110", true, false, scope);
  return rules;
}

}  // namespace

TEST_CASE("Rules dated by service date answer each side of a change", "[rules][scope]") {
  auth_rules rules;
  rules.add("P1", "97110", true, false, dated("", "2026-06-30"));
  rules.add("P1", "97110", false, false, dated("2026-07-01", ""));
  CHECK(needs_auth(rules, line_of("97110", "2026-06-30")));
  CHECK_FALSE(needs_auth(rules, line_of("97110", "2026-07-01")));
}

TEST_CASE("A dated rule in force wins over an open rule of the same code", "[rules][scope]") {
  auth_rules rules;
  rules.add("P1", "E0651", true, false, dated("2026-04-13", ""));
  rules.add("P1", "E0651", false);  // later, but open-ended
  CHECK_FALSE(needs_auth(rules, line_of("E0651", "2026-04-12")));
  CHECK(needs_auth(rules, line_of("E0651", "2026-04-13")));
}

TEST_CASE("A rule restricted to places applies only to lines at one of them", "[rules][scope]") {
  auth_rules rules;
  rule_scope scope;
  scope.places_of_service = {"19", " 22 "};
  rules.add("P1", "64490", true, false, scope);
  CHECK(needs_auth(rules, line_of("64490", "2026-03-02", "22")));
  CHECK_FALSE(needs_auth(rules, line_of("64490", "2026-03-02", "11")));
  CHECK_FALSE(needs_auth(rules, line_of("64490", "2026-03-02", "")));
}

TEST_CASE("A rule that names a claim type does not apply to a line whose type is unknown",
          "[rules][scope]") {
  auth_rules rules;
  rule_scope scope;
  scope.claim_type = claim_type::institutional;
  rules.add("P1", "22551", true, false, scope);
  auto line = line_of("22551", "2026-03-02", "22");
  CHECK_FALSE(needs_auth(rules, line));
  line.claim_type = claim_type::professional;
  CHECK_FALSE(needs_auth(rules, line));
  line.claim_type = claim_type::institutional;
  CHECK(needs_auth(rules, line));
}

TEST_CASE("A rule with other codes applies only when the claim bills one of them",
          "[rules][scope]") {
  auth_rules rules;
  rule_scope scope;
  scope.with_codes = {"J0585-J0588"};
  rules.add("P1", "64612", true, false, scope);
  const auto index = index_of({make_auth()});
  const validator checker(index, &rules);
  auto injection = line_of("64612", "2026-03-02");
  auto drug = line_of("j0586", "2026-03-02");
  auto other_drug = line_of("J0897", "2026-03-02");
  const std::vector<claim_line> with_drug{injection.view(), drug.view()};
  const std::vector<claim_line> with_other{injection.view(), other_drug.view()};
  CHECK(checker.requires_auth(with_drug[0], with_drug));
  CHECK_FALSE(checker.requires_auth(with_other[0], with_other));
  CHECK_FALSE(checker.requires_auth(injection.view()));  // a line alone is its own claim
}

TEST_CASE("Among rules equally specific, the one with conditions wins whatever the order",
          "[rules][scope]") {
  auth_rules rules;
  rule_scope scope;
  scope.places_of_service = {"22"};
  rules.add("P1", "64490", true, false, scope);
  rules.add("P1", "64490", false);
  CHECK(needs_auth(rules, line_of("64490", "2026-03-02", "22")));
  CHECK_FALSE(needs_auth(rules, line_of("64490", "2026-03-02", "11")));
}

TEST_CASE("A more specific code wins over a scoped rule of a broader code", "[rules][scope]") {
  auth_rules rules;
  rules.add("P1", "64*", true, false, dated("2026-01-01", ""));
  rules.add("P1", "64490", false);
  CHECK_FALSE(needs_auth(rules, line_of("64490", "2026-03-02")));
}

TEST_CASE("A lookup by payer and code alone passes over scoped rules", "[rules][scope]") {
  auth_rules rules;
  rules.add("P1", "L0651", true, false, dated("2026-04-13", ""));
  CHECK_FALSE(rules.requires_auth("P1", "L0651"));
  CHECK(rules.scoped());
}

TEST_CASE("A scope that ends before it starts is refused at end_date", "[rules][scope]") {
  auth_rules rules;
  try {
    rules.add("P1", "97110", true, false, dated("2026-07-01", "2026-06-30"));
    FAIL("no rule_error");
  } catch (const rule_error& e) {
    CHECK(e.problem().field == "end_date");
  }
  CHECK(rules.size() == 0);
}

TEST_CASE("A malformed code among with_codes is refused at with_codes", "[rules][scope]") {
  auth_rules rules;
  rule_scope scope;
  scope.with_codes = {"J0585-J058"};
  try {
    rules.add("P1", "64612", true, false, scope);
    FAIL("no rule_error");
  } catch (const rule_error& e) {
    CHECK(e.problem().field == "with_codes");
  }
}

TEST_CASE("Appended rules come after, and win ties", "[rules][scope]") {
  auth_rules practice, preset;
  practice.add("P1", "97110", true);
  preset.add("P1", "97110", false);
  practice.append(preset);
  CHECK(practice.size() == 2);
  CHECK_FALSE(practice.requires_auth("P1", "97110"));
}

TEST_CASE("A missing authorization names the note of the rule that requires it",
          "[validator][scope]") {
  auth_rules rules;
  rule_scope scope;
  scope.note = "Medicare OPD list (42 CFR 419.83)";
  rules.add("P1", "97140", true, false, scope);
  const auto index = index_of({make_auth()});
  const auto found = check(index, {line_of("97140", "2026-03-02")}, &rules);
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_missing});
  CHECK(contains(found[0].message, "(rule: Medicare OPD list (42 CFR 419.83))"));
}

TEST_CASE("A number that is not a 14-character UTN is unknown when the rule says UTN",
          "[validator][scope][utn]") {
  const auto rules = utn_rules();
  const auto index = index_of({make_auth("A1")});
  auto line = line_of("97110", "2026-03-02");
  line.auth_number = "A1";
  const auto found = check(index, {line}, &rules);
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_unknown});
  CHECK(found[0].carc == "284");
  CHECK(found[0].rarc == std::vector<std::string>{"N517"});
  CHECK(
      contains(found[0].message, "not a unique tracking number (2 characters where a UTN has 14)"));
}

TEST_CASE("A 14-character number under a UTN rule is judged as any number",
          "[validator][scope][utn]") {
  const auto rules = utn_rules();
  const auto index = index_of({make_auth("JA000001234567")});
  auto line = line_of("97110", "2026-03-02");
  line.auth_number = "JA000001234567";
  CHECK(check(index, {line}, &rules).empty());
}

TEST_CASE("The number format is not checked where the rule does not say UTN",
          "[validator][scope][utn]") {
  auth_rules rules;
  rules.add("P1", "97110", true);
  const auto index = index_of({make_auth("A1")});
  auto line = line_of("97110", "2026-03-02");
  line.auth_number = "A1";
  CHECK(check(index, {line}, &rules).empty());
}

TEST_CASE("Lines judged on several threads see their claim's other codes", "[validator][scope]") {
  auth_rules rules;
  rule_scope scope;
  scope.with_codes = {"J0585"};
  rules.add("P1", "64612", true, false, scope);
  const auto index = index_of({make_auth()});
  const validator checker(index, &rules, denials_only);
  std::vector<line_spec> specs;
  for (int claim = 0; claim < 3000; ++claim) {
    auto injection = line_of("64612", "2026-03-02");
    injection.claim_id = "C" + std::to_string(claim);
    specs.push_back(injection);
    if (claim % 2 == 0) {
      auto drug = line_of("J0585", "2026-03-02");
      drug.claim_id = injection.claim_id;
      drug.line = 2;
      specs.push_back(drug);
    }
  }
  collected_run collected(checker, {nullptr, 4});
  std::vector<claim_line> lines;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    lines.push_back(specs[i].view());
    if (i + 1 == specs.size() || specs[i + 1].claim_id != specs[i].claim_id) {
      collected.run.add_claim(lines);
      lines.clear();
    }
  }
  const auto found = collected.finish();
  CHECK(found.size() == 1500);
  CHECK(std::all_of(found.begin(), found.end(), [](const finding& f) {
    return f.kind == finding_kind::auth_missing && f.code == "64612" &&
           std::stoi(f.claim_id.substr(1)) % 2 == 0;
  }));
}

TEST_CASE("A payer profile that says UTN checks the numbers of every line that needs one",
          "[validator][profiles][utn]") {
  const auto profiles =
      parse_payer_profiles("payer_id,auth_number_format\nP1,utn\n", "profiles.csv");
  CHECK(profiles.number_format("P1") == auth_number_format::utn);
  CHECK(profiles.number_format("P2") == auth_number_format::any);
  const auto index = index_of({make_auth("A1")});
  validator_options options = denials_only;
  options.profiles = &profiles;
  auto line = line_of("97110", "2026-03-02");
  line.auth_number = "A1";
  const auto found = check_run(validator(index, nullptr, options), {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_unknown});
  CHECK(found[0].carc == "284");
}

TEST_CASE("A line without a number under a UTN rule is told the tracker lacks the UTN",
          "[validator][scope][utn]") {
  // Adding the tracker's A1 would be refused as no UTN: the advice must not say to add it.
  const auto rules = utn_rules();
  const auto index = index_of({make_auth("A1")});
  const auto found = check(index, {line_of("97110", "2026-03-02")}, &rules);
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_missing});
  CHECK(found[0].expected == "A1");
  CHECK(contains(found[0].message, "which A1 is not (2 characters)"));
  CHECK(contains(found[0].message, "record the UTN of the payer's decision"));
  CHECK_FALSE(contains(found[0].message, "add REF*G1 A1"));
}

TEST_CASE("A line without a number under a UTN rule is told to add a UTN on file",
          "[validator][scope][utn]") {
  const auto rules = utn_rules();
  const auto index = index_of({make_auth("JA000001234567")});
  const auto found = check(index, {line_of("97110", "2026-03-02")}, &rules);
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_missing});
  CHECK(contains(found[0].message, "add REF*G1 JA000001234567 and resubmit"));
}

TEST_CASE("A payer profile that says UTN tells a line without a number the tracker lacks it",
          "[validator][profiles][utn]") {
  const auto profiles =
      parse_payer_profiles("payer_id,auth_number_format\nP1,utn\n", "profiles.csv");
  const auto index = index_of({make_auth("A1")});
  validator_options options = denials_only;
  options.profiles = &profiles;
  const auto found =
      check_run(validator(index, nullptr, options), {line_of("97110", "2026-03-02")});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_missing});
  CHECK(contains(found[0].message, "record the UTN of the payer's decision"));
}

TEST_CASE("A UTN not on file is not told to bill the patient's number that is no UTN",
          "[validator][scope][utn]") {
  const auto rules = utn_rules();
  const auto index = index_of({make_auth("A1")});
  auto line = line_of("97110", "2026-03-02");
  line.auth_number = "JA000009999999";
  const auto found = check(index, {line}, &rules);
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_unknown});
  CHECK(found[0].expected == "a number on file");
  CHECK_FALSE(contains(found[0].message, "A1"));
}

TEST_CASE("The claim's UTN on another line is not told to add a number that is no UTN",
          "[validator][profiles][utn]") {
  const auto profiles =
      parse_payer_profiles("payer_id,auth_number_format\nP1,utn\n", "profiles.csv");
  auto mri = make_auth("JA000000072148");
  mri.code = "72148";
  const auto index = index_of({mri, make_auth("PT1")});
  validator_options options = denials_only;
  options.profiles = &profiles;
  auto line = line_of("97110", "2026-03-02");
  line.auth_number = "JA000000072148";
  line.auth_number_from_claim = true;
  const auto found = check_run(validator(index, nullptr, options), {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_missing});
  CHECK(found[0].expected == "PT1");
  CHECK(contains(found[0].message, "which PT1 is not (3 characters)"));
  CHECK_FALSE(contains(found[0].message, "add REF*G1 PT1"));
}

TEST_CASE("A rule restricted to levels of care applies only to lines billed at one of them",
          "[rules][scope]") {
  auth_rules rules;
  rule_scope scope;
  scope.levels_of_care = {level_of_care::outpatient, level_of_care::observation};
  rules.add("P1", "64612", true, false, scope);
  auto line = line_of("64612", "2026-03-02", "22");
  line.claim_type = claim_type::institutional;
  line.level_of_care = level_of_care::observation;
  CHECK(needs_auth(rules, line));
  line.level_of_care = level_of_care::inpatient;
  CHECK_FALSE(needs_auth(rules, line));
}

TEST_CASE("An 837I line without a level of care is at none, whatever its place", "[rules][scope]") {
  auth_rules rules;
  rule_scope scope;
  scope.levels_of_care = {level_of_care::outpatient};
  rules.add("P1", "64612", true, false, scope);
  auto line = line_of("64612", "2026-03-02", "22");
  CHECK(needs_auth(rules, line));  // a professional or CSV line: its place's level
  line.claim_type = claim_type::institutional;
  CHECK_FALSE(needs_auth(rules, line));  // type of bill 14x or 85x: no level
}

TEST_CASE("A place of service that is not two digits is refused by add", "[rules][scope]") {
  for (const auto* place : {"abc", "999", "1", " "}) {
    INFO(place);
    auth_rules rules;
    rule_scope scope;
    scope.places_of_service = {"19", place};
    try {
      rules.add("P1", "64490", true, false, scope);
      FAIL("no error");
    } catch (const rule_error& e) {
      CHECK(e.problem().field == "place_of_service");
      CHECK(contains(e.what(), "expected two-digit place of service codes"));
    }
    CHECK(rules.size() == 0);
  }
}
