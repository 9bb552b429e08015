#include "report.hpp"

#include <authmatch/x12/diagnostic.hpp>
#include "text/printable.hpp"

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {
namespace x12 {

std::string_view to_string(diagnostic_kind kind) noexcept {
  switch (kind) {
    case diagnostic_kind::segment_syntax: return "segment_syntax";
    case diagnostic_kind::unknown_segment: return "unknown_segment";
    case diagnostic_kind::misplaced_segment: return "misplaced_segment";
    case diagnostic_kind::envelope: return "envelope";
    case diagnostic_kind::version: return "version";
    case diagnostic_kind::hierarchy: return "hierarchy";
    case diagnostic_kind::diagnosis_pointer: return "diagnosis_pointer";
    case diagnostic_kind::value: return "value";
  }
  return "unknown";
}

std::string to_string(const diagnostic& found) {
  return detail::locate(found.where.file, detail::position{found.where.line, found.byte_offset},
                        found.where.column, found.message);
}

finding to_finding(const diagnostic& fault) {
  finding out;
  out.claim_id = fault.claim_id;
  out.kind = finding_kind::input_fault;
  out.level = severity_of(out.kind);
  out.actual = fault.segment_id;
  out.message = to_string(fault) +
                "; claims or lines around it may be missing: have the file corrected and "
                "validate it again.";
  out.source = source_text(fault.where.file, fault.where.line);
  return out;
}

namespace detail {

std::string locate(std::string_view file, position at, std::size_t element, std::string_view what) {
  if (element == 0) {
    return fmt::format("{}: segment {}, byte {}: {}", ::authmatch::detail::printable(file),
                       at.number, at.offset, what);
  }
  return fmt::format("{}: segment {}, element {}, byte {}: {}",
                     ::authmatch::detail::printable(file), at.number, element, at.offset, what);
}

diagnostic reporter::make(diagnostic_kind kind, position at, std::string_view segment_id,
                          std::size_t element, const std::string& message) const {
  diagnostic out;
  out.kind = kind;
  out.where = input_position{file_, static_cast<std::size_t>(at.number), element};
  out.byte_offset = at.offset;
  // An identifier has 2 or 3 characters; of a longer one (garbage), the message quotes the rest.
  out.segment_id = ::authmatch::detail::printable(segment_id.substr(0, 16));
  out.message = ::authmatch::detail::safe_message(message);
  return out;
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
