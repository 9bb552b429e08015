#include "isa.hpp"

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

// A fixed-width ISA is 106 bytes; allow generous slack for padded or short fields before
// deciding that the separators are not there.
constexpr std::size_t max_isa_length = 512;

constexpr bool is_alnum(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

isa_status parse_isa(std::string_view text, bool at_end, isa_header& header) noexcept {
  header = isa_header{};
  if (text.size() < 4) {
    if (!at_end) return isa_status::need_more;
    header.problem = "the ISA ends before its element separator";
    return isa_status::invalid;
  }
  const char element = text[3];
  if (is_alnum(element) || element == ' ' || element == '\r' || element == '\n') {
    header.problem = "the character after ISA is not an element separator";
    return isa_status::invalid;
  }
  // Separator k (1..16) precedes ISA element k; element 16 is the one-character component
  // separator and the segment terminator follows it.
  std::size_t separator_at[17] = {};
  separator_at[1] = 3;
  std::size_t found = 1;
  std::size_t i = 4;
  const std::size_t limit = text.size() < max_isa_length ? text.size() : max_isa_length;
  for (; i < limit && found < 16; ++i) {
    if (text[i] == element) separator_at[++found] = i;
  }
  if (found < 16 || separator_at[16] + 2 >= text.size()) {
    // More input decides, unless all of the first max_isa_length bytes were searched for the
    // separators: a terminator after a separator near that limit may lie just past it.
    if (!at_end && (found == 16 || text.size() < max_isa_length)) return isa_status::need_more;
    header.problem = found < 16 ? "the ISA does not have 16 elements"
                                : "the input ends inside the ISA, before its segment terminator";
    return isa_status::invalid;
  }
  const std::size_t isa16 = separator_at[16] + 1;
  const char component = text[isa16];
  const char terminator = text[isa16 + 1];
  if (component == element || is_alnum(component) || component == ' ') {
    header.problem = "ISA16 is not a component separator distinct from the element separator";
    return isa_status::invalid;
  }
  if (terminator == element || terminator == component || is_alnum(terminator) ||
      terminator == ' ') {
    header.problem = "the character after ISA16 is not a distinct segment terminator";
    return isa_status::invalid;
  }
  for (std::size_t k = 0; k < isa16; ++k) {
    if (text[k] == terminator) {
      header.problem = "the segment terminator declared after ISA16 occurs inside the ISA";
      return isa_status::invalid;
    }
  }
  header.delims.element = element;
  header.delims.component = component;
  header.delims.segment = terminator;
  const std::string_view isa11 =
      text.substr(separator_at[11] + 1, separator_at[12] - separator_at[11] - 1);
  if (isa11.size() == 1 && !is_alnum(isa11[0]) && isa11[0] != ' ' && isa11[0] != element &&
      isa11[0] != component && isa11[0] != terminator) {
    header.delims.repetition = isa11[0];
  }
  header.version = text.substr(separator_at[12] + 1, separator_at[13] - separator_at[12] - 1);
  header.control_number =
      text.substr(separator_at[13] + 1, separator_at[14] - separator_at[13] - 1);
  header.length = isa16 + 2;
  return isa_status::ok;
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
