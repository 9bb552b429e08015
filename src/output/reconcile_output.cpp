// A reconciliation's report as a table, CSV, JSON Lines and the summary JSON.

#include <authmatch/reconcile.hpp>

#include "output/json_string.hpp"
#include "output/text_table.hpp"
#include "text/text.hpp"

#include <fmt/format.h>

#include <array>
#include <iterator>

namespace authmatch {
inline namespace v0 {
namespace {

using detail::json_string;

/// The counts' names and values in output order (the summary's keys).
template <typename Fn>
void for_each_count(const reconcile_counts& c, Fn&& fn) {
  fn("claims_read", c.claims_read);
  fn("lines_read", c.lines_read);
  fn("lines_matched", c.lines_matched);
  fn("lines_unmatched", c.lines_unmatched);
  fn("denials_made", c.denials_made);
  fn("denials_predicted", c.denials_predicted);
  fn("true_positives", c.true_positives);
  fn("missed", c.missed);
  fn("false_alarms", c.false_alarms);
}

/// A share as JSON: four decimals, or null.
std::string share_json(std::optional<double> value) {
  return value ? fmt::format("{:.4f}", *value) : std::string("null");
}

std::string share_text(std::optional<double> value) {
  return value ? fmt::format("{:.1f}%", *value * 100) : std::string("-");
}

/// One object with the counts (no braces): "\"claims_read\": 1, ...".
std::string counts_json(const reconcile_counts& c, std::string_view separator) {
  std::string out;
  for_each_count(c, [&](std::string_view name, std::uint64_t value) {
    fmt::format_to(std::back_inserter(out), "\"{}\": {}{}", name, value, separator);
  });
  fmt::format_to(std::back_inserter(out), "\"precision\": {}{}\"recall\": {}",
                 share_json(c.precision()), separator, share_json(c.recall()));
  return out;
}

/// A CSV field of input text: bytes that are not UTF-8 become U+FFFD, as in the findings' CSV.
void append_csv_text(std::string& out, std::string_view text) {
  std::string valid;
  detail::append_valid_utf8(valid, text);
  detail::append_csv_field(out, valid);
}

std::string payer_text(const std::string& payer) { return payer.empty() ? "-" : payer; }

}  // namespace

std::string reconcile_table(const reconcile_report& report) {
  static constexpr std::array<std::string_view, 10> titles = {
      "PAYER",  "CODE",   "LINES",        "DENIED",    "PREDICTED",
      "CAUGHT", "MISSED", "FALSE ALARMS", "PRECISION", "RECALL"};
  const std::size_t rows = report.rows.size() + 1;  // and the totals
  const auto cell = [&](std::size_t r, std::size_t c) -> std::string {
    const bool total = r == report.rows.size();
    const reconcile_counts& n = total ? report.totals : report.rows[r].counts;
    switch (c) {
      case 0: return total ? "all" : payer_text(report.rows[r].payer_id);
      case 1: return total ? "" : report.rows[r].code;
      case 2: return std::to_string(n.lines_read);
      case 3: return std::to_string(n.denials_made);
      case 4: return std::to_string(n.denials_predicted);
      case 5: return std::to_string(n.true_positives);
      case 6: return std::to_string(n.missed);
      case 7: return std::to_string(n.false_alarms);
      case 8: return share_text(n.precision());
      default: return share_text(n.recall());
    }
  };
  std::string out =
      detail::text_table(titles, "", rows, cell, [](std::size_t) { return std::string_view(); });
  const auto& t = report.totals;
  fmt::format_to(
      std::back_inserter(out), "{}, {} read: {} matched to the run's findings, {} not{}.\n",
      detail::counted(t.claims_read, "claim"), detail::counted(t.lines_read, "line"),
      t.lines_matched, t.lines_unmatched,
      report.claims_rejected == 0
          ? std::string()
          : fmt::format(" ({})", detail::counted(report.claims_rejected, "unreadable claim")));
  if (!report.lessons.empty()) out += "\nLessons:\n";
  for (const auto& lesson : report.lessons) {
    fmt::format_to(std::back_inserter(out), "- {} ({})\n", detail::printable(lesson.message),
                   detail::counted(lesson.lines, "line"));
  }
  return out;
}

std::string reconcile_csv(const reconcile_report& report) {
  std::string out =
      "payer_id,code,claims_read,lines_read,lines_matched,lines_unmatched,denials_made,"
      "denials_predicted,true_positives,missed,false_alarms,precision,recall,lessons\r\n";
  for (const auto& row : report.rows) {
    append_csv_text(out, row.payer_id);
    out += ',';
    append_csv_text(out, row.code);
    for_each_count(row.counts, [&](std::string_view, std::uint64_t value) {
      fmt::format_to(std::back_inserter(out), ",{}", value);
    });
    const auto share = [](std::optional<double> v) {
      return v ? fmt::format("{:.4f}", *v) : std::string();
    };
    fmt::format_to(std::back_inserter(out), ",{},{},", share(row.counts.precision()),
                   share(row.counts.recall()));
    append_csv_text(out, detail::join(row.lessons, "|"));
    out += "\r\n";
  }
  return out;
}

std::string reconcile_jsonl(const reconcile_report& report) {
  std::string out;
  for (const auto& row : report.rows) {
    fmt::format_to(std::back_inserter(out), "{{\"payer_id\": {}, \"code\": {}, {}, \"lessons\": [",
                   json_string(row.payer_id), json_string(row.code), counts_json(row.counts, ", "));
    for (std::size_t i = 0; i < row.lessons.size(); ++i) {
      if (i != 0) out += ", ";
      out += json_string(row.lessons[i]);
    }
    out += "]}\n";
  }
  return out;
}

std::string reconcile_summary_json(const reconcile_report& report) {
  std::string out = "{\n  " + counts_json(report.totals, ",\n  ") + ",\n  \"by_payer\": {";
  bool first = true;
  for (const auto& [payer, counts] : report.by_payer) {
    fmt::format_to(std::back_inserter(out), "{}\n    {}: {{\n      {}\n    }}", first ? "" : ",",
                   json_string(payer), counts_json(counts, ",\n      "));
    first = false;
  }
  out += first ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

}  // namespace v0
}  // namespace authmatch
