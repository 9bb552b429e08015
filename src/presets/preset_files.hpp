#ifndef AUTHMATCH_SRC_PRESET_FILES_HPP
#define AUTHMATCH_SRC_PRESET_FILES_HPP

// The rule presets' files (src/presets/lists/*.csv) as compiled into the library.

#include <span>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

struct preset_file {
  std::string_view name;  ///< the file's name without .csv
  std::string_view text;  ///< the file: `# key: value` lines, then a rules CSV without payer_id
};

/// Every preset file, by name.
std::span<const preset_file> preset_files() noexcept;

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
