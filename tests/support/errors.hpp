#ifndef AUTHMATCH_TESTS_SUPPORT_ERRORS_HPP
#define AUTHMATCH_TESTS_SUPPORT_ERRORS_HPP

#include <authmatch/error.hpp>

#include <optional>

namespace authmatch::test {

/// The input_error `fn` throws, or nullopt when it throws none.
template <typename Fn>
std::optional<input_error> input_error_of(Fn&& fn) {
  try {
    fn();
  } catch (const input_error& e) {
    return e;
  }
  return std::nullopt;
}

}  // namespace authmatch::test

#endif
