#include "review_command.hpp"

#include "output_file.hpp"
#include "output_paths.hpp"
#include "validate_command.hpp"

#include <authmatch/error.hpp>
#include <authmatch/html_report.hpp>
#include <authmatch/ledger.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/payer_profiles.hpp>
#include <authmatch/review.hpp>

#include <fmt/format.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace authmatch::cli {
namespace {

/// Today in the local time zone: the day a morning review is for.
date today() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  return date(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
              static_cast<unsigned>(local.tm_mday));
}

/// Refuses outputs that could not be written, before anything is read (refuse_bad_outputs).
void refuse_bad_outputs(const review_options& options) {
  std::vector<named_file> inputs = {{"--auths", options.auths}};
  for (const auto& [flag, path] :
       {std::pair<std::string_view, const std::optional<std::string>*>{"--ledger", &options.ledger},
        {"--enrollment", &options.enrollment},
        {"--schedule", &options.schedule},
        {"--payer-profiles", &options.payer_profiles}}) {
    if (*path) inputs.push_back({flag, **path});
  }
  for (const auto& path : options.rules) inputs.push_back({"--rules", path});
  std::vector<named_file> outputs = {main_output(options.output)};
  if (options.html) outputs.push_back({"--html", *options.html});
  cli::refuse_bad_outputs(inputs, outputs);
}

}  // namespace

int run_review(const review_options& options) {
  refuse_bad_outputs(options);
  authmatch::review_options how;
  if (options.as_of) {
    const auto day = parse_date(*options.as_of);
    if (!day) {
      throw input_error(
          {"--as-of", 0, 0},
          fmt::format("'{}' is not a date (expected YYYY-MM-DD or YYYYMMDD)", *options.as_of));
    }
    how.as_of = *day;
  } else {
    how.as_of = today();
  }
  const auto index = load_authorizations(options.auths);
  std::vector<ledger_row> recorded;
  if (options.ledger) {
    recorded =
        utilization_ledger::open(*options.ledger, utilization_ledger::open_mode::read_only).rows();
  }
  std::optional<enrollment_roster> enrollment;
  if (options.enrollment) enrollment = load_enrollment(*options.enrollment);
  const auto profiles = load_profiles_option(options.payer_profiles);
  const auto rules = load_rules_option(options.rules);
  how.ledger = recorded;
  how.enrollment = enrollment ? &*enrollment : nullptr;
  how.profiles = profiles ? &*profiles : nullptr;
  how.rules = rules ? &*rules : nullptr;
  const review_report report = [&] {
    if (!options.schedule) return review(index, how);
    if (!rules) {
      std::fputs(
          "authmatch: no --rules file: every scheduled line is treated as requiring "
          "authorization\n",
          stderr);
    }
    const auto schedule = claim_line_file::load(*options.schedule);  // not movable here
    how.schedule = &schedule;
    return review(index, how);
  }();

  const std::string format = options.format.value_or(
      is_standard_output(options.output) && isatty(fileno(stdout)) ? "table" : "jsonl");
  std::string text;
  if (format == "table") {
    text = review_table(report.items);
  } else if (format == "csv") {
    text = review_csv_header() + "\r\n";
    for (const auto& item : report.items) text += to_csv_row(item) + "\r\n";
  } else {
    for (const auto& item : report.items) text += to_json(item) + '\n';
  }
  write_output(options.output, text);
  if (options.html) write_output(options.html, review_html(report));
  const bool overdue = std::any_of(report.items.begin(), report.items.end(), [](const auto& i) {
    return i.severity == review_severity::overdue;
  });
  return overdue ? exit_status::findings : exit_status::clean;
}

}  // namespace authmatch::cli
