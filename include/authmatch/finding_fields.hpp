#ifndef AUTHMATCH_FINDING_FIELDS_HPP
#define AUTHMATCH_FINDING_FIELDS_HPP

#include <authmatch/finding.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace authmatch {
inline namespace v0 {

/// One field of a finding as every output names and writes it.
struct finding_field {
  std::string_view name;  ///< the JSON Lines key, CSV column and Python attribute
  /// Fractional digits a decimal is always written with: 2 for a charge ("110.00"), else 0
  /// ("1.5", "12").
  int min_places = 0;
};

/// The one description of a finding's fields: calls `visit(field, member)` for each, in output
/// order (README.md, Findings), where `member` points to the finding's data member
/// (`found.*member` is its value). The JSON Lines and CSV writers, the temporary files of long
/// runs and the Python bindings all go through this list, so they cannot disagree on a field.
///
/// The member's type says how a value is written: text (`std::string`), a whole number, a kind
/// or a severity (by name), a list of text, or an optional text, date or decimal (null when
/// absent).
///
///     for_each_finding_field([&](const finding_field& field, auto member) {
///       std::cout << field.name << '\n';  // and found.*member, by its type
///     });
template <typename Visit>
constexpr void for_each_finding_field(Visit&& visit) {
  visit(finding_field{"claim_id"}, &finding::claim_id);
  visit(finding_field{"line"}, &finding::line);
  visit(finding_field{"kind"}, &finding::kind);
  visit(finding_field{"severity"}, &finding::level);
  visit(finding_field{"group"}, &finding::group);
  visit(finding_field{"carc"}, &finding::carc);
  visit(finding_field{"rarc"}, &finding::rarc);
  visit(finding_field{"auth_number"}, &finding::auth_number);
  visit(finding_field{"member_id"}, &finding::member_id);
  visit(finding_field{"payer_id"}, &finding::payer_id);
  visit(finding_field{"code"}, &finding::code);
  visit(finding_field{"service_date"}, &finding::service_date);
  visit(finding_field{"units"}, &finding::units);
  visit(finding_field{"charge", 2}, &finding::charge);
  visit(finding_field{"expected"}, &finding::expected);
  visit(finding_field{"actual"}, &finding::actual);
  visit(finding_field{"message"}, &finding::message);
}

/// How many fields a finding has.
inline constexpr std::size_t finding_field_count = [] {
  std::size_t count = 0;
  for_each_finding_field([&](const finding_field&, auto) { ++count; });
  return count;
}();

/// The field names of a finding, in output order: the JSON Lines keys and the CSV header.
inline constexpr std::array<std::string_view, finding_field_count> finding_fields = [] {
  std::array<std::string_view, finding_field_count> names{};
  std::size_t i = 0;
  for_each_finding_field([&](const finding_field& field, auto) { names[i++] = field.name; });
  return names;
}();

}  // namespace v0
}  // namespace authmatch

#endif
