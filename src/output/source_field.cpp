// The optional `source` key and column of findings written out (--with-source): after the fields
// every output has, so that a reader of those fields sees them unchanged.

#include <authmatch/output.hpp>

#include "output/finding_text.hpp"
#include "output/json_string.hpp"
#include "text/printable.hpp"
#include "text/text.hpp"

#include <algorithm>

namespace authmatch {
inline namespace v0 {
namespace detail {

void append_json(std::string& out, const finding& found, source_field source) {
  append_json(out, found);
  if (source == source_field::left_out) return;
  out.pop_back();  // the object's closing brace
  out += R"(,"source":)";
  if (found.source.empty()) {
    out += "null";
  } else {
    append_json_string(out, found.source);
  }
  out += '}';
}

void append_csv_row(std::string& out, const finding& found, source_field source) {
  append_csv_row(out, found);
  if (source == source_field::left_out) return;
  out += ',';
  // A path may hold bytes that are not UTF-8: U+FFFD for those, as for every other column.
  const std::string_view text = found.source;
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    append_csv_field(out, text);
    return;
  }
  std::string valid;
  append_valid_utf8(valid, text);
  append_csv_field(out, valid);
}

}  // namespace detail

std::string to_json(const finding& found, source_field source) {
  std::string out;
  detail::append_json(out, found, source);
  return out;
}

std::string csv_header_row(source_field source) {
  std::string out = csv_header_row();
  if (source == source_field::written) out += ",source";
  return out;
}

std::string to_csv_row(const finding& found, source_field source) {
  std::string out;
  detail::append_csv_row(out, found, source);
  return out;
}

}  // namespace v0
}  // namespace authmatch
