// Visit authorizations: distinct dates of service per authorization number, whatever the units.

#include "support/builders.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

/// A1 allows 3 visits for 97110 and 97140 (two rows of one number).
authorization_index three_visits(std::string_view used = "0") {
  auto a = make_auth("A1", "97110");
  auto b = make_auth("A1", "97140");
  for (auto* auth : {&a, &b}) {
    auth->unit_type = unit_type::visits;
    auth->units = decimal::from_integer(3);
    auth->units_used = qty(used);
  }
  return index_of({a, b});
}

line_spec visit(std::string_view claim, std::string_view iso, std::string_view code = "97110",
                std::string_view units = "4") {
  line_spec line;
  line.claim_id = claim;
  line.auth_number = "A1";
  line.code = code;
  line.service_date = day(iso);
  line.units = qty(units);
  return line;
}

}  // namespace

TEST_CASE("A visit counts once whatever the units billed", "[visits]") {
  CHECK(check(three_visits(),
              {visit("C1", "2026-03-02", "97110", "8"), visit("C2", "2026-03-03", "97110", "8"),
               visit("C3", "2026-03-04", "97110", "8")})
            .empty());
}

TEST_CASE("A fourth date of service exceeds three visits", "[visits]") {
  const auto findings =
      check(three_visits(), {visit("C1", "2026-03-02"), visit("C2", "2026-03-03"),
                             visit("C3", "2026-03-04"), visit("C4", "2026-03-05")});
  REQUIRE(kinds_of(findings) == std::vector{finding_kind::units_exceeded});
  const auto& f = findings.front();
  CHECK(f.claim_id == "C4");
  CHECK(f.expected == "at most 0 visits");
  CHECK(f.actual == "1 visit");
  CHECK(contains(f.message, "request more visits"));
}

TEST_CASE("Two codes on one date under one number are one visit", "[visits]") {
  CHECK(
      check(three_visits(), {visit("C1", "2026-03-02", "97110"), visit("C1", "2026-03-02", "97140"),
                             visit("C2", "2026-03-03", "97140"), visit("C3", "2026-03-04")})
          .empty());
}

TEST_CASE("Visits under two codes of one number count together", "[visits]") {
  const auto findings = check(
      three_visits(), {visit("C1", "2026-03-02", "97110"), visit("C2", "2026-03-03", "97140"),
                       visit("C3", "2026-03-04", "97110"), visit("C4", "2026-03-05", "97140")});
  REQUIRE(kinds_of(findings) == std::vector{finding_kind::units_exceeded});
  CHECK(findings.front().claim_id == "C4");
}

TEST_CASE("The same date on another claim is not another visit", "[visits]") {
  CHECK(check(three_visits(), {visit("C1", "2026-03-02"), visit("C2", "2026-03-02"),
                               visit("C3", "2026-03-03"), visit("C4", "2026-03-04")})
            .empty());
}

TEST_CASE("Each day of a date range is a visit", "[visits]") {
  auto range = visit("C1", "2026-03-02");
  range.service_date_end = day("2026-03-05");
  const auto findings = check(three_visits(), {range});
  REQUIRE(kinds_of(findings) == std::vector{finding_kind::units_exceeded});
  CHECK(findings.front().actual == "4 visits");
  CHECK(findings.front().expected == "at most 3 visits");
}

TEST_CASE("Visits used before the data count against what remains", "[visits]") {
  CHECK(
      kinds_of(check(three_visits("2"), {visit("C1", "2026-03-02"), visit("C2", "2026-03-03")})) ==
      std::vector{finding_kind::units_exceeded});
}

TEST_CASE("A visits authorization must approve whole visits", "[visits]") {
  auto a = make_auth();
  a.unit_type = unit_type::visits;
  a.units = qty("2.5");
  authorization_index index;
  CHECK_THROWS_AS(index.add(a), authorization_error);
}
