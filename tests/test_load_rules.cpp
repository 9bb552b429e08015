#include "support/builders.hpp"
#include "support/errors.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

TEST_CASE("A rules file loads yes and no answers", "[loaders][rules]") {
  const auto rules = parse_auth_rules("payer_id,code,requires_auth\n*,97*,yes\nP1,97750,No\n");
  CHECK(rules.size() == 2);
  CHECK(rules.requires_auth("P2", "97750"));
  CHECK_FALSE(rules.requires_auth("P1", "97750"));
}

TEST_CASE("A requires_auth other than yes or no is an error at its column", "[loaders][rules]") {
  const auto e = input_error_of(
      [] { parse_auth_rules("payer_id,code,requires_auth\n*,97*,perhaps\n", "rules.csv"); });
  REQUIRE(e);
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 3);
}

TEST_CASE("A malformed code pattern is an error at the code column", "[loaders][rules]") {
  const auto e = input_error_of(
      [] { parse_auth_rules("code,payer_id,requires_auth\n70000-7999,*,yes\n", "rules.csv"); });
  REQUIRE(e);
  CHECK(e->where().column == 1);
  CHECK(contains(e->message(), "70000-7999"));
}

TEST_CASE("An empty payer_id is an error at the payer_id column", "[loaders][rules]") {
  const auto e = input_error_of(
      [] { parse_auth_rules("code,payer_id,requires_auth\n97110,,yes\n", "rules.csv"); });
  REQUIRE(e);
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 2);
  CHECK(contains(e->message(), "payer_id is empty (use * for every payer)"));
}

TEST_CASE("The bundled example rules load", "[loaders][rules]") {
  const auto rules = load_auth_rules(AUTHMATCH_EXAMPLES_DIR "/rules.csv");
  CHECK(rules.requires_auth("77350", "70551"));
  CHECK_FALSE(rules.requires_auth("61101", "99213"));
}

TEST_CASE("A rules file loads the optional scope columns", "[loaders][rules]") {
  const auto rules = parse_auth_rules(
      "payer_id,code,requires_auth,effective_date,end_date,place_of_service,claim_type,"
      "with_codes,note,auth_number_format\n"
      "04112,64612,yes,2020-07-01,,19|22,Institutional,J0585-J0588|J0597,OPD list,UTN\n");
  REQUIRE(rules.size() == 1);
  const auto& scope = rules.rules()[0].scope;
  CHECK(scope.effective_date == day("2020-07-01"));
  CHECK_FALSE(scope.end_date.is_set());
  CHECK(scope.places_of_service == std::vector<std::string>{"19", "22"});
  CHECK(scope.claim_type == claim_type::institutional);
  CHECK(rules.rules()[0].with_codes.size() == 2);
  CHECK(scope.note == "OPD list");
  CHECK(scope.number_format == auth_number_format::utn);
}

TEST_CASE("A bad scope value is an error at its column", "[loaders][rules]") {
  const auto column_of = [](std::string_view row) {
    const auto e = input_error_of([&] {
      parse_auth_rules(
          "payer_id,code,requires_auth,effective_date,end_date,claim_type,"
          "with_codes,auth_number_format\n" +
              std::string(row) + "\n",
          "rules.csv");
    });
    REQUIRE(e);
    CHECK(e->where().line == 2);
    return e->where().column;
  };
  CHECK(column_of("P1,97110,yes,2026-02-30,,,,") == 4);
  CHECK(column_of("P1,97110,yes,2026-07-01,2026-06-30,,,") == 5);
  CHECK(column_of("P1,97110,yes,,,facility,,") == 6);
  CHECK(column_of("P1,97110,yes,,,,J1-J22,") == 7);
  CHECK(column_of("P1,97110,yes,,,,,14") == 8);
}

TEST_CASE("A place of service that is not two digits is an error at its column",
          "[loaders][rules]") {
  const auto refusal = [](std::string_view places) {
    const auto e = input_error_of([&] {
      parse_auth_rules(
          "payer_id,code,requires_auth,place_of_service\nP1,97110,yes,11\nP1,64490,yes," +
              std::string(places) + "\n",
          "rules.csv");
    });
    REQUIRE(e);
    CHECK(e->where().file == "rules.csv");
    CHECK(e->where().line == 3);
    CHECK(e->where().column == 4);
    CHECK(contains(e->message(), "expected two-digit place of service codes, |-separated"));
    return e->message();
  };
  CHECK(contains(refusal("abc"), "abc"));
  CHECK(contains(refusal("999"), "999"));
  CHECK(contains(refusal("19|1"), "'1'"));
  CHECK(contains(refusal("19|"), "a place of service is empty"));
}

TEST_CASE("A rules file loads the levels of care a rule applies at", "[loaders][rules]") {
  const auto rules = parse_auth_rules(
      "payer_id,code,requires_auth,level_of_care\nP1,64612,yes,Outpatient|observation\n");
  REQUIRE(rules.size() == 1);
  CHECK(rules.rules()[0].scope.levels_of_care ==
        std::vector{level_of_care::outpatient, level_of_care::observation});
}

TEST_CASE(
    "A level of care other than inpatient, observation or outpatient is an error at its "
    "column",
    "[loaders][rules]") {
  const auto e = input_error_of([] {
    parse_auth_rules("payer_id,code,requires_auth,level_of_care\nP1,64612,yes,outpatient|er\n",
                     "rules.csv");
  });
  REQUIRE(e);
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 4);
}
