#include <authmatch/npi.hpp>

#include <catch2/catch.hpp>

TEST_CASE("An NPI with the right Luhn check digit is valid", "[values][npi]") {
  CHECK(authmatch::is_valid_npi("1234567893"));
  CHECK(authmatch::is_valid_npi("1987654328"));
}

TEST_CASE("An NPI with a wrong check digit, length or character is invalid", "[values][npi]") {
  CHECK_FALSE(authmatch::is_valid_npi("1234567890"));
  CHECK_FALSE(authmatch::is_valid_npi("123456789"));
  CHECK_FALSE(authmatch::is_valid_npi("12345678930"));
  CHECK_FALSE(authmatch::is_valid_npi("12345678a3"));
}
