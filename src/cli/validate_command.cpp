#include "validate_command.hpp"

#include "input_reader.hpp"

#include <authmatch/input_error.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/output.hpp>
#include <authmatch/validator.hpp>

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <iostream>
#include <iterator>
#include <memory>
#include <unistd.h>

namespace authmatch::cli {
namespace {

using authmatch::input_error;

struct file_closer {
  void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};
using file_ptr = std::unique_ptr<std::FILE, file_closer>;

file_ptr open_for_writing(const std::string& path) {
  file_ptr file(std::fopen(path.c_str(), "wb"));
  if (!file) throw input_error({path, 0, 0}, "cannot open the file for writing");
  return file;
}

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

}  // namespace

int run_validate(const validate_options& options) {
  const auto index = load_authorizations(options.auths);
  std::optional<auth_rules> rules;
  if (options.rules) rules = load_auth_rules(*options.rules);
  else std::fputs("authmatch: no --rules file: every line is treated as requiring authorization\n", stderr);

  const validator checker(index, rules ? &*rules : nullptr);
  validation_run run(checker);
  input_reader reader(run);  // 837 or claim-lines CSV, by content
  for (const auto& name : options.inputs) reader.read(name);
  reader.finish();
  const auto findings = std::move(run).finish();
  const auto& summary = run.summary();

  file_ptr output_file;
  std::FILE* out = stdout;
  if (options.output) {
    output_file = open_for_writing(*options.output);
    out = output_file.get();
  }
  const std::string format =
      options.format.value_or(!options.output && isatty(fileno(stdout)) ? "table" : "jsonl");
  write_findings(out, format, findings);
  if (std::fflush(out) != 0) {
    throw input_error({options.output.value_or("<stdout>"), 0, 0}, "cannot write the findings");
  }
  if (options.summary) {
    const auto file = open_for_writing(*options.summary);
    fmt::print(file.get(), "{}", to_json(summary, !rules.has_value()));
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
