#include "input/input_kind.hpp"

#include "text/text.hpp"

#include <authmatch/input_error.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/x12/reader.hpp>

#include <algorithm>
#include <string>

namespace authmatch {
inline namespace v0 {
namespace detail {

input_kind detect_input(std::string_view head, std::string_view name) {
  if (x12::looks_like_x12(head)) return input_kind::x12_837;
  if (looks_like_claim_line_csv(head)) return input_kind::claim_lines_csv;
  if (looks_like_utf16(head)) {
    throw input_error({std::string(name), 1, 0},
                      "the file is UTF-16 text, not UTF-8: save it as UTF-8 (CSV UTF-8, or the "
                      "837 as plain text) and validate it again");
  }
  throw input_error({std::string(name), 1, 0},
                    "neither an X12 837 (it does not start with an ISA interchange header) nor "
                    "a claim-lines CSV (a header row naming claim_id, line, member_id, "
                    "payer_id, code, units and service_date)");
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
