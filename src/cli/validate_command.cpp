#include "validate_command.hpp"

#include "input_reader.hpp"
#include "output_file.hpp"

#include <authmatch/input_error.hpp>
#include <authmatch/ledger.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/output.hpp>
#include <authmatch/validator.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <unistd.h>

namespace authmatch::cli {
namespace {

using authmatch::input_error;

void write_findings(std::FILE* out, std::string_view format, std::span<const finding> findings) {
  if (format == "table") {
    fmt::print(out, "{}", to_table(findings));
  } else if (format == "csv") {
    fmt::print(out, "{}\r\n", csv_header_row());
    for (const auto& f : findings) fmt::print(out, "{}\r\n", to_csv_row(f));
  } else {
    for (const auto& f : findings) fmt::print(out, "{}\n", to_json(f));
  }
}

validator_options warnings_of(const validate_options& options) {
  if (!options.warnings) return {std::nullopt, std::nullopt};
  const auto share = std::llround(options.units_low_percent * 10);  // percent -> thousandths
  return {options.expiring_days, decimal::from_thousandths(share)};
}

}  // namespace

int run_validate(const validate_options& options) {
  const auto index = load_authorizations(options.auths);
  std::optional<auth_rules> rules;
  if (options.rules) rules = load_auth_rules(*options.rules);
  else std::fputs("authmatch: no --rules file: every line is treated as requiring authorization\n", stderr);

  std::optional<utilization_ledger> ledger;
  if (options.ledger) ledger = utilization_ledger::open(*options.ledger);

  const validator checker(index, rules ? &*rules : nullptr, warnings_of(options));
  validation_run run(checker, ledger ? &*ledger : nullptr);
  input_reader reader(run);  // 837 or claim-lines CSV, by content
  for (const auto& name : options.inputs) reader.read(name);
  reader.finish();
  const auto findings = std::move(run).finish();
  const auto& summary = run.summary();

  output_file out(options.output);
  const std::string format =
      options.format.value_or(out.is_stdout() && isatty(fileno(stdout)) ? "table" : "jsonl");
  write_findings(out.get(), format, findings);
  out.close();
  if (options.summary) {
    output_file summary_file(options.summary);
    fmt::print(summary_file.get(), "{}", to_json(summary, !rules.has_value()));
    summary_file.close();
  }

  if (summary.claims_read > 0 && summary.claims_validated() == 0) {
    std::fputs("authmatch: no claim could be read\n", stderr);
    return unusable;
  }
  const bool denied = std::any_of(findings.begin(), findings.end(), [](const finding& f) {
    return f.level == severity::deny || f.level == severity::error;
  });
  return denied ? exit_status::findings : exit_status::clean;
}

}  // namespace authmatch::cli
