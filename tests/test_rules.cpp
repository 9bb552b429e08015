// Which payer and code pairs require authorization: the most specific rule wins.

#include <authmatch/auth_rules.hpp>
#include <authmatch/validator.hpp>

#include <catch2/catch.hpp>

using authmatch::auth_rules;

TEST_CASE("A code no rule covers does not require authorization", "[rules]") {
  auth_rules rules;
  rules.add("*", "97110", true);
  CHECK_FALSE(rules.requires_auth("P1", "99213"));
}

TEST_CASE("An exact payer rule wins over a rule for every payer", "[rules]") {
  auth_rules rules;
  rules.add("P1", "*", false);
  rules.add("*", "97110", true);
  CHECK_FALSE(rules.requires_auth("P1", "97110"));
  CHECK(rules.requires_auth("P2", "97110"));
}

TEST_CASE("An exact code wins over a range, a range over a prefix, a prefix over *", "[rules]") {
  auth_rules rules;
  rules.add("*", "*", true);
  rules.add("*", "7*", false);
  rules.add("*", "70000-70999", true);
  rules.add("*", "70551", false);
  CHECK(rules.requires_auth("P1", "99213"));        // *
  CHECK_FALSE(rules.requires_auth("P1", "74177"));  // prefix
  CHECK(rules.requires_auth("P1", "70450"));        // range
  CHECK_FALSE(rules.requires_auth("P1", "70551"));  // exact
}

TEST_CASE("A range matches only codes of its own length", "[rules]") {
  auth_rules rules;
  rules.add("*", "70000-79999", true);
  CHECK(rules.requires_auth("P1", "79999"));
  CHECK_FALSE(rules.requires_auth("P1", "7000"));
  CHECK_FALSE(rules.requires_auth("P1", "700001"));
}

TEST_CASE("A longer prefix wins over a shorter one", "[rules]") {
  auth_rules rules;
  rules.add("*", "J*", true);
  rules.add("*", "J17*", false);
  CHECK(rules.requires_auth("P1", "J0897"));
  CHECK_FALSE(rules.requires_auth("P1", "J1745"));
}

TEST_CASE("Among equally specific rules the later one wins", "[rules]") {
  auth_rules rules;
  rules.add("*", "97110", true);
  rules.add("*", "97110", false);
  CHECK_FALSE(rules.requires_auth("P1", "97110"));
}

TEST_CASE("Malformed code patterns are refused", "[rules]") {
  auth_rules rules;
  CHECK_THROWS_AS(rules.add("*", "7000-79999", true), authmatch::rule_error);
  CHECK_THROWS_AS(rules.add("*", "79999-70000", true), authmatch::rule_error);
  CHECK_THROWS_AS(rules.add("*", "J*1", true), authmatch::rule_error);
  CHECK_THROWS_AS(rules.add("*", "", true), authmatch::rule_error);
  CHECK_THROWS_AS(rules.add("", "J*", true), authmatch::rule_error);
  CHECK(rules.size() == 0);
}

TEST_CASE("A refused rule names its field", "[rules]") {
  auth_rules rules;
  const auto problem_of = [&](std::string_view payer, std::string_view code) {
    try {
      rules.add(payer, code, true);
    } catch (const authmatch::rule_error& e) {
      CHECK(e.what() == e.problem().message);
      return e.problem();
    }
    FAIL("no rule_error");
    return authmatch::field_problem{};
  };
  const auto empty_payer = problem_of(" ", "J*");
  CHECK(empty_payer.field == "payer_id");
  CHECK(empty_payer.message == "payer_id is empty (use * for every payer)");
  const auto prefix = problem_of("*", "J**");
  CHECK(prefix.field == "code");
  CHECK(prefix.message == "a prefix takes one * at its end, as in J*");
  CHECK(problem_of("*", "").field == "code");
  CHECK(problem_of("*", "79999-70000").message == "the range ends before it starts");
}

TEST_CASE("Rules compare payers and codes in any spelling", "[rules]") {
  auth_rules rules;
  rules.add("61101", "J*", true);
  rules.add("*", "70000-79999", true);
  rules.add("*", "*", false);
  CHECK(rules.requires_auth(" 61101 ", "j1745") == rules.requires_auth("61101", "J1745"));
  CHECK(rules.requires_auth(" 61101 ", "j1745"));
  CHECK(rules.requires_auth("61101\t", " J1745\n"));
  CHECK(rules.requires_auth(" 61102 ", "j1745") == rules.requires_auth("61102", "J1745"));
  CHECK_FALSE(rules.requires_auth(" 61102 ", "j1745"));
  CHECK(rules.requires_auth("p9", " 70551 "));
  CHECK_FALSE(rules.requires_auth("p9", " 7055 "));
}

TEST_CASE("A validator asks its rules about a line spelled in any case", "[rules]") {
  auth_rules rules;
  rules.add("P1", "97110", true);
  rules.add("*", "*", false);
  const authmatch::authorization_index index;
  const authmatch::validator checker(index, &rules);
  authmatch::claim_line line;
  line.payer_id = " p1";
  line.code = "97110 ";
  CHECK(checker.requires_auth(line));
  line.payer_id = "p2";
  CHECK_FALSE(checker.requires_auth(line));
}
