#include <authmatch/detail/text.hpp>
#include <authmatch/output.hpp>

#include <algorithm>
#include <fmt/format.h>
#include <iterator>

namespace authmatch {
inline namespace v0 {
namespace {

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
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
    append_csv_field(out, t.text[i]);
  }
  return out;
}

std::string to_table(std::span<const finding> findings) {
  struct column {
    std::string_view title;
    std::string (*value)(const finding&);
  };
  static constexpr column columns[] = {
      {"CLAIM", [](const finding& f) { return f.claim_id; }},
      {"LINE", [](const finding& f) { return std::to_string(f.line); }},
      {"DOS", [](const finding& f) { return f.service_date ? to_iso(*f.service_date) : std::string(); }},
      {"CODE", [](const finding& f) { return f.code; }},
      {"KIND", [](const finding& f) { return std::string(to_string(f.kind)); }},
      {"ADJ", [](const finding& f) {
         std::string adj = f.group.empty() ? std::string() : f.group + "-" + f.carc;
         for (const auto& r : f.rarc) adj += " " + r;
         return adj;
       }},
      {"AUTH", [](const finding& f) { return f.auth_number.value_or("-"); }},
      {"CHARGE", [](const finding& f) { return charge_text(f.charge); }},
  };
  constexpr std::size_t n = std::size(columns);
  std::array<std::size_t, n> width{};
  for (std::size_t c = 0; c < n; ++c) width[c] = columns[c].title.size();
  std::vector<std::array<std::string, n>> cells;
  cells.reserve(findings.size());
  for (const auto& f : findings) {
    auto& row = cells.emplace_back();
    for (std::size_t c = 0; c < n; ++c) {
      row[c] = columns[c].value(f);
      width[c] = std::max(width[c], row[c].size());
    }
  }
  std::string out;
  const auto line = [&](const auto& text_of) {
    for (std::size_t c = 0; c < n; ++c) {
      fmt::format_to(std::back_inserter(out), "{:<{}}  ", text_of(c), width[c]);
    }
    out += "FIX\n";
  };
  line([&](std::size_t c) { return columns[c].title; });
  for (std::size_t i = 0; i < findings.size(); ++i) {
    for (std::size_t c = 0; c < n; ++c) {
      fmt::format_to(std::back_inserter(out), "{:<{}}  ", cells[i][c], width[c]);
    }
    out += findings[i].message;
    out += '\n';
  }
  if (findings.empty()) {
    out = "No authorization problems found.\n";
  } else {
    fmt::format_to(std::back_inserter(out), "{} finding{}.\n", findings.size(),
                   findings.size() == 1 ? "" : "s");
  }
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
