// Level of care and service component: what a line is billed as, against what its authorization
// approves.

#include "support/builders.hpp"
#include "support/errors.hpp"

#include <authmatch/x12/place_of_service.hpp>

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;
using kinds = std::vector<finding_kind>;

namespace {

/// A1 approved for one level of care.
authorization_index approved_for(level_of_care level) {
  auto auth = make_auth();
  auth.level_of_care = level;
  return index_of({auth});
}

/// A line of A1 at place of service `place`, billed at `level` when given.
line_spec billed(std::string_view place, std::optional<level_of_care> level = std::nullopt) {
  line_spec line;
  line.auth_number = "A1";
  line.place_of_service = place;
  line.level_of_care = level;
  return line;
}

/// A1 for 72148 approved as the professional component only (modifier 26), and on
/// `type` claims when given.
authorization_index professional_component(std::optional<claim_type> type = std::nullopt) {
  auto auth = make_auth("A1", "72148");
  auth.modifiers = {"26"};
  auth.claim_type = type;
  return index_of({auth});
}

line_spec imaging(std::vector<std::string_view> modifiers,
                  std::optional<claim_type> type = std::nullopt) {
  line_spec line;
  line.auth_number = "A1";
  line.code = "72148";
  line.modifiers.assign(modifiers);
  line.claim_type = type;
  return line;
}

}  // namespace

// --- level of care ---------------------------------------------------------------------------

TEST_CASE("A line billed at another level of care is level_of_care_mismatch (CO-197 N188)",
          "[care]") {
  const auto found =
      check(approved_for(level_of_care::inpatient), {billed("22", level_of_care::observation)});
  REQUIRE(kinds_of(found) == kinds{finding_kind::level_of_care_mismatch});
  const auto& f = found[0];
  CHECK(f.group == "CO");
  CHECK(f.carc == "197");
  CHECK(f.rarc == std::vector<std::string>{"N188"});
  CHECK(f.auth_number == "A1");
  CHECK(f.expected == "inpatient");
  CHECK(f.actual == "observation");
  CHECK(f.message ==
        "Authorization A1 approves inpatient care but the line is billed as observation; bill "
        "the approved level of care, or ask the payer to change the authorization's level (an "
        "observation stay that became an admission needs an inpatient authorization).");
}

TEST_CASE("A line at the approved level of care has no level finding", "[care]") {
  CHECK(check(approved_for(level_of_care::observation), {billed("22", level_of_care::observation)})
            .empty());
}

TEST_CASE("Without a level of its own, a line is at its place of service's level", "[care]") {
  const auto found = check(approved_for(level_of_care::inpatient), {billed("22")});
  REQUIRE(kinds_of(found) == kinds{finding_kind::level_of_care_mismatch});
  CHECK(found[0].actual == "outpatient (place of service 22)");
  CHECK(check(approved_for(level_of_care::inpatient), {billed("21")}).empty());
  CHECK(kinds_of(check(approved_for(level_of_care::outpatient), {billed("21")})) ==
        kinds{finding_kind::level_of_care_mismatch});
}

TEST_CASE("A place of service with no level of care is not checked", "[care]") {
  CHECK(check(approved_for(level_of_care::inpatient), {billed("11")}).empty());
  CHECK(check(approved_for(level_of_care::inpatient), {billed("")}).empty());
}

TEST_CASE("An observation approval agrees with an outpatient place of service", "[care]") {
  // A physician bills an observation stay at place 22: the place cannot say observation.
  CHECK(check(approved_for(level_of_care::observation), {billed("22")}).empty());
  CHECK(check(approved_for(level_of_care::observation), {billed("19")}).empty());
  // An institutional claim can, and an outpatient bill is not an observation stay.
  CHECK(kinds_of(check(approved_for(level_of_care::observation),
                       {billed("22", level_of_care::outpatient)})) ==
        kinds{finding_kind::level_of_care_mismatch});
}

TEST_CASE("Places of service 21, 22 and 19 stand for levels of care, others for none", "[care]") {
  CHECK(level_of_care_at("21") == level_of_care::inpatient);
  CHECK(level_of_care_at(" 22") == level_of_care::outpatient);
  CHECK(level_of_care_at("19") == level_of_care::outpatient);
  CHECK_FALSE(level_of_care_at("11"));
  CHECK_FALSE(level_of_care_at("23"));
}

TEST_CASE("An 837I's level of care comes from its type of bill and observation lines", "[care]") {
  CHECK(x12::level_of_care_for_bill("11", false) == level_of_care::inpatient);
  CHECK(x12::level_of_care_for_bill("11", true) == level_of_care::inpatient);
  CHECK(x12::level_of_care_for_bill("13", false) == level_of_care::outpatient);
  CHECK(x12::level_of_care_for_bill("13", true) == level_of_care::observation);
  CHECK_FALSE(x12::level_of_care_for_bill("83", true));
  CHECK(x12::bills_observation("0762", "99999"));
  CHECK(x12::bills_observation("760", ""));
  CHECK(x12::bills_observation("0450", "G0378"));
  CHECK_FALSE(x12::bills_observation("0770", "99218"));
  CHECK_FALSE(x12::bills_observation("0450", ""));
}

// --- service component ------------------------------------------------------------------------

TEST_CASE("A line without a modifier its authorization requires is component_mismatch (CO-197 N54)",
          "[care]") {
  const auto found = check(professional_component(), {imaging({"TC"})});
  REQUIRE(kinds_of(found) == kinds{finding_kind::component_mismatch});
  const auto& f = found[0];
  CHECK(f.group == "CO");
  CHECK(f.carc == "197");
  CHECK(f.rarc == std::vector<std::string>{"N54"});
  CHECK(f.expected == "modifier 26");
  CHECK(f.actual == "modifiers TC");
  CHECK(f.message ==
        "Authorization A1 approves the component (modifier 26) only, but this line is billed "
        "without modifier 26; bill the approved component, or obtain a separate authorization "
        "for the other one.");
}

TEST_CASE("A line that carries the required modifier, in any case, agrees", "[care]") {
  CHECK(check(professional_component(), {imaging({"26"})}).empty());
  auto auth = make_auth("A1", "72148");
  auth.modifiers = {"tc"};
  CHECK(check(index_of({auth}), {imaging({"Tc", "59"})}).empty());
}

TEST_CASE("A line on another claim type than approved is component_mismatch", "[care]") {
  const auto found = check(professional_component(claim_type::professional),
                           {imaging({"26"}, claim_type::institutional)});
  REQUIRE(kinds_of(found) == kinds{finding_kind::component_mismatch});
  CHECK(found[0].expected == "professional claim, modifier 26");
  CHECK(found[0].actual == "institutional claim, modifiers 26");
  CHECK(found[0].message ==
        "Authorization A1 approves the professional component (modifier 26) only, but this line "
        "is billed on an institutional claim; bill the approved component, or obtain a separate "
        "authorization for the other one.");
}

TEST_CASE("A line whose claim type is not known is not checked for it", "[care]") {
  CHECK(check(professional_component(claim_type::professional), {imaging({"26"})}).empty());
}

TEST_CASE("The component and the level are matched like every other restriction", "[care]") {
  // Of two rows for the code, the one the line agrees with is chosen.
  auto facility = make_auth("A1", "72148");
  facility.claim_type = claim_type::institutional;
  auto physician = make_auth("A2", "72148");
  physician.claim_type = claim_type::professional;
  physician.modifiers = {"26"};
  const auto index = index_of({facility, physician});
  auto line = imaging({"26"}, claim_type::professional);
  line.auth_number = "";
  const auto found = check(index, {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::auth_number_missing});
  CHECK(found[0].expected == "A2");
}

// --- inputs -----------------------------------------------------------------------------------

TEST_CASE("The authorizations CSV reads level_of_care, claim_type and modifiers",
          "[care][loaders]") {
  const auto index = parse_authorizations(
      "auth_number,status,payer_id,member_id,code,effective_date,expiration_date,level_of_care,"
      "claim_type,modifiers\n"
      "A1,approved,P1,M1,72148,2026-01-01,2026-12-31,,Professional,26\n"
      "A2,approved,P1,M1,99221,2026-01-01,2026-12-31,Observation,,\n");
  const auto first = index.get(0);
  CHECK_FALSE(first.level_of_care);
  CHECK(first.claim_type == claim_type::professional);
  CHECK(first.modifiers == std::vector<std::string>{"26"});
  CHECK(index.get(1).level_of_care == level_of_care::observation);
  CHECK_FALSE(index.get(1).claim_type);
}

TEST_CASE("A level of care that is not one is an error at its position", "[care][loaders]") {
  const auto e = input_error_of([] {
    parse_authorizations(
        "auth_number,status,payer_id,member_id,code,effective_date,expiration_date,"
        "level_of_care\n"
        "A1,approved,P1,M1,99221,2026-01-01,2026-12-31,acute\n",
        "auths.csv");
  });
  REQUIRE(e);
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 8);
  CHECK(contains(e->message(), "level_of_care: 'acute' is not a level of care"));
}

TEST_CASE("A claim type that is not one is an error at its position", "[care][loaders]") {
  const auto e = input_error_of([] {
    parse_authorizations(
        "auth_number,status,payer_id,member_id,code,effective_date,expiration_date,claim_type\n"
        "A1,approved,P1,M1,72148,2026-01-01,2026-12-31,dental\n",
        "auths.csv");
  });
  REQUIRE(e);
  CHECK(e->where().column == 8);
  CHECK(contains(e->message(), "claim_type: 'dental' is not a claim type"));
}

TEST_CASE("The claim-lines CSV reads level_of_care, claim_type and referral_number",
          "[care][loaders]") {
  const auto file = claim_line_file::parse(
      "claim_id,line,member_id,payer_id,code,units,service_date,level_of_care,claim_type,"
      "referral_number\n"
      "C1,1,M1,P1,99221,1,2026-03-02,observation,institutional,R1\n"
      "C2,1,M1,P1,99221,1,2026-03-02,,,\n");
  REQUIRE(file.claims().size() == 2);
  const auto& first = file.claims()[0].lines[0];
  CHECK(first.level_of_care == level_of_care::observation);
  CHECK(first.claim_type == claim_type::institutional);
  CHECK(first.referral_number == "R1");
  const auto& second = file.claims()[1].lines[0];
  CHECK_FALSE(second.level_of_care);
  CHECK_FALSE(second.claim_type);
  CHECK(second.referral_number.empty());
}

TEST_CASE("A claim-lines row with an unknown level of care rejects its claim", "[care][loaders]") {
  const auto file = claim_line_file::parse(
      "claim_id,line,member_id,payer_id,code,units,service_date,level_of_care\n"
      "C1,1,M1,P1,99221,1,2026-03-02,emergency\n",
      "lines.csv");
  CHECK(file.claims().empty());
  REQUIRE(file.rejected().size() == 1);
  CHECK(contains(file.rejected()[0].message, "lines.csv:2:8: level_of_care: expected inpatient"));
}

TEST_CASE("An institutional line's level comes from its type of bill alone", "[care]") {
  // An 837I of a type of bill with no level (85x, critical access hospital) has a place of
  // service derived from it (22), which does not stand for a level of care.
  auto line = billed("22");
  line.claim_type = claim_type::institutional;
  CHECK(check(approved_for(level_of_care::inpatient), {line}).empty());
  line.level_of_care = level_of_care::outpatient;
  CHECK(kinds_of(check(approved_for(level_of_care::inpatient), {line})) ==
        kinds{finding_kind::level_of_care_mismatch});
}
