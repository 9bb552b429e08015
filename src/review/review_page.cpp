// The morning review as one HTML page: the items, utilization per authorization row and the
// renewal timeline.

#include <authmatch/html_report.hpp>

#include "output/html_page.hpp"
#include "text/markup.hpp"
#include "text/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

namespace authmatch {
inline namespace v0 {
namespace {

/// Rows drawn in a chart: more would not be readable.
constexpr std::size_t chart_rows = 30;
/// The timeline runs over the next 60 days from the review's day; a renewal starts 30 days before
/// an authorization ends, and one that ended up to 30 days ago is still to be renewed (as the
/// renewal_due items say).
constexpr int timeline_days = 60, renewal_lead = 30;

void items_section(detail::html_page& page, const review_report& report) {
  page.heading("items", "What needs action");
  using column = detail::html_page::column;
  static constexpr column columns[] = {{"Due"},         {"Severity"}, {"Kind"}, {"Authorization"},
                                       {"Payer"},       {"Member"},   {"Code"}, {"Claim / line"},
                                       {"Next action"}, {"Message"}};
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> classes;
  for (const auto& item : report.items) {
    rows.push_back({to_iso(item.due_date), std::string(to_string(item.severity)),
                    std::string(to_string(item.kind)), item.auth_number, item.payer_id,
                    item.member_id, item.code,
                    item.line ? fmt::format("{} / {}", item.claim_id, *item.line) : std::string(),
                    item.next_action, item.message});
    classes.emplace_back(to_string(item.severity));
  }
  if (rows.empty()) {
    page.paragraph("Nothing needs action.");
    return;
  }
  page.table("items-table", "Items, most urgent first", columns, rows, classes);
}

void utilization_section(detail::html_page& page, const review_report& report) {
  page.heading("utilization", "Utilization per authorization");
  std::vector<const review_usage*> limited;
  for (const auto& u : report.usage) {
    if (u.remaining && u.auth.status == auth_status::approved &&
        u.auth.expiration_date >= report.as_of)
      limited.push_back(&u);
  }
  if (limited.empty()) {
    page.paragraph("No approved authorization with a quantity limit is open.");
    return;
  }
  // The least left first: those are the ones to act on.
  const auto share_left = [](const review_usage* u) {
    const auto approved = u->auth.units->thousandths();
    return approved <= 0
               ? 0.0
               : static_cast<double>(u->remaining->thousandths()) / static_cast<double>(approved);
  };
  std::stable_sort(limited.begin(), limited.end(),
                   [&](const auto* a, const auto* b) { return share_left(a) < share_left(b); });
  std::vector<detail::html_page::bar> bars;
  std::vector<std::vector<std::string>> rows;
  for (const auto* u : limited) {
    const auto& a = u->auth;
    const decimal used = *a.units - *u->remaining;
    const auto label = fmt::format("{} {}", a.auth_number, a.code);
    if (bars.size() < chart_rows) {
      bars.push_back({label, 100.0, std::max(0.0, 100.0 - share_left(u) * 100),
                      fmt::format("{} of {} used", used.to_string(), a.units->to_string())});
    }
    rows.push_back({a.auth_number, a.code, a.member_id, a.units->to_string(),
                    a.units_used.to_string(), u->ledger_used.to_string(), u->remaining->to_string(),
                    fmt::format("{:.0f}%", share_left(u) * 100), to_iso(a.expiration_date)});
  }
  page.bar_chart("utilization-chart",
                 "Share of the approved quantity used (dark), least left first", bars);
  using column = detail::html_page::column;
  static constexpr column columns[] = {{"Authorization"},
                                       {"Code"},
                                       {"Member"},
                                       {"Approved", true},
                                       {"Used before", true},
                                       {"Recorded by runs", true},
                                       {"Remaining", true},
                                       {"Left", true},
                                       {"Ends"}};
  page.table("utilization-table", "Quantity per open authorization row", columns, rows);
}

void timeline_section(detail::html_page& page, const review_report& report) {
  page.heading("timeline", "Renewal timeline");
  const date start = report.as_of, end = report.as_of + timeline_days;
  struct window {
    std::string number, codes;
    date effective, expiration;
  };
  std::map<std::string, window> by_number;
  for (const auto& u : report.usage) {
    const auto& a = u.auth;
    if (a.status != auth_status::approved) continue;
    auto& w = by_number[a.auth_number];
    if (w.number.empty())
      w = {a.auth_number, a.code, a.effective_date, a.expiration_date};
    else if (w.codes.find(a.code) == std::string::npos)
      w.codes += "|" + a.code;
    w.effective = std::min(w.effective, a.effective_date);
    w.expiration = std::max(w.expiration, a.expiration_date);
  }
  // Renewals that start within the next 60 days, and those already overdue: the ones the
  // review lists as renewal_due with a due date past (not those a later authorization renews).
  std::set<std::string_view> overdue_renewals;
  for (const auto& item : report.items) {
    if (item.kind == review_kind::renewal_due && item.due_date < start) {
      overdue_renewals.insert(item.auth_number);
    }
  }
  std::vector<window> shown;
  for (auto& [number, w] : by_number) {
    const date renewal = w.expiration - renewal_lead;
    if (renewal < start ? overdue_renewals.contains(number) : renewal <= end) shown.push_back(w);
  }
  if (shown.empty()) {
    page.paragraph(fmt::format("No renewal starts between {} and {}, and none is overdue.",
                               to_iso(start), to_iso(end)));
    return;
  }
  std::stable_sort(shown.begin(), shown.end(),
                   [](const window& a, const window& b) { return a.expiration < b.expiration; });
  constexpr int label_width = 220, axis_width = 540, row_height = 22, top = 24;
  const auto span_days = static_cast<double>(end - start);
  const auto x = [&](date day) {
    const auto offset = std::clamp(static_cast<double>(day - start), 0.0, span_days);
    return label_width + offset / span_days * axis_width;
  };
  const auto rows = std::min(shown.size(), chart_rows);
  const int height = top + static_cast<int>(rows) * row_height + 8;
  std::string svg = fmt::format(
      "<figure><svg id=\"timeline-chart\" role=\"img\" aria-labelledby=\"timeline-title\" "
      "viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\"><title id=\"timeline-title\">"
      "Renewals from {2} to {3}: each authorization's window, a red mark where its renewal "
      "starts; renewals already overdue are marked at the left edge</title>\n",
      label_width + axis_width + 20, height, to_iso(start), to_iso(end));
  fmt::format_to(std::back_inserter(svg),
                 "<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>"
                 "<text x=\"{0}\" y=\"14\">{3} (today)</text><text x=\"{2}\" y=\"14\" "
                 "text-anchor=\"end\">{4}</text>\n",
                 label_width, top - 4, label_width + axis_width, to_iso(start), to_iso(end));
  std::vector<std::vector<std::string>> table_rows;
  std::vector<std::string> classes;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const auto& w = shown[i];
    const date renewal = w.expiration - renewal_lead;
    const bool overdue = renewal < start;
    table_rows.push_back({w.number, w.codes, to_iso(w.effective), to_iso(w.expiration),
                          to_iso(renewal), overdue ? "overdue" : "ahead"});
    classes.emplace_back(overdue ? "overdue" : "");
    if (i >= rows) continue;
    const int y = top + static_cast<int>(i) * row_height;
    fmt::format_to(std::back_inserter(svg), "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                   label_width - 6, y + 14, detail::html_text(w.number + " " + w.codes));
    if (w.expiration >= start) {  // the part of the window within the next 60 days
      const double from = x(std::max(w.effective, start));
      fmt::format_to(std::back_inserter(svg),
                     "<rect class=\"bar\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"/>",
                     from, y, x(w.expiration) - from, row_height - 6);
    }
    if (overdue) {
      fmt::format_to(
          std::back_inserter(svg),
          "<rect class=\"renew late\" x=\"{}\" y=\"{}\" width=\"6\" height=\"{}\"/>"
          "<text class=\"late\" x=\"{}\" y=\"{}\">renewal overdue since {}{}</text>\n",
          label_width, y, row_height - 6, label_width + 10, y + 14, to_iso(renewal),
          w.expiration < start ? fmt::format(" (ended {})", to_iso(w.expiration)) : std::string());
    } else {
      fmt::format_to(std::back_inserter(svg),
                     "<rect class=\"renew\" x=\"{:.1f}\" y=\"{}\" width=\"3\" height=\"{}\"/>\n",
                     x(renewal), y, row_height - 6);
    }
  }
  fmt::format_to(std::back_inserter(svg),
                 "</svg><figcaption>Renewals in the {} days from {} to {}: the red mark is the "
                 "day the renewal should start ({} days before the end); renewals already "
                 "overdue are marked at the left edge</figcaption></figure>\n",
                 timeline_days, to_iso(start), to_iso(end), renewal_lead);
  page.raw(svg);
  using column = detail::html_page::column;
  static constexpr column columns[] = {{"Authorization"}, {"Codes"},          {"Effective"},
                                       {"Ends"},          {"Renewal starts"}, {"Renewal"}};
  page.table("timeline-table",
             fmt::format("Renewals in the next {} days, overdue ones marked", timeline_days),
             columns, table_rows, classes);
}

}  // namespace

std::string review_html(const review_report& report) {
  const auto overdue = std::count_if(report.items.begin(), report.items.end(), [](const auto& i) {
    return i.severity == review_severity::overdue;
  });
  detail::html_page page(
      "Morning review, " + to_iso(report.as_of),
      fmt::format("{} need action, {} overdue; {}{}.", detail::counted(report.items.size(), "item"),
                  overdue, detail::counted(report.usage.size(), "authorization row"),
                  report.scheduled_lines == 0
                      ? std::string()
                      : fmt::format(", {} scheduled lines judged", report.scheduled_lines)));
  items_section(page, report);
  utilization_section(page, report);
  timeline_section(page, report);
  return std::move(page).finish();
}

}  // namespace v0
}  // namespace authmatch
