#include <authmatch/output.hpp>
#include "text/printable.hpp"
#include "text/text.hpp"

#include "output/finding_text.hpp"
#include "output/json_string.hpp"
#include "output/text_table.hpp"
#include "text/digits.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cstring>
#include <iterator>

namespace authmatch {
inline namespace v0 {
namespace {

using detail::append_json_string;

std::string charge_text(const std::optional<decimal>& charge) {
  return charge ? charge->to_string(2) : std::string();
}

// A finding's values are written straight into the output, field by field as
// for_each_finding_field lists them, without copying the text fields first.

/// Calls `write(text, quoted)` with a single value as text; `quoted` for text, not for numbers
/// (JSON writes those bare). Lists and absent values are each writer's own.
template <typename Write>
void with_text(const finding_field&, const std::string& text, Write&& write) {
  write(std::string_view(text), true);
}
template <typename Write>
void with_text(const finding_field&, std::uint32_t number, Write&& write) {
  char digits[16];
  const auto end = std::to_chars(std::begin(digits), std::end(digits), number).ptr;
  write(std::string_view(digits, static_cast<std::size_t>(end - digits)), false);
}
template <typename Write>
void with_text(const finding_field&, finding_kind kind, Write&& write) {
  write(to_string(kind), true);
}
template <typename Write>
void with_text(const finding_field&, severity level, Write&& write) {
  write(to_string(level), true);
}
template <typename Write>
void with_text(const finding_field&, date day, Write&& write) {
  if (day.is_set()) {
    if (const auto ymd = day.year_month_day(); detail::has_four_digit_year(ymd)) {
      char text[detail::iso_date_size];
      detail::write_iso_date(text, ymd);
      write(std::string_view(text, sizeof text), true);
      return;
    }
  }
  write(to_iso(day), true);
}
template <typename Write>
void with_text(const finding_field& field, decimal value, Write&& write) {
  char text[detail::decimal_text_size];
  write(std::string_view(text, detail::write_decimal(text, value, field.min_places)), false);
}

/// The longest text with_text() gives for a value that is not text: a kind's name, a date of any
/// year, a decimal, a line number. Such texts are plain JSON (letters, digits, '_', '-', '.'):
/// they are written without a scan.
constexpr std::size_t longest_scalar_text = 32;
static_assert(detail::decimal_text_size <= longest_scalar_text);

/// The most bytes write_json_value() writes for a value.
std::size_t json_bound(const std::string& text) { return detail::json_string_bound(text.size()); }
template <typename T>
std::size_t json_bound(const T&) {
  return longest_scalar_text + 2;
}
template <typename T>
std::size_t json_bound(const std::optional<T>& value) {
  return value ? json_bound(*value) : std::string_view("null").size();
}
std::size_t json_bound(const std::vector<std::string>& values) {
  std::size_t bound = 2;  // the brackets
  for (const auto& value : values) bound += json_bound(value) + 1;
  return bound;
}

/// Writes a value as JSON at `to`, json_bound() bytes at most; returns the end.
char* write_json_value(char* to, const finding_field&, const std::string& text) {
  return detail::write_json_string(to, text);
}
template <typename T>
char* write_json_value(char* to, const finding_field& field, const T& value) {
  with_text(field, value, [&](std::string_view text, bool quoted) {
    assert(text.size() <= longest_scalar_text);
    if (quoted) *to++ = '"';
    std::memcpy(to, text.data(), text.size());
    to += text.size();
    if (quoted) *to++ = '"';
  });
  return to;
}
template <typename T>
char* write_json_value(char* to, const finding_field& field, const std::optional<T>& value) {
  if (value) return write_json_value(to, field, *value);
  constexpr std::string_view null = "null";
  std::memcpy(to, null.data(), null.size());
  return to + null.size();
}
char* write_json_value(char* to, const finding_field&, const std::vector<std::string>& values) {
  *to++ = '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) *to++ = ',';
    to = detail::write_json_string(to, values[i]);
  }
  *to++ = ']';
  return to;
}

/// What goes before a field's value in a JSON object: `{"claim_id":` for the first, then
/// `,"line":` and so on. Built once, so that each key is one copy.
struct json_key {
  std::array<char, 32> text{};
  std::size_t size = 0;
};
constexpr auto json_keys = [] {
  std::array<json_key, finding_field_count> keys{};
  std::size_t i = 0;
  for_each_finding_field([&](const finding_field& field, auto) {
    json_key& key = keys[i];
    key.text[key.size++] = i == 0 ? '{' : ',';
    key.text[key.size++] = '"';
    for (const char c : field.name) key.text[key.size++] = c;  // names need no escape
    key.text[key.size++] = '"';
    key.text[key.size++] = ':';
    ++i;
  });
  return keys;
}();
/// The bytes of every key.
constexpr std::size_t json_keys_size = [] {
  std::size_t size = 0;
  for (const auto& key : json_keys) size += key.size;
  return size;
}();

template <typename T>
void append_csv_value(std::string& out, const finding_field& field, const T& value) {
  with_text(field, value, [&](std::string_view text, bool) {
    const auto ascii = [](char c) { return static_cast<unsigned char>(c) < 0x80; };
    const auto plain = detail::plain_prefix(
        text,
        [](std::uint64_t word) {
          return detail::csv_special(word) | detail::bytes_not_ascii(word);
        },
        [&](char c) { return detail::csv_plain(c) && ascii(c); });
    if (plain == text.size()) {  // the common case: the value as it is
      out += text;
      return;
    }
    if (std::all_of(text.begin() + static_cast<std::ptrdiff_t>(plain), text.end(), ascii)) {
      detail::append_csv_field(out, text);
      return;
    }
    std::string valid;  // the rare value with bytes that may not be UTF-8: U+FFFD for those
    detail::append_valid_utf8(valid, text);
    detail::append_csv_field(out, valid);
  });
}
template <typename T>
void append_csv_value(std::string& out, const finding_field& field, const std::optional<T>& value) {
  if (value) append_csv_value(out, field, *value);  // absent: an empty field
}
void append_csv_value(std::string& out, const finding_field&,
                      const std::vector<std::string>& values) {
  detail::append_csv_field(out, detail::join(values, "|"));
}

/// Room for the text of most findings at once (a few hundred bytes): the string is not grown
/// again and again while a finding is written.
constexpr std::size_t typical_finding_size = 512;

}  // namespace

namespace detail {

void append_json(std::string& out, const finding& found) {
  // Room for the most the finding can take is made at once, then the finding is written at a
  // pointer and the string cut to what was written. Each key is copied as its whole json_key
  // (one fixed-size copy): the last may write that many bytes past the keys' sizes.
  std::size_t bound = json_keys_size + sizeof(json_key::text) + 1;  // and the closing brace
  for_each_finding_field(
      [&](const finding_field&, auto member) { bound += json_bound(found.*member); });
  const auto at = out.size();
  out.resize(at + bound);
  char* to = out.data() + at;
  std::size_t index = 0;
  for_each_finding_field([&](const finding_field& field, auto member) {
    const json_key& key = json_keys[index++];
    std::memcpy(to, key.text.data(), sizeof key.text);
    to = write_json_value(to + key.size, field, found.*member);
  });
  *to++ = '}';
  out.resize(static_cast<std::size_t>(to - out.data()));
}

void append_csv_row(std::string& out, const finding& found) {
  out.reserve(out.size() + typical_finding_size);
  bool first = true;
  for_each_finding_field([&](const finding_field& field, auto member) {
    if (!first) out += ',';
    first = false;
    append_csv_value(out, field, found.*member);
  });
}

}  // namespace detail

std::string to_json(const finding& found) {
  std::string out;
  detail::append_json(out, found);
  return out;
}

std::string csv_header_row() { return detail::join(finding_fields, ","); }

std::string to_csv_row(const finding& found) {
  std::string out;
  detail::append_csv_row(out, found);
  return out;
}

std::string to_table(std::span<const finding> findings) {
  if (findings.empty()) return "No authorization problems found.\n";
  static constexpr std::array<std::string_view, 8> titles = {"CLAIM", "LINE", "DOS",  "CODE",
                                                             "KIND",  "ADJ",  "AUTH", "CHARGE"};
  const auto cell = [&](std::size_t r, std::size_t c) -> std::string {
    const auto& f = findings[r];
    switch (c) {
      case 0: return f.claim_id;
      case 1: return std::to_string(f.line);
      case 2: return f.service_date ? to_iso(*f.service_date) : std::string();
      case 3: return f.code;
      case 4: return std::string(to_string(f.kind));
      case 5: {
        std::string adj = f.group.empty() ? std::string() : f.group + "-" + f.carc;
        for (const auto& remark : f.rarc) adj += " " + remark;
        return adj;
      }
      case 6: return f.auth_number.value_or("-");
      default: return charge_text(f.charge);
    }
  };
  auto out = detail::text_table(titles, "FIX", findings.size(), cell, [&](std::size_t r) {
    return std::string_view(findings[r].message);
  });
  fmt::format_to(std::back_inserter(out), "{}.\n", detail::counted(findings.size(), "finding"));
  return out;
}

std::string to_json(const run_summary& summary, bool every_line_requires_auth) {
  std::string out = fmt::format(
      "{{\n  \"claims_read\": {},\n  \"claims_validated\": {},\n  \"claims_rejected\": {},\n"
      "  \"lines_read\": {},\n  \"every_line_requires_auth\": {},\n  \"findings_by_kind\": {{",
      summary.claims_read, summary.claims_validated(), summary.claims_rejected, summary.lines_read,
      every_line_requires_auth);
  bool first = true;
  for (const auto kind : all_finding_kinds) {
    fmt::format_to(std::back_inserter(out), "{}\n    \"{}\": {}", first ? "" : ",", to_string(kind),
                   summary.findings(kind));
    first = false;
  }
  fmt::format_to(std::back_inserter(out), "\n  }},\n  \"charge_at_risk\": {},",
                 summary.charge_at_risk.to_string(2));
  out += "\n  \"charge_at_risk_by_payer\": {";
  first = true;
  for (const auto& [payer, charge] : summary.charge_at_risk_by_payer) {
    out += first ? "\n    " : ",\n    ";
    first = false;
    append_json_string(out, payer);
    fmt::format_to(std::back_inserter(out), ": {}", charge.to_string(2));
  }
  out += first ? "}," : "\n  },";
  out += "\n  \"charge_at_risk_by_kind\": {";
  first = true;
  for (const auto kind : all_finding_kinds) {
    fmt::format_to(std::back_inserter(out), "{}\n    \"{}\": {}", first ? "" : ",", to_string(kind),
                   summary.kind_at_risk(kind).to_string(2));
    first = false;
  }
  out += "\n  }\n}\n";
  return out;
}

}  // namespace v0
}  // namespace authmatch
