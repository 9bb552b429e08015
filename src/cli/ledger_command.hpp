#ifndef AUTHMATCH_CLI_LEDGER_COMMAND_HPP
#define AUTHMATCH_CLI_LEDGER_COMMAND_HPP

#include <optional>
#include <string>

namespace authmatch::cli {

struct ledger_options {
  std::string ledger;
  std::optional<std::string> auth_number;
  std::optional<std::string> output;
};

/// `authmatch ledger show`: approved, used and remaining per authorization row, as a table.
int run_ledger_show(const ledger_options& options);

/// `authmatch ledger export`: the same as CSV, for the authorization tracker.
int run_ledger_export(const ledger_options& options);

}  // namespace authmatch::cli

#endif
