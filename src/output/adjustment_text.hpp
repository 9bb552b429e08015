#ifndef AUTHMATCH_SRC_ADJUSTMENT_TEXT_HPP
#define AUTHMATCH_SRC_ADJUSTMENT_TEXT_HPP

#include <authmatch/finding.hpp>

#include <string>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// A finding's adjustment as people write it: "CO-197 N54"; empty for warnings and notes.
inline std::string adjustment_text(const finding& f) {
  std::string text = f.group.empty() ? std::string() : f.group + "-" + f.carc;
  for (const auto& remark : f.rarc) text += " " + remark;
  return text;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
