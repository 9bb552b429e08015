#ifndef AUTHMATCH_AUTH_RULES_HPP
#define AUTHMATCH_AUTH_RULES_HPP

#include <authmatch/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// A rule that cannot be added: problem().field is "payer_id" or "code". what() is the message
/// alone, which names the field or shows the spelling expected ("a prefix takes one * at its
/// end, as in J*").
class rule_error : public error {
 public:
  explicit rule_error(field_problem problem)
      : error(problem.message), problem_(std::move(problem)) {}
  const field_problem& problem() const noexcept { return problem_; }

 private:
  field_problem problem_;
};

/// Which (payer, code) pairs require prior authorization, and which a referral. Payer-specific,
/// from a rules CSV `payer_id,code,requires_auth[,requires_referral]`:
/// - payer_id: exact, or `*` for every payer;
/// - code: exact (`97110`), a range of one length compared as strings (`70000-79999`), a prefix
///   (`J*`), or `*`.
/// The most specific rule wins: an exact payer before `*`, then an exact code before a range
/// before a prefix before `*`; among equals, the longer prefix, then the later rule.
/// The rule that wins answers both questions. A code no rule covers requires neither.
class auth_rules {
 public:
  enum class code_match : std::uint8_t { any, prefix, range, exact };

  struct rule {
    std::string payer_id;  ///< empty = every payer
    code_match match = code_match::any;
    std::string code;      ///< exact code, prefix, or range start
    std::string code_end;  ///< range end
    bool requires_auth = true;
    bool requires_referral = false;
  };

  /// Adds a rule from its CSV spelling ("*", "J*", "70000-79999", "97110"), in any case and
  /// with blanks around it. Throws rule_error, and adds nothing, when `payer_id` is empty or
  /// `code` is spelled otherwise.
  void add(std::string_view payer_id, std::string_view code, bool requires_auth,
           bool requires_referral = false);

  /// Whether the most specific rule for this payer and code requires authorization. The payer
  /// and code may be spelled in any case, with blanks around them: they are compared trimmed
  /// and upper-cased, without a copy when they already are.
  bool requires_auth(std::string_view payer_id, std::string_view code) const noexcept;

  /// Whether the most specific rule for this payer and code requires a referral, compared as
  /// requires_auth() compares.
  bool requires_referral(std::string_view payer_id, std::string_view code) const noexcept;

  std::size_t size() const noexcept { return rules_.size(); }
  const std::vector<rule>& rules() const noexcept { return rules_; }

 private:
  /// The most specific rule for the payer and code, or null when none covers them.
  const rule* most_specific(std::string_view payer_id, std::string_view code) const noexcept;

  std::vector<rule> rules_;
};

}  // namespace v0
}  // namespace authmatch

#endif
