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
