#include <authmatch/auth_rules.hpp>
#include "text/text.hpp"

#include <tuple>

namespace authmatch {
inline namespace v0 {

void auth_rules::add(std::string_view payer_id, std::string_view code, bool requires_auth,
                     bool requires_referral) {
  rule r;
  r.requires_auth = requires_auth;
  r.requires_referral = requires_referral;
  const std::string payer = detail::normalize_id(payer_id);
  if (payer.empty()) throw rule_error({"payer_id", "payer_id is empty (use * for every payer)"});
  if (payer != "*") r.payer_id = payer;

  const std::string spelled = detail::normalize_id(code);
  if (spelled.empty()) throw rule_error({"code", "code is empty (use * for every code)"});
  if (spelled == "*") {
    r.match = code_match::any;
  } else if (spelled.back() == '*') {
    r.match = code_match::prefix;
    r.code = spelled.substr(0, spelled.size() - 1);
    if (r.code.find('*') != std::string::npos) {
      throw rule_error({"code", "a prefix takes one * at its end, as in J*"});
    }
  } else if (const auto dash = spelled.find('-'); dash != std::string::npos) {
    r.match = code_match::range;
    r.code = detail::trim(std::string_view(spelled).substr(0, dash));
    r.code_end = detail::trim(std::string_view(spelled).substr(dash + 1));
    if (r.code.empty() || r.code.size() != r.code_end.size()) {
      throw rule_error({"code", "a range joins two codes of one length, as in 70000-79999"});
    }
    if (r.code_end < r.code) throw rule_error({"code", "the range ends before it starts"});
  } else if (spelled.find('*') != std::string::npos) {
    throw rule_error({"code", "* stands alone or ends a prefix, as in J*"});
  } else {
    r.match = code_match::exact;
    r.code = spelled;
  }
  rules_.push_back(std::move(r));
}

bool auth_rules::requires_auth(std::string_view payer_id, std::string_view code) const noexcept {
  const rule* found = most_specific(payer_id, code);
  return found != nullptr && found->requires_auth;
}

bool auth_rules::requires_referral(std::string_view payer_id,
                                   std::string_view code) const noexcept {
  const rule* found = most_specific(payer_id, code);
  return found != nullptr && found->requires_referral;
}

const auth_rules::rule* auth_rules::most_specific(std::string_view payer_id,
                                                  std::string_view code) const noexcept {
  // The rules hold their payers and codes normalized; the readers give them so too, and those
  // are compared as they are. Other spellings are compared as a normalized copy.
  std::string payer_scratch, code_scratch;
  payer_id = detail::normalized(payer_id, payer_scratch);
  code = detail::normalized(code, code_scratch);
  const rule* best = nullptr;
  std::tuple<bool, code_match, std::size_t> best_rank{};
  for (const auto& r : rules_) {
    if (!r.payer_id.empty() && r.payer_id != payer_id) continue;
    bool matches = false;
    switch (r.match) {
      case code_match::any: matches = true; break;
      case code_match::prefix: matches = code.starts_with(r.code); break;
      case code_match::range:
        matches = code.size() == r.code.size() && r.code <= code && code <= r.code_end;
        break;
      case code_match::exact: matches = code == r.code; break;
    }
    if (!matches) continue;
    // Later rules win ties, so a rules file can be amended by appending to it.
    const std::tuple rank{!r.payer_id.empty(), r.match, r.code.size()};
    if (best == nullptr || rank >= best_rank) {
      best = &r;
      best_rank = rank;
    }
  }
  return best;
}

}  // namespace v0
}  // namespace authmatch
