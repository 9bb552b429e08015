#ifndef AUTHMATCH_RULE_PRESETS_HPP
#define AUTHMATCH_RULE_PRESETS_HPP

#include <authmatch/auth_rules.hpp>
#include <authmatch/date.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// A payer program's published list of codes that need authorization, shipped with authmatch as
/// rules without a payer (docs/presets.md): the Medicare lists `medicare-opd`,
/// `medicare-dmepos`, `medicare-asc-demo` and `medicare-wiser`. Each names the public sources
/// its codes were read from and the day they were read; code numbers only.
struct rule_preset {
  std::string name;                  ///< "medicare-opd"
  std::string title;                 ///< the program
  std::string applies;               ///< the claims it applies to
  std::vector<std::string> sources;  ///< addresses read, each with what it gave
  std::string coverage;              ///< what of the program's list the preset leaves out, if any
  date read_on;                      ///< the day the sources were read
  /// How the program spells its authorization numbers (a Medicare UTN: 14 characters).
  auth_number_format number_format = auth_number_format::any;
  std::size_t codes = 0;  ///< how many codes it names
  /// Its rules as a rules CSV without the payer_id column: code, requires_auth, effective_date,
  /// end_date, place_of_service, claim_type, with_codes, auth_number_format, note.
  std::string rules_csv;
};

/// The presets shipped, sorted by name.
std::span<const rule_preset> rule_presets();

/// The preset of that name. Throws std::invalid_argument naming the presets there are.
const rule_preset& find_rule_preset(std::string_view name);

/// The preset's rules for one payer, as a rules CSV (payer_id first) to review and merge with a
/// practice's own rules. Throws std::invalid_argument when the payer ID is empty or `*`.
std::string rule_preset_csv(const rule_preset& preset, std::string_view payer_id);

/// The preset's rules for one payer, loaded.
auth_rules rule_preset_rules(const rule_preset& preset, std::string_view payer_id);

}  // namespace v0
}  // namespace authmatch

#endif
