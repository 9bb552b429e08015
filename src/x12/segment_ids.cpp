#include "segment.hpp"

#include <algorithm>
#include <array>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

// Every segment of the 837 implementation guides (5010 X222/X223/X224 and their 4010
// predecessors), plus the envelope and TA1. Sorted by tag for binary search.
constexpr auto known_837_segments = [] {
  std::array<std::uint32_t, 64> ids = {
      tag("AMT"), tag("BHT"), tag("CAS"), tag("CL1"), tag("CLM"), tag("CN1"), tag("CR1"),
      tag("CR2"), tag("CR3"), tag("CR4"), tag("CR5"), tag("CR6"), tag("CR7"), tag("CR8"),
      tag("CRC"), tag("CTP"), tag("CUR"), tag("DMG"), tag("DN1"), tag("DN2"), tag("DSB"),
      tag("DTP"), tag("FRM"), tag("GE"),  tag("GS"),  tag("HCP"), tag("HI"),  tag("HL"),
      tag("HSD"), tag("IEA"), tag("ISA"), tag("K3"),  tag("LIN"), tag("LQ"),  tag("LX"),
      tag("MEA"), tag("MIA"), tag("MOA"), tag("N2"),  tag("N3"),  tag("N4"),  tag("NM1"),
      tag("NTE"), tag("OI"),  tag("PAT"), tag("PER"), tag("PRV"), tag("PS1"), tag("PWK"),
      tag("QTY"), tag("REF"), tag("SBR"), tag("SE"),  tag("ST"),  tag("SV1"), tag("SV2"),
      tag("SV3"), tag("SV4"), tag("SV5"), tag("SV6"), tag("SV7"), tag("SVD"), tag("TA1"),
      tag("TOO"),
  };
  std::sort(ids.begin(), ids.end());
  return ids;
}();

}  // namespace

bool is_837_segment(std::uint32_t id_tag) noexcept {
  return std::binary_search(known_837_segments.begin(), known_837_segments.end(), id_tag);
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
