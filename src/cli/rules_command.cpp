#include "rules_command.hpp"

#include "output_file.hpp"
#include "output_paths.hpp"

#include <authmatch/rule_presets.hpp>

#include <fmt/format.h>

namespace authmatch::cli {
namespace {

/// Refuses an output that could not be written (refuse_bad_outputs).
void refuse_bad_output(const rules_options& options) {
  const named_file output[] = {main_output(options.output)};
  refuse_bad_outputs({}, output);
}

}  // namespace

int run_rules_presets(const rules_options& options) {
  refuse_bad_output(options);
  std::string text;
  for (const auto& preset : rule_presets()) {
    text += fmt::format(
        "{}: {} codes, sources read {}{}\n  {}\n  applies to: {}\n", preset.name, preset.codes,
        to_iso(preset.read_on),
        preset.number_format == auth_number_format::utn ? ", numbers are 14-character UTNs" : "",
        preset.title, preset.applies);
    if (!preset.coverage.empty()) text += fmt::format("  coverage: {}\n", preset.coverage);
    for (const auto& source : preset.sources) text += fmt::format("  source: {}\n", source);
  }
  output_file out(options.output);
  fmt::print(out.get(), "{}", text);
  out.close();
  return 0;
}

int run_rules_preset(const rules_options& options) {
  refuse_bad_output(options);
  const auto csv = rule_preset_csv(find_rule_preset(options.preset), options.payer_id);
  output_file out(options.output);
  fmt::print(out.get(), "{}", csv);
  out.close();
  return 0;
}

}  // namespace authmatch::cli
