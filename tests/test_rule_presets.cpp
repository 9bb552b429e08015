// The presets of published authorization lists: each loads, and says what its list says.

#include "support/builders.hpp"

#include <authmatch/rule_presets.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// A line of Medicare payer 04112 on an outpatient hospital claim (837I of type of bill 13x:
/// place 22, level of care outpatient).
line_spec outpatient(std::string_view code, std::string_view date = "2026-03-02") {
  line_spec l;
  l.payer_id = "04112";
  l.code = code;
  l.service_date = day(date);
  l.place_of_service = "22";
  l.claim_type = claim_type::institutional;
  l.level_of_care = level_of_care::outpatient;
  return l;
}

/// A line of payer 04112 on a professional claim (837P) at a place of service.
line_spec professional(std::string_view code, std::string_view place,
                       std::string_view date = "2026-03-02") {
  auto l = outpatient(code, date);
  l.claim_type = claim_type::professional;
  l.level_of_care.reset();
  l.place_of_service = place;
  return l;
}

/// Whether the preset, made for payer 04112, requires authorization for the first line of a
/// claim of these lines.
bool needs_auth(std::string_view preset, const std::vector<line_spec>& claim) {
  const auto rules = rule_preset_rules(find_rule_preset(preset), "04112");
  std::vector<claim_line> lines;
  for (const auto& l : claim) lines.push_back(l.view());
  const auto index = index_of({make_auth()});
  const validator checker(index, &rules);
  return checker.requires_auth(lines.front(), lines);
}

}  // namespace

TEST_CASE("Each preset loads, with its codes, sources and the day they were read", "[presets]") {
  const auto presets = rule_presets();
  std::vector<std::string> names;
  for (const auto& preset : presets) {
    names.push_back(preset.name);
    INFO(preset.name);
    const auto rules = rule_preset_rules(preset, "04112");
    CHECK(rules.size() >= preset.codes);
    CHECK_FALSE(preset.sources.empty());
    CHECK_FALSE(preset.title.empty());
    CHECK(preset.read_on.is_set());
    CHECK(preset.number_format == auth_number_format::utn);
  }
  CHECK(names == std::vector<std::string>{"medicare-asc-demo", "medicare-dmepos", "medicare-opd",
                                          "medicare-wiser"});
}

TEST_CASE("Each preset has the rows and codes of its list", "[presets]") {
  // name, rows, codes: a data edit that drops or adds a code changes these.
  const auto [name, rows, codes] = GENERATE(table<std::string, std::size_t, std::size_t>({
      {"medicare-asc-demo", 36, 36},
      {"medicare-dmepos", 78, 78},
      {"medicare-opd", 49, 49},
      {"medicare-wiser", 78, 39},  // two rows a code: professional places, and 837I 13x
  }));
  INFO(name);
  const auto& preset = find_rule_preset(name);
  CHECK(rule_preset_rules(preset, "04112").size() == rows);
  CHECK(preset.codes == codes);
}

TEST_CASE("A preset's CSV names the practice's payer on every row", "[presets]") {
  const auto csv = rule_preset_csv(find_rule_preset("medicare-opd"), " 04112 ");
  CHECK(csv.starts_with("payer_id,code,requires_auth,"));
  CHECK(contains(
      csv,
      "\n04112,64612,yes,2020-07-01,,19|22,outpatient|observation,institutional,J0585-J0588,utn,"));
  CHECK_FALSE(contains(csv, "\n*,"));
}

TEST_CASE("A preset needs a payer ID of its own", "[presets]") {
  const auto& preset = find_rule_preset("medicare-opd");
  CHECK_THROWS_AS(rule_preset_csv(preset, "*"), std::invalid_argument);
  CHECK_THROWS_AS(rule_preset_csv(preset, " "), std::invalid_argument);
}

TEST_CASE("An unknown preset is refused with the names of the presets", "[presets]") {
  try {
    find_rule_preset("medicare-xyz");
    FAIL("no error");
  } catch (const std::invalid_argument& e) {
    CHECK(contains(e.what(), "medicare-opd"));
  }
}

TEST_CASE("Botulinum toxin in an outpatient department needs authorization with J0585 only",
          "[presets][opd]") {
  CHECK(needs_auth("medicare-opd", {outpatient("64612"), outpatient("J0585")}));
  CHECK_FALSE(needs_auth("medicare-opd", {outpatient("64612")}));
  CHECK_FALSE(needs_auth("medicare-opd", {outpatient("64612"), outpatient("J0897")}));
}

TEST_CASE("An OPD code on a professional office claim needs no authorization", "[presets][opd]") {
  auto office = outpatient("15823");
  office.claim_type = claim_type::professional;
  office.place_of_service = "11";
  CHECK(needs_auth("medicare-opd", {outpatient("15823")}));
  CHECK_FALSE(needs_auth("medicare-opd", {office}));
}

TEST_CASE("OPD botulinum toxin on an 837I that is not of type of bill 13x needs no authorization",
          "[presets][opd]") {
  // A type of bill 14x or 85x claim reads as place 22 with no level of care.
  auto toxin = outpatient("64612");
  auto drug = outpatient("J0585");
  toxin.level_of_care.reset();
  drug.level_of_care.reset();
  CHECK_FALSE(needs_auth("medicare-opd", {toxin, drug}));
}

TEST_CASE("An OPD code taken off the list needs authorization only before", "[presets][opd]") {
  CHECK(needs_auth("medicare-opd", {outpatient("64492", "2024-08-04")}));
  CHECK_FALSE(needs_auth("medicare-opd", {outpatient("64492", "2024-08-05")}));
}

TEST_CASE("A DMEPOS item needs authorization from the day it joins the list", "[presets][dmepos]") {
  auto brace = outpatient("L0651", "2026-04-12");
  CHECK_FALSE(needs_auth("medicare-dmepos", {brace}));
  brace.service_date = day("2026-04-13");
  CHECK(needs_auth("medicare-dmepos", {brace}));
}

TEST_CASE("A DMEPOS item on the list before 2024 needs authorization from the day it joined",
          "[presets][dmepos]") {
  const auto [code, first_day, day_before] = GENERATE(table<std::string, std::string, std::string>({
      {"K0856", "2017-03-20", "2017-03-19"},  // group 3 power wheelchairs, first two
      {"K0813", "2018-09-01", "2018-08-31"},  // 31 power mobility devices
      {"K0857", "2019-07-22", "2019-07-21"},  // the other group 3 power wheelchairs
      {"E0193", "2019-07-22", "2019-07-21"},  // pressure reducing support surfaces
      {"L5856", "2020-09-01", "2020-08-31"},  // lower limb prostheses
      {"K0800", "2022-04-13", "2022-04-12"},  // power operated vehicles
      {"L1832", "2022-04-13", "2022-04-12"},  // the first orthoses
  }));
  INFO(code);
  CHECK_FALSE(needs_auth("medicare-dmepos", {outpatient(code, day_before)}));
  CHECK(needs_auth("medicare-dmepos", {outpatient(code, first_day)}));
}

TEST_CASE("An ASC demonstration code needs authorization at an ASC only", "[presets][asc]") {
  auto asc = outpatient("30400");
  asc.claim_type = claim_type::professional;
  asc.place_of_service = "24";
  CHECK(needs_auth("medicare-asc-demo", {asc}));
  asc.service_date = day("2026-01-18");
  CHECK_FALSE(needs_auth("medicare-asc-demo", {asc}));
  CHECK_FALSE(needs_auth("medicare-asc-demo", {outpatient("30400")}));
}

TEST_CASE("WISeR codes need authorization in the model's years only", "[presets][wiser]") {
  CHECK(needs_auth("medicare-wiser", {outpatient("64568", "2026-01-01")}));
  CHECK_FALSE(needs_auth("medicare-wiser", {outpatient("64568", "2025-12-31")}));
  CHECK_FALSE(needs_auth("medicare-wiser", {outpatient("64568", "2032-01-01")}));
}

TEST_CASE("A WISeR code needs authorization in an office, not in an inpatient hospital",
          "[presets][wiser]") {
  CHECK(needs_auth("medicare-wiser", {professional("64568", "11")}));
  CHECK_FALSE(needs_auth("medicare-wiser", {professional("64568", "21")}));
}

TEST_CASE("A WISeR code on a physician's claim at an outpatient hospital needs no authorization",
          "[presets][wiser]") {
  // The tracking number goes on the facility's claim (837I 13x) only.
  CHECK_FALSE(needs_auth("medicare-wiser", {professional("64568", "22")}));
}

TEST_CASE("A WISeR code on an inpatient 837I needs no authorization", "[presets][wiser]") {
  auto inpatient = outpatient("64568");
  inpatient.place_of_service = "21";
  inpatient.level_of_care = level_of_care::inpatient;
  CHECK_FALSE(needs_auth("medicare-wiser", {inpatient}));
}

TEST_CASE("A preset's line missing its authorization names the list", "[presets][opd]") {
  const auto rules = rule_preset_rules(find_rule_preset("medicare-opd"), "04112");
  const auto index = index_of({make_auth()});
  const auto found = check(index, {outpatient("22551")}, &rules);
  REQUIRE(kinds_of(found) == std::vector{finding_kind::auth_missing});
  CHECK(contains(found[0].message,
                 "(rule: Medicare OPD prior authorization list (42 CFR 419.83): cervical fusion"));
}
