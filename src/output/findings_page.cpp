// A validation run's findings as one HTML page: by payer, kind and code, with the charge at risk.

#include <authmatch/html_report.hpp>

#include "output/adjustment_text.hpp"
#include "output/html_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace authmatch {
inline namespace v0 {
namespace {

/// What a group of findings adds up to: lines with a deny finding count their charge once.
struct tally {
  std::uint64_t findings = 0;
  std::set<std::pair<std::string, std::uint32_t>> denied_lines;
  decimal at_risk;

  void add(const finding& f) {
    ++findings;
    if (f.level == severity::deny && denied_lines.emplace(f.claim_id, f.line).second) {
      at_risk += f.charge.value_or(decimal());
    }
  }
};

double amount(decimal value) { return static_cast<double>(value.thousandths()) / 1000; }

}  // namespace

std::string findings_html(std::span<const finding> findings, const run_summary& summary) {
  std::map<std::string, tally> by_payer;
  std::map<finding_kind, tally> by_kind;
  std::map<std::pair<std::string, finding_kind>, tally> by_code;
  for (const auto& f : findings) {
    by_payer[f.payer_id].add(f);
    by_kind[f.kind].add(f);
    by_code[{f.code, f.kind}].add(f);
  }
  detail::html_page page(
      "Validation findings",
      fmt::format("{} claims read ({} rejected), {} lines, {} findings; charge at risk {}.",
                  summary.claims_read, summary.claims_rejected, summary.lines_read, findings.size(),
                  summary.charge_at_risk.to_string(2)));
  using column = detail::html_page::column;

  page.heading("payers", "By payer");
  std::vector<detail::html_page::bar> bars;
  std::vector<std::vector<std::string>> rows;
  for (const auto& [payer, t] : by_payer) {
    bars.push_back({payer.empty() ? "-" : payer, amount(t.at_risk), amount(t.at_risk),
                    t.at_risk.to_string(2)});
    rows.push_back({payer, std::to_string(t.findings), std::to_string(t.denied_lines.size()),
                    t.at_risk.to_string(2)});
  }
  page.bar_chart("payers-chart", "Charge at risk by payer", bars);
  static constexpr column payer_columns[] = {
      {"Payer"}, {"Findings", true}, {"Lines denied", true}, {"Charge at risk", true}};
  page.table("payers-table", "Findings and charge at risk by payer", payer_columns, rows);

  page.heading("kinds", "By kind");
  bars.clear();
  rows.clear();
  for (const auto& [kind, t] : by_kind) {
    const auto level = std::string(to_string(severity_of(kind)));
    bars.push_back({std::string(to_string(kind)), static_cast<double>(t.findings),
                    level == "deny" || level == "error" ? static_cast<double>(t.findings) : 0.0,
                    fmt::format("{} ({})", t.findings, level)});
    rows.push_back(
        {std::string(to_string(kind)), level, std::to_string(t.findings), t.at_risk.to_string(2)});
  }
  page.bar_chart("kinds-chart", "Findings by kind (dark: deny and error)", bars);
  static constexpr column kind_columns[] = {
      {"Kind"}, {"Severity"}, {"Findings", true}, {"Charge at risk", true}};
  page.table("kinds-table", "Findings by kind", kind_columns, rows);

  page.heading("codes", "By code");
  std::vector<std::pair<const std::pair<std::string, finding_kind>*, const tally*>> codes;
  codes.reserve(by_code.size());
  for (const auto& [key, t] : by_code) codes.emplace_back(&key, &t);
  std::stable_sort(codes.begin(), codes.end(), [](const auto& a, const auto& b) {
    return a.second->at_risk > b.second->at_risk;
  });
  rows.clear();
  for (const auto& [key, t] : codes) {
    rows.push_back({key->first, std::string(to_string(key->second)), std::to_string(t->findings),
                    t->at_risk.to_string(2)});
  }
  static constexpr column code_columns[] = {
      {"Code"}, {"Kind"}, {"Findings", true}, {"Charge at risk", true}};
  page.table("codes-table", "Findings by code and kind, largest charge at risk first", code_columns,
             rows, {}, 200);

  page.heading("findings", "Denials and errors");
  rows.clear();
  for (const auto& f : findings) {
    if (f.level != severity::deny && f.level != severity::error) continue;
    const auto adjustment = detail::adjustment_text(f);
    rows.push_back({f.claim_id, std::to_string(f.line),
                    f.service_date ? to_iso(*f.service_date) : std::string(), f.payer_id, f.code,
                    std::string(to_string(f.kind)), adjustment, f.auth_number.value_or(""),
                    f.charge ? f.charge->to_string(2) : std::string(), f.message});
  }
  static constexpr column finding_columns[] = {
      {"Claim"}, {"Line", true}, {"Date of service"}, {"Payer"},        {"Code"},
      {"Kind"},  {"Adjustment"}, {"Authorization"},   {"Charge", true}, {"Fix"}};
  if (rows.empty()) {
    page.paragraph("No line would be denied.");
  } else {
    page.table("findings-table", "Findings that stop a line from being paid as billed",
               finding_columns, rows, {}, 1000);
  }
  return std::move(page).finish();
}

}  // namespace v0
}  // namespace authmatch
