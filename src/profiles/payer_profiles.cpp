#include <authmatch/payer_profiles.hpp>

#include "model/adjustments.hpp"

#include <algorithm>
#include <stdexcept>

namespace authmatch {
inline namespace v0 {
namespace {

/// What a preset changes from the default codes; nullopt: the default stands.
std::optional<adjustment_codes> preset_codes(profile_preset preset, finding_kind kind,
                                             bool number_on_claim) {
  switch (preset) {
    case profile_preset::standard: return std::nullopt;
    case profile_preset::x12_strict:
      switch (kind) {
        case finding_kind::code_mismatch:
        case finding_kind::site_mismatch:
        case finding_kind::diagnosis_mismatch:
          if (!number_on_claim) return std::nullopt;
          return adjustment_codes{"CO", "284", {"N54"}};
        case finding_kind::provider_mismatch: return adjustment_codes{"CO", "296", {"N54"}};
        case finding_kind::auth_expired: return adjustment_codes{"CO", "302", {"N54"}};
        default: return std::nullopt;
      }
    case profile_preset::legacy:
      switch (kind) {
        case finding_kind::auth_number_missing:
        case finding_kind::auth_number_unknown:
        case finding_kind::auth_number_mismatch:
        case finding_kind::code_mismatch:
        case finding_kind::provider_mismatch:
        case finding_kind::auth_expired: return adjustment_codes{"CO", "15", {}};
        case finding_kind::auth_missing:
        case finding_kind::units_exceeded: return adjustment_codes{"CO", "62", {}};
        case finding_kind::referral_missing:
        case finding_kind::referral_exceeded:
        case finding_kind::referral_number_missing: return adjustment_codes{"CO", "165", {}};
        default: return std::nullopt;
      }
  }
  return std::nullopt;
}

bool has_codes(finding_kind kind) noexcept {
  return !detail::adjustment_for(kind, auth_status::approved).group.empty();
}

}  // namespace

std::string_view to_string(profile_preset preset) noexcept {
  switch (preset) {
    case profile_preset::standard: return "default";
    case profile_preset::x12_strict: return "x12_strict";
    case profile_preset::legacy: return "legacy";
  }
  return "default";
}

std::optional<profile_preset> parse_profile_preset(std::string_view name) noexcept {
  if (name == "default") return profile_preset::standard;
  if (name == "x12_strict") return profile_preset::x12_strict;
  if (name == "legacy") return profile_preset::legacy;
  return std::nullopt;
}

payer_profiles::profile& payer_profiles::at(std::string_view payer_id) {
  auto it = profiles_.find(payer_id);
  if (it == profiles_.end()) it = profiles_.emplace(std::string(payer_id), profile{}).first;
  return it->second;
}

const payer_profiles::profile* payer_profiles::find(std::string_view payer_id) const noexcept {
  auto it = profiles_.find(payer_id);
  if (it == profiles_.end()) it = profiles_.find(std::string_view("*"));
  return it == profiles_.end() ? nullptr : &it->second;
}

void payer_profiles::set_preset(std::string_view payer_id, profile_preset preset) {
  at(payer_id).preset = preset;
}

void payer_profiles::set_override(std::string_view payer_id, finding_kind kind,
                                  override_codes codes) {
  if (!has_codes(kind)) {
    throw std::invalid_argument(std::string(to_string(kind)) +
                                " has no adjustment codes to override (it is not a denial)");
  }
  at(payer_id).overrides[static_cast<std::size_t>(kind)] = std::move(codes);
}

void payer_profiles::set_decision_window(std::string_view payer_id, std::chrono::hours window) {
  at(payer_id).window = window;
}

void payer_profiles::set_number_format(std::string_view payer_id, auth_number_format format) {
  at(payer_id).numbers = format;
}

auth_number_format payer_profiles::number_format(std::string_view payer_id) const noexcept {
  const profile* p = find(payer_id);
  return p ? p->numbers : auth_number_format::any;
}

std::vector<std::string> payer_profiles::payers() const {
  std::vector<std::string> out;
  for (const auto& [payer, p] : profiles_) out.push_back(payer);
  return out;
}

profile_preset payer_profiles::preset(std::string_view payer_id) const noexcept {
  const profile* p = find(payer_id);
  return p ? p->preset : profile_preset::standard;
}

std::optional<std::chrono::hours> payer_profiles::decision_window(
    std::string_view payer_id) const noexcept {
  const profile* p = find(payer_id);
  return p ? p->window : std::nullopt;
}

adjustment_codes payer_profiles::codes_for(std::string_view payer_id, finding_kind kind,
                                           bool number_on_claim, bool denied_status) const {
  finding f;
  detail::classify(f, kind, denied_status ? auth_status::denied : auth_status::approved);
  f.payer_id = payer_id;
  apply(f, number_on_claim);
  return {std::move(f.group), std::move(f.carc), std::move(f.rarc)};
}

void payer_profiles::apply(finding& found, bool number_on_claim) const {
  if (found.group.empty()) return;  // warnings, notes and errors carry no codes
  const profile* p = find(found.payer_id);
  if (p == nullptr) return;
  // Assigned, not moved: a finding written over a recycled one keeps its strings' room.
  if (const auto codes = preset_codes(p->preset, found.kind, number_on_claim)) {
    found.group.assign(codes->group);
    found.carc.assign(codes->carc);
    found.rarc = codes->rarc;
  }
  const auto& change = p->overrides[static_cast<std::size_t>(found.kind)];
  if (!change) return;
  if (change->group) found.group = *change->group;
  if (change->carc) found.carc = *change->carc;
  if (change->rarc) found.rarc = *change->rarc;
}

std::vector<std::string> payer_profiles::deactivated_codes() const {
  std::vector<std::string> out;
  const auto note = [&out](std::string_view carc) {
    if ((carc == "15" || carc == "62" || carc == "165") &&
        std::find(out.begin(), out.end(), carc) == out.end()) {
      out.emplace_back(carc);
    }
  };
  for (const auto& [payer, p] : profiles_) {
    for (const auto kind : all_finding_kinds) {
      if (!has_codes(kind)) continue;
      if (const auto codes = preset_codes(p.preset, kind, true)) note(codes->carc);
      const auto& change = p.overrides[static_cast<std::size_t>(kind)];
      if (change && change->carc) note(*change->carc);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace v0
}  // namespace authmatch
