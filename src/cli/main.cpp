// The authmatch command: checks claims against prior authorizations before they are billed.

#include "ledger_command.hpp"
#include "reconcile_command.hpp"
#include "review_command.hpp"
#include "rules_command.hpp"
#include "validate_command.hpp"

#include <authmatch/error.hpp>
#include <authmatch/validator.hpp>
#include <authmatch/version.hpp>
#include "text/printable.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdlib>

namespace {

constexpr const char* validate_footer = R"(
Inputs are X12 837 files (837P 005010X222A1, 837I 005010X223A2; they start with an ISA) or
claim-lines CSV files (a header naming claim_id, code, ...), told apart by content, not by name.
'-' reads standard input. Units are consumed across all inputs in date-of-service order.
837 files are read as a stream, claim by claim: a claim that cannot be read is reported as a
claim_unreadable finding (with its segment and byte offset) and reading goes on; damage where
claims may be lost (SE/GE/IEA counts and control numbers, missing trailers, ignored segments) is
an input_fault finding (severity error) and is printed on stderr with its position. JSON Lines
and CSV are always UTF-8: other input bytes become U+FFFD. On a terminal, a run longer than two
seconds shows its progress on stderr.
Lines are judged on --threads threads (default: the cores) while the input is read; from 3 on, a
large 837 file is read on them too, in fragments cut at its ST segments; from 2 on, an 837 file
read by one thread is read a few chunks ahead by another, and the authorizations are grouped by
patient and by member on two; usage is settled on them, a
partition of authorization numbers each, and the findings are formatted on them as they are
written out (jsonl and csv). The output is the same for any number. Findings are
parked in a temporary file ($TMPDIR, else /tmp) until usage is settled, so memory does not grow
with them; so are the usage of authorizations past --memory-budget, read back one partition at
a time, and the units_exceeded, referral_exceeded and units_low findings of settlement past
the same budget.

Output: one finding per line (JSON Lines), CSV with the same columns, or a table. The default is
a table on a terminal and JSON Lines otherwise. --html FILE also writes one self-contained page
(inline CSS and SVG, nothing fetched) of the findings by payer, kind and code with the charge at
risk; the run then keeps its findings in memory, as a table does.

Exit status: 0 no deny or error finding, 1 at least one, 2 unusable input or arguments.

Warnings (severity warn, no CARC): auth_expiring_soon when the authorization ends within
--expiring-days after the service, units_low when less than --units-low percent of the approved
quantity remains after a line. --no-warnings turns both off.

With --enrollment, each line's rendering and billing NPI must be enrolled with the line's payer
on the dates of service (provider_not_enrolled, CO-B7 N570, otherwise); payers that have no
row in the roster are not checked.

With --payer-profiles, findings carry each payer's codes: a preset (default, x12_strict, legacy)
and per-kind overrides of group, CARC and remark codes (docs/profiles.md). Profiles that map to
CARCs deactivated in the X12 code list (15, 62, 165) are named on stderr.

With --ledger, usage is counted across runs: the run starts from what the ledger recorded for
other claims and records its own, in one transaction. A claim validated again replaces what it
recorded; a replacement (frequency 7) takes over its original's usage and a void (8) releases it.

Example:
  authmatch validate --auths examples/data/authorizations.csv \
      --rules examples/data/rules.csv --summary summary.json examples/data/claim_lines.csv
  authmatch validate --auths examples/data/authorizations.csv \
      --rules examples/data/rules.csv examples/data/claims_837p.x12 examples/data/claims_837i.x12)";

constexpr const char* reconcile_footer = R"(
Matches each service line (SVC) of the 835 remittances with the findings a validate run wrote
(--format jsonl): CLP01 is the claim ID; a line is matched by its line control number (REF*6R,
the finding's line), else by code and date, in order. A line is denied when the payer made an
authorization-related adjustment (CARC 197, 198, 39, 15, 62, 284, 296, 302, 287, 288, 243, B7,
or 16 with M62 or N54); it was predicted when the run gave it a deny finding. Per payer and code:
denials made, predicted, caught, missed, false alarms, precision and recall; each missed denial
is a lesson that says what to change (a rule, the roster, the ledger, a payer profile).

--payer-profiles compares the payer's codes through the profiles (a payer that sends CO-15 for
a wrong number agrees with a predicted auth_number_unknown); --rules, the run's rules, lets the
lessons tell a missing rule from an authorization the payer sees otherwise.

A claim of an 835 that cannot be read is named on stderr with its position; its lines count as
unmatched and the other claims are read. Exit status: 0 every claim read, 1 some claim or
segment could not be read, 2 unusable input or arguments.

Example:
  authmatch validate --auths examples/data/authorizations.csv --rules examples/data/rules.csv \
      --format jsonl -o findings.jsonl examples/data/claim_lines.csv
  authmatch reconcile --findings findings.jsonl --rules examples/data/rules.csv \
      --summary reconcile.json examples/data/remittance.835)";

constexpr const char* review_footer = R"(
Lists what needs action as of --as-of (default: today), without any claim, most urgent first:
  renewal_due         approved, ends within 30 days (or ended within the last 30) and no later
                      authorization is on file; start the renewal, due 30 days before the end
  decision_overdue    pending, and the payer's decision window has passed since requested_date
                      (7 calendar days; 72 hours when priority is expedited; a payer profile's
                      decision_window instead); call the payer
  quantity_exhausted  approved, nothing left (units - units_used - what the ledger recorded)
  quantity_low        approved, less than 20% left; request more before the next scheduled
                      service (named when --schedule is given)
  enrollment_gap      a rendering NPI is not enrolled with the payer for the whole window
                      (--enrollment); finish the enrollment or bill under an enrolled NPI
  service_at_risk     a line of --schedule (a claim-lines CSV of upcoming services, judged like
                      validate with --rules, --enrollment, --payer-profiles and the ledger's
                      usage) would be denied; the finding's fix, due the day before the service
An item is overdue when its due date has passed, else due. The tracker's optional columns
requested_date, priority (standard or expedited), next_action and next_action_due are read;
an item's next_action is its kind's; the tracker's next_action (with its due date) is carried
through at the end of its message ("...; tracker: fax the notes by 2026-06-07.").

Output: JSON Lines or CSV with the columns kind, severity, due_date, auth_number, payer_id,
member_id, code, claim_id, line, next_action, message; or a table (the default on a terminal).
--html FILE also writes one self-contained page with the items, utilization per authorization and
the renewal timeline. The ledger is only read.

Exit status: 0 nothing overdue, 1 at least one overdue item, 2 unusable input or arguments.

Example:
  authmatch review --auths examples/data/authorizations.csv \
      --enrollment examples/data/enrollment.csv --schedule examples/data/schedule.csv \
      --rules examples/data/rules.csv --as-of 2026-10-20 --html review.html)";

constexpr const char* ledger_footer = R"(
The ledger is the SQLite file written by 'authmatch validate --ledger'. Reading it is safe while
a run writes. used_to_date = units_used (from the tracker) + what the ledger recorded.

Examples:
  authmatch ledger show --ledger usage.db --auth PT260901
  authmatch ledger export --ledger usage.db -o usage.csv)";

constexpr const char* rules_footer = R"(
A preset is a payer program's published list of codes that need authorization (the Medicare
hospital outpatient department list, the DMEPOS Required Prior Authorization List, the ASC
demonstration, the WISeR model), with the dates, places, claim types and paired codes where it
applies. 'rules preset' writes it as a rules CSV for the payer ID the practice bills the program
under: review it, merge it with the practice's rules, or give both to validate
(--rules practice.csv --rules medicare-opd.csv; later files win ties).

Examples:
  authmatch rules presets
  authmatch rules preset medicare-opd --payer 04112 -o medicare-opd.csv)";

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
  validate
      ->add_option("--rules", options.rules,
                   "Rules CSV payer_id,code,requires_auth, repeated for several files (later "
                   "files win ties); without it every line requires authorization")
      ->allow_extra_args(false)  // one file per --rules: the inputs follow
      ->check(CLI::ExistingFile);
  validate
      ->add_option("--enrollment", options.enrollment,
                   "Provider enrollment roster CSV payer_id,npi,status,effective_date,end_date "
                   "(without it enrollment is not checked)")
      ->check(CLI::ExistingFile);
  validate
      ->add_option("--payer-profiles", options.payer_profiles,
                   "Payer profiles CSV payer_id,preset,kind,group,carc,rarc,decision_window: "
                   "the adjustment codes each payer uses (without it, the default codes)")
      ->check(CLI::ExistingFile);
  validate->add_option("--format", options.format, "jsonl, csv or table")
      ->check(CLI::IsMember({"jsonl", "csv", "table"}));
  validate->add_option("--output,-o", options.output,
                       "Write findings here instead of stdout ('-': stdout)");
  validate->add_flag("--with-source", options.with_source,
                     "Add a last key / column `source` to JSON Lines and CSV: the input and the "
                     "position the line or claim was read at (837 segment, CSV line)");
  validate->add_option("--summary", options.summary,
                       "Write a JSON summary of the run here ('-': stdout, findings in a file)");
  validate->add_option("--html", options.html,
                       "Write a self-contained HTML page of the findings here (by payer, kind "
                       "and code; charge at risk)");
  validate
      ->add_option("inputs", options.inputs,
                   "837 or claim-lines CSV files to check ('-' for stdin)")
      ->required();
  validate->add_option("--ledger", options.ledger,
                       "Utilization ledger (SQLite) to start from and record into; created when "
                       "missing");
  validate
      ->add_option("--expiring-days", options.expiring_days,
                   "Warn when the authorization ends within this many days after the service")
      ->capture_default_str()
      ->check(CLI::Range(0, authmatch::max_expiring_days));
  validate
      ->add_option("--units-low", options.units_low_percent,
                   "Warn when less than this percent of the approved quantity remains (to a "
                   "tenth of a percent)")
      ->type_name("NUMBER")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](const std::string& text) {
            // A decimal number, as Python's Validator takes it: no exponent, no hex, no NaN.
            const auto value = authmatch::decimal::parse(text);
            return value && !value->is_negative() && *value <= authmatch::decimal::from_integer(100)
                       ? std::string()
                       : "Value " + text + " not a number from 0 to 100";
          },
          "PERCENT in [0 - 100]"));
  validate->add_flag("!--no-warnings", options.warnings,
                     "Report denials only: no auth_expiring_soon or units_low");
  options.threads = authmatch::default_threads();
  validate
      ->add_option("--threads", options.threads,
                   "Threads judging claim lines while the input is read, settling usage, "
                   "formatting the findings written out, from 2 on parsing the authorizations, "
                   "reading an 837 file ahead and checking a large claim-lines CSV in two halves, "
                   "and from 3 on reading a large 837 file in fragments (1: one thread does "
                   "everything); the output is the same for any number")
      ->capture_default_str()
      ->check(CLI::Range(1U, authmatch::max_threads));
  validate
      ->add_option("--memory-budget", options.memory_budget,
                   "Memory for the lines' usage of authorizations until it is settled (a size: "
                   "64MB, 1GB, where KB, MB and GB count 1024s; 0: no limit), and again for the "
                   "units findings of settlement; past it they wait in temporary files, the "
                   "usage settled a part at a time")
      ->check(CLI::Validator(
          [](const std::string& text) {
            return text.find('-') == std::string::npos ? std::string()
                                                       : "Value " + text + " is not a size";
          },
          "SIZE"))
      ->transform(CLI::AsSizeValue(false))
      ->default_str("64MB");
  validate->footer(validate_footer);

  authmatch::cli::reconcile_options reconcile_options;
  auto* reconcile = app.add_subcommand(
      "reconcile", "Compare a validate run's predictions with the payers' 835 remittances");
  reconcile
      ->add_option("--findings", reconcile_options.findings,
                   "Findings of a validate run (JSON Lines)")
      ->required()
      ->check(CLI::ExistingFile);
  reconcile
      ->add_option("--payer-profiles", reconcile_options.payer_profiles,
                   "Payer profiles CSV: compare the payers' codes through them")
      ->check(CLI::ExistingFile);
  reconcile
      ->add_option("--rules", reconcile_options.rules,
                   "The run's rules CSV, so that lessons can name a missing rule; repeated for "
                   "several files, as in validate (later files win ties)")
      ->allow_extra_args(false)  // one file per --rules: the inputs follow
      ->check(CLI::ExistingFile);
  reconcile->add_option("--format", reconcile_options.format, "jsonl, csv or table")
      ->check(CLI::IsMember({"jsonl", "csv", "table"}));
  reconcile->add_option("--output,-o", reconcile_options.output,
                        "Write the report here instead of stdout ('-': stdout)");
  reconcile->add_option("--summary", reconcile_options.summary,
                        "Write the counts as JSON here (totals and by_payer; '-': stdout)");
  reconcile->add_option("inputs", reconcile_options.inputs, "835 remittance files ('-' for stdin)")
      ->required();
  reconcile->footer(reconcile_footer);

  authmatch::cli::review_options review_options;
  auto* review =
      app.add_subcommand("review", "List what needs action today on the authorization tracker");
  review->add_option("--auths", review_options.auths, "Authorizations CSV export (the tracker)")
      ->required()
      ->check(CLI::ExistingFile);
  review
      ->add_option("--ledger", review_options.ledger,
                   "Utilization ledger (SQLite) whose recorded usage counts too; only read")
      ->check(CLI::ExistingFile);
  review
      ->add_option("--enrollment", review_options.enrollment,
                   "Provider enrollment roster CSV: enrollment gaps of the rendering NPIs")
      ->check(CLI::ExistingFile);
  review
      ->add_option("--schedule", review_options.schedule,
                   "Claim-lines CSV of upcoming services: those that would be denied")
      ->check(CLI::ExistingFile);
  review
      ->add_option("--rules", review_options.rules,
                   "Rules CSV for judging the schedule, repeated for several files (later files "
                   "win ties); without it every scheduled line requires authorization")
      ->allow_extra_args(false)  // one file per --rules
      ->check(CLI::ExistingFile);
  review
      ->add_option("--payer-profiles", review_options.payer_profiles,
                   "Payer profiles CSV: decision windows, and the schedule's adjustment codes")
      ->check(CLI::ExistingFile);
  review->add_option("--as-of", review_options.as_of,
                     "The review's day, YYYY-MM-DD or YYYYMMDD (default: today)");
  review->add_option("--format", review_options.format, "jsonl, csv or table")
      ->check(CLI::IsMember({"jsonl", "csv", "table"}));
  review->add_option("--output,-o", review_options.output,
                     "Write the items here instead of stdout ('-': stdout)");
  review->add_option(
      "--html", review_options.html,
      "Write a self-contained HTML page here (items, utilization, renewal timeline)");
  review->footer(review_footer);
  authmatch::cli::rules_options rules_options;
  auto* rules = app.add_subcommand("rules", "The presets of published authorization lists");
  rules->require_subcommand(1);
  rules->footer(rules_footer);
  auto* presets = rules->add_subcommand("presets", "List the presets, their codes and sources");
  presets->add_option("--output,-o", rules_options.output,
                      "Write here instead of stdout ('-': stdout)");
  auto* preset = rules->add_subcommand("preset", "Write a preset's rules for a payer as CSV");
  preset->add_option("name", rules_options.preset, "The preset (see 'rules presets')")->required();
  preset
      ->add_option("--payer", rules_options.payer_id,
                   "The payer ID the practice bills the program under (2010BB NM109)")
      ->required();
  preset->add_option("--output,-o", rules_options.output,
                     "Write here instead of stdout ('-': stdout)");

  authmatch::cli::ledger_options ledger_options;
  auto* ledger = app.add_subcommand("ledger", "Report what the utilization ledger holds");
  ledger->require_subcommand(1);
  ledger->footer(ledger_footer);
  const auto add_ledger_options = [&](CLI::App* command) {
    command->add_option("--ledger", ledger_options.ledger, "The ledger file")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("--auth", ledger_options.auth_number, "Only this authorization number");
    command->add_option("--output,-o", ledger_options.output,
                        "Write here instead of stdout ('-': stdout)");
  };
  auto* show = ledger->add_subcommand("show", "Approved, used and remaining per authorization row");
  add_ledger_options(show);
  auto* export_csv = ledger->add_subcommand("export", "The same as CSV, for the tracker");
  add_ledger_options(export_csv);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : authmatch::cli::unusable;
  }

  try {
    if (show->parsed()) return authmatch::cli::run_ledger_show(ledger_options);
    if (export_csv->parsed()) return authmatch::cli::run_ledger_export(ledger_options);
    if (reconcile->parsed()) return authmatch::cli::run_reconcile(reconcile_options);
    if (review->parsed()) return authmatch::cli::run_review(review_options);
    if (presets->parsed()) return authmatch::cli::run_rules_presets(rules_options);
    if (preset->parsed()) return authmatch::cli::run_rules_preset(rules_options);
    return authmatch::cli::run_validate(options);
  } catch (const std::exception& e) {
    // Messages quote file names and input bytes: shown escaped, never as terminal controls.
    fmt::print(stderr, "authmatch: {}\n", authmatch::detail::printable(e.what()));
  }
  return authmatch::cli::unusable;
}
