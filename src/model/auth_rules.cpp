#include <authmatch/auth_rules.hpp>
#include "model/billed_level.hpp"
#include "text/printable.hpp"
#include "text/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace authmatch {
inline namespace v0 {
namespace {

/// A code as a rules CSV spells it; throws rule_error naming `field` (a column name, which
/// outlives the error) when it is not one.
auth_rules::code_pattern pattern_of(std::string_view code, std::string_view field) {
  using match = auth_rules::code_match;
  const auto refuse = [field](const char* message) { return rule_error({field, message}); };
  auth_rules::code_pattern p;
  const std::string spelled = detail::normalize_id(code);
  if (spelled.empty()) throw refuse("code is empty (use * for every code)");
  if (spelled == "*") {
    p.match = match::any;
  } else if (spelled.back() == '*') {
    p.match = match::prefix;
    p.code = spelled.substr(0, spelled.size() - 1);
    if (p.code.find('*') != std::string::npos) {
      throw refuse("a prefix takes one * at its end, as in J*");
    }
  } else if (const auto dash = spelled.find('-'); dash != std::string::npos) {
    p.match = match::range;
    p.code = detail::trim(std::string_view(spelled).substr(0, dash));
    p.code_end = detail::trim(std::string_view(spelled).substr(dash + 1));
    if (p.code.empty() || p.code.size() != p.code_end.size()) {
      throw refuse("a range joins two codes of one length, as in 70000-79999");
    }
    if (p.code_end < p.code) throw refuse("the range ends before it starts");
  } else if (spelled.find('*') != std::string::npos) {
    throw refuse("* stands alone or ends a prefix, as in J*");
  } else {
    p.match = match::exact;
    p.code = spelled;
  }
  return p;
}

/// What a rules CSV's place_of_service must hold.
constexpr const char* places_expected =
    "expected two-digit place of service codes, |-separated, as in 19|22";

/// A place of service as a rule keeps it (trimmed); throws rule_error when it is not two digits.
std::string place_of(std::string_view place) {
  const auto trimmed = detail::trim(place);
  const bool two_digits = trimmed.size() == 2 && trimmed[0] >= '0' && trimmed[0] <= '9' &&
                          trimmed[1] >= '0' && trimmed[1] <= '9';
  if (!two_digits) {
    throw rule_error(
        {"place_of_service", trimmed.empty()
                                 ? fmt::format("a place of service is empty ({})", places_expected)
                                 : fmt::format("{} is not a place of service ({})",
                                               detail::quoted_value(trimmed), places_expected)});
  }
  return std::string(trimmed);
}

/// How many conditions a rule's scope names: places, levels, claim type, other codes, dates.
int conditions_of(const rule_scope& scope) noexcept {
  return static_cast<int>(!scope.places_of_service.empty()) +
         static_cast<int>(!scope.levels_of_care.empty()) +
         static_cast<int>(scope.claim_type.has_value()) +
         static_cast<int>(!scope.with_codes.empty()) +
         static_cast<int>(scope.effective_date.is_set() || scope.end_date.is_set());
}

/// Whether a scoped rule applies to a line of a claim (its payer and code already match).
bool applies(const auth_rules::rule& r, const claim_line& line, std::span<const claim_line> claim) {
  const auto& scope = r.scope;
  if (scope.effective_date.is_set() && line.service_date < scope.effective_date) return false;
  if (scope.end_date.is_set() && line.service_date > scope.end_date) return false;
  if (scope.claim_type && line.claim_type != scope.claim_type) return false;
  if (!scope.places_of_service.empty()) {
    std::string scratch;
    const auto place = detail::normalized(line.place_of_service, scratch);
    if (std::find(scope.places_of_service.begin(), scope.places_of_service.end(), place) ==
        scope.places_of_service.end()) {
      return false;
    }
  }
  if (!scope.levels_of_care.empty()) {
    const auto level = detail::billed_level_of(line, line.place_of_service);
    if (!level || std::find(scope.levels_of_care.begin(), scope.levels_of_care.end(), *level) ==
                      scope.levels_of_care.end()) {
      return false;
    }
  }
  if (!r.with_codes.empty()) {
    if (claim.empty()) claim = {&line, 1};
    std::string scratch;
    const bool billed = std::any_of(claim.begin(), claim.end(), [&](const claim_line& other) {
      const auto code = detail::normalized(other.code, scratch);
      return std::any_of(r.with_codes.begin(), r.with_codes.end(),
                         [code](const auth_rules::code_pattern& p) { return p.covers(code); });
    });
    if (!billed) return false;
  }
  return true;
}

}  // namespace

std::string_view to_string(auth_number_format format) noexcept {
  return format == auth_number_format::utn ? "utn" : "any";
}

std::optional<auth_number_format> parse_auth_number_format(std::string_view text) noexcept {
  text = detail::trim(text);
  if (text.empty() || detail::iequals(text, "any")) return auth_number_format::any;
  if (detail::iequals(text, "utn")) return auth_number_format::utn;
  return std::nullopt;
}

bool auth_rules::code_pattern::covers(std::string_view billed) const noexcept {
  switch (match) {
    case code_match::any: return true;
    case code_match::prefix: return billed.starts_with(code);
    case code_match::range:
      return billed.size() == code.size() && code <= billed && billed <= code_end;
    case code_match::exact: return billed == code;
  }
  return false;
}

std::string auth_rules::code_pattern::spelling() const {
  switch (match) {
    case code_match::any: return "*";
    case code_match::prefix: return code + "*";
    case code_match::range: return code + "-" + code_end;
    case code_match::exact: return code;
  }
  return code;
}

void auth_rules::add(std::string_view payer_id, std::string_view code, bool requires_auth,
                     bool requires_referral, rule_scope scope) {
  rule r;
  r.requires_auth = requires_auth;
  r.requires_referral = requires_referral;
  const std::string payer = detail::normalize_id(payer_id);
  if (payer.empty()) throw rule_error({"payer_id", "payer_id is empty (use * for every payer)"});
  if (payer != "*") r.payer_id = payer;
  static_cast<code_pattern&>(r) = pattern_of(code, "code");
  for (const auto& other : scope.with_codes)
    r.with_codes.push_back(pattern_of(other, "with_codes"));
  if (scope.effective_date.is_set() && scope.end_date.is_set() &&
      scope.end_date < scope.effective_date) {
    throw rule_error({"end_date", "the rule ends before it starts (end_date < effective_date)"});
  }
  for (auto& place : scope.places_of_service) place = place_of(place);
  scope.note = detail::trim(scope.note);
  r.scope = std::move(scope);
  scoped_ = scoped_ || conditions_of(r.scope) > 0;
  rules_.push_back(std::move(r));
  index_rule(static_cast<std::uint32_t>(rules_.size() - 1));
}

void auth_rules::append(const auth_rules& more) {
  rules_.reserve(rules_.size() + more.rules_.size());
  for (const auto& r : more.rules_) {
    rules_.push_back(r);
    index_rule(static_cast<std::uint32_t>(rules_.size() - 1));
  }
  scoped_ = scoped_ || more.scoped_;
}

void auth_rules::index_rule(std::uint32_t i) {
  const auto& r = rules_[i];
  if (r.match != code_match::exact) {
    broad_.push_back(i);
    return;
  }
  const std::pair<std::string, std::uint32_t> entry{r.code, i};
  exact_.insert(std::upper_bound(exact_.begin(), exact_.end(), entry), entry);
}

template <typename Applies>
const auth_rules::rule* auth_rules::most_specific(std::string_view payer_id, std::string_view code,
                                                  Applies&& applies_to_line) const {
  // The rules hold their payers and codes normalized; the readers give them so too, and those
  // are compared as they are. Other spellings are compared as a normalized copy.
  std::string payer_scratch, code_scratch;
  payer_id = detail::normalized(payer_id, payer_scratch);
  code = detail::normalized(code, code_scratch);
  const rule* best = nullptr;
  std::tuple<bool, code_match, std::size_t, int, std::uint32_t> best_rank{};
  const auto consider = [&](std::uint32_t i) {
    const rule& r = rules_[i];
    if (!r.payer_id.empty() && r.payer_id != payer_id) return;
    // Later rules win ties, so a rules file can be amended by appending to it.
    const std::tuple rank{!r.payer_id.empty(), r.match, r.code.size(), conditions_of(r.scope), i};
    if (best != nullptr && rank < best_rank) return;
    if (!applies_to_line(r)) return;
    best = &r;
    best_rank = rank;
  };
  const auto by_code = [](const std::pair<std::string, std::uint32_t>& entry,
                          std::string_view key) { return std::string_view(entry.first) < key; };
  for (auto it = std::lower_bound(exact_.begin(), exact_.end(), code, by_code);
       it != exact_.end() && it->first == code; ++it) {
    consider(it->second);
  }
  for (const auto i : broad_) {
    if (rules_[i].covers(code)) consider(i);
  }
  return best;
}

const auth_rules::rule* auth_rules::rule_for(const claim_line& line,
                                             std::span<const claim_line> claim) const noexcept {
  if (!scoped_) {
    return most_specific(line.payer_id, line.code, [](const rule&) { return true; });
  }
  return most_specific(line.payer_id, line.code,
                       [&](const rule& r) { return applies(r, line, claim); });
}

bool auth_rules::requires_auth(std::string_view payer_id, std::string_view code) const noexcept {
  const rule* found = most_specific(payer_id, code, unscoped);
  return found != nullptr && found->requires_auth;
}

bool auth_rules::requires_referral(std::string_view payer_id,
                                   std::string_view code) const noexcept {
  const rule* found = most_specific(payer_id, code, unscoped);
  return found != nullptr && found->requires_referral;
}

bool auth_rules::unscoped(const rule& r) noexcept { return conditions_of(r.scope) == 0; }

}  // namespace v0
}  // namespace authmatch
