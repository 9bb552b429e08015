# Writes OUTPUT: a C++ source that holds the text of every rule preset in DIR (*.csv), so that
# the library, the command and the Python package carry the presets wherever they are installed.
#   cmake -DDIR=src/presets/lists -DOUTPUT=preset_files.cpp -P cmake/embed_presets.cmake
file(GLOB files LIST_DIRECTORIES false "${DIR}/*.csv")
list(SORT files)
set(entries "")
foreach(file IN LISTS files)
  get_filename_component(name "${file}" NAME_WE)
  file(READ "${file}" text)
  string(FIND "${text}" ")preset\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} holds )preset\", which would end its literal")
  endif()
  string(APPEND entries "    {\"${name}\", R\"preset(${text})preset\"},\n")
endforeach()
file(WRITE "${OUTPUT}" "// Generated from src/presets/lists/*.csv by cmake/embed_presets.cmake.

#include \"presets/preset_files.hpp\"

namespace authmatch {
inline namespace v0 {
namespace detail {

std::span<const preset_file> preset_files() noexcept {
  static constexpr preset_file files[] = {
${entries}  };
  return files;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
")
