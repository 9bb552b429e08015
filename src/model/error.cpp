#include <authmatch/error.hpp>
#include "text/printable.hpp"

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {

std::string to_string(const input_position& where) {
  std::string out = where.file;
  if (where.line != 0) out += fmt::format(":{}", where.line);
  if (where.line != 0 && where.column != 0) out += fmt::format(":{}", where.column);
  return out;
}

// Messages quote input bytes and file names: both are made printable here, once, so that what()
// is safe on a terminal and no NUL cuts it short.
input_error::input_error(input_position where, const std::string& message)
    : error(detail::printable(to_string(where)) + ": " + detail::safe_message(message)),
      where_(std::move(where)),
      message_(detail::safe_message(message)) {}

}  // namespace v0
}  // namespace authmatch
