// Payer profiles: the presets, per-kind overrides, the loader, and findings carrying the payer's
// codes in a run.

#include "support/builders.hpp"
#include "support/errors.hpp"

#include <authmatch/payer_profiles.hpp>

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;
using strings = std::vector<std::string>;

namespace {

std::string codes_text(const adjustment_codes& c) {
  std::string out = c.group + "-" + c.carc;
  for (const auto& r : c.rarc) out += " " + r;
  return out;
}

payer_profiles preset_for_p1(profile_preset preset) {
  payer_profiles profiles;
  profiles.set_preset("P1", preset);
  return profiles;
}

}  // namespace

TEST_CASE("Profiles: the default preset keeps the default codes", "[profiles]") {
  const auto profiles = preset_for_p1(profile_preset::standard);
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::auth_missing)) == "CO-197");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::auth_number_unknown)) == "CO-16 M62");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::units_exceeded)) == "CO-198 N640");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::auth_not_approved, true, true)) ==
        "CO-39");
}

TEST_CASE("Profiles: x12_strict uses 284, 296 and 302", "[profiles]") {
  const auto profiles = preset_for_p1(profile_preset::x12_strict);
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::code_mismatch)) == "CO-284 N54");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::site_mismatch)) == "CO-284 N54");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::diagnosis_mismatch)) == "CO-284 N54");
  // Without a number on the claim, the number cannot be one that "does not apply".
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::site_mismatch, false)) == "CO-197 N54");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::provider_mismatch)) == "CO-296 N54");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::auth_expired)) == "CO-302 N54");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::auth_missing)) == "CO-197");
  CHECK(profiles.deactivated_codes().empty());
}

TEST_CASE("Profiles: legacy uses 15, 62 and 165 and says they are deactivated", "[profiles]") {
  const auto profiles = preset_for_p1(profile_preset::legacy);
  for (const auto kind : {finding_kind::auth_number_missing, finding_kind::auth_number_unknown,
                          finding_kind::auth_number_mismatch, finding_kind::code_mismatch,
                          finding_kind::provider_mismatch, finding_kind::auth_expired}) {
    INFO(to_string(kind));
    CHECK(codes_text(profiles.codes_for("P1", kind)) == "CO-15");
  }
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::auth_missing)) == "CO-62");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::units_exceeded)) == "CO-62");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::referral_missing)) == "CO-165");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::site_mismatch)) == "CO-197 N54");
  CHECK(profiles.deactivated_codes() == strings{"15", "165", "62"});
  // Other payers keep the defaults.
  CHECK(codes_text(profiles.codes_for("P2", finding_kind::auth_missing)) == "CO-197");
}

TEST_CASE("Profiles: an override replaces the preset's group, CARC or remarks per kind",
          "[profiles]") {
  payer_profiles profiles;
  profiles.set_preset("P1", profile_preset::legacy);
  profiles.set_override("P1", finding_kind::auth_missing, {std::nullopt, "197", strings{"N54"}});
  profiles.set_override("P1", finding_kind::units_exceeded, {"PR", std::nullopt, std::nullopt});
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::auth_missing)) == "CO-197 N54");
  CHECK(codes_text(profiles.codes_for("P1", finding_kind::units_exceeded)) == "PR-62");
  CHECK_THROWS_AS(profiles.set_override("P1", finding_kind::units_low, {}), std::invalid_argument);
}

TEST_CASE("Profiles: * is every payer without a profile of its own", "[profiles]") {
  payer_profiles profiles;
  profiles.set_preset("*", profile_preset::legacy);
  profiles.set_preset("P2", profile_preset::standard);
  CHECK(profiles.preset("P1") == profile_preset::legacy);
  CHECK(profiles.preset("P2") == profile_preset::standard);
  CHECK(codes_text(profiles.codes_for("P9", finding_kind::auth_missing)) == "CO-62");
}

TEST_CASE("Profiles: the loader reads presets, overrides and decision windows", "[profiles]") {
  const auto profiles = parse_payer_profiles(
      "payer_id,preset,kind,group,carc,rarc,decision_window\n"
      "61101,legacy,,,,,\n"
      "61101,,auth_missing,CO,197,N54|M62,\n"
      "61101,,,,,,72h\n"
      "87726,x12_strict,,,,,14d\n"
      "*,,,,,,7\n",
      "profiles.csv");
  CHECK(profiles.preset("61101") == profile_preset::legacy);
  CHECK(profiles.preset("87726") == profile_preset::x12_strict);
  CHECK(codes_text(profiles.codes_for("61101", finding_kind::auth_missing)) == "CO-197 N54 M62");
  CHECK(profiles.decision_window("61101") == std::chrono::hours(72));
  CHECK(profiles.decision_window("87726") == std::chrono::hours(14 * 24));
  CHECK(profiles.decision_window("99999") == std::chrono::hours(7 * 24));
  CHECK(profiles.payers() == strings{"*", "61101", "87726"});
}

TEST_CASE("Profiles: a bad row is refused with its line and column", "[profiles]") {
  struct bad {
    const char* row;
    std::size_t column;
    const char* says;
  };
  const bad b = GENERATE(values<bad>({
      {"61101,modern,,,,,", 2, "not a preset"},
      {"61101,,auth_gone,CO,197,,", 3, "not a finding kind"},
      {"61101,,auth_missing,XX,197,,", 4, "not a claim adjustment group"},
      {"61101,,auth_missing,CO,1977,,", 5, "not a claim adjustment reason code"},
      {"61101,,auth_missing,CO,197,N-54,", 6, "not a remark code"},
      {"61101,,,,,,soon", 7, "not a decision window"},
      {"61101,,units_low,CO,197,,", 3, "no adjustment codes"},
      {"61101,,,CO,197,,", 4, "codes without a kind"},
      {"61101,,,,,,", 1, "the row sets nothing"},
      {",legacy,,,,,", 1, "payer ID is empty"},
  }));
  const auto error = input_error_of([&] {
    static_cast<void>(parse_payer_profiles(
        std::string("payer_id,preset,kind,group,carc,rarc,decision_window\n") + b.row + "\n",
        "profiles.csv"));
  });
  REQUIRE(error);
  CHECK(error->where().line == 2);
  CHECK(error->where().column == b.column);
  CHECK_THAT(error->what(), Catch::Contains(b.says));
}

TEST_CASE("Profiles: two presets for one payer are refused", "[profiles]") {
  const auto error = input_error_of([] {
    static_cast<void>(parse_payer_profiles("payer_id,preset\n61101,legacy\n61101,x12_strict\n"));
  });
  REQUIRE(error);
  CHECK(error->where().line == 3);
  CHECK_THAT(error->what(), Catch::Contains("preset legacy on an earlier row"));
}

TEST_CASE("Profiles: findings of a run carry the payer's codes", "[profiles]") {
  const auto index = index_of({make_auth("A1", "97110")});
  line_spec wrong_code;
  wrong_code.code = "97140";
  wrong_code.auth_number = "A1";
  line_spec unknown;
  unknown.claim_id = "C2";
  unknown.auth_number = "ZZ9";
  line_spec missing;
  missing.claim_id = "C3";
  missing.payer_id = "P2";
  missing.member_id = "M2";

  const auto with = [&](const payer_profiles* profiles) {
    validator_options options = denials_only;
    options.profiles = profiles;
    return check(index, {wrong_code, unknown, missing}, nullptr, options);
  };
  const auto defaults = with(nullptr);
  REQUIRE(defaults.size() == 3);
  CHECK(defaults[0].carc == "197");
  CHECK(defaults[1].carc == "16");

  const auto strict = preset_for_p1(profile_preset::x12_strict);
  const auto found_strict = with(&strict);
  REQUIRE(found_strict.size() == 3);
  CHECK(found_strict[0].kind == finding_kind::code_mismatch);
  CHECK(found_strict[0].carc == "284");
  CHECK(found_strict[1].carc == "16");
  CHECK(found_strict[2].carc == "197");  // payer P2 has no profile

  const auto legacy = preset_for_p1(profile_preset::legacy);
  const auto found_legacy = with(&legacy);
  REQUIRE(found_legacy.size() == 3);
  CHECK(found_legacy[0].carc == "15");
  CHECK(found_legacy[0].rarc.empty());
  CHECK(found_legacy[1].kind == finding_kind::auth_number_unknown);
  CHECK(found_legacy[1].carc == "15");
  CHECK(found_legacy[2].carc == "197");
}

TEST_CASE("Profiles: units settled at the end of a run carry the payer's codes too", "[profiles]") {
  auto auth = make_auth();
  auth.units = decimal::from_integer(1);
  const auto index = index_of({auth});
  line_spec first, second;
  first.auth_number = second.auth_number = "A1";
  second.claim_id = "C2";
  second.service_date = day("2026-03-03");
  const auto legacy = preset_for_p1(profile_preset::legacy);
  validator_options options = denials_only;
  options.profiles = &legacy;
  const auto exceeded =
      only(check(index, {first, second}, nullptr, options), finding_kind::units_exceeded);
  REQUIRE(exceeded.size() == 1);
  CHECK(exceeded[0].carc == "62");
}
