#ifndef AUTHMATCH_CLI_RECONCILE_COMMAND_HPP
#define AUTHMATCH_CLI_RECONCILE_COMMAND_HPP

#include <optional>
#include <string>
#include <vector>

namespace authmatch::cli {

struct reconcile_options {
  std::string findings;                       ///< JSON Lines of a validate run
  std::vector<std::string> inputs;            ///< 835 files, or "-" for standard input
  std::optional<std::string> payer_profiles;  ///< compare codes through these profiles
  std::vector<std::string> rules;             ///< the run's rules files in order, for the lessons
  std::optional<std::string> format;          ///< jsonl, csv or table; default by destination
  std::optional<std::string> output;
  std::optional<std::string> summary;
};

/// Runs `authmatch reconcile`; returns the exit status. Throws input_error for unusable input.
int run_reconcile(const reconcile_options& options);

}  // namespace authmatch::cli

#endif
