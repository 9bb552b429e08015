#include <authmatch/input_error.hpp>

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {

std::string to_string(const input_position& where) {
  std::string out = where.file;
  if (where.line != 0) out += fmt::format(":{}", where.line);
  if (where.line != 0 && where.column != 0) out += fmt::format(":{}", where.column);
  return out;
}

input_error::input_error(input_position where, const std::string& message)
    : std::runtime_error(to_string(where) + ": " + message),
      where_(std::move(where)),
      message_(message) {}

}  // namespace v0
}  // namespace authmatch
