#ifndef AUTHMATCH_PAYER_PROFILES_HPP
#define AUTHMATCH_PAYER_PROFILES_HPP

#include <authmatch/auth_rules.hpp>
#include <authmatch/finding.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// The adjustment codes a payer is known to use (docs/profiles.md).
enum class profile_preset : std::uint8_t {
  standard,    ///< "default": the codes of docs/findings.md
  x12_strict,  ///< CO-284 (code, site, diagnosis with a number on the claim), CO-296 (provider),
               ///< CO-302 (expired)
  legacy,      ///< CO-15 (number, code, provider, expired), CO-62 (missing, exceeded), CO-165
               ///< (referrals): deactivated codes some payers still send
};

/// "default", "x12_strict", "legacy".
std::string_view to_string(profile_preset preset) noexcept;
std::optional<profile_preset> parse_profile_preset(std::string_view name) noexcept;

/// A group code, a CARC and remark codes.
struct adjustment_codes {
  std::string group;
  std::string carc;
  std::vector<std::string> rarc;

  friend bool operator==(const adjustment_codes&, const adjustment_codes&) = default;
};

/// Per-payer adjustment codes: a preset, overrides per finding kind, and the payer's decision
/// window for pending requests. A payer without a profile (and no `*` profile) keeps the default
/// codes. Thread-safe for concurrent reads.
class payer_profiles {
 public:
  /// What one payer's profile overrides for one kind; unset fields keep the preset's.
  struct override_codes {
    std::optional<std::string> group;
    std::optional<std::string> carc;
    std::optional<std::vector<std::string>> rarc;
  };

  /// `payer_id` "*" is every payer without a profile of its own.
  void set_preset(std::string_view payer_id, profile_preset preset);
  /// Throws std::invalid_argument for a kind without adjustment codes (warnings, notes, errors).
  void set_override(std::string_view payer_id, finding_kind kind, override_codes codes);
  void set_decision_window(std::string_view payer_id, std::chrono::hours window);
  /// How the payer spells its authorization numbers: `utn` makes a number of another length on
  /// a line that needs authorization an auth_number_unknown (docs/profiles.md).
  void set_number_format(std::string_view payer_id, auth_number_format format);

  bool empty() const noexcept { return profiles_.empty(); }
  /// The payers with a profile of their own ("*" included), sorted.
  std::vector<std::string> payers() const;
  profile_preset preset(std::string_view payer_id) const noexcept;
  /// The payer's decision window for pending requests, when its profile gives one.
  std::optional<std::chrono::hours> decision_window(std::string_view payer_id) const noexcept;
  /// The payer's number format, `any` when its profile does not say.
  auth_number_format number_format(std::string_view payer_id) const noexcept;

  /// The codes `payer_id` uses for a finding of `kind`; `number_on_claim`: the line carried an
  /// authorization number; `denied_status`: the authorization's status is denied (CO-39).
  adjustment_codes codes_for(std::string_view payer_id, finding_kind kind,
                             bool number_on_claim = true, bool denied_status = false) const;

  /// Gives a finding its payer's codes (by its payer_id and kind). Findings without adjustment
  /// codes (warnings, notes, errors) are left as they are.
  void apply(finding& found, bool number_on_claim) const;

  /// CARCs deactivated in the X12 code list (15, 62, 165) that some profile maps findings to,
  /// sorted; a run that uses them says so.
  std::vector<std::string> deactivated_codes() const;

 private:
  struct profile {
    profile_preset preset = profile_preset::standard;
    std::array<std::optional<override_codes>, finding_kind_count> overrides{};
    std::optional<std::chrono::hours> window;
    auth_number_format numbers = auth_number_format::any;
  };
  const profile* find(std::string_view payer_id) const noexcept;
  profile& at(std::string_view payer_id);

  std::map<std::string, profile, std::less<>> profiles_;
};

/// Loads payer profiles, CSV `payer_id,preset,kind,group,carc,rarc,decision_window`, and
/// optionally `auth_number_format` (only
/// payer_id is required; see docs/profiles.md). All or nothing: the first bad value throws
/// input_error with its file, line and column.
payer_profiles load_payer_profiles(const std::filesystem::path& path);
payer_profiles parse_payer_profiles(std::string_view csv, std::string_view file_name = "<memory>");

}  // namespace v0
}  // namespace authmatch

#endif
