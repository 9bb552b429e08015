// The payer profiles CSV: payer_id,preset,kind,group,carc,rarc,decision_window (docs/profiles.md).

#include "input/csv_table.hpp"

#include <authmatch/loaders.hpp>
#include <authmatch/payer_profiles.hpp>

#include <algorithm>
#include <charconv>
#include <map>

namespace authmatch {
inline namespace v0 {
namespace {

using detail::quoted_value;

bool is_code(std::string_view text, std::size_t longest) noexcept {
  if (text.empty() || text.size() > longest) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

/// "7d", "72h" or "7" (days) as hours.
std::optional<std::chrono::hours> parse_window(std::string_view text) noexcept {
  int per_unit = 24;
  if (!text.empty() && (text.back() == 'd' || text.back() == 'D')) {
    text.remove_suffix(1);
  } else if (!text.empty() && (text.back() == 'h' || text.back() == 'H')) {
    per_unit = 1;
    text.remove_suffix(1);
  }
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() || value < 0 ||
      value > 24 * 3650 / per_unit) {
    return std::nullopt;
  }
  return std::chrono::hours(value * per_unit);
}

}  // namespace

payer_profiles load_payer_profiles(const std::filesystem::path& path) {
  return parse_payer_profiles(read_file(path), path.string());
}

payer_profiles parse_payer_profiles(std::string_view csv, std::string_view file_name) {
  detail::csv_table table(csv, std::string(file_name), {"payer_id"});
  const auto payer = table.column("payer_id"), preset = table.column("preset"),
             kind = table.column("kind"), group = table.column("group"),
             carc = table.column("carc"), rarc = table.column("rarc"),
             window = table.column("decision_window"),
             number_format = table.column("auth_number_format");

  payer_profiles profiles;
  std::map<std::string, profile_preset, std::less<>> presets;  // one preset per payer
  std::size_t rows = 0;
  while (table.next()) {
    ++rows;
    const std::string payer_id = detail::normalize_id(table[payer]);
    if (payer_id.empty()) table.fail("payer_id", "the payer ID is empty (use * for every payer)");
    if (!table[preset].empty()) {
      const auto named = parse_profile_preset(table[preset]);
      if (!named) {
        table.fail("preset", fmt::format("{} is not a preset (expected default, x12_strict or "
                                         "legacy)",
                                         quoted_value(table[preset])));
      }
      const auto [it, added] = presets.try_emplace(payer_id, *named);
      if (!added && it->second != *named) {
        table.fail("preset", fmt::format("payer {} was given preset {} on an earlier row", payer_id,
                                         to_string(it->second)));
      }
      profiles.set_preset(payer_id, *named);
    }
    if (!table[kind].empty()) {
      const auto named = parse_finding_kind(table[kind]);
      if (!named) {
        table.fail("kind", fmt::format("{} is not a finding kind", quoted_value(table[kind])));
      }
      payer_profiles::override_codes codes;
      const auto g = detail::normalize_id(table[group]);
      if (!g.empty()) {
        if (g != "CO" && g != "PR" && g != "OA" && g != "PI" && g != "CR") {
          table.fail("group", fmt::format("{} is not a claim adjustment group (CO, PR, OA, PI "
                                          "or CR)",
                                          quoted_value(table[group])));
        }
        codes.group = g;
      }
      const auto c = detail::normalize_id(table[carc]);
      if (!c.empty()) {
        if (!is_code(c, 3)) {
          table.fail("carc", fmt::format("{} is not a claim adjustment reason code (1 to 3 "
                                         "letters or digits, such as 197 or B7)",
                                         quoted_value(table[carc])));
        }
        codes.carc = c;
      }
      if (rarc != table.absent && !table[rarc].empty()) {
        std::vector<std::string> remarks;
        for (const auto& r : detail::split_list(table[rarc])) {
          const auto code = detail::normalize_id(r);
          if (!is_code(code, 5)) {
            table.fail("rarc", fmt::format("{} is not a remark code (such as N54 or M62)",
                                           quoted_value(r)));
          }
          remarks.push_back(code);
        }
        codes.rarc = std::move(remarks);
      } else if (rarc != table.absent && (codes.group || codes.carc)) {
        codes.rarc = std::vector<std::string>{};  // new codes without a remark: none
      }
      try {
        profiles.set_override(payer_id, *named, std::move(codes));
      } catch (const std::invalid_argument& e) {
        table.fail("kind", e.what());
      }
    } else if (!table[group].empty() || !table[carc].empty() || !table[rarc].empty()) {
      table.fail(table[group].empty() ? (table[carc].empty() ? "rarc" : "carc") : "group",
                 "codes without a kind: name the kind whose codes they replace");
    }
    if (!table[window].empty()) {
      const auto hours = parse_window(table[window]);
      if (!hours) {
        table.fail("decision_window",
                   fmt::format("{} is not a decision window (days as 7 or 7d, hours as 72h)",
                               quoted_value(table[window])));
      }
      profiles.set_decision_window(payer_id, *hours);
    }
    if (!table[number_format].empty()) {
      const auto format = parse_auth_number_format(table[number_format]);
      if (!format) {
        table.fail("auth_number_format",
                   fmt::format("{} is not a number format (expected utn or any)",
                               quoted_value(table[number_format])));
      }
      profiles.set_number_format(payer_id, *format);
    }
    if (table[preset].empty() && table[kind].empty() && table[window].empty() &&
        table[number_format].empty()) {
      table.fail("payer_id",
                 "the row sets nothing: give a preset, a kind with codes, a decision window "
                 "or a number format");
    }
  }
  if (rows == 0) {
    throw input_error({std::string(file_name), 0, 0},
                      "no payer profiles: the file has a header row but no rows");
  }
  return profiles;
}

}  // namespace v0
}  // namespace authmatch
