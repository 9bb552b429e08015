#ifndef AUTHMATCH_OUTPUT_HPP
#define AUTHMATCH_OUTPUT_HPP

#include <authmatch/finding.hpp>
#include <authmatch/finding_fields.hpp>
#include <authmatch/validator.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {

/// One finding as a JSON object on one line (no trailing newline).
std::string to_json(const finding& found);

/// The CSV header row and one finding as a CSV row (RFC 4180, no line end); RARCs joined by '|'.
std::string csv_header_row();
std::string to_csv_row(const finding& found);

/// Whether a JSON line or CSV row carries the finding's `source` as its last key or column
/// (`authmatch validate --with-source`); the fields of the contract never change.
enum class source_field : bool { left_out, written };

/// As above, with the source last when it is `written` ("source": null when not known).
std::string to_json(const finding& found, source_field source);
std::string csv_header_row(source_field source);
std::string to_csv_row(const finding& found, source_field source);

/// A terminal table of findings, one row each, with a closing count line.
std::string to_table(std::span<const finding> findings);

/// Summary of a run as a JSON object (pretty-printed, trailing newline).
std::string to_json(const run_summary& summary, bool every_line_requires_auth);

}  // namespace v0
}  // namespace authmatch

#endif
