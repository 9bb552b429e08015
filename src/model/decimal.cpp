#include <authmatch/decimal.hpp>

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {

std::string decimal::to_string(int min_places) const {
  const std::uint64_t magnitude = thousandths_ < 0 ? 0 - static_cast<std::uint64_t>(thousandths_)
                                                   : static_cast<std::uint64_t>(thousandths_);
  std::string out = fmt::format("{}{}", thousandths_ < 0 ? "-" : "", magnitude / scale);
  std::string fraction = fmt::format("{:03}", magnitude % scale);
  while (fraction.size() > static_cast<std::size_t>(min_places) && fraction.back() == '0') {
    fraction.pop_back();
  }
  if (!fraction.empty()) out += '.' + fraction;
  return out;
}

}  // namespace v0
}  // namespace authmatch
