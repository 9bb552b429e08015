// Reading back the findings a validation run wrote as JSON Lines: one flat object per line, the
// fields of docs/findings.md. Unknown fields are skipped, so that output with more fields reads.

#include <authmatch/error.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/reconcile.hpp>
#include "text/byte_order_mark.hpp"
#include "text/printable.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace authmatch {
inline namespace v0 {
namespace {

/// A JSON value of a finding's field: text, a number (as its text), null, or a list of text.
struct json_value {
  enum class type { text, number, null, boolean, list } kind = type::null;
  std::string text;
  std::vector<std::string> items;
};

class line_parser {
 public:
  line_parser(std::string_view text, std::string_view file, std::size_t line)
      : text_(text), file_(file), line_(line) {}

  template <typename Field>
  void object(Field&& field) {
    skip_blanks();
    expect('{');
    skip_blanks();
    if (peek() == '}') {
      ++at_;
      return;
    }
    for (;;) {
      skip_blanks();
      std::string name = string();
      skip_blanks();
      expect(':');
      skip_blanks();
      const std::size_t value_at = at_;
      field(name, value(), value_at);
      skip_blanks();
      if (peek() == ',') {
        ++at_;
        continue;
      }
      expect('}');
      break;
    }
    skip_blanks();
    if (at_ != text_.size()) fail("text after the end of the object");
  }

  [[noreturn]] void fail(std::string_view what, std::size_t at) const {
    throw input_error({std::string(file_), line_, at + 1},
                      fmt::format("not a finding in JSON Lines: {}", what));
  }
  [[noreturn]] void fail(std::string_view what) const { fail(what, at_); }

 private:
  char peek() const noexcept { return at_ < text_.size() ? text_[at_] : '\0'; }
  void skip_blanks() noexcept {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\r'))
      ++at_;
  }
  void expect(char c) {
    if (peek() != c) fail(fmt::format("expected '{}'", c));
    ++at_;
  }

  json_value value() {
    json_value out;
    const char c = peek();
    if (c == '"') {
      out.kind = json_value::type::text;
      out.text = string();
    } else if (c == '[') {
      out.kind = json_value::type::list;
      ++at_;
      skip_blanks();
      if (peek() == ']') {
        ++at_;
        return out;
      }
      for (;;) {
        skip_blanks();
        out.items.push_back(string());
        skip_blanks();
        if (peek() == ',') {
          ++at_;
          continue;
        }
        expect(']');
        break;
      }
    } else if (text_.substr(at_, 4) == "null") {
      at_ += 4;
    } else if (text_.substr(at_, 4) == "true" || text_.substr(at_, 5) == "false") {
      out.kind = json_value::type::boolean;
      at_ += c == 't' ? 4 : 5;
    } else {
      const std::size_t start = at_;
      while (at_ < text_.size() &&
             (std::isdigit(static_cast<unsigned char>(text_[at_])) || text_[at_] == '-' ||
              text_[at_] == '.' || text_[at_] == 'e' || text_[at_] == 'E' || text_[at_] == '+'))
        ++at_;
      if (at_ == start) fail("expected a value");
      out.kind = json_value::type::number;
      out.text.assign(text_.substr(start, at_ - start));
    }
    return out;
  }

  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      if (at_ >= text_.size()) fail("a string does not end");
      const char c = text_[at_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      const char e = peek();
      ++at_;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': append_code_point(out); break;
        default: fail("an unknown escape in a string", at_ - 1);
      }
    }
  }

  unsigned hex4() {
    if (at_ + 4 > text_.size()) fail("a \\u escape needs four hex digits");
    unsigned value = 0;
    const auto [end, error] =
        std::from_chars(text_.data() + at_, text_.data() + at_ + 4, value, 16);
    if (error != std::errc() || end != text_.data() + at_ + 4)
      fail("a \\u escape needs four hex digits");
    at_ += 4;
    return value;
  }

  void append_code_point(std::string& out) {
    unsigned cp = hex4();
    if (cp >= 0xD800 && cp < 0xDC00 && text_.substr(at_, 2) == "\\u") {
      at_ += 2;
      const unsigned low = hex4();
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::string_view text_;
  std::string_view file_;
  std::size_t line_;
  std::size_t at_ = 0;
};

finding read_finding(std::string_view text, std::string_view file, std::size_t line) {
  line_parser parser(text, file, line);
  finding f;
  bool have_kind = false, have_claim = false;
  parser.object([&](const std::string& name, json_value v, std::size_t at) {
    const auto text_of = [&]() -> std::string {
      if (v.kind == json_value::type::null) return {};
      if (v.kind != json_value::type::text) parser.fail(fmt::format("{} is not text", name), at);
      return std::move(v.text);
    };
    if (name == "claim_id") {
      f.claim_id = text_of();
      have_claim = true;
    } else if (name == "line") {
      std::uint32_t n = 0;
      const auto [end, error] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
      if (v.kind != json_value::type::number || error != std::errc() ||
          end != v.text.data() + v.text.size())
        parser.fail("line is not a line number", at);
      f.line = n;
    } else if (name == "kind") {
      const auto kind = parse_finding_kind(v.text);
      if (v.kind != json_value::type::text || !kind)
        parser.fail(fmt::format("{} is not a finding kind", detail::quoted_value(v.text)), at);
      f.kind = *kind;
      f.level = severity_of(*kind);
      have_kind = true;
    } else if (name == "group") {
      f.group = text_of();
    } else if (name == "carc") {
      f.carc = text_of();
    } else if (name == "rarc") {
      if (v.kind != json_value::type::list) parser.fail("rarc is not a list", at);
      f.rarc = std::move(v.items);
    } else if (name == "auth_number") {
      if (v.kind != json_value::type::null) f.auth_number = text_of();
    } else if (name == "member_id") {
      f.member_id = text_of();
    } else if (name == "payer_id") {
      f.payer_id = text_of();
    } else if (name == "code") {
      f.code = text_of();
    } else if (name == "service_date") {
      if (v.kind == json_value::type::null) return;
      const auto day = parse_date(v.text);
      if (!day) parser.fail("service_date is not a date", at);
      f.service_date = day;
    } else if (name == "units" || name == "charge") {
      if (v.kind == json_value::type::null) return;
      const auto value = decimal::parse(v.text);
      if (!value) parser.fail(fmt::format("{} is not a number", name), at);
      (name == "units" ? f.units : f.charge) = value;
    } else if (name == "expected") {
      f.expected = text_of();
    } else if (name == "actual") {
      f.actual = text_of();
    } else if (name == "message") {
      f.message = text_of();
    }
  });
  if (!have_kind || !have_claim) parser.fail("a finding needs claim_id and kind", 0);
  return f;
}

}  // namespace

std::vector<finding> load_findings(const std::filesystem::path& path) {
  return parse_findings(read_file(path), path.string());
}

std::vector<finding> parse_findings(std::string_view jsonl, std::string_view file_name) {
  std::vector<finding> out;
  jsonl.remove_prefix(detail::bom_length(jsonl));  // as an editor saving UTF-8 may add
  std::size_t line = 0;
  while (!jsonl.empty()) {
    ++line;
    const auto end = jsonl.find('\n');
    const auto text = jsonl.substr(0, end);
    jsonl.remove_prefix(end == std::string_view::npos ? jsonl.size() : end + 1);
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    out.push_back(read_finding(text, file_name, line));
  }
  return out;
}

}  // namespace v0
}  // namespace authmatch
