#include <authmatch/decimal.hpp>

#include <catch2/catch.hpp>

using authmatch::decimal;

TEST_CASE("Decimals parse whole numbers, fractions and signs", "[values][decimal]") {
  CHECK(decimal::parse("12")->thousandths() == 12000);
  CHECK(decimal::parse("1.5")->thousandths() == 1500);
  CHECK(decimal::parse(".25")->thousandths() == 250);
  CHECK(decimal::parse("0.125")->thousandths() == 125);
  CHECK(decimal::parse("-3")->thousandths() == -3000);
  CHECK(decimal::parse(" 7 ")->thousandths() == 7000);
}

TEST_CASE("Decimals refuse more than three places and anything not a number", "[values][decimal]") {
  CHECK_FALSE(decimal::parse("0.1234"));
  CHECK_FALSE(decimal::parse(""));
  CHECK_FALSE(decimal::parse("."));
  CHECK_FALSE(decimal::parse("1,5"));
  CHECK_FALSE(decimal::parse("12a"));
  CHECK_FALSE(decimal::parse("1234567890123456"));
}

TEST_CASE("Decimals print without trailing zeros unless places are asked for",
          "[values][decimal]") {
  CHECK(decimal::parse("12.500")->to_string() == "12.5");
  CHECK(decimal::parse("3")->to_string() == "3");
  CHECK(decimal::parse("3")->to_string(2) == "3.00");
  CHECK(decimal::parse("0.125")->to_string(2) == "0.125");
  CHECK(decimal::parse("-0.5")->to_string() == "-0.5");
}

TEST_CASE("Decimals print the same digits at every size, sign and number of places",
          "[values][decimal]") {
  CHECK(decimal::from_thousandths(0).to_string() == "0");
  CHECK(decimal::from_thousandths(0).to_string(2) == "0.00");
  CHECK(decimal::from_thousandths(50).to_string() == "0.05");
  CHECK(decimal::from_thousandths(-50).to_string(2) == "-0.05");
  CHECK(decimal::from_thousandths(-1).to_string() == "-0.001");
  CHECK(decimal::from_thousandths(1230).to_string(3) == "1.230");
  CHECK(decimal::from_thousandths(110000).to_string(2) == "110.00");
  CHECK(decimal::from_thousandths(999999999999999999).to_string() == "999999999999999.999");
  CHECK(decimal::from_thousandths(-999999999999999000).to_string(2) == "-999999999999999.00");
}

TEST_CASE("Decimal sums are exact", "[values][decimal]") {
  CHECK(*decimal::parse("0.1") + *decimal::parse("0.2") == *decimal::parse("0.3"));
}
