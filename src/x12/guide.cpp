#include "guide.hpp"

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

constexpr std::string_view supported_text =
    "authmatch reads 5010 837P (005010X222A1) and 837I (005010X223A2) claims only";

bool starts_with(std::string_view text, std::string_view prefix) noexcept {
  return text.substr(0, prefix.size()) == prefix;
}

/// The guide a transaction names: ST03, else GS08; notes when both are there and disagree.
std::string_view version_named(std::string_view st03, std::string_view gs08, guide_result& out) {
  if (!st03.empty() && !gs08.empty() && st03 != gs08) {
    out.note =
        fmt::format("ST03 '{}' and GS08 '{}' name different guides; ST03 is used", st03, gs08);
  }
  return st03.empty() ? gs08 : st03;
}

}  // namespace

guide_result classify_guide(std::string_view st01, std::string_view st03, std::string_view gs08) {
  guide_result out;
  if (st01 != "837") {
    out.kind = guide::unsupported;
    out.reason = fmt::format("transaction set '{}' is not an 837 claim; {}", st01, supported_text);
    return out;
  }
  const std::string_view version = version_named(st03, gs08, out);
  if (starts_with(version, "005010X222")) {
    out.kind = guide::professional;
    if (version != "005010X222A1" && version != "005010X222A2" && out.note.empty()) {
      out.note =
          fmt::format("guide '{}' is not a known 837P revision; read as 005010X222A1", version);
    }
    return out;
  }
  if (starts_with(version, "005010X223")) {
    out.kind = guide::institutional;
    if (version != "005010X223A2" && version != "005010X223A3" && out.note.empty()) {
      out.note =
          fmt::format("guide '{}' is not a known 837I revision; read as 005010X223A2", version);
    }
    return out;
  }
  out.kind = guide::unsupported;
  if (version.empty()) {
    out.reason =
        fmt::format("the transaction names no guide (GS08 and ST03 are empty); {}", supported_text);
  } else if (starts_with(version, "005010X224")) {
    out.reason = fmt::format("unsupported guide {} (837D dental); {}", version, supported_text);
  } else if (!starts_with(version, "005010")) {
    out.reason = fmt::format("unsupported version {} (X12 {}); {}", version, version.substr(0, 6),
                             supported_text);
  } else {
    out.reason = fmt::format("unsupported guide {}; {}", version, supported_text);
  }
  return out;
}

guide_result classify_remittance_guide(std::string_view st01, std::string_view st03,
                                       std::string_view gs08) {
  constexpr std::string_view remittance_text =
      "authmatch reads 5010 835 remittance advice (005010X221A1) only";
  guide_result out;
  if (st01 != "835") {
    out.kind = guide::unsupported;
    out.reason =
        fmt::format("transaction set '{}' is not an 835 remittance; {}", st01, remittance_text);
    return out;
  }
  const std::string_view version = version_named(st03, gs08, out);
  if (starts_with(version, "005010X221")) {
    out.kind = guide::remittance;
    if (version != "005010X221A1" && version != "005010X221" && out.note.empty()) {
      out.note =
          fmt::format("guide '{}' is not a known 835 revision; read as 005010X221A1", version);
    }
    return out;
  }
  out.kind = guide::unsupported;
  out.reason = version.empty()
                   ? fmt::format("the transaction names no guide (GS08 and ST03 are empty); {}",
                                 remittance_text)
                   : fmt::format("unsupported guide {}; {}", version, remittance_text);
  return out;
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
