// Review items as JSON Lines, CSV and a terminal table.

#include <authmatch/review.hpp>

#include "output/json_string.hpp"
#include "output/text_table.hpp"
#include "text/printable.hpp"
#include "text/text.hpp"

#include <fmt/format.h>

#include <array>
#include <iterator>

namespace authmatch {
inline namespace v0 {
namespace {

constexpr std::array<std::string_view, 11> item_fields = {
    "kind", "severity", "due_date", "auth_number", "payer_id", "member_id",
    "code", "claim_id", "line",     "next_action", "message"};

/// Calls `text(value)` or `absent()` for each field of `item`, in the order of item_fields;
/// `number(value)` for the line.
template <typename Text, typename Number, typename Absent>
void for_each_value(const review_item& item, Text&& text, Number&& number, Absent&& absent) {
  text(to_string(item.kind));
  text(to_string(item.severity));
  text(to_iso(item.due_date));
  if (item.auth_number.empty()) {
    absent();
  } else {
    text(item.auth_number);
  }
  text(item.payer_id);
  text(item.member_id);
  text(item.code);
  if (item.claim_id.empty()) {
    absent();
  } else {
    text(item.claim_id);
  }
  if (item.line) {
    number(*item.line);
  } else {
    absent();
  }
  text(item.next_action);
  text(item.message);
}

}  // namespace

std::string to_json(const review_item& item) {
  std::string out = "{";
  std::size_t field = 0;
  const auto name = [&] {
    if (field != 0) out += ',';
    detail::append_json_string(out, item_fields[field++]);
    out += ':';
  };
  for_each_value(
      item,
      [&](std::string_view value) {
        name();
        detail::append_json_string(out, value);
      },
      [&](std::uint32_t value) {
        name();
        out += std::to_string(value);
      },
      [&] {
        name();
        out += "null";
      });
  out += '}';
  return out;
}

std::string review_csv_header() { return detail::join(item_fields, ","); }

std::string to_csv_row(const review_item& item) {
  std::string out;
  bool first = true;
  const auto separate = [&] {
    if (!first) out += ',';
    first = false;
  };
  for_each_value(
      item,
      [&](std::string_view value) {
        separate();
        std::string valid;
        detail::append_valid_utf8(valid, value);
        detail::append_csv_field(out, valid);
      },
      [&](std::uint32_t value) {
        separate();
        out += std::to_string(value);
      },
      separate);
  return out;
}

std::string review_table(std::span<const review_item> items) {
  if (items.empty()) return "Nothing needs action.\n";
  static constexpr std::array<std::string_view, 8> titles = {
      "DUE", "SEVERITY", "KIND", "AUTH", "PAYER", "MEMBER", "CODE", "CLAIM/LINE"};
  const auto cell = [&](std::size_t r, std::size_t c) -> std::string {
    const auto& item = items[r];
    switch (c) {
      case 0: return to_iso(item.due_date);
      case 1: return std::string(to_string(item.severity));
      case 2: return std::string(to_string(item.kind));
      case 3: return item.auth_number.empty() ? "-" : item.auth_number;
      case 4: return item.payer_id;
      case 5: return item.member_id;
      case 6: return item.code;
      default:
        return item.line ? fmt::format("{}/{}", item.claim_id, *item.line) : std::string("-");
    }
  };
  auto out = detail::text_table(titles, "WHAT TO DO", items.size(), cell,
                                [&](std::size_t r) { return std::string_view(items[r].message); });
  const auto overdue =
      static_cast<std::size_t>(std::count_if(items.begin(), items.end(), [](const review_item& i) {
        return i.severity == review_severity::overdue;
      }));
  fmt::format_to(std::back_inserter(out), "{}, {} overdue.\n",
                 detail::counted(items.size(), "item"), overdue);
  return out;
}

}  // namespace v0
}  // namespace authmatch
