#include <authmatch/date.hpp>

#include <catch2/catch.hpp>

using authmatch::parse_date;

TEST_CASE("Dates parse in ISO and X12 forms", "[values][date]") {
  CHECK(parse_date("2026-03-02") == authmatch::date(2026, 3, 2));
  CHECK(parse_date("20260302") == authmatch::date(2026, 3, 2));
  CHECK(authmatch::to_iso(*parse_date("20240229")) == "2024-02-29");
}

TEST_CASE("Days that do not exist are refused", "[values][date]") {
  CHECK_FALSE(parse_date("2025-02-29"));
  CHECK_FALSE(parse_date("2026-13-01"));
  CHECK_FALSE(parse_date("2026-04-31"));
  CHECK_FALSE(parse_date("2026-00-10"));
}

TEST_CASE("Other spellings are refused", "[values][date]") {
  CHECK_FALSE(parse_date("03/02/2026"));
  CHECK_FALSE(parse_date("2026-3-2"));
  CHECK_FALSE(parse_date("2026/03/02"));
  CHECK_FALSE(parse_date(""));
}
