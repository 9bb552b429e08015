#ifndef AUTHMATCH_SRC_MODEL_SOURCE_TEXT_HPP
#define AUTHMATCH_SRC_MODEL_SOURCE_TEXT_HPP

// A finding's source written into a string that keeps its room (see source_text).

#include <cstdint>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Sets `out` to source_text(input, position), allocating only when its room is short.
void assign_source_text(std::string& out, std::string_view input, std::uint64_t position);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
