#ifndef AUTHMATCH_SRC_INPUT_INPUT_KIND_HPP
#define AUTHMATCH_SRC_INPUT_INPUT_KIND_HPP

// Telling an input's format by its content, never by its name: the command and the bindings
// take 837 files and claim-lines CSV files alike.

#include <cstddef>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

enum class input_kind {
  x12_837,          ///< starts with an ISA interchange header
  claim_lines_csv,  ///< a header row naming claim_id and code
};

/// How much of an input detect_input() needs to see.
inline constexpr std::size_t detection_bytes = 4096;

/// What the input is, from its first bytes (detection_bytes, or all of a shorter input).
/// Throws input_error naming `name` when it is neither, and says so when it is UTF-16 text.
input_kind detect_input(std::string_view head, std::string_view name);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
