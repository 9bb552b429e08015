#ifndef AUTHMATCH_SRC_OUTPUT_FINDING_TEXT_HPP
#define AUTHMATCH_SRC_OUTPUT_FINDING_TEXT_HPP

// A finding appended to text the caller keeps: what to_json() and to_csv_row() return, without a
// string of its own for each finding. A run writes out every finding this way.

#include <authmatch/finding.hpp>
#include <authmatch/output.hpp>

#include <string>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Appends `found` as to_json(found) gives it.
void append_json(std::string& out, const finding& found);

/// Appends `found` as to_csv_row(found) gives it.
void append_csv_row(std::string& out, const finding& found);

/// The same with the finding's source last when it is `written` (source_field.cpp).
void append_json(std::string& out, const finding& found, source_field source);
void append_csv_row(std::string& out, const finding& found, source_field source);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
