#ifndef AUTHMATCH_CLAIM_RECORD_HPP
#define AUTHMATCH_CLAIM_RECORD_HPP

#include <authmatch/claim_line.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// One field of a claim line as the inputs name it.
struct claim_field {
  std::string_view name;  ///< the claim-lines CSV column and the key of a Python record
  bool required = false;  ///< an input line without a value for it is refused
};

/// The one description of a claim line's fields, in the order of the claim-lines CSV columns
/// (README.md, Inputs): calls `visit(field, member...)` for each field, with a pointer to the
/// member of that name in each of the types `Lines`. claim_line and claim_record name their
/// fields alike, so `for_each_claim_field<claim_record, claim_line>(visit)` pairs the members of
/// a record with those of a line; with no type, `visit(field)` sees the names alone.
template <typename... Lines, typename Visit>
constexpr void for_each_claim_field(Visit&& visit) {
  visit(claim_field{"claim_id", true}, &Lines::claim_id...);
  visit(claim_field{"line", true}, &Lines::line...);
  visit(claim_field{"member_id", true}, &Lines::member_id...);
  visit(claim_field{"payer_id", true}, &Lines::payer_id...);
  visit(claim_field{"patient_dob"}, &Lines::patient_dob...);
  visit(claim_field{"auth_number"}, &Lines::auth_number...);
  visit(claim_field{"code", true}, &Lines::code...);
  visit(claim_field{"modifiers"}, &Lines::modifiers...);
  visit(claim_field{"units", true}, &Lines::units...);
  visit(claim_field{"service_date", true}, &Lines::service_date...);
  visit(claim_field{"service_date_end"}, &Lines::service_date_end...);
  visit(claim_field{"rendering_npi"}, &Lines::rendering_npi...);
  visit(claim_field{"billing_npi"}, &Lines::billing_npi...);
  visit(claim_field{"facility_npi"}, &Lines::facility_npi...);
  visit(claim_field{"place_of_service"}, &Lines::place_of_service...);
  visit(claim_field{"diagnosis_codes"}, &Lines::diagnosis_codes...);
  visit(claim_field{"charge"}, &Lines::charge...);
  visit(claim_field{"frequency"}, &Lines::frequency...);
  visit(claim_field{"original_claim_id"}, &Lines::original_claim_id...);
  visit(claim_field{"referral_number"}, &Lines::referral_number...);
  visit(claim_field{"level_of_care"}, &Lines::level_of_care...);
  visit(claim_field{"claim_type"}, &Lines::claim_type...);
}

/// How many fields a claim line has.
inline constexpr std::size_t claim_field_count = [] {
  std::size_t count = 0;
  for_each_claim_field([&](const claim_field&) { ++count; });
  return count;
}();

/// The names of a claim line's fields, in the order of the claim-lines CSV columns.
inline constexpr std::array<std::string_view, claim_field_count> claim_fields = [] {
  std::array<std::string_view, claim_field_count> names{};
  std::size_t i = 0;
  for_each_claim_field([&](const claim_field& field) { names[i++] = field.name; });
  return names;
}();

/// The names of the fields every input line must give, in claim_fields order.
inline constexpr auto required_claim_fields = [] {
  constexpr std::size_t count = [] {
    std::size_t required = 0;
    for_each_claim_field([&](const claim_field& field) { required += field.required ? 1 : 0; });
    return required;
  }();
  std::array<std::string_view, count> names{};
  std::size_t i = 0;
  for_each_claim_field([&](const claim_field& field) {
    if (field.required) names[i++] = field.name;
  });
  return names;
}();

/// Text values that a claim_line sees as a span of views: the modifiers or diagnosis codes of a
/// claim_record. The list owns its strings and keeps a view of each beside them.
///
/// views() (and iteration) refer into the list. They stay valid when the list is moved, since
/// the strings stay where they are, and end when it is changed, assigned to or destroyed.
class text_list {
 public:
  text_list() = default;
  text_list(std::initializer_list<std::string_view> values) { assign(values); }
  explicit text_list(std::span<const std::string_view> values) { assign(values); }
  explicit text_list(std::vector<std::string> values) : values_(std::move(values)) { refresh(); }

  text_list(const text_list& other) : values_(other.values_) { refresh(); }
  text_list(text_list&&) noexcept = default;
  text_list& operator=(const text_list& other) {
    if (this != &other) assign(other.values_);
    return *this;
  }
  text_list& operator=(text_list&&) noexcept = default;
  text_list& operator=(std::initializer_list<std::string_view> values) {
    assign(values);
    return *this;
  }

  /// Replaces the values with copies of `values` (strings or string views).
  template <typename Range>
  void assign(const Range& values) {
    values_.assign(std::begin(values), std::end(values));
    refresh();
  }
  void assign(std::vector<std::string>&& values) {
    values_ = std::move(values);
    refresh();
  }
  void push_back(std::string_view value) {
    values_.emplace_back(value);
    refresh();  // the strings may have moved: a list holds a few codes, all are viewed again
  }
  void clear() noexcept {
    values_.clear();
    views_.clear();
  }

  /// The values as a claim_line holds them.
  std::span<const std::string_view> views() const noexcept { return views_; }
  /// The values as strings.
  const std::vector<std::string>& values() const noexcept { return values_; }
  std::size_t size() const noexcept { return views_.size(); }
  bool empty() const noexcept { return views_.empty(); }
  std::string_view operator[](std::size_t i) const noexcept { return views_[i]; }
  auto begin() const noexcept { return views_.begin(); }
  auto end() const noexcept { return views_.end(); }

  friend bool operator==(const text_list& a, const text_list& b) noexcept {
    return a.values_ == b.values_;
  }

 private:
  void refresh() { views_.assign(values_.begin(), values_.end()); }

  std::vector<std::string> values_;
  std::vector<std::string_view> views_;  ///< one per value, into values_
};

/// One claim line that owns its values, for lines made in code (the Python bindings, tests,
/// tools that build claims) rather than read from a buffer that outlives them. The fields are
/// those of claim_line, with the same meaning; view() is the claim_line the validator reads.
///
/// **Lifetime of views:** a claim_line from view() refers into the record's strings and lists.
/// It is valid while the record is alive and unchanged. Moving the record ends it too (a short
/// string lives inside the std::string object that moves), so take view() again from the record
/// moved to; records in a container keep their views while the container leaves them in place
/// (a std::vector moved whole, not one that grows or erases before them).
struct claim_record {
  std::string claim_id;
  std::uint32_t line = 0;
  std::string member_id;
  std::string payer_id;
  std::optional<date> patient_dob;
  std::string auth_number;  ///< empty = none
  std::string code;
  text_list modifiers;
  decimal units = decimal::from_integer(1);
  date service_date;                     ///< first day of service
  std::optional<date> service_date_end;  ///< last day; none: the same day as service_date
  std::string rendering_npi;
  std::string billing_npi;
  std::string facility_npi;      ///< empty = none
  std::string place_of_service;  ///< empty = none
  text_list diagnosis_codes;     ///< without dots
  decimal charge;
  claim_frequency frequency = claim_frequency::original;
  std::string original_claim_id;
  std::string referral_number;  ///< empty = none
  std::optional<authmatch::level_of_care> level_of_care;
  std::optional<authmatch::claim_type> claim_type;
  bool auth_number_from_claim = false;  ///< as claim_line's (not an input column)
  std::string source_input;             ///< as claim_line's (not an input column)
  std::uint64_t source_position = 0;

  claim_record() = default;
  /// A copy of every value of `source`, whose views may end after the call.
  explicit claim_record(const claim_line& source);

  /// The line as the validator reads it; see above for how long it stays valid.
  claim_line view() const noexcept;
};

}  // namespace v0
}  // namespace authmatch

#endif
