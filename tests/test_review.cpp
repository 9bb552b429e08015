// The morning review: each item kind's rule and its boundaries, the order of items, overdue
// against due, decision windows, and the tracker's columns.

#include "support/builders.hpp"

#include <authmatch/ledger.hpp>

#include <catch2/catch.hpp>

#include <chrono>

using namespace authmatch;
using namespace authmatch::test;

namespace {

constexpr std::string_view today = "2026-06-15";

/// A1 ending on `end` (approved, 10 units, none used).
authorization ending(std::string_view end, std::string_view number = "A1") {
  auto a = make_auth(number);
  a.expiration_date = day(end);
  return a;
}

/// A pending request sent on `requested`.
authorization pending_since(std::string_view requested,
                            auth_priority priority = auth_priority::standard) {
  auto a = make_auth("R1");
  a.status = auth_status::pending;
  a.requested_date = day(requested);
  a.priority = priority;
  return a;
}

std::vector<review_item> review_of(const authorization_index& index, review_options options = {}) {
  if (!options.as_of.is_set()) options.as_of = day(today);
  return review(index, options).items;
}

std::vector<review_item> of_kind(const std::vector<review_item>& items, review_kind kind) {
  std::vector<review_item> kept;
  for (const auto& item : items) {
    if (item.kind == kind) kept.push_back(item);
  }
  return kept;
}

}  // namespace

TEST_CASE("renewal_due: an authorization ending within 30 days, due 30 days before its end",
          "[review]") {
  const auto index = index_of({ending("2026-07-15")});  // today + 30
  const auto items = review_of(index);
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == review_kind::renewal_due);
  CHECK(items[0].due_date == day("2026-06-15"));
  CHECK(items[0].severity == review_severity::due);  // due today, not past
  CHECK(items[0].auth_number == "A1");
  CHECK(items[0].code == "97110");
  CHECK(items[0].next_action == "start the renewal");
  CHECK(contains(items[0].message, "2026-07-15"));
}

TEST_CASE("renewal_due: 31 days ahead is not yet listed", "[review]") {
  CHECK(review_of(index_of({ending("2026-07-16")})).empty());
}

TEST_CASE("renewal_due: a window that ended within the last 30 days is overdue", "[review]") {
  const auto items = review_of(index_of({ending("2026-05-16")}));  // today - 30
  REQUIRE(items.size() == 1);
  CHECK(items[0].severity == review_severity::overdue);
  CHECK(items[0].due_date == day("2026-04-16"));
  CHECK(contains(items[0].message, "ended on 2026-05-16"));
  CHECK(review_of(index_of({ending("2026-05-15")})).empty());  // today - 31
}

TEST_CASE("renewal_due: one day late is overdue", "[review]") {
  const auto items = review_of(index_of({ending("2026-07-14")}));
  REQUIRE(items.size() == 1);
  CHECK(items[0].severity == review_severity::overdue);
}

TEST_CASE("renewal_due: one item per authorization, its codes joined", "[review]") {
  const auto items = review_of(index_of({ending("2026-07-01"), [] {
                                           auto a = ending("2026-07-01");
                                           a.code = "97140";
                                           return a;
                                         }()}));
  REQUIRE(items.size() == 1);
  CHECK(items[0].code == "97110|97140");
}

TEST_CASE("renewal_due: not when a later authorization for the code is on file", "[review]") {
  auto renewal = make_auth("A2");
  renewal.status = auth_status::pending;
  renewal.effective_date = day("2026-07-02");
  renewal.expiration_date = day("2026-12-31");
  CHECK(review_of(index_of({ending("2026-07-01"), renewal})).empty());
  renewal.status = auth_status::denied;  // a denied renewal renews nothing
  CHECK(of_kind(review_of(index_of({ending("2026-07-01"), renewal})), review_kind::renewal_due)
            .size() == 1);
}

TEST_CASE("renewal_due: another dependent's later authorization renews nothing", "[review]") {
  // Two patients share the member ID M1; their dates of birth tell them apart.
  auto parent = ending("2026-07-01");
  parent.patient_dob = day("1968-04-12");
  auto child = make_auth("A2");
  child.patient_dob = day("2012-07-30");
  child.effective_date = day("2026-06-01");
  child.expiration_date = day("2026-12-31");
  const auto items = of_kind(review_of(index_of({parent, child})), review_kind::renewal_due);
  REQUIRE(items.size() == 1);
  CHECK(items[0].auth_number == "A1");
}

TEST_CASE("renewal_due: a later authorization without a date of birth renews any dependent's",
          "[review]") {
  auto parent = ending("2026-07-01");
  parent.patient_dob = day("1968-04-12");
  auto renewal = make_auth("A2");
  renewal.effective_date = day("2026-07-02");
  renewal.expiration_date = day("2026-12-31");
  CHECK(of_kind(review_of(index_of({parent, renewal})), review_kind::renewal_due).empty());
}

TEST_CASE("renewal_due: only approved authorizations", "[review]") {
  auto a = ending("2026-07-01");
  a.status = auth_status::denied;
  CHECK(review_of(index_of({a})).empty());
}

TEST_CASE("decision_overdue: a standard request is overdue after 7 calendar days", "[review]") {
  CHECK(review_of(index_of({pending_since("2026-06-08")})).empty());  // the 7th day is today
  const auto items = review_of(index_of({pending_since("2026-06-07")}));
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == review_kind::decision_overdue);
  CHECK(items[0].due_date == day("2026-06-14"));
  CHECK(items[0].severity == review_severity::overdue);
  CHECK(items[0].next_action == "call the payer for the decision");
  CHECK(contains(items[0].message, "standard decision window of 7 days"));
}

TEST_CASE("decision_overdue: an expedited request is overdue after 72 hours", "[review]") {
  CHECK(review_of(index_of({pending_since("2026-06-12", auth_priority::expedited)})).empty());
  const auto items = review_of(index_of({pending_since("2026-06-11", auth_priority::expedited)}));
  REQUIRE(items.size() == 1);
  CHECK(items[0].due_date == day("2026-06-14"));
  CHECK(contains(items[0].message, "expedited decision window of 72 hours"));
}

TEST_CASE("decision_overdue: a payer profile's decision window overrides both", "[review]") {
  payer_profiles profiles;
  profiles.set_decision_window("P1", std::chrono::hours(14 * 24));
  review_options options;
  options.profiles = &profiles;
  CHECK(review_of(index_of({pending_since("2026-06-07")}), options).empty());
  CHECK(review_of(index_of({pending_since("2026-06-01")}), options).empty());
  CHECK(review_of(index_of({pending_since("2026-05-31")}), options).size() == 1);
  profiles.set_decision_window("P1", std::chrono::hours(36));  // a day and a half: 2 days
  CHECK(review_of(index_of({pending_since("2026-06-13", auth_priority::expedited)}), options)
            .empty());
  const auto items =
      review_of(index_of({pending_since("2026-06-12", auth_priority::expedited)}), options);
  REQUIRE(items.size() == 1);
  CHECK(contains(items[0].message, "payer's decision window of 36 hours"));
}

TEST_CASE("decision_overdue: a window of one day says 1 day", "[review]") {
  payer_profiles profiles;
  profiles.set_decision_window("P1", std::chrono::hours(24));
  review_options options;
  options.profiles = &profiles;
  const auto items = review_of(index_of({pending_since("2026-05-01")}), options);
  REQUIRE(items.size() == 1);
  CHECK(contains(items[0].message, "payer's decision window of 1 day ended"));
}

TEST_CASE("decision_overdue: not without a requested date", "[review]") {
  auto a = pending_since("2026-01-01");
  a.requested_date.reset();
  CHECK(review_of(index_of({a})).empty());
}

TEST_CASE("quantity: under 20% left is low, exactly 20% is not", "[review]") {
  auto a = make_auth();
  a.units_used = decimal::from_integer(8);  // 2 of 10 left: 20%
  CHECK(review_of(index_of({a})).empty());
  a.units_used = qty("8.001");
  const auto items = review_of(index_of({a}));
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == review_kind::quantity_low);
  CHECK(items[0].due_date == day(today));  // no schedule: now
  CHECK(items[0].severity == review_severity::due);
  CHECK(items[0].next_action == "request more units");
}

TEST_CASE("quantity: nothing left (or less) is exhausted", "[review]") {
  auto a = make_auth();
  a.units_used = decimal::from_integer(10);
  auto items = review_of(index_of({a}));
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == review_kind::quantity_exhausted);
  CHECK(contains(items[0].message, "Nothing remains of the 10 units"));
}

TEST_CASE("quantity: the ledger's recorded usage counts on top of units_used", "[review]") {
  auto a = make_auth();
  a.units_used = decimal::from_integer(4);
  const auto index = index_of({a});
  std::vector<ledger_row> recorded = {{index.get(0), decimal::from_integer(5), 2}};
  review_options options;
  options.ledger = recorded;
  const auto report = review(index, {day(today), 30, decimal::from_thousandths(200), recorded});
  REQUIRE(report.items.size() == 1);
  CHECK(report.items[0].kind == review_kind::quantity_low);
  REQUIRE(report.usage.size() == 1);
  CHECK(report.usage[0].ledger_used == decimal::from_integer(5));
  CHECK(report.usage[0].remaining == decimal::from_integer(1));
}

TEST_CASE("quantity: not for rows without a limit, ended windows or other statuses", "[review]") {
  auto unlimited = make_auth("A1");
  unlimited.units.reset();
  auto ended = make_auth("A2");
  ended.units_used = decimal::from_integer(10);
  ended.expiration_date = day("2026-06-14");
  ended.effective_date = day("2026-01-01");
  auto pending = make_auth("A3");
  pending.status = auth_status::pending;
  pending.units_used = decimal::from_integer(10);
  const auto items = review_of(index_of({unlimited, ended, pending}));
  CHECK(of_kind(items, review_kind::quantity_exhausted).empty());
  CHECK(of_kind(items, review_kind::quantity_low).empty());
}

TEST_CASE("quantity: due the day before the next scheduled service, which is named", "[review]") {
  auto a = make_auth();
  a.units_used = decimal::from_integer(10);
  const auto index = index_of({a});
  const auto schedule = claim_line_file::parse(
      "claim_id,line,member_id,payer_id,code,units,service_date,rendering_npi\n"
      "S1,1,M1,P1,97110,1,2026-06-20,1987654328\n"
      "S2,1,M1,P1,97110,1,2026-06-18,1987654328\n"
      "S0,1,M1,P1,97110,1,2026-06-01,1987654328\n");
  review_options options;
  options.schedule = &schedule;
  const auto items = of_kind(review_of(index, options), review_kind::quantity_exhausted);
  REQUIRE(items.size() == 1);
  CHECK(items[0].due_date == day("2026-06-17"));
  CHECK(contains(items[0].message, "next scheduled service on 2026-06-18"));
}

TEST_CASE("quantity: another dependent's scheduled service does not set the due date", "[review]") {
  auto a = make_auth();
  a.units_used = decimal::from_integer(10);
  a.patient_dob = day("1968-04-12");
  const auto index = index_of({a});
  const auto schedule = claim_line_file::parse(
      "claim_id,line,member_id,payer_id,patient_dob,code,units,service_date,rendering_npi\n"
      "S1,1,M1,P1,2012-07-30,97110,1,2026-06-18,1987654328\n"
      "S2,1,M1,P1,1968-04-12,97110,1,2026-06-20,1987654328\n");
  review_options options;
  options.schedule = &schedule;
  const auto items = of_kind(review_of(index, options), review_kind::quantity_exhausted);
  REQUIRE(items.size() == 1);
  CHECK(items[0].due_date == day("2026-06-19"));
  CHECK(contains(items[0].message, "next scheduled service on 2026-06-20"));
}

TEST_CASE("enrollment_gap: a rendering NPI not enrolled for the whole window", "[review]") {
  auto a = make_auth();
  a.rendering_npis = {std::string(therapist_npi)};
  enrollment_roster roster;
  roster.add({"P1", std::string(therapist_npi), enrollment_status::enrolled, day("2020-01-01"),
              day("2026-08-31")});
  review_options options;
  options.enrollment = &roster;
  const auto items = review_of(index_of({a}), options);
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == review_kind::enrollment_gap);
  CHECK(items[0].due_date == day("2026-09-01"));  // the first day not covered
  CHECK(items[0].severity == review_severity::due);
  CHECK(contains(items[0].message, std::string(therapist_npi)));
}

TEST_CASE("enrollment_gap: a gap already begun is overdue, enrolled throughout is none",
          "[review]") {
  auto a = make_auth();
  a.rendering_npis = {std::string(therapist_npi)};
  enrollment_roster roster;
  roster.add({"P1", std::string(therapist_npi), enrollment_status::pending, day("2025-12-01"),
              std::nullopt});
  review_options options;
  options.enrollment = &roster;
  auto items = review_of(index_of({a}), options);
  REQUIRE(items.size() == 1);
  CHECK(items[0].due_date == day("2026-01-01"));
  CHECK(items[0].severity == review_severity::overdue);
  CHECK(contains(items[0].message, "pending since 2025-12-01"));

  enrollment_roster enrolled;
  enrolled.add({"P1", std::string(therapist_npi), enrollment_status::enrolled, day("2020-01-01"),
                std::nullopt});
  options.enrollment = &enrolled;
  CHECK(review_of(index_of({a}), options).empty());
  enrollment_roster other_payer;
  other_payer.add({"P9", std::string(therapist_npi), enrollment_status::pending, day("2020-01-01"),
                   std::nullopt});
  options.enrollment = &other_payer;  // P1 is not tracked
  CHECK(review_of(index_of({a}), options).empty());
}

TEST_CASE("service_at_risk: a scheduled line that would be denied, with the finding's fix",
          "[review]") {
  auto a = make_auth();
  a.status = auth_status::pending;
  const auto index = index_of({a});
  const auto schedule = claim_line_file::parse(
      "claim_id,line,member_id,payer_id,auth_number,code,units,service_date\n"
      "S1,2,M1,P1,A1,97110,1,2026-06-20\n");
  review_options options;
  options.schedule = &schedule;
  const auto report = review(
      index, {day(today), 30, decimal::from_thousandths(200), {}, nullptr, nullptr, &schedule});
  REQUIRE(report.items.size() == 1);
  const auto& item = report.items[0];
  CHECK(item.kind == review_kind::service_at_risk);
  CHECK(item.claim_id == "S1");
  CHECK(item.line == 2u);
  CHECK(item.auth_number == "A1");
  CHECK(item.due_date == day("2026-06-19"));
  CHECK(contains(item.message, "auth_not_approved CO-197"));
  CHECK(contains(item.next_action, "pending"));
  CHECK(report.scheduled_lines == 1);
}

TEST_CASE("service_at_risk: the ledger's usage is counted before the schedule's", "[review]") {
  const auto index = index_of({make_auth()});
  const std::vector<ledger_row> recorded = {{index.get(0), decimal::from_integer(9), 3}};
  const auto schedule = claim_line_file::parse(
      "claim_id,line,member_id,payer_id,auth_number,code,units,service_date\n"
      "S1,1,M1,P1,A1,97110,2,2026-06-20\n");
  const auto items = review(index, {day(today), 30, decimal::from_thousandths(200), recorded,
                                    nullptr, nullptr, &schedule})
                         .items;
  REQUIRE(of_kind(items, review_kind::service_at_risk).size() == 1);
  CHECK(contains(of_kind(items, review_kind::service_at_risk)[0].message, "units_exceeded"));
}

TEST_CASE("service_at_risk: an unreadable schedule line is an input error", "[review]") {
  const auto index = index_of({make_auth()});
  const auto schedule = claim_line_file::parse(
      "claim_id,line,member_id,payer_id,code,units,service_date\nS1,1,M1,P1,97110,1,someday\n");
  review_options options;
  options.as_of = day(today);
  options.schedule = &schedule;
  CHECK_THROWS_AS(review(index, options), input_error);
}

TEST_CASE("Items come overdue first, then by due date, then in the order of the kinds",
          "[review]") {
  auto low = make_auth("A3", "97140");  // due today
  low.units_used = decimal::from_integer(9);
  auto renewal = ending("2026-07-10", "A2");  // due 2026-06-10: overdue
  auto late = pending_since("2026-06-01");    // due 2026-06-08: overdue
  late.code = "97161";                        // (not a renewal of A2)
  auto exhausted = make_auth("A4", "97530");  // due today
  exhausted.units_used = decimal::from_integer(10);
  const auto items = review_of(index_of({low, renewal, late, exhausted}));
  std::vector<std::pair<review_kind, std::string>> order;
  for (const auto& item : items) order.emplace_back(item.kind, item.auth_number);
  CHECK(order ==
        std::vector<std::pair<review_kind, std::string>>{{review_kind::decision_overdue, "R1"},
                                                         {review_kind::renewal_due, "A2"},
                                                         {review_kind::quantity_exhausted, "A4"},
                                                         {review_kind::quantity_low, "A3"}});
}

TEST_CASE("The tracker's next action and its due date are carried into the item's message",
          "[review]") {
  auto a = ending("2026-07-01");
  a.next_action = "fax the renewal form";
  a.next_action_due = day("2026-06-20");
  const auto items = review_of(index_of({a}));
  REQUIRE(items.size() == 1);
  CHECK(items[0].message.ends_with("without a gap; tracker: fax the renewal form by 2026-06-20."));
}

TEST_CASE("An item keeps its kind's next action when the tracker has another", "[review]") {
  auto a = make_auth("A1");
  a.units_used = decimal::from_integer(10);  // nothing left
  a.next_action = "send the renewal request";
  a.next_action_due = day("2026-06-07");
  const auto items = review_of(index_of({a}));
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == review_kind::quantity_exhausted);
  CHECK(items[0].next_action == "request more units");
  CHECK(items[0].due_date == day(today));
}

TEST_CASE("A tracker's next action without a due date is carried without one", "[review]") {
  auto a = pending_since("2026-06-01");
  a.next_action = "call Ann at the plan";
  const auto items = review_of(index_of({a}));
  REQUIRE(items.size() == 1);
  CHECK(items[0].next_action == "call the payer for the decision");
  CHECK(
      items[0].message.ends_with("call the payer for the decision; tracker: call Ann at "
                                 "the plan."));
}

TEST_CASE("Items as JSON and CSV: every field, null where an item has none", "[review][output]") {
  review_item item;
  item.kind = review_kind::service_at_risk;
  item.severity = review_severity::overdue;
  item.due_date = day("2026-06-14");
  item.payer_id = "P1";
  item.member_id = "M\"1";
  item.code = "97110";
  item.claim_id = "S1";
  item.line = 3;
  item.next_action = "call";
  item.message = "a, b";
  CHECK(to_json(item) ==
        R"({"kind":"service_at_risk","severity":"overdue","due_date":"2026-06-14",)"
        R"("auth_number":null,"payer_id":"P1","member_id":"M\"1","code":"97110",)"
        R"("claim_id":"S1","line":3,"next_action":"call","message":"a, b"})");
  CHECK(review_csv_header() ==
        "kind,severity,due_date,auth_number,payer_id,member_id,code,claim_id,line,next_action,"
        "message");
  CHECK(to_csv_row(item) ==
        "service_at_risk,overdue,2026-06-14,,P1,\"M\"\"1\",97110,S1,3,call,\"a, b\"");
  item.line.reset();
  item.claim_id.clear();
  CHECK(contains(to_json(item), R"("claim_id":null,"line":null)"));
  item.message = "bad \xFF byte";  // not UTF-8: U+FFFD, as in the findings' JSON
  CHECK(contains(to_json(item), R"("message":"bad \ufffd byte")"));
  CHECK(contains(to_csv_row(item), "bad \xEF\xBF\xBD byte"));
  CHECK(review_table({}) == "Nothing needs action.\n");
}

TEST_CASE("The tracker's columns load from the CSV and come back from the index",
          "[review][loader]") {
  const auto index = parse_authorizations(
      "auth_number,status,payer_id,member_id,code,effective_date,expiration_date,"
      "requested_date,priority,next_action,next_action_due\n"
      "A1,pending,P1,M1,97110,2026-06-01,2026-12-31,2026-05-28,Expedited, call Ann ,20260602\n"
      "A2,approved,P1,M2,97110,2026-06-01,2026-12-31,,,,\n");
  const auto first = index.get(0);
  CHECK(first.requested_date == day("2026-05-28"));
  CHECK(first.priority == auth_priority::expedited);
  CHECK(first.next_action == "call Ann");
  CHECK(first.next_action_due == day("2026-06-02"));
  const auto second = index.get(1);
  CHECK_FALSE(second.requested_date.has_value());
  CHECK(second.priority == auth_priority::standard);
  CHECK(second.next_action.empty());
  CHECK_THROWS_WITH(
      parse_authorizations("auth_number,status,payer_id,member_id,code,effective_date,"
                           "expiration_date,priority\nA1,pending,P1,M1,97110,2026-06-01,"
                           "2026-12-31,urgent\n",
                           "t.csv"),
      Catch::Contains("t.csv:2:8") && Catch::Contains("not a priority"));
}
