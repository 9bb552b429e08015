#include "text/printable.hpp"
#include "text/text.hpp"
#include <authmatch/output.hpp>

#include "output/text_table.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iterator>

namespace authmatch {
inline namespace v0 {
namespace {

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  // Plain ASCII is appended in runs: most values need no escape at all.
  const auto plain = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return c != '"' && c != '\\' && byte >= 0x20 && byte < 0x80;
  };
  while (!text.empty()) {
    const auto run = static_cast<std::size_t>(
        std::find_if_not(text.begin(), text.end(), plain) - text.begin());
    out.append(text.data(), run);
    if (run == text.size()) break;
    const char c = text[run];
    if (static_cast<unsigned char>(c) >= 0x80) {
      // UTF-8 passes through; a byte that is not part of it becomes U+FFFD, so that every line
      // is valid UTF-8 JSON whatever the input held.
      const auto length = detail::utf8_sequence_length(text.substr(run));
      if (length == 0) {
        out += "\\ufffd";
        text.remove_prefix(run + 1);
      } else {
        out.append(text.data() + run, length);
        text.remove_prefix(run + length);
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
    }
    text.remove_prefix(run + 1);
  }
  out += '"';
}

std::string charge_text(const std::optional<decimal>& charge) {
  return charge ? charge->to_string(2) : std::string();
}

/// A finding's fields as text, in finding_fields order; `null` marks an absent value.
struct field_texts {
  std::array<std::string, finding_fields.size()> text;
  std::array<bool, finding_fields.size()> is_null{};
  std::array<bool, finding_fields.size()> is_number{};
};

field_texts texts_of(const finding& f) {
  field_texts t;
  std::size_t i = 0;
  const auto put = [&](std::string value, bool number = false, bool null = false) {
    t.text[i] = std::move(value);
    t.is_number[i] = number;
    t.is_null[i] = null;
    ++i;
  };
  put(f.claim_id);
  put(std::to_string(f.line), true);
  put(std::string(to_string(f.kind)));
  put(std::string(to_string(f.level)));
  put(f.group);
  put(f.carc);
  put(detail::join(f.rarc, "|"));  // written as a list in JSON
  put(f.auth_number.value_or(""), false, !f.auth_number);
  put(f.member_id);
  put(f.payer_id);
  put(f.code);
  put(f.service_date ? to_iso(*f.service_date) : "", false, !f.service_date);
  put(f.units ? f.units->to_string() : "", true, !f.units);
  put(charge_text(f.charge), true, !f.charge);
  put(f.expected);
  put(f.actual);
  put(f.message);
  return t;
}

constexpr std::size_t rarc_field = 6;

}  // namespace

std::string to_json(const finding& found) {
  const auto t = texts_of(found);
  std::string out = "{";
  for (std::size_t i = 0; i < finding_fields.size(); ++i) {
    if (i != 0) out += ',';
    append_json_string(out, finding_fields[i]);
    out += ':';
    if (i == rarc_field) {
      out += '[';
      for (std::size_t r = 0; r < found.rarc.size(); ++r) {
        if (r != 0) out += ',';
        append_json_string(out, found.rarc[r]);
      }
      out += ']';
    } else if (t.is_null[i]) {
      out += "null";
    } else if (t.is_number[i]) {
      out += t.text[i];
    } else {
      append_json_string(out, t.text[i]);
    }
  }
  out += '}';
  return out;
}

std::string csv_header_row() { return detail::join(finding_fields, ","); }

std::string to_csv_row(const finding& found) {
  const auto t = texts_of(found);
  std::string out;
  for (std::size_t i = 0; i < finding_fields.size(); ++i) {
    if (i != 0) out += ',';
    detail::append_csv_field(out, t.text[i]);
  }
  if (std::any_of(out.begin(), out.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    std::string valid;  // the rare row with bytes that may not be UTF-8
    detail::append_valid_utf8(valid, out);
    return valid;
  }
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
  auto out = detail::text_table(titles, "FIX", findings.size(), cell,
                                [&](std::size_t r) { return std::string_view(findings[r].message); });
  fmt::format_to(std::back_inserter(out), "{} finding{}.\n", findings.size(),
                 findings.size() == 1 ? "" : "s");
  return out;
}

std::string to_json(const run_summary& summary, bool every_line_requires_auth) {
  std::string out = fmt::format(
      "{{\n  \"claims_read\": {},\n  \"claims_validated\": {},\n  \"claims_rejected\": {},\n"
      "  \"lines_read\": {},\n  \"every_line_requires_auth\": {},\n  \"findings_by_kind\": {{",
      summary.claims_read, summary.claims_validated(), summary.claims_rejected,
      summary.lines_read, every_line_requires_auth);
  bool first = true;
  for (const auto kind : all_finding_kinds) {
    fmt::format_to(std::back_inserter(out), "{}\n    \"{}\": {}", first ? "" : ",", to_string(kind),
                   summary.findings(kind));
    first = false;
  }
  fmt::format_to(std::back_inserter(out), "\n  }},\n  \"charge_at_risk\": {}\n}}\n",
                 summary.charge_at_risk.to_string(2));
  return out;
}

}  // namespace v0
}  // namespace authmatch
