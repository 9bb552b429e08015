#ifndef AUTHMATCH_CLI_RULES_COMMAND_HPP
#define AUTHMATCH_CLI_RULES_COMMAND_HPP

#include <optional>
#include <string>

namespace authmatch::cli {

struct rules_options {
  std::string preset;
  std::string payer_id;
  std::optional<std::string> output;
};

/// `authmatch rules presets`: each preset with its code count, the day its sources were read and
/// the sources.
int run_rules_presets(const rules_options& options);

/// `authmatch rules preset NAME --payer ID`: the preset's rules for the payer, as a rules CSV.
int run_rules_preset(const rules_options& options);

}  // namespace authmatch::cli

#endif
