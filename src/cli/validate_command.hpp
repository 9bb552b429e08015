#ifndef AUTHMATCH_CLI_VALIDATE_COMMAND_HPP
#define AUTHMATCH_CLI_VALIDATE_COMMAND_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace authmatch {
inline namespace v0 {
class auth_rules;
class payer_profiles;
}  // namespace v0
}  // namespace authmatch

namespace authmatch::cli {

/// Exit statuses of the command.
enum exit_status : int {
  clean = 0,     ///< no deny or error finding
  findings = 1,  ///< at least one deny or error finding
  unusable = 2,  ///< unusable input or arguments
};

struct validate_options {
  std::string auths;
  std::vector<std::string> rules;         ///< rules files, in order; empty: every line needs auth
  std::optional<std::string> enrollment;  ///< provider enrollment roster; none: not checked
  std::optional<std::string> payer_profiles;  ///< per-payer adjustment codes; none: defaults
  std::optional<std::string> format;          ///< jsonl, csv or table; default by where output goes
  std::optional<std::string> output;
  bool with_source = false;  ///< a `source` key / column after the fields of the contract
  std::optional<std::string> summary;
  std::optional<std::string> html;    ///< a page of the run's findings
  std::vector<std::string> inputs;    ///< files, or "-" for standard input
  std::optional<std::string> ledger;  ///< utilization ledger to start from and record into
  int expiring_days = 30;             ///< auth_expiring_soon lead time
  /// units_low threshold, percent of the approved quantity, as given (checked by main)
  std::string units_low_percent = "20";
  bool warnings = true;  ///< false: neither warning
  unsigned threads = 1;  ///< threads judging lines; 1: all on the reading thread
  /// Usage records held in memory (bytes); run_options' default, which --help shows as 64MB.
  std::size_t memory_budget = std::size_t{64} << 20;
};

/// Says on stderr which deactivated CARCs (15, 62, 165) the profiles map findings to, if any.
void warn_deactivated_codes(const payer_profiles& profiles);

/// Loads the --rules files in order as one set (later files win ties); nullopt when none is
/// given. Shared by validate, review and reconcile.
std::optional<auth_rules> load_rules_option(const std::vector<std::string>& files);

/// Loads --payer-profiles when given (and warns about deactivated codes); nullopt otherwise.
std::optional<payer_profiles> load_profiles_option(const std::optional<std::string>& path);

/// Runs `authmatch validate`; returns the exit status. Throws input_error for unusable input.
int run_validate(const validate_options& options);

}  // namespace authmatch::cli

#endif
