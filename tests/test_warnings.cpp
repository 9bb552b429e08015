// Early warnings: auth_expiring_soon and units_low (severity warn, no adjustment codes).

#include "support/builders.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

const validator_options expiring_only{30, std::nullopt};
const validator_options units_low_only{std::nullopt, decimal::from_thousandths(200)};

line_spec line_on(std::string_view iso, std::string_view units = "1") {
  line_spec line;
  line.auth_number = "A1";
  line.service_date = day(iso);
  line.units = qty(units);
  return line;
}

}  // namespace

TEST_CASE("A service 30 days before the expiration warns that the authorization expires soon",
          "[warnings]") {
  const auto findings =
      check(index_of({make_auth()}), {line_on("2026-12-01")}, nullptr, expiring_only);
  REQUIRE(kinds_of(findings) == std::vector{finding_kind::auth_expiring_soon});
  const auto& f = findings.front();
  CHECK(f.level == severity::warn);
  CHECK(f.group.empty());
  CHECK(f.carc.empty());
  CHECK(f.rarc.empty());
  CHECK(f.actual == "30 days left (ends 2026-12-31)");
  CHECK(contains(f.message, "request the renewal"));
}

TEST_CASE("A service 31 days before the expiration does not warn", "[warnings]") {
  CHECK(check(index_of({make_auth()}), {line_on("2026-11-30")}, nullptr, expiring_only).empty());
}

TEST_CASE("The expiring-soon lead time is configurable", "[warnings]") {
  const validator_options lead_60{60, std::nullopt};
  CHECK(kinds_of(check(index_of({make_auth()}), {line_on("2026-11-15")}, nullptr, lead_60)) ==
        std::vector{finding_kind::auth_expiring_soon});
}

TEST_CASE("An expired authorization is a denial, not an expiring-soon warning", "[warnings]") {
  CHECK(kinds_of(check(index_of({make_auth()}), {line_on("2027-01-04")}, nullptr, expiring_only)) ==
        std::vector{finding_kind::auth_expired});
}

TEST_CASE("A pending authorization does not warn about its expiration", "[warnings]") {
  auto auth = make_auth();
  auth.status = auth_status::pending;
  CHECK(kinds_of(check(index_of({auth}), {line_on("2026-12-20")}, nullptr, expiring_only)) ==
        std::vector{finding_kind::auth_not_approved});
}

TEST_CASE("Less than 20% of the approved units left after a line warns units_low", "[warnings]") {
  // 10 approved: 8 + 1 billed leaves 1, under the 2 that are 20%.
  const auto findings =
      check(index_of({make_auth()}), {line_on("2026-03-02", "8"), line_on("2026-03-09")}, nullptr,
            units_low_only);
  REQUIRE(kinds_of(findings) == std::vector{finding_kind::units_low});
  const auto& f = findings.front();
  CHECK(f.level == severity::warn);
  CHECK(f.carc.empty());
  CHECK(f.service_date == day("2026-03-09"));
  CHECK(f.expected == "at least 2 (20% of 10)");
  CHECK(f.actual == "1");
  CHECK(contains(f.message, "Only 1 unit of the 10 units approved remains"));
}

TEST_CASE("Exactly 20% of the approved units left does not warn", "[warnings]") {
  CHECK(check(index_of({make_auth()}), {line_on("2026-03-02", "8")}, nullptr, units_low_only)
            .empty());
}

TEST_CASE("A line that exceeds the units is denied without a units_low warning", "[warnings]") {
  CHECK(kinds_of(check(index_of({make_auth()}), {line_on("2026-03-02", "11")}, nullptr,
                       units_low_only)) == std::vector{finding_kind::units_exceeded});
}

TEST_CASE("Using the last unit says that nothing remains", "[warnings]") {
  const auto findings =
      check(index_of({make_auth()}), {line_on("2026-03-02", "10")}, nullptr, units_low_only);
  REQUIRE(findings.size() == 1);
  CHECK(contains(findings.front().message, "uses the last of the 10 units approved"));
}

TEST_CASE("The units_low threshold is configurable", "[warnings]") {
  const validator_options half{std::nullopt, decimal::from_thousandths(500)};
  CHECK(kinds_of(check(index_of({make_auth()}), {line_on("2026-03-02", "6")}, nullptr, half)) ==
        std::vector{finding_kind::units_low});
}

TEST_CASE("An authorization without a unit limit never warns units_low", "[warnings]") {
  auto auth = make_auth();
  auth.units.reset();
  CHECK(check(index_of({auth}), {line_on("2026-03-02", "50")}, nullptr, units_low_only).empty());
}

TEST_CASE("Both warnings are on by default", "[warnings]") {
  const auto findings = check(index_of({make_auth()}), {line_on("2026-12-20", "9")}, nullptr, {});
  CHECK(kinds_of(findings) ==
        std::vector{finding_kind::auth_expiring_soon, finding_kind::units_low});
}

TEST_CASE("Warnings add nothing to the charge at risk", "[warnings][summary]") {
  const auto index = index_of({make_auth()});
  const validator checker(index);
  collected_run run(checker);
  const auto spec = line_on("2026-12-20", "9");
  const auto line = spec.view();
  run.run.add_claim({&line, 1});
  const auto findings = run.finish();
  CHECK(findings.size() == 2);
  CHECK(run.summary.charge_at_risk.is_zero());
}
