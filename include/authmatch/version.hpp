#ifndef AUTHMATCH_VERSION_HPP
#define AUTHMATCH_VERSION_HPP

// The single source of the version: CMake reads it from this line.
#define AUTHMATCH_VERSION_STRING "0.1.0"

namespace authmatch {
inline namespace v0 {

/// The library's version, "major.minor.patch".
inline constexpr const char* version = AUTHMATCH_VERSION_STRING;

}  // namespace v0
}  // namespace authmatch

#endif
