#ifndef AUTHMATCH_X12_DIAGNOSTIC_HPP
#define AUTHMATCH_X12_DIAGNOSTIC_HPP

#include <authmatch/error.hpp>
#include <authmatch/finding.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {

/// What a diagnostic is about. Diagnostics never stop reading and never drop a claim: a claim
/// that cannot be judged is rejected with a `claim_unreadable` finding instead.
enum class diagnostic_kind : std::uint8_t {
  segment_syntax,     ///< no or malformed segment identifier, unterminated or oversized segment
  unknown_segment,    ///< a well-formed identifier that no 837 uses
  misplaced_segment,  ///< a known segment where it cannot be used (a second SV1 in one line)
  envelope,           ///< SE/GE/IEA counts or control numbers disagree, a trailer is missing,
                      ///< a segment sits outside its envelope
  version,            ///< GS08 and ST03 disagree, or an unrecognized 5010 revision
  hierarchy,          ///< HL levels or parents that do not fit 20 > 22 > 23
  diagnosis_pointer,  ///< an SV107 pointer that points at no diagnosis code
  value,              ///< a value that is off but cost nothing: ignored, or read another way
                      ///< (the claim is still read)
};

std::string_view to_string(diagnostic_kind kind) noexcept;

/// Whether a diagnostic of this kind means the input is damaged where claims or lines may have
/// been lost: an envelope that does not close or whose counts disagree, a segment that was
/// ignored or could not be read. A run reports each as an `input_fault` finding (severity error).
/// The other kinds are notes about values the reader could still use.
constexpr bool is_fault(diagnostic_kind kind) noexcept {
  return kind == diagnostic_kind::segment_syntax || kind == diagnostic_kind::unknown_segment ||
         kind == diagnostic_kind::misplaced_segment || kind == diagnostic_kind::envelope;
}

/// A problem in the input that does not stop reading.
///
/// `where.file` is the input's name, `where.line` the 1-based number of the segment counted from
/// the start of the input (the ISA is segment 1), `where.column` the 1-based element number
/// (0: the whole segment). `byte_offset` is the 0-based offset of the segment's first byte.
struct diagnostic {
  diagnostic_kind kind = diagnostic_kind::value;
  input_position where;
  std::uint64_t byte_offset = 0;
  std::string segment_id;  ///< "SE", "SV1", ... (empty when the segment has none)
  std::string claim_id;    ///< CLM01 of the claim the segment belongs to, if any
  std::string message;     ///< one plain sentence
};

/// "file: segment N[, element E], byte B: message".
std::string to_string(const diagnostic& found);

/// The `input_fault` finding (severity error, line 0, no adjustment codes) that reports a fault
/// diagnostic in a run's output: its claim ID (when it sits inside a claim) and its position.
finding to_finding(const diagnostic& fault);

}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
