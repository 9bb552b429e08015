#ifndef AUTHMATCH_ERROR_HPP
#define AUTHMATCH_ERROR_HPP

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {

/// The base of the exceptions authmatch throws for what it was given or could not do: an input
/// it cannot read (input_error), an authorization, a rule or a roster row it refuses
/// (authorization_error, rule_error, enrollment_error), a ledger it cannot use (ledger_error), a
/// temporary folder it cannot write.
/// what() says what is wrong, and where when that is known. Catch it to handle them all.
///
/// Not derived from it: std::logic_error for a call out of order, std::overflow_error and
/// std::length_error for a total or an index beyond what authmatch holds exactly (see
/// limits.hpp), and std::bad_alloc.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

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
class input_error : public error {
 public:
  input_error(input_position where, const std::string& message);

  const input_position& where() const noexcept { return where_; }
  const std::string& message() const noexcept { return message_; }

 private:
  input_position where_;
  std::string message_;
};

/// What is wrong with one field of a value authmatch was given.
struct field_problem {
  std::string_view field;  ///< the CSV column name, e.g. "rendering_npi"
  std::string message;
};

}  // namespace v0
}  // namespace authmatch

#endif
