// Provider enrollment: the roster's answers, its loader, and provider_not_enrolled on lines.

#include "support/builders.hpp"
#include "support/errors.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;
using kinds = std::vector<finding_kind>;

namespace {

enrollment row_of(std::string_view npi, enrollment_status status, std::string_view from,
                  std::optional<std::string_view> to = std::nullopt,
                  std::string_view payer = "P1") {
  enrollment row;
  row.payer_id = payer;
  row.npi = npi;
  row.status = status;
  row.effective_date = day(from);
  if (to) row.end_date = day(*to);
  return row;
}

enrollment_roster roster_of(std::vector<enrollment> rows) {
  enrollment_roster roster;
  for (auto& row : rows) roster.add(std::move(row));
  return roster;
}

using enum enrollment_status;

/// The therapist's history with P1: pending from June, enrolled from September to the end of
/// November, terminated from December.
enrollment_roster therapist_history() {
  return roster_of({row_of(therapist_npi, terminated, "2026-12-01"),
                    row_of(therapist_npi, pending, "2026-06-01", "2026-08-31"),
                    row_of(therapist_npi, enrolled, "2026-09-01", "2026-11-30")});
}

constexpr std::string_view roster_header = "payer_id,npi,status,effective_date,end_date\n";

}  // namespace

// --- the roster's answers ---------------------------------------------------------------------

TEST_CASE("A payer with no row in the roster is not tracked: no NPI is refused for it",
          "[enrollment]") {
  const auto roster = roster_of({row_of(therapist_npi, enrolled, "2026-01-01")});
  CHECK_FALSE(roster.tracks("P2"));
  CHECK_FALSE(roster.gap("P2", other_npi, day("2026-03-02")));
}

TEST_CASE("An NPI enrolled on the day may bill the payer", "[enrollment]") {
  const auto roster = roster_of({row_of(therapist_npi, enrolled, "2026-01-01", "2026-12-31")});
  CHECK_FALSE(roster.gap("P1", therapist_npi, day("2026-01-01")));
  CHECK_FALSE(roster.gap("P1", therapist_npi, day("2026-12-31")));
}

TEST_CASE("An enrolled row without an end date is open", "[enrollment]") {
  const auto roster = roster_of({row_of(therapist_npi, enrolled, "2020-01-01")});
  CHECK_FALSE(roster.gap("P1", therapist_npi, day("2031-06-30")));
}

TEST_CASE("A pending row says since when the enrollment is pending", "[enrollment]") {
  const auto roster = roster_of({row_of(therapist_npi, pending, "2026-09-01")});
  CHECK(roster.gap("P1", therapist_npi, day("2026-09-08")) == "pending since 2026-09-01");
}

TEST_CASE("A terminated row says when the enrollment was terminated", "[enrollment]") {
  const auto roster = roster_of({row_of(therapist_npi, terminated, "2026-06-30")});
  CHECK(roster.gap("P1", therapist_npi, day("2026-07-15")) == "terminated on 2026-06-30");
}

TEST_CASE("A day before the enrollment starts names its first day", "[enrollment]") {
  const auto roster = roster_of({row_of(therapist_npi, enrolled, "2026-11-01")});
  CHECK(roster.gap("P1", therapist_npi, day("2026-10-31")) == "enrolled from 2026-11-01");
}

TEST_CASE("A day after the enrollment ended names its last day", "[enrollment]") {
  const auto roster = roster_of({row_of(therapist_npi, enrolled, "2025-01-01", "2026-06-30")});
  CHECK(roster.gap("P1", therapist_npi, day("2026-07-01")) == "enrolled until 2026-06-30");
}

TEST_CASE("An NPI without a row for a tracked payer is not on the roster", "[enrollment]") {
  const auto roster = roster_of({row_of(therapist_npi, enrolled, "2026-01-01")});
  CHECK(roster.gap("P1", other_npi, day("2026-03-02")) == "not on the roster");
}

TEST_CASE("An NPI's rows over time are each in effect in their own period", "[enrollment]") {
  const auto roster = therapist_history();
  CHECK(roster.gap("P1", therapist_npi, day("2026-07-01")) == "pending since 2026-06-01");
  CHECK_FALSE(roster.gap("P1", therapist_npi, day("2026-10-15")));
  CHECK(roster.gap("P1", therapist_npi, day("2026-12-01")) == "terminated on 2026-12-01");
  CHECK(roster.gap("P1", therapist_npi, day("2026-05-31")) == "pending from 2026-06-01");
}

TEST_CASE("A later row overrides an earlier one left open", "[enrollment]") {
  const auto roster = roster_of({row_of(therapist_npi, enrolled, "2020-01-01"),
                                 row_of(therapist_npi, terminated, "2026-07-01")});
  CHECK_FALSE(roster.gap("P1", therapist_npi, day("2026-06-30")));
  CHECK(roster.gap("P1", therapist_npi, day("2026-07-01")) == "terminated on 2026-07-01");
}

TEST_CASE("A range of days needs an enrolled row in effect on each of them", "[enrollment]") {
  const auto roster = roster_of({row_of(therapist_npi, enrolled, "2026-01-01", "2026-03-31"),
                                 row_of(therapist_npi, enrolled, "2026-04-01", "2026-04-30"),
                                 row_of(therapist_npi, enrolled, "2026-05-05")});
  CHECK_FALSE(roster.gap("P1", therapist_npi, day("2026-03-30"), day("2026-04-02")));
  CHECK(roster.gap("P1", therapist_npi, day("2026-04-29"), day("2026-05-06")) ==
        "enrolled until 2026-04-30");
}

TEST_CASE("Payer IDs and NPIs are compared trimmed and upper-cased", "[enrollment]") {
  const auto roster = roster_of({row_of(therapist_npi, pending, "2026-01-01", {}, " plan7 ")});
  CHECK(roster.rows().front().payer_id == "PLAN7");
  CHECK(roster.tracks("Plan7"));
  CHECK(roster.gap(" plan7", " 1987654328 ", day("2026-02-01")) == "pending since 2026-01-01");
}

TEST_CASE("A roster row whose NPI fails its check digit is refused, naming the field",
          "[enrollment]") {
  enrollment_roster roster;
  try {
    roster.add(row_of("1234567890", enrolled, "2026-01-01"));
    FAIL("no enrollment_error");
  } catch (const enrollment_error& e) {
    CHECK(e.problem().field == "npi");
    CHECK(contains(e.problem().message, "'1234567890' is not a valid NPI"));
  }
  CHECK(roster.empty());
}

TEST_CASE("A roster row whose period ends before it starts is refused", "[enrollment]") {
  enrollment_roster roster;
  CHECK_THROWS_AS(roster.add(row_of(therapist_npi, enrolled, "2026-05-01", "2026-04-30")),
                  enrollment_error);
}

// --- loading a roster ---------------------------------------------------------------------------

TEST_CASE("A roster loads with its columns in any order and unknown columns ignored",
          "[enrollment][loaders]") {
  const auto roster = parse_enrollment(
      "status,npi,note,end_date,payer_id,effective_date\n"
      "Pending,1987654328,credentialing packet sent,,61101,20260901\n"
      "enrolled,1234567893,,2026-12-31,61101,2020-01-01\n");
  REQUIRE(roster.size() == 2);
  const auto& pending_row = roster.rows()[0];
  CHECK(pending_row.status == enrollment_status::pending);
  CHECK(pending_row.effective_date == day("2026-09-01"));
  CHECK_FALSE(pending_row.end_date.has_value());
  CHECK(roster.rows()[1].end_date == day("2026-12-31"));
}

TEST_CASE(
    "An enrollment status other than enrolled, pending or terminated is an error at its "
    "position",
    "[enrollment][loaders]") {
  const auto e = input_error_of([] {
    parse_enrollment(std::string(roster_header) + "61101,1987654328,active,2026-01-01,\n",
                     "enrollment.csv");
  });
  REQUIRE(e);
  CHECK(e->where().file == "enrollment.csv");
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 3);
  CHECK(contains(e->message(), "status: 'active' is not an enrollment status"));
}

TEST_CASE("A roster NPI that fails its check digit is an error at the npi column",
          "[enrollment][loaders]") {
  const auto e = input_error_of([] {
    parse_enrollment(std::string(roster_header) + "61101,1987654328,enrolled,2026-01-01,\n" +
                         "61101,1987654320,enrolled,2026-01-01,\n",
                     "enrollment.csv");
  });
  REQUIRE(e);
  CHECK(e->where().line == 3);
  CHECK(e->where().column == 2);
  CHECK(contains(e->message(), "npi: '1987654320' is not a valid NPI"));
}

TEST_CASE("A roster date that does not exist is an error at its column", "[enrollment][loaders]") {
  const auto e = input_error_of([] {
    parse_enrollment(
        std::string(roster_header) + "61101,1987654328,enrolled,2026-01-01,2026-02-30\n",
        "enrollment.csv");
  });
  REQUIRE(e);
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 5);
  CHECK(contains(e->message(), "end_date: '2026-02-30' is not a date"));
}

TEST_CASE("A roster period that ends before it starts is an error at end_date",
          "[enrollment][loaders]") {
  const auto e = input_error_of([] {
    parse_enrollment(
        std::string(roster_header) + "61101,1987654328,enrolled,2026-05-01,2026-04-30\n",
        "enrollment.csv");
  });
  REQUIRE(e);
  CHECK(e->where().column == 5);
  CHECK(contains(e->message(), "2026-04-30 is before the effective date 2026-05-01"));
}

TEST_CASE("A roster with a header row and no rows is refused", "[enrollment][loaders]") {
  const auto e = input_error_of([] { parse_enrollment(roster_header, "enrollment.csv"); });
  REQUIRE(e);
  CHECK(e->where().file == "enrollment.csv");
  CHECK(contains(e->message(), "no enrollment rows"));
}

TEST_CASE("A roster without the end_date column is refused, naming it", "[enrollment][loaders]") {
  const auto e = input_error_of([] {
    parse_enrollment("payer_id,npi,status,effective_date\n61101,1987654328,enrolled,2026-01-01\n",
                     "enrollment.csv");
  });
  REQUIRE(e);
  CHECK(e->where().line == 1);
  CHECK(contains(e->message(), "missing required column 'end_date'"));
}

TEST_CASE("The bundled example roster loads", "[enrollment][loaders]") {
  const auto roster = load_enrollment(AUTHMATCH_EXAMPLES_DIR "/enrollment.csv");
  CHECK(roster.tracks("61101"));
  CHECK(roster.gap("61101", "1456789019", day("2026-10-06")) == "pending since 2026-09-01");
  CHECK_FALSE(roster.gap("61101", "1987654328", day("2026-10-06")));
}

// --- provider_not_enrolled on claim lines -------------------------------------------------------

namespace {

/// The findings of lines checked against authorization A1 (which they carry) and `roster`.
std::vector<finding> check_enrolled(const enrollment_roster& roster,
                                    const std::vector<line_spec>& specs) {
  const auto index = index_of({make_auth()});
  return check_run(validator(index, nullptr, denials_only, &roster), specs);
}

line_spec numbered_line() {
  line_spec l;
  l.auth_number = "A1";
  return l;
}

}  // namespace

TEST_CASE("A rendering NPI pending with the payer is provider_not_enrolled, CO-B7 N570",
          "[enrollment][validator]") {
  const auto roster = roster_of(
      {row_of(therapist_npi, pending, "2026-02-01"), row_of(billing_npi, enrolled, "2020-01-01")});
  const auto found = check_enrolled(roster, {numbered_line()});
  REQUIRE(kinds_of(found) == kinds{finding_kind::provider_not_enrolled});
  const auto& f = found.front();
  CHECK(f.level == severity::deny);
  CHECK(f.group == "CO");
  CHECK(f.carc == "B7");
  CHECK(f.rarc == std::vector<std::string>{"N570"});
  CHECK_FALSE(f.auth_number.has_value());
  CHECK(f.expected == "enrolled with payer P1 on 2026-03-02");
  CHECK(f.actual == "pending since 2026-02-01");
  CHECK(f.message ==
        "Rendering NPI 1987654328 is not enrolled with payer P1 on 2026-03-02 (pending since "
        "2026-02-01); finish enrollment with the payer, or bill under an enrolled NPI.");
}

TEST_CASE("The billing NPI is checked as well as the rendering NPI", "[enrollment][validator]") {
  const auto roster = roster_of({row_of(therapist_npi, enrolled, "2020-01-01"),
                                 row_of(billing_npi, terminated, "2026-01-15")});
  const auto found = check_enrolled(roster, {numbered_line()});
  REQUIRE(kinds_of(found) == kinds{finding_kind::provider_not_enrolled});
  CHECK(found[0].actual == "terminated on 2026-01-15");
  CHECK(contains(found[0].message, "Billing NPI 1234567893 is not enrolled"));
}

TEST_CASE("An NPI that renders and bills is reported once", "[enrollment][validator]") {
  const auto roster = roster_of({row_of(therapist_npi, enrolled, "2020-01-01")});
  auto line = numbered_line();
  line.rendering_npi = billing_npi;
  const auto found = check_enrolled(roster, {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::provider_not_enrolled});
  CHECK(found[0].actual == "not on the roster");
  CHECK(contains(found[0].message, "Rendering and billing NPI 1234567893"));
}

TEST_CASE("Lines of a payer the roster does not track get no enrollment finding",
          "[enrollment][validator]") {
  const auto roster = roster_of({row_of(therapist_npi, pending, "2026-01-01", {}, "P9")});
  CHECK(check_enrolled(roster, {numbered_line()}).empty());
}

TEST_CASE("provider_not_enrolled comes in addition to the authorization's findings",
          "[enrollment][validator]") {
  const auto roster = roster_of(
      {row_of(therapist_npi, pending, "2026-01-01"), row_of(billing_npi, enrolled, "2020-01-01")});
  auto line = numbered_line();
  line.units = decimal::from_integer(11);
  line.auth_number.clear();
  const auto found = check_enrolled(roster, {line});
  CHECK(kinds_of(found) == kinds{finding_kind::auth_number_missing, finding_kind::units_exceeded,
                                 finding_kind::provider_not_enrolled});
}

TEST_CASE("A line's findings are handed out by kind though enrollment is checked first",
          "[enrollment][validator]") {
  // Judging finds provider_not_enrolled before it looks the number up.
  const auto roster = roster_of(
      {row_of(therapist_npi, pending, "2026-01-01"), row_of(billing_npi, enrolled, "2020-01-01")});
  auto line = numbered_line();
  line.auth_number = "NOT-ON-FILE";
  const auto found = check_enrolled(roster, {line, line});
  CHECK(kinds_of(found) ==
        kinds{finding_kind::auth_number_unknown, finding_kind::provider_not_enrolled,
              finding_kind::auth_number_unknown, finding_kind::provider_not_enrolled});
}

TEST_CASE("Without a roster, enrollment is not checked", "[enrollment][validator]") {
  const auto index = index_of({make_auth()});
  CHECK(check_run(validator(index, nullptr, denials_only), {numbered_line()}).empty());
}

TEST_CASE("A line billed over days needs the provider enrolled on each of them",
          "[enrollment][validator]") {
  const auto roster = roster_of({row_of(therapist_npi, enrolled, "2020-01-01", "2026-03-03"),
                                 row_of(billing_npi, enrolled, "2020-01-01")});
  auto line = numbered_line();
  line.service_date_end = day("2026-03-04");
  const auto found = check_enrolled(roster, {line});
  REQUIRE(kinds_of(found) == kinds{finding_kind::provider_not_enrolled});
  CHECK(found[0].expected == "enrolled with payer P1 on 2026-03-02 to 2026-03-04");
  CHECK(found[0].actual == "enrolled until 2026-03-03");
}

TEST_CASE("A line denied for enrollment counts its charge at risk", "[enrollment][validator]") {
  const auto roster = roster_of(
      {row_of(therapist_npi, pending, "2026-01-01"), row_of(billing_npi, enrolled, "2020-01-01")});
  const auto index = index_of({make_auth()});
  const validator checker(index, nullptr, denials_only, &roster);
  collected_run collected(checker);
  const auto line = numbered_line();
  const claim_line lines[] = {line.view()};
  collected.run.add_claim(lines);
  collected.finish();
  CHECK(collected.summary.findings(finding_kind::provider_not_enrolled) == 1);
  CHECK(collected.summary.charge_at_risk == decimal::from_integer(100));
}
