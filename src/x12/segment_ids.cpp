#include "segment.hpp"

#include <array>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

// Every segment of the 837 implementation guides (5010 X222/X223/X224 and their 4010
// predecessors), plus the envelope and TA1.
constexpr std::array<std::uint32_t, 64> known_837_segments = {
    tag("AMT"), tag("BHT"), tag("CAS"), tag("CL1"), tag("CLM"), tag("CN1"), tag("CR1"), tag("CR2"),
    tag("CR3"), tag("CR4"), tag("CR5"), tag("CR6"), tag("CR7"), tag("CR8"), tag("CRC"), tag("CTP"),
    tag("CUR"), tag("DMG"), tag("DN1"), tag("DN2"), tag("DSB"), tag("DTP"), tag("FRM"), tag("GE"),
    tag("GS"),  tag("HCP"), tag("HI"),  tag("HL"),  tag("HSD"), tag("IEA"), tag("ISA"), tag("K3"),
    tag("LIN"), tag("LQ"),  tag("LX"),  tag("MEA"), tag("MIA"), tag("MOA"), tag("N2"),  tag("N3"),
    tag("N4"),  tag("NM1"), tag("NTE"), tag("OI"),  tag("PAT"), tag("PER"), tag("PRV"), tag("PS1"),
    tag("PWK"), tag("QTY"), tag("REF"), tag("SBR"), tag("SE"),  tag("ST"),  tag("SV1"), tag("SV2"),
    tag("SV3"), tag("SV4"), tag("SV5"), tag("SV6"), tag("SV7"), tag("SVD"), tag("TA1"), tag("TOO"),
};

// Every segment of the 835 implementation guide (5010 X221A1), plus the envelope and TA1.
constexpr std::array<std::uint32_t, 31> known_835_segments = {
    tag("AMT"), tag("BPR"), tag("CAS"), tag("CLP"), tag("CUR"), tag("DTM"), tag("GE"),  tag("GS"),
    tag("IEA"), tag("ISA"), tag("LQ"),  tag("LX"),  tag("MIA"), tag("MOA"), tag("N1"),  tag("N2"),
    tag("N3"),  tag("N4"),  tag("NM1"), tag("PER"), tag("PLB"), tag("QTY"), tag("RDM"), tag("REF"),
    tag("SE"),  tag("ST"),  tag("SVC"), tag("TA1"), tag("TRN"), tag("TS2"), tag("TS3"),
};

// The same tags in open-addressing tables (linear probing, 0 = free slot), looked up for every
// segment read: a multiply and, for these few tags, one or two compares.
constexpr int table_bits = 8;
constexpr std::size_t table_mask = (std::size_t{1} << table_bits) - 1;

constexpr std::size_t home_slot(std::uint32_t id_tag) noexcept {
  return (id_tag * 0x9E3779B1u) >> (32 - table_bits);
}

using tag_table = std::array<std::uint32_t, table_mask + 1>;

template <std::size_t N>
constexpr tag_table make_table(const std::array<std::uint32_t, N>& tags) {
  tag_table slots{};
  for (const std::uint32_t id_tag : tags) {
    std::size_t i = home_slot(id_tag);
    while (slots[i] != 0) i = (i + 1) & table_mask;
    slots[i] = id_tag;
  }
  return slots;
}

constexpr tag_table known_837_table = make_table(known_837_segments);
constexpr tag_table known_835_table = make_table(known_835_segments);

bool in_table(const tag_table& table, std::uint32_t id_tag) noexcept {
  if (id_tag == 0) return false;  // the empty identifier, and the free slots' marker
  for (std::size_t i = home_slot(id_tag);; i = (i + 1) & table_mask) {
    if (table[i] == id_tag) return true;
    if (table[i] == 0) return false;
  }
}

}  // namespace

bool is_837_segment(std::uint32_t id_tag) noexcept { return in_table(known_837_table, id_tag); }

bool is_835_segment(std::uint32_t id_tag) noexcept { return in_table(known_835_table, id_tag); }

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
