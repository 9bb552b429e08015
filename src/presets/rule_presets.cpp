// The rule presets compiled into the library: their files read once, on first use.

#include <authmatch/loaders.hpp>
#include <authmatch/rule_presets.hpp>
#include "presets/preset_files.hpp"
#include "text/printable.hpp"
#include "text/text.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <set>
#include <stdexcept>

namespace authmatch {
inline namespace v0 {
namespace {

/// A preset from its file: `# key: value` lines (title, applies, source, coverage, read,
/// auth_number_format), then the rules CSV. A preset file that does not read is a bug of the
/// build, reported as such.
rule_preset preset_of(const detail::preset_file& file) {
  rule_preset preset;
  preset.name = file.name;
  std::string_view text = file.text;
  while (text.starts_with('#')) {
    const auto end = text.find('\n');
    const auto line = text.substr(1, end == std::string_view::npos ? text.size() - 1 : end - 1);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const auto key = detail::trim(line.substr(0, colon));
    const std::string value(detail::trim(line.substr(colon + 1)));
    if (key == "title") preset.title = value;
    if (key == "applies") preset.applies = value;
    if (key == "source") preset.sources.push_back(value);
    if (key == "coverage") preset.coverage = value;
    if (key == "read") {
      const auto day = parse_date(value);
      if (!day) throw std::logic_error(fmt::format("preset {}: read: {}", file.name, value));
      preset.read_on = *day;
    }
    if (key == "auth_number_format") {
      const auto format = parse_auth_number_format(value);
      if (!format) throw std::logic_error(fmt::format("preset {}: {}", file.name, value));
      preset.number_format = *format;
    }
  }
  preset.rules_csv = text;
  // Counting the codes loads the rules: a preset that would not load fails here, in its tests.
  const auto rules = rule_preset_rules(preset, "PRESET");
  std::set<std::string> codes;
  for (const auto& r : rules.rules()) codes.insert(r.spelling());
  preset.codes = codes.size();
  return preset;
}

}  // namespace

std::span<const rule_preset> rule_presets() {
  static const std::vector<rule_preset> presets = [] {
    std::vector<rule_preset> out;
    for (const auto& file : detail::preset_files()) out.push_back(preset_of(file));
    std::sort(out.begin(), out.end(),
              [](const rule_preset& a, const rule_preset& b) { return a.name < b.name; });
    return out;
  }();
  return presets;
}

const rule_preset& find_rule_preset(std::string_view name) {
  const auto presets = rule_presets();
  const auto found = std::find_if(presets.begin(), presets.end(),
                                  [&](const rule_preset& p) { return p.name == name; });
  if (found != presets.end()) return *found;
  std::vector<std::string_view> names;
  for (const auto& p : presets) names.push_back(p.name);
  throw std::invalid_argument(fmt::format("no rule preset named {} (the presets are {})",
                                          detail::quoted_value(name), fmt::join(names, ", ")));
}

std::string rule_preset_csv(const rule_preset& preset, std::string_view payer_id) {
  const std::string payer = detail::normalize_id(payer_id);
  if (payer.empty() || payer == "*") {
    throw std::invalid_argument(
        "a preset's rules need the payer ID the practice bills the program under (2010BB NM109), "
        "not empty or *");
  }
  std::string out;
  out.reserve(preset.rules_csv.size() + 64 * preset.codes);
  std::string_view text = preset.rules_csv;
  bool header = true;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (detail::trim(line).empty()) continue;
    if (header) {
      out += "payer_id";
    } else {
      detail::append_csv_field(out, payer);
    }
    header = false;
    out += ',';
    out += line;
    out += '\n';
  }
  return out;
}

auth_rules rule_preset_rules(const rule_preset& preset, std::string_view payer_id) {
  return parse_auth_rules(rule_preset_csv(preset, payer_id), preset.name + ".csv");
}

}  // namespace v0
}  // namespace authmatch
