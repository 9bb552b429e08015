#include <authmatch/decimal.hpp>
#include "text/digits.hpp"

namespace authmatch {
inline namespace v0 {

std::string decimal::to_string(int min_places) const {
  char text[detail::decimal_text_size];
  return {text, detail::write_decimal(text, *this, min_places)};
}

}  // namespace v0
}  // namespace authmatch
