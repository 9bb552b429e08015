#ifndef AUTHMATCH_AUTH_RULES_HPP
#define AUTHMATCH_AUTH_RULES_HPP

#include <authmatch/care_setting.hpp>
#include <authmatch/claim_line.hpp>
#include <authmatch/date.hpp>
#include <authmatch/error.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// A rule that cannot be added: problem().field is "payer_id", "code", "with_codes",
/// "place_of_service" or "end_date". what() is the message
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

/// How a payer spells its authorization numbers, when a rule says so.
enum class auth_number_format : std::uint8_t {
  any,  ///< no particular spelling
  utn,  ///< a Medicare unique tracking number: 14 characters (REF*G1)
};

/// "any", "utn".
std::string_view to_string(auth_number_format format) noexcept;
/// The same names, in any case, with blanks around them; empty is `any`.
std::optional<auth_number_format> parse_auth_number_format(std::string_view text) noexcept;

/// Where and when a rule applies, and what it says besides whether a code needs authorization.
/// Every field is optional: a rule without them applies to every line of its payer and code.
struct rule_scope {
  date effective_date;  ///< first date of service the rule applies to; unset = no start
  date end_date;        ///< last date of service it applies to; unset = no end
  /// Places of service (`11`, `19`, `22`, ...) where it applies; empty = everywhere. A line
  /// whose place of service is not known is not at any of them.
  std::vector<std::string> places_of_service;
  /// Levels of care where it applies; empty = at every level. A line's level is the one judging
  /// compares (docs/judging.md): its own (an 837I's from its type of bill: 11x inpatient, 13x
  /// outpatient or observation), else, on a line that is not institutional, its place of
  /// service's (level_of_care_at). A line without a level is not at any of them, so
  /// `outpatient|observation` on an institutional rule means an 837I of type of bill 13x.
  std::vector<level_of_care> levels_of_care;
  /// The claim type it applies to; a line whose claim type is not known is not of it.
  std::optional<authmatch::claim_type> claim_type;
  /// Codes spelled as a rule's code (exact, range, prefix): the rule applies only when another
  /// line of the claim bills one of them. Empty = whatever else the claim bills.
  std::vector<std::string> with_codes;
  /// Where the rule comes from ("Medicare OPD list, 42 CFR 419.83"), shown in the messages of
  /// the findings it decides.
  std::string note;
  /// How the payer spells the numbers of the lines the rule decides.
  auth_number_format number_format = auth_number_format::any;
};

/// Which (payer, code) pairs require prior authorization, and which a referral. Payer-specific,
/// from a rules CSV `payer_id,code,requires_auth[,requires_referral]` with the optional columns
/// of rule_scope (docs/inputs.md):
/// - payer_id: exact, or `*` for every payer;
/// - code: exact (`97110`), a range of one length compared as strings (`70000-79999`), a prefix
///   (`J*`), or `*`.
/// A rule applies to a line of its payer and code on the dates, at the places, on the claim
/// type, at the levels of care and with the other codes its scope names. Of the rules that
/// apply, the most specific wins: an exact payer before `*`, then an exact code before a range
/// before a prefix before `*`, then the longer prefix; among equals, a rule with more conditions
/// (place, level of care, claim type, other codes,
/// dates) before one with fewer, then the later rule. The rule that wins answers both questions.
/// A line no rule applies to requires neither.
class auth_rules {
 public:
  enum class code_match : std::uint8_t { any, prefix, range, exact };

  /// A code as a rule spells it.
  struct code_pattern {
    code_match match = code_match::any;
    std::string code;      ///< exact code, prefix, or range start
    std::string code_end;  ///< range end

    /// Whether a normalized (trimmed, upper-case) code is covered.
    bool covers(std::string_view billed) const noexcept;
    /// As written in a rules CSV: "*", "J*", "70000-79999", "97110".
    std::string spelling() const;
  };

  struct rule : code_pattern {
    std::string payer_id;  ///< empty = every payer
    bool requires_auth = true;
    bool requires_referral = false;
    rule_scope scope;
    std::vector<code_pattern> with_codes;  ///< scope.with_codes as patterns
  };

  /// Adds a rule from its CSV spelling ("*", "J*", "70000-79999", "97110"), in any case and
  /// with blanks around it. Throws rule_error, and adds nothing, when `payer_id` is empty,
  /// `code` or one of `scope.with_codes` is spelled otherwise ("with_codes"), a place of
  /// service is not two digits ("place_of_service"), or the scope ends before it starts
  /// ("end_date").
  void add(std::string_view payer_id, std::string_view code, bool requires_auth,
           bool requires_referral = false, rule_scope scope = {});

  /// Appends another set's rules after these (they win ties, as later rules do).
  void append(const auth_rules& more);

  /// The rule that decides a line of a claim (the claim's lines, the line among them, for rules
  /// that name other codes), or null when none applies. The line's values may be spelled in any
  /// case, with blanks around them. The rule is valid while these rules are not changed.
  const rule* rule_for(const claim_line& line,
                       std::span<const claim_line> claim = {}) const noexcept;

  /// Whether the most specific rule for this payer and code requires authorization, for a line
  /// known by its payer and code alone: rules with a scope (dates, places, claim type, other
  /// codes) do not apply to it. The payer and code may be spelled in any case, with blanks
  /// around them: they are compared trimmed and upper-cased, without a copy when they already
  /// are.
  bool requires_auth(std::string_view payer_id, std::string_view code) const noexcept;

  /// Whether the most specific rule for this payer and code requires a referral, compared as
  /// requires_auth() compares.
  bool requires_referral(std::string_view payer_id, std::string_view code) const noexcept;

  std::size_t size() const noexcept { return rules_.size(); }
  const std::vector<rule>& rules() const noexcept { return rules_; }
  /// Whether some rule has a scope (only those make rule_for look past payer and code).
  bool scoped() const noexcept { return scoped_; }

 private:
  /// The most specific rule for the payer and code that `applies` accepts, or null.
  template <typename Applies>
  const rule* most_specific(std::string_view payer_id, std::string_view code,
                            Applies&& applies) const;
  static bool unscoped(const rule& r) noexcept;

  /// Indexes rule `i` (the last added) by its code.
  void index_rule(std::uint32_t i);

  std::vector<rule> rules_;
  /// Rules of an exact code, by code (then by position): a line's are found by binary search.
  std::vector<std::pair<std::string, std::uint32_t>> exact_;
  /// Rules of a range, a prefix or `*`, by position: every line is compared with each.
  std::vector<std::uint32_t> broad_;
  bool scoped_ = false;
};

}  // namespace v0
}  // namespace authmatch

#endif
