#include "reconcile_command.hpp"

#include "output_file.hpp"
#include "output_paths.hpp"
#include "validate_command.hpp"

#include <authmatch/error.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/payer_profiles.hpp>
#include <authmatch/reconcile.hpp>
#include <authmatch/remittance.hpp>
#include "text/printable.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <iostream>

namespace authmatch::cli {
namespace {

/// Feeds the reconciliation and reports on stderr what could not be read, with its position.
class reporting_sink final : public remittance_sink {
 public:
  explicit reporting_sink(reconciliation& target) : target_(&target) {}

  void on_claim(const remittance_claim& claim) override { target_->on_claim(claim); }
  void on_rejected(const remittance_rejection& rejected) override {
    ++problems;
    fmt::print(stderr, "authmatch: remittance claim {} could not be read: {}\n",
               detail::printable(rejected.claim_id.empty() ? "(no ID)" : rejected.claim_id),
               detail::printable(rejected.message));
    target_->on_rejected(rejected);
  }
  void on_stray_line(const remittance_stray_line& line) override { target_->on_stray_line(line); }
  void on_diagnostic(const x12::diagnostic& found) override {
    if (x12::is_fault(found.kind)) ++problems;
    if (held.size() < shown) held.push_back(x12::to_string(found));
    ++diagnostics;
  }

  /// Prints the file's diagnostics held so far (at most `shown`, then how many more).
  void print_diagnostics() {
    for (const auto& text : held) fmt::print(stderr, "authmatch: {}\n", detail::printable(text));
    if (diagnostics > held.size()) {
      fmt::print(stderr, "authmatch: ... and {} more notes about the same input\n",
                 diagnostics - held.size());
    }
    forget_diagnostics();
  }
  void forget_diagnostics() {
    held.clear();
    diagnostics = 0;
  }

  static constexpr std::size_t shown = 20;
  std::uint64_t problems = 0;
  std::vector<std::string> held;  ///< the first diagnostics of the input being read
  std::uint64_t diagnostics = 0;

 private:
  reconciliation* target_;
};

/// Refuses outputs that could not be written, before anything is read (refuse_bad_outputs).
void refuse_bad_outputs(const reconcile_options& options) {
  std::vector<named_file> inputs = {{"--findings", options.findings}};
  if (options.payer_profiles) inputs.push_back({"--payer-profiles", *options.payer_profiles});
  for (const auto& path : options.rules) inputs.push_back({"--rules", path});
  for (const auto& name : options.inputs) {
    if (name != "-") inputs.push_back({"input", name});
  }
  std::vector<named_file> outputs = {main_output(options.output)};
  if (options.summary) outputs.push_back({"--summary", *options.summary});
  cli::refuse_bad_outputs(inputs, outputs);
}

}  // namespace

int run_reconcile(const reconcile_options& options) {
  if (std::count(options.inputs.begin(), options.inputs.end(), "-") > 1) {
    throw input_error({"-", 0, 0}, "standard input ('-') can be read only once; name it once");
  }
  refuse_bad_outputs(options);
  const auto findings = load_findings(options.findings);
  const auto profiles = load_profiles_option(options.payer_profiles);
  const auto rules = load_rules_option(options.rules);

  reconciliation matcher(findings, {profiles ? &*profiles : nullptr, rules ? &*rules : nullptr});
  reporting_sink sink(matcher);
  std::uint64_t readable = 0;
  for (const auto& name : options.inputs) {
    const x12::remittance_stats stats =
        name == "-" ? x12::read_835(std::cin, "-", sink) : x12::read_835_file(name, sink);
    if (stats.claims_read == 0) {  // not an 835 at all: its notes would only be noise
      const std::string first = sink.held.empty() ? std::string() : "; " + sink.held.front();
      sink.forget_diagnostics();
      throw input_error({name, 0, 0},
                        "not a usable 835: no claim payment (CLP) could be found in it" + first);
    }
    sink.print_diagnostics();
    readable += stats.claims_read - stats.claims_rejected;
  }
  if (readable == 0) {
    std::fputs("authmatch: no remittance claim could be read\n", stderr);
    return unusable;
  }

  const reconcile_report report = matcher.report();
  const std::string format = options.format.value_or(
      is_standard_output(options.output) && isatty(fileno(stdout)) ? "table" : "jsonl");
  output_file out(options.output);
  const std::string text = format == "table" ? reconcile_table(report)
                           : format == "csv" ? reconcile_csv(report)
                                             : reconcile_jsonl(report);
  std::fwrite(text.data(), 1, text.size(), out.get());
  out.close();
  if (options.summary) {
    output_file summary(options.summary);
    fmt::print(summary.get(), "{}", reconcile_summary_json(report));
    summary.close();
  }
  return sink.problems > 0 ? exit_status::findings : exit_status::clean;
}

}  // namespace authmatch::cli
