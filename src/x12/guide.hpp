#ifndef AUTHMATCH_SRC_X12_GUIDE_HPP
#define AUTHMATCH_SRC_X12_GUIDE_HPP

// Which implementation guide a transaction follows, from ST01/ST03 and GS08.

#include <cstdint>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

enum class guide : std::uint8_t {
  none,           ///< outside any transaction
  professional,   ///< 837P, 005010X222A1 (also A2)
  institutional,  ///< 837I, 005010X223A2 (also A3)
  remittance,     ///< 835, 005010X221A1
  unsupported,    ///< anything else: its claims are rejected
};

struct guide_result {
  guide kind = guide::none;
  std::string reason;  ///< why unsupported (empty otherwise)
  std::string note;    ///< what looked odd about a supported one (empty when all is well)
};

/// Classifies a transaction: `st01` the transaction set ("837"), `st03` its guide reference,
/// `gs08` the functional group's version. ST03 wins when both are present.
guide_result classify_guide(std::string_view st01, std::string_view st03, std::string_view gs08);

/// The same for the 835 reader: an 835 following 005010X221 (A1 or the base release) is
/// guide::remittance, anything else unsupported.
guide_result classify_remittance_guide(std::string_view st01, std::string_view st03,
                                       std::string_view gs08);

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
