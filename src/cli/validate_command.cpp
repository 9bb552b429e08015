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

/// Whether a finding stops the claim from being paid as billed.
bool denies(const finding& f) noexcept {
  return f.level == severity::deny || f.level == severity::error;
}

/// Writes findings as they come, in one of the streaming formats (a table needs them all for
/// its column widths).
class finding_writer {
 public:
  finding_writer(std::FILE* out, std::string_view format) : out_(out), csv_(format == "csv") {
    if (csv_) fmt::print(out_, "{}\r\n", csv_header_row());
  }
  void operator()(const finding& f) {
    denied_ = denied_ || denies(f);
    if (csv_) {
      fmt::print(out_, "{}\r\n", to_csv_row(f));
    } else {
      fmt::print(out_, "{}\n", to_json(f));
    }
  }
  bool denied() const noexcept { return denied_; }

 private:
  std::FILE* out_;
  bool csv_;
  bool denied_ = false;
};

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
  validation_run run(checker, ledger ? &*ledger : nullptr, options.threads);
  input_reader reader(run);  // 837 or claim-lines CSV, by content
  for (const auto& name : options.inputs) reader.read(name);
  reader.finish();

  output_file out(options.output);
  const std::string format =
      options.format.value_or(out.is_stdout() && isatty(fileno(stdout)) ? "table" : "jsonl");
  bool denied = false;
  if (format == "table") {
    const auto findings = std::move(run).finish();
    fmt::print(out.get(), "{}", to_table(findings));
    denied = std::any_of(findings.begin(), findings.end(), denies);
  } else {
    finding_writer writer(out.get(), format);
    std::move(run).finish([&writer](const finding& f) { writer(f); });
    denied = writer.denied();
  }
  out.close();
  const auto& summary = run.summary();
  if (options.summary) {
    output_file summary_file(options.summary);
    fmt::print(summary_file.get(), "{}", to_json(summary, !rules.has_value()));
    summary_file.close();
  }

  if (summary.claims_read > 0 && summary.claims_validated() == 0) {
    std::fputs("authmatch: no claim could be read\n", stderr);
    return unusable;
  }
  return denied ? exit_status::findings : exit_status::clean;
}

}  // namespace authmatch::cli
