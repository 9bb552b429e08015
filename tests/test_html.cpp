// The HTML pages: self-contained, every input value escaped, real table markup.

#include "support/builders.hpp"

#include <catch2/catch.hpp>

using namespace authmatch;
using namespace authmatch::test;

namespace {

std::size_t count(std::string_view text, std::string_view part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

/// An authorization whose values try to end the markup they are written into.
authorization hostile() {
  auto a = make_auth("<script>alert(1)</script>");
  a.member_id = "\"><img src=http://example.invalid/x>";
  a.code = "97110'";
  a.units_used = decimal::from_integer(10);
  return a;
}

/// The text of `page` from `from` to the first `to` after it.
std::string_view part_of(std::string_view page, std::string_view from, std::string_view to) {
  const auto begin = page.find(from);
  if (begin == std::string_view::npos) return {};
  return page.substr(begin, page.find(to, begin) - begin);
}

/// The review page as of 2026-06-15 of approved authorizations ending on `ends`, numbered A1...
std::string review_page_of_endings(std::initializer_list<std::string_view> ends) {
  std::vector<authorization> auths;
  for (const auto end : ends) {
    std::string number = "A";
    number += std::to_string(auths.size() + 1);
    auto a = make_auth(number);
    a.member_id += number;  // a member each: none renews another
    a.expiration_date = day(end);
    auths.push_back(std::move(a));
  }
  review_options options;
  options.as_of = day("2026-06-15");
  return review_html(review(index_of(std::move(auths)), options));
}

}  // namespace

TEST_CASE("The review page escapes every value and fetches nothing", "[html]") {
  const auto index = index_of({hostile()});
  review_options options;
  options.as_of = day("2026-06-15");
  const auto page = review_html(review(index, options));
  CHECK(page.starts_with("<!DOCTYPE html>"));
  CHECK(contains(page, "Content-Security-Policy"));
  CHECK(contains(page, "default-src 'none'"));
  // The page's own sort script is the only one (the policy allows it alone, by its hash).
  CHECK(count(page, "<script") == 1);
  CHECK(contains(page, "script-src 'sha256-"));
  CHECK_FALSE(contains(page, "<SCRIPT"));
  CHECK_FALSE(contains(page, "<IMG"));
  CHECK_FALSE(contains(page, "http://"));
  // Identifiers are upper-cased when loaded; escaped, they are text, never markup or a URL.
  CHECK(contains(page, "&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;"));
  CHECK(contains(page, "&quot;&gt;&lt;IMG SRC=HTTP:"));
  CHECK(contains(page, "97110&#39;"));
}

TEST_CASE("The review page holds the items table, the utilization and the timeline", "[html]") {
  auto low = make_auth("A1");
  low.units_used = decimal::from_integer(9);
  auto ending = make_auth("A2", "97140");
  ending.expiration_date = day("2026-07-01");
  const auto index = index_of({low, ending});
  review_options options;
  options.as_of = day("2026-06-15");
  const auto report = review(index, options);
  const auto page = review_html(report);
  CHECK(contains(page, "<table class=\"sortable\" id=\"items-table\">"));
  CHECK(contains(page, "<th scope=\"col\">Kind</th>"));
  const auto items_table = part_of(page, "id=\"items-table\"", "</table>");
  CHECK(count(items_table, "<tr class=\"") == report.items.size());
  CHECK(contains(page, "id=\"utilization-chart\" role=\"img\""));
  CHECK(contains(page, "id=\"timeline-chart\""));
  CHECK(contains(page, "@media print"));
  CHECK(contains(page, "<html lang=\"en\">"));
}

TEST_CASE("Bytes that are not UTF-8 become U+FFFD in a page", "[html]") {
  auto a = make_auth();
  a.member_id = "M\xFF";
  a.units_used = decimal::from_integer(10);
  review_options options;
  options.as_of = day("2026-06-15");
  const auto page = review_html(review(index_of({a}), options));
  CHECK(contains(page, "M\xEF\xBF\xBD"));
  CHECK_FALSE(contains(page, "M\xFF"));
}

TEST_CASE("The findings page: by payer, kind and code, with the charge at risk", "[html]") {
  const auto index = index_of({make_auth()});
  line_spec over;
  over.units = decimal::from_integer(12);
  over.charge = decimal::from_integer(1200);
  over.auth_number = "A1";
  line_spec missing;
  missing.claim_id = "C<2>";
  missing.code = "97140";
  const auto found = check(index, {over, missing});
  run_summary summary;
  summary.claims_read = 2;
  summary.lines_read = 2;
  summary.charge_at_risk = decimal::from_integer(1300);
  const auto page = findings_html(found, summary);
  CHECK(contains(page, "<table class=\"sortable\" id=\"payers-table\">"));
  CHECK(contains(page, "<td class=\"n\">1300.00</td>"));  // P1's two denied lines
  CHECK(contains(page, "<table class=\"sortable\" id=\"kinds-table\">"));
  CHECK(contains(page, "<table class=\"sortable\" id=\"codes-table\">"));
  CHECK(contains(page, "<td>C&lt;2&gt;</td>"));
  CHECK(contains(page, "charge at risk 1300.00"));
  CHECK(count(page, "<script") == 1);
}

TEST_CASE("The renewal timeline runs over the next 60 days from the review's day", "[html]") {
  // Renewals start 30 days before the end: A1's on day 60 (2026-08-14), A2's on day 61.
  const auto page = review_page_of_endings({"2026-09-13", "2026-09-14"});
  const auto chart = part_of(page, "id=\"timeline-chart\"", "</figure>");
  CHECK(contains(chart, "Renewals from 2026-06-15 to 2026-08-14"));
  const auto table = part_of(page, "id=\"timeline-table\"", "</table>");
  CHECK(contains(table, "<td>A1</td>"));
  CHECK_FALSE(contains(table, "<td>A2</td>"));
}

TEST_CASE("The timeline marks renewals already overdue at its start edge", "[html]") {
  // A1 ends in 10 days (its renewal was due 20 days ago); A2 ended 10 days ago; A3 31 days ago.
  const auto page = review_page_of_endings({"2026-06-25", "2026-06-05", "2026-05-15"});
  const auto chart = part_of(page, "id=\"timeline-chart\"", "</figure>");
  CHECK(contains(chart, "renewal overdue since 2026-05-26</text>"));
  CHECK(contains(chart, "renewal overdue since 2026-05-06 (ended 2026-06-05)</text>"));
  CHECK(count(chart, "<rect class=\"renew late\" x=\"220\"") == 2);  // the left edge
  const auto table = part_of(page, "id=\"timeline-table\"", "</table>");
  CHECK(count(table, "<tr class=\"overdue\"><td>A") == 2);
  CHECK(contains(table, "<td>2026-05-26</td><td>overdue</td>"));
  CHECK_FALSE(contains(table, "<td>A3</td>"));
}

TEST_CASE("The timeline marks no renewal overdue that a later authorization renews", "[html]") {
  // A1 ended 10 days ago; A2, for the same member and code, runs on from the next day.
  auto ended = make_auth("A1");
  ended.expiration_date = day("2026-06-05");
  auto next = make_auth("A2");
  next.effective_date = day("2026-06-06");
  next.expiration_date = day("2026-12-31");
  review_options options;
  options.as_of = day("2026-06-15");
  const auto report = review(index_of({ended, next}), options);
  REQUIRE(report.items.empty());
  const auto table = part_of(review_html(report), "id=\"timeline-table\"", "</table>");
  CHECK_FALSE(contains(table, "<td>A1</td>"));
}
