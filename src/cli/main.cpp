// The authmatch command: checks claims against prior authorizations before they are billed.

#include "validate_command.hpp"

#include <authmatch/input_error.hpp>
#include <authmatch/version.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace {

constexpr const char* validate_footer = R"(
Inputs are X12 837 files (837P 005010X222A1, 837I 005010X223A2; they start with an ISA) or
claim-lines CSV files (a header naming claim_id, code, ...), told apart by content, not by name.
'-' reads standard input. Units are consumed across all inputs in date-of-service order.
837 files are read as a stream, claim by claim: a claim that cannot be read is reported as a
claim_unreadable finding (with its segment and byte offset) and reading goes on; envelope faults
(SE/GE/IEA counts and control numbers, missing trailers) are printed on stderr with their
position. On a terminal, a run longer than two seconds shows its progress on stderr.

Output: one finding per line (JSON Lines), CSV with the same columns, or a table. The default is
a table on a terminal and JSON Lines otherwise.

Exit status: 0 no deny or error finding, 1 at least one, 2 unusable input or arguments.

Example:
  authmatch validate --auths examples/data/authorizations.csv \
      --rules examples/data/rules.csv --summary summary.json examples/data/claim_lines.csv
  authmatch validate --auths examples/data/authorizations.csv \
      --rules examples/data/rules.csv examples/data/claims_837p.x12 examples/data/claims_837i.x12)";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"authmatch: find prior-authorization problems on claims before they are billed"};
  app.set_version_flag("--version", authmatch::version);
  app.require_subcommand(1);

  authmatch::cli::validate_options options;
  auto* validate = app.add_subcommand("validate", "Check claim lines against authorizations");
  validate->add_option("--auths", options.auths, "Authorizations CSV export")
      ->required()
      ->check(CLI::ExistingFile);
  validate->add_option("--rules", options.rules,
                       "Rules CSV payer_id,code,requires_auth (without it every line requires "
                       "authorization)")
      ->check(CLI::ExistingFile);
  validate->add_option("--format", options.format, "jsonl, csv or table")
      ->check(CLI::IsMember({"jsonl", "csv", "table"}));
  validate->add_option("--output,-o", options.output, "Write findings here instead of stdout");
  validate->add_option("--summary", options.summary, "Write a JSON summary of the run here");
  validate->add_option("inputs", options.inputs,
                       "837 or claim-lines CSV files to check ('-' for stdin)")
      ->required();
  validate->footer(validate_footer);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : authmatch::cli::unusable;
  }

  try {
    return authmatch::cli::run_validate(options);
  } catch (const authmatch::input_error& e) {
    fmt::print(stderr, "authmatch: {}\n", e.what());
  } catch (const std::exception& e) {
    fmt::print(stderr, "authmatch: {}\n", e.what());
  }
  return authmatch::cli::unusable;
}
