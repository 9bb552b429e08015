#ifndef AUTHMATCH_INPUT_ERROR_HPP
#define AUTHMATCH_INPUT_ERROR_HPP

#include <cstddef>
#include <stdexcept>
#include <string>

namespace authmatch {
inline namespace v0 {

/// Where in an input a problem sits. Lines and columns are 1-based; 0 means "not known".
/// For CSV the column is the field number; for X12 `line` holds the segment number.
struct input_position {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
};

/// "file:line:column" with the unknown parts left out.
std::string to_string(const input_position& where);

/// An input that cannot be used: a CSV with a bad value, a file that is not X12.
/// what() reads "file:line:column: message".
class input_error : public std::runtime_error {
 public:
  input_error(input_position where, const std::string& message);

  const input_position& where() const noexcept { return where_; }
  const std::string& message() const noexcept { return message_; }

 private:
  input_position where_;
  std::string message_;
};

}  // namespace v0
}  // namespace authmatch

#endif
