#include <authmatch/claim_record.hpp>

namespace authmatch {
inline namespace v0 {
namespace {

// A claim_line's value kept by a record, and a record's value as a claim_line holds it; values
// that are the same in both pass as they are.

void keep(std::string& to, std::string_view from) { to.assign(from); }
void keep(text_list& to, std::span<const std::string_view> from) { to.assign(from); }
void keep(std::optional<date>& to, date from) { to = from; }
template <typename T>
void keep(T& to, const T& from) {
  to = from;
}

void show(std::string_view& to, const std::string& from) noexcept { to = from; }
void show(std::span<const std::string_view>& to, const text_list& from) noexcept {
  to = from.views();
}
/// service_date_end, when the record gives it; view() starts from service_date.
void show(date& to, const std::optional<date>& from) noexcept {
  if (from) to = *from;
}
template <typename T>
void show(T& to, const T& from) noexcept {
  to = from;
}

}  // namespace

claim_record::claim_record(const claim_line& source)
    : auth_number_from_claim(source.auth_number_from_claim),
      source_input(source.source_input),
      source_position(source.source_position) {
  for_each_claim_field<claim_record, claim_line>(
      [&](const claim_field&, auto to, auto from) { keep(this->*to, source.*from); });
}

claim_line claim_record::view() const noexcept {
  claim_line seen;
  seen.service_date_end = service_date;  // a single day unless service_date_end says otherwise
  seen.auth_number_from_claim = auth_number_from_claim;
  seen.source_input = source_input;
  seen.source_position = source_position;
  for_each_claim_field<claim_line, claim_record>(
      [&](const claim_field&, auto to, auto from) { show(seen.*to, this->*from); });
  return seen;
}

}  // namespace v0
}  // namespace authmatch
