// Referrals: which lines need one, which referral covers a line, its number on the claim, and
// its visits used in date order across claims and runs.

#include "support/builders.hpp"
#include "support/errors.hpp"
#include "support/scratch_ledger.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;
using kinds = std::vector<finding_kind>;

namespace {

/// Referral R1 of member M1 with payer P1: any code, 3 visits, all of 2026, to the therapist.
authorization make_referral(std::string_view number = "R1") {
  authorization r = make_auth(number, "*");
  r.type = auth_type::referral;
  r.units = decimal::from_integer(3);
  r.unit_type = unit_type::visits;
  r.rendering_npis = {std::string(therapist_npi)};
  return r;
}

/// Every code of every payer needs an authorization; P1's need a referral too.
auth_rules referral_rules() {
  auth_rules rules;
  rules.add("*", "*", true);
  rules.add("P1", "*", true, true);
  return rules;
}

/// A line of claim `id` on `iso` that carries authorization A1 and referral R1.
line_spec visit(std::string_view id, std::string_view iso = "2026-03-02") {
  line_spec line;
  line.claim_id = id;
  line.auth_number = "A1";
  line.referral_number = "R1";
  line.service_date = day(iso);
  return line;
}

struct fixture {
  authorization_index index = index_of({make_auth(), make_referral()});
  auth_rules rules = referral_rules();
  validator checker{index, &rules, denials_only};

  std::vector<finding> check(const std::vector<line_spec>& lines) {
    return check_run(checker, lines);
  }
};

}  // namespace

// --- which lines need a referral ----------------------------------------------------------------

TEST_CASE("A line covered by a referral whose number the claim carries has no referral finding",
          "[referrals]") {
  fixture f;
  CHECK(f.check({visit("C1")}).empty());
}

TEST_CASE("Without rules no line needs a referral", "[referrals]") {
  const auto index = index_of({make_auth()});
  auto line = visit("C1");
  line.referral_number = "";
  CHECK(check(index, {line}).empty());
}

TEST_CASE("A rule's requires_referral answers for its payer and codes only", "[referrals]") {
  const auto rules = referral_rules();
  CHECK(rules.requires_referral("P1", "97110"));
  CHECK(rules.requires_auth("P1", "97110"));
  CHECK_FALSE(rules.requires_referral("P2", "97110"));
  CHECK(rules.requires_auth("P2", "97110"));
}

TEST_CASE("A line that needs a referral, with none on file, is referral_missing (CO-288)",
          "[referrals]") {
  const auto index = index_of({make_auth()});
  const auto rules = referral_rules();
  auto line = visit("C1");
  line.referral_number = "";
  const auto found = check(index, {line}, &rules);
  REQUIRE(kinds_of(found) == kinds{finding_kind::referral_missing});
  const auto& r = found[0];
  CHECK(r.group == "CO");
  CHECK(r.carc == "288");
  CHECK(r.rarc.empty());
  CHECK_FALSE(r.auth_number);
  CHECK(r.expected == "a referral covering 97110 on 2026-03-02");
  CHECK(r.actual == "none on file");
  CHECK(r.message ==
        "No referral on file covers 97110 on 2026-03-02 for member M1 with payer P1; obtain a "
        "referral from the patient's primary care provider before the visit.");
}

TEST_CASE("A referral that ended before the service does not cover it, and says so",
          "[referrals]") {
  fixture f;
  const auto found = f.check({visit("C1", "2027-01-04")});
  // The authorization has expired too; the referral's finding names its own end.
  const auto missing = only(found, finding_kind::referral_missing);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].actual == "referral R1 ended on 2026-12-31");
  CHECK(contains(missing[0].message, "(referral R1 ended on 2026-12-31)"));
}

TEST_CASE("A referral to another provider does not cover the line", "[referrals]") {
  fixture f;
  auto line = visit("C1");
  line.rendering_npi = other_npi;
  line.billing_npi = other_npi;
  const auto missing = only(f.check({line}), finding_kind::referral_missing);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].actual == "referral R1 is to " + std::string(therapist_npi));
}

TEST_CASE("A pending referral does not cover the line", "[referrals]") {
  auto referral = make_referral();
  referral.status = auth_status::pending;
  const auto index = index_of({make_auth(), referral});
  const auto rules = referral_rules();
  const auto found = check(index, {visit("C1")}, &rules);
  REQUIRE(kinds_of(found) == kinds{finding_kind::referral_missing});
  CHECK(found[0].actual == "referral R1 is pending");
}

TEST_CASE("A referral for one code does not cover another", "[referrals]") {
  auto referral = make_referral();
  referral.code = "97140";
  const auto index = index_of({make_auth(), referral});
  const auto rules = referral_rules();
  CHECK(kinds_of(check(index, {visit("C1")}, &rules)) == kinds{finding_kind::referral_missing});
}

// --- the number on the claim ------------------------------------------------------------------

TEST_CASE("A covering referral the claim does not carry is referral_number_missing (CO-16 N54)",
          "[referrals]") {
  fixture f;
  auto line = visit("C1");
  line.referral_number = "";
  const auto found = f.check({line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::referral_number_missing});
  const auto& r = found[0];
  CHECK(r.group == "CO");
  CHECK(r.carc == "16");
  CHECK(r.rarc == std::vector<std::string>{"N54"});
  CHECK(r.auth_number == "R1");
  CHECK(r.expected == "R1");
  CHECK(r.actual == "none");
  CHECK(r.message ==
        "Referral R1 covers this line but the claim does not carry it; add REF*9F R1 and "
        "resubmit.");
}

TEST_CASE("A claim that carries another referral's number is told which one covers the line",
          "[referrals]") {
  auto old_referral = make_referral("R0");
  old_referral.expiration_date = day("2026-01-31");
  const auto index = index_of({make_auth(), old_referral, make_referral()});
  const auto rules = referral_rules();
  auto line = visit("C1");
  line.referral_number = "r0";
  const auto found = check(index, {line}, &rules);
  REQUIRE(kinds_of(found) == kinds{finding_kind::referral_number_missing});
  CHECK(found[0].actual == "R0");
  CHECK(found[0].message ==
        "The claim carries referral R0, which does not cover this line; referral R1 does: put "
        "REF*9F R1 on the claim and resubmit.");
}

TEST_CASE("Of two covering referrals, the one the claim carries is used", "[referrals]") {
  const auto index = index_of({make_auth(), make_referral("R1"), make_referral("R2")});
  const auto rules = referral_rules();
  auto line = visit("C1");
  line.referral_number = "R2";
  CHECK(check(index, {line}, &rules).empty());
}

TEST_CASE("A referral number in REF*G1 is not an authorization number", "[referrals]") {
  fixture f;
  auto line = visit("C1");
  line.auth_number = "R1";
  const auto found = only(f.check({line}), finding_kind::auth_number_unknown);
  REQUIRE(found.size() == 1);
  CHECK(found[0].expected == "A1");
  CHECK(found[0].message ==
        "R1 is a referral number, not an authorization number; carry it in REF*9F and put the "
        "authorization's number in REF*G1 (A1).");
}

// --- referrals and authorizations stand apart ---------------------------------------------------

TEST_CASE("A referral does not satisfy an authorization requirement", "[referrals]") {
  const auto index = index_of({make_referral()});
  const auto rules = referral_rules();
  auto line = visit("C1");
  line.auth_number = "";
  CHECK(kinds_of(check(index, {line}, &rules)) == kinds{finding_kind::auth_missing});
}

TEST_CASE("An authorization does not satisfy a referral requirement", "[referrals]") {
  const auto index = index_of({make_auth("A1", "97110")});
  const auto rules = referral_rules();
  auto line = visit("C1");
  line.referral_number = "";
  CHECK(kinds_of(check(index, {line}, &rules)) == kinds{finding_kind::referral_missing});
}

TEST_CASE("Only a referral may name any code (*)", "[referrals]") {
  authorization_index index;
  try {
    index.add(make_auth("A1", "*"));
    FAIL("no authorization_error");
  } catch (const authorization_error& e) {
    CHECK(e.problem().field == "code");
  }
  CHECK(index.empty());
}

TEST_CASE("One number is an authorization or a referral, not both", "[referrals]") {
  authorization_index index;
  index.add(make_auth("A1"));
  try {
    index.add(make_referral("A1"));
    FAIL("no authorization_error");
  } catch (const authorization_error& e) {
    CHECK(e.problem().field == "type");
    CHECK(contains(e.problem().message, "A1 is already on file as authorization"));
  }
}

TEST_CASE("Referrals are looked up by patient, authorizations by patient and code",
          "[referrals][index]") {
  const auto index = index_of({make_auth(), make_referral()});
  CHECK(index.rows_for("P1", "M1", "*").empty());
  CHECK(index.rows_of_member("M1").size() == 1);
  REQUIRE(index.referrals_of("P1", "M1").size() == 1);
  CHECK(index.get(index.referrals_of("P1", "M1")[0]).type == auth_type::referral);
  CHECK(index.rows_with_number("R1").size() == 1);
}

// --- visits ---------------------------------------------------------------------------------

TEST_CASE("A referral's visits are used in date order: the visit past the count is exceeded",
          "[referrals]") {
  fixture f;
  // Four days of service in four claims, sent latest first: the latest day is the fourth visit.
  const auto found = f.check({visit("C4", "2026-03-23"), visit("C3", "2026-03-16"),
                              visit("C2", "2026-03-09"), visit("C1", "2026-03-02")});
  const auto exceeded = only(found, finding_kind::referral_exceeded);
  REQUIRE(exceeded.size() == 1);
  const auto& r = exceeded[0];
  CHECK(r.claim_id == "C4");
  CHECK(r.group == "CO");
  CHECK(r.carc == "287");
  CHECK(r.auth_number == "R1");
  CHECK(r.code == "97110");  // the line's code, not the referral's *
  CHECK(r.expected == "at most 0 visits");
  CHECK(r.actual == "1 visit");
  CHECK(r.message ==
        "A new day of service billed (2026-03-23) but 0 visits remaining on referral R1 for "
        "97110; the excess of 1 visit will deny: ask the patient's primary care provider for a "
        "new referral.");
  CHECK(found.size() == 1);
}

TEST_CASE("Two lines on one day are one visit of a referral", "[referrals]") {
  fixture f;
  auto second = visit("C1", "2026-03-02");
  second.line = 2;
  second.code = "97140";
  f.index.add(make_auth("A2", "97140"));
  second.auth_number = "A2";
  CHECK(f.check({visit("C1", "2026-03-02"), second, visit("C2", "2026-03-09"),
                 visit("C3", "2026-03-16")})
            .empty());
}

TEST_CASE("A line past both its units and its referral's visits counts its charge once",
          "[referrals]") {
  auto auth = make_auth();
  auth.units = decimal::from_integer(1);
  auto referral = make_referral();
  referral.units = decimal::from_integer(1);
  const auto index = index_of({auth, referral});
  const auto rules = referral_rules();
  const validator checker(index, &rules, denials_only);
  collected_run run(checker);
  for (const auto& line : {visit("C1", "2026-03-02"), visit("C2", "2026-03-09")}) {
    const auto view = line.view();
    run.run.add_claim({&view, 1});
  }
  const auto found = run.finish();
  CHECK(kinds_of(found) == kinds{finding_kind::units_exceeded, finding_kind::referral_exceeded});
  CHECK(run.summary.charge_at_risk == decimal::from_integer(100));
}

TEST_CASE("A line past its units and its referral's visits in a joined part counts its charge once",
          "[referrals][parts]") {
  auto auth = make_auth();
  auth.units = decimal::from_integer(1);
  auto referral = make_referral();
  referral.units = decimal::from_integer(1);
  const auto index = index_of({auth, referral});
  const auto rules = referral_rules();
  const validator checker(index, &rules, denials_only);
  validation_run part(checker, [](finding&) { FAIL("a part hands out no finding"); });
  for (const auto& line : {visit("C1", "2026-03-02"), visit("C2", "2026-03-09")}) {
    const auto view = line.view();
    part.add_claim({&view, 1});
  }
  const auto bytes = std::move(part).finish_part();
  collected_run run(checker);
  run.run.add_part(bytes);
  const auto found = run.finish();
  CHECK(kinds_of(found) == kinds{finding_kind::units_exceeded, finding_kind::referral_exceeded});
  CHECK(run.summary.charge_at_risk == decimal::from_integer(100));
}

TEST_CASE("A referral's visits recorded by an earlier run count in the next", "[referrals]") {
  fixture f;
  scratch_ledger file;
  {
    auto ledger = file.open();
    CHECK(check_run(f.checker, {visit("C1", "2026-03-02"), visit("C2", "2026-03-09")}, &ledger)
              .empty());
  }
  auto ledger = file.open();
  const auto found =
      check_run(f.checker, {visit("C3", "2026-03-16"), visit("C4", "2026-03-23")}, &ledger);
  REQUIRE(kinds_of(found) == kinds{finding_kind::referral_exceeded});
  CHECK(found[0].claim_id == "C4");
}

TEST_CASE("A void releases the visits its original used of a referral", "[referrals]") {
  fixture f;
  auto voided = visit("V1", "2026-03-09");
  voided.frequency = claim_frequency::void_claim;
  voided.original_claim_id = "C2";
  const auto found = f.check({visit("C1", "2026-03-02"), visit("C2", "2026-03-09"),
                              visit("C3", "2026-03-16"), voided, visit("C4", "2026-03-23")});
  CHECK(only(found, finding_kind::referral_exceeded).empty());
}

// --- the rules file ---------------------------------------------------------------------------

TEST_CASE("The rules CSV reads requires_referral, empty meaning no", "[referrals][loaders]") {
  const auto rules = parse_auth_rules(
      "payer_id,code,requires_auth,requires_referral\n"
      "*,*,yes,\n"
      "P1,9*,yes,Yes\n");
  CHECK(rules.requires_referral("P1", "97110"));
  CHECK_FALSE(rules.requires_referral("P1", "70551"));
  CHECK_FALSE(rules.requires_referral("P2", "97110"));
}

TEST_CASE("A requires_referral other than yes or no is an error at its position",
          "[referrals][loaders]") {
  const auto e = input_error_of([] {
    parse_auth_rules("payer_id,code,requires_auth,requires_referral\nP1,*,yes,maybe\n",
                     "rules.csv");
  });
  REQUIRE(e);
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 4);
  CHECK(contains(e->message(), "requires_referral: 'maybe' is not yes or no"));
}

TEST_CASE("The authorizations CSV reads referral rows", "[referrals][loaders]") {
  const auto index = parse_authorizations(
      "auth_number,type,status,payer_id,member_id,code,units,unit_type,effective_date,"
      "expiration_date,rendering_npi\n"
      "A1,,approved,P1,M1,97110,12,,2026-01-01,2026-12-31,\n"
      "R1,Referral,approved,P1,M1,*,6,visits,2026-01-01,2026-06-30,1987654328\n");
  REQUIRE(index.referrals_of("P1", "M1").size() == 1);
  const auto referral = index.get(index.referrals_of("P1", "M1")[0]);
  CHECK(referral.code == "*");
  CHECK(referral.unit_type == unit_type::visits);
  CHECK(index.get(0).type == auth_type::authorization);
}

TEST_CASE("A type other than authorization or referral is an error at its position",
          "[referrals][loaders]") {
  const auto e = input_error_of([] {
    parse_authorizations(
        "auth_number,type,status,payer_id,member_id,code,effective_date,expiration_date\n"
        "R1,consult,approved,P1,M1,*,2026-01-01,2026-06-30\n",
        "auths.csv");
  });
  REQUIRE(e);
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 2);
  CHECK(contains(e->message(), "type: 'consult' is not a type"));
}
