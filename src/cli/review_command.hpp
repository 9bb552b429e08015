#ifndef AUTHMATCH_CLI_REVIEW_COMMAND_HPP
#define AUTHMATCH_CLI_REVIEW_COMMAND_HPP

#include <optional>
#include <string>
#include <vector>

namespace authmatch::cli {

struct review_options {
  std::string auths;
  std::optional<std::string> ledger;
  std::optional<std::string> enrollment;
  std::optional<std::string> schedule;  ///< claim-lines CSV of upcoming services
  std::vector<std::string> rules;       ///< for the schedule, in order (later files win ties)
  std::optional<std::string> payer_profiles;
  std::optional<std::string> as_of;   ///< YYYY-MM-DD; default today
  std::optional<std::string> format;  ///< jsonl, csv or table; default by where output goes
  std::optional<std::string> output;
  std::optional<std::string> html;
};

/// Runs `authmatch review`: 0 nothing overdue, 1 something overdue. Throws input_error for
/// unusable input.
int run_review(const review_options& options);

}  // namespace authmatch::cli

#endif
