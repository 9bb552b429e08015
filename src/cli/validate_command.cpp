#include "validate_command.hpp"

#include "input_reader.hpp"
#include "output/finding_text.hpp"
#include "output_file.hpp"
#include "output_paths.hpp"

#include <authmatch/error.hpp>
#include <authmatch/html_report.hpp>
#include <authmatch/ledger.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/output.hpp>
#include <authmatch/payer_profiles.hpp>
#include <authmatch/validator.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

namespace authmatch::cli {
namespace {

using authmatch::input_error;

/// Whether the run found anything that stops a claim from being paid as billed: a deny or an
/// error.
bool has_denials(const run_summary& summary) noexcept {
  return std::any_of(all_finding_kinds.begin(), all_finding_kinds.end(), [&](finding_kind kind) {
    const auto level = severity_of(kind);
    return (level == severity::deny || level == severity::error) && summary.findings(kind) > 0;
  });
}

/// Writes a finding out in a streaming format: a JSON line, or a CSV row.
finding_formatter formatter_for(std::string_view format, source_field source) {
  if (format == "csv") {
    return [source](const finding& f, std::string& text) {
      detail::append_csv_row(text, f, source);
      text += "\r\n";
    };
  }
  return [source](const finding& f, std::string& text) {
    detail::append_json(text, f, source);
    text += '\n';
  };
}

/// Refuses outputs that could not be written, before anything is read (refuse_bad_outputs).
void refuse_bad_outputs(const validate_options& options) {
  std::vector<named_file> inputs = {{"--auths", options.auths}};
  for (const auto& file : options.rules) inputs.push_back({"--rules", file});
  if (options.enrollment) inputs.push_back({"--enrollment", *options.enrollment});
  if (options.payer_profiles) inputs.push_back({"--payer-profiles", *options.payer_profiles});
  if (options.ledger) inputs.push_back({"--ledger", *options.ledger});
  for (const auto& name : options.inputs) {
    if (name != "-") inputs.push_back({"input", name});
  }
  std::vector<named_file> outputs = {main_output(options.output)};
  if (options.summary) outputs.push_back({"--summary", *options.summary});
  if (options.html) outputs.push_back({"--html", *options.html});
  cli::refuse_bad_outputs(inputs, outputs);
}

validator_options warnings_of(const validate_options& options) {
  if (!options.warnings) return {std::nullopt, std::nullopt};
  // A percent to a tenth (thousandths of a percent -> thousandths of the quantity), as Python's
  // Validator reads it; main checked the text.
  const auto percent = decimal::parse(options.units_low_percent).value_or(decimal());
  return {options.expiring_days, decimal::from_thousandths(percent.thousandths() / 100)};
}

}  // namespace

void warn_deactivated_codes(const payer_profiles& profiles) {
  const auto codes = profiles.deactivated_codes();
  if (codes.empty()) return;
  fmt::print(stderr,
             "authmatch: the payer profiles use CARC {}, deactivated in the X12 code list; "
             "findings carry them for the payers that still send them\n",
             fmt::join(codes, ", "));
}

std::optional<payer_profiles> load_profiles_option(const std::optional<std::string>& path) {
  std::optional<payer_profiles> profiles;
  if (path) {
    profiles = load_payer_profiles(*path);
    warn_deactivated_codes(*profiles);
  }
  return profiles;
}

std::optional<auth_rules> load_rules_option(const std::vector<std::string>& files) {
  std::optional<auth_rules> rules;
  for (const auto& file : files) {
    auto loaded = load_auth_rules(file);
    if (rules)
      rules->append(loaded);
    else
      rules = std::move(loaded);
  }
  return rules;
}

int run_validate(const validate_options& options) {
  if (std::count(options.inputs.begin(), options.inputs.end(), "-") > 1) {
    throw input_error({"-", 0, 0}, "standard input ('-') can be read only once; name it once");
  }
  refuse_bad_outputs(options);
  const auto index = load_authorizations(options.auths, options.threads);
  const auto rules = load_rules_option(options.rules);
  if (!rules)
    std::fputs("authmatch: no --rules file: every line is treated as requiring authorization\n",
               stderr);

  std::optional<enrollment_roster> enrollment;
  if (options.enrollment) enrollment = load_enrollment(*options.enrollment);

  const auto profiles = load_profiles_option(options.payer_profiles);

  std::optional<utilization_ledger> ledger;
  if (options.ledger) ledger = utilization_ledger::open(*options.ledger);

  validator_options judging = warnings_of(options);
  judging.profiles = profiles ? &*profiles : nullptr;
  const validator checker(index, rules ? &*rules : nullptr, judging,
                          enrollment ? &*enrollment : nullptr);
  const run_options how{ledger ? &*ledger : nullptr, options.threads, options.memory_budget};
  const std::string format = options.format.value_or(
      is_standard_output(options.output) && isatty(fileno(stdout)) ? "table" : "jsonl");
  const auto source = options.with_source ? source_field::written : source_field::left_out;

  // The output is opened with the first thing written to it, so that a run that fails while it
  // settles (a full temporary folder) leaves an existing output file as it was.
  std::optional<output_file> out;
  const auto output = [&]() -> std::FILE* {
    if (!out) {
      out.emplace(options.output);
      if (format == "csv") fmt::print(out->get(), "{}\r\n", csv_header_row(source));
    }
    return out->get();
  };
  // A table and a page need every finding (for column widths, for totals); otherwise findings
  // are written out as text as they are handed out.
  const bool collect = format == "table" || options.html.has_value();
  std::vector<finding> collected;
  validation_run run =
      collect ? validation_run(
                    checker, [&](finding& f) { collected.push_back(std::move(f)); }, how)
              : validation_run(checker,
                               text_output{formatter_for(format, source),
                                           [&](std::string_view text) {
                                             std::fwrite(text.data(), 1, text.size(), output());
                                           }},
                               how);
  input_reader reader(run, options.threads);  // 837 or claim-lines CSV, by content
  for (const auto& name : options.inputs) reader.read(name);
  reader.finish();

  const run_summary summary = std::move(run).finish();
  if (format == "table") {
    fmt::print(output(), "{}", to_table(collected));
  } else if (collect) {
    const auto write = formatter_for(format, source);
    std::string text;
    for (const auto& f : collected) {
      text.clear();
      write(f, text);
      std::fwrite(text.data(), 1, text.size(), output());
    }
  }
  output();
  out->close();
  if (options.html) write_output(options.html, findings_html(collected, summary));
  if (options.summary) {
    output_file summary_file(options.summary);
    fmt::print(summary_file.get(), "{}", to_json(summary, !rules.has_value()));
    summary_file.close();
  }

  if (summary.claims_read > 0 && summary.claims_validated() == 0) {
    std::fputs("authmatch: no claim could be read\n", stderr);
    return unusable;
  }
  return has_denials(summary) ? exit_status::findings : exit_status::clean;
}

}  // namespace authmatch::cli
