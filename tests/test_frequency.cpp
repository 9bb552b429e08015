#include <authmatch/claim_line.hpp>

#include <catch2/catch.hpp>

using authmatch::claim_frequency;
using authmatch::parse_claim_frequency;

TEST_CASE("Frequency codes 0-5 and 9 are claims of their own", "[frequency]") {
  for (const char* code : {"", "0", "1", "2", "3", "4", "5", "9"}) {
    CHECK(parse_claim_frequency(code) == claim_frequency::original);
  }
}

TEST_CASE("Frequency codes 6 and 7 replace, 8 voids", "[frequency]") {
  CHECK(parse_claim_frequency("6") == claim_frequency::replacement);
  CHECK(parse_claim_frequency("7") == claim_frequency::replacement);
  CHECK(parse_claim_frequency("8") == claim_frequency::void_claim);
}

TEST_CASE("Other frequency codes are not read", "[frequency]") {
  for (const char* code : {"A", "10", "-", " 7"}) CHECK_FALSE(parse_claim_frequency(code));
}
