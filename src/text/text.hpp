#ifndef AUTHMATCH_DETAIL_TEXT_HPP
#define AUTHMATCH_DETAIL_TEXT_HPP

#include "text/byte_scan.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

constexpr std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

constexpr char to_upper(char c) noexcept {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

/// ASCII case-insensitive equality.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return to_upper(x) == to_upper(y);
         });
}

/// An identifier or code as authmatch compares it: trimmed, letters upper-cased.
inline std::string normalize_id(std::string_view text) {
  text = trim(text);
  std::string out(text);
  for (char& c : out) c = to_upper(c);
  return out;
}

/// True when `text` is already what normalize_id would make of it (no copy needed). Every line
/// asks it of nine values, most of them a few bytes long: they are checked a word at a time, the
/// last word overlapping the one before (a text of 4 to 7 bytes as two overlapping halves).
inline bool is_normalized_id(std::string_view text) noexcept {
  const std::size_t size = text.size();
  if (size == 0) return true;
  if (is_blank(text.front()) || is_blank(text.back())) return false;
  const char* bytes = text.data();
  const auto load = [](const char* from, auto word) {
    std::memcpy(&word, from, sizeof word);
    return word;
  };
  std::uint64_t flags = 0;
  if (size >= 8) {
    for (std::size_t i = 0; i + 8 < size; i += 8) {
      flags |= bytes_lower_case(load(bytes + i, std::uint64_t{}));
    }
    flags |= bytes_lower_case(load(bytes + size - 8, std::uint64_t{}));
  } else if (size >= 4) {
    const std::uint64_t halves =
        std::uint64_t{load(bytes, std::uint32_t{})} << 32 | load(bytes + size - 4, std::uint32_t{});
    flags = bytes_lower_case(halves);
  } else {
    for (std::size_t i = 0; i < size; ++i) flags |= bytes[i] >= 'a' && bytes[i] <= 'z' ? 1U : 0U;
  }
  return flags == 0;
}

/// normalized's rare path, out of line so that its callers take in only the check.
[[gnu::noinline]] inline std::string_view normalize_into(std::string_view text,
                                                         std::string& scratch) {
  scratch = normalize_id(text);
  return scratch;
}

/// A view of `text` as compared (what normalize_id makes of it), copying into `scratch` only
/// when `text` is not already normalized. The view is of `text` or of `scratch`.
inline std::string_view normalized(std::string_view text, std::string& scratch) {
  return is_normalized_id(text) ? text : normalize_into(text, scratch);
}

/// Whether the first bytes of a file are UTF-16 text: a byte order mark, or a NUL beside every
/// ASCII character (one NUL in a value is only a value).
inline bool looks_like_utf16(std::string_view head) noexcept {
  const auto nuls = static_cast<std::size_t>(std::count(head.begin(), head.end(), '\0'));
  return head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF") || nuls * 4 > head.size();
}

/// An ICD-10 code as compared: normalized, without the dot ("m54.5" -> "M545").
inline std::string normalize_diagnosis(std::string_view text) {
  std::string out = normalize_id(text);
  std::erase(out, '.');
  return out;
}

/// Makes `to` hold `text`, in the room it has. `text` must not be in `to`: without that case to
/// allow for, this is an append to an emptied string, a few instructions fewer than assign()
/// for every value a reader keeps row after row.
inline void assign_text(std::string& to, std::string_view text) {
  to.clear();
  to.append(text);
}

/// Splits "a|b|c" into its non-empty, trimmed parts.
template <typename Fn>
constexpr void for_each_part(std::string_view list, char separator, Fn&& fn) {
  while (!list.empty()) {
    const auto cut = list.find(separator);
    const auto part = trim(list.substr(0, cut));
    if (!part.empty()) fn(part);
    if (cut == std::string_view::npos) break;
    list.remove_prefix(cut + 1);
  }
}

/// The non-empty, trimmed parts of a list, into `values`: what it held is replaced, the vector's
/// room and the strings it keeps reused (a reader filling the same values row after row
/// allocates nothing for short values). `list` must not lie in the strings of `values`.
inline void split_list_into(std::string_view list, std::vector<std::string>& values,
                            char separator = '|') {
  std::size_t count = 0;
  for_each_part(list, separator, [&](std::string_view part) {
    if (count < values.size()) {
      assign_text(values[count], part);
    } else {
      values.emplace_back(part);
    }
    ++count;
  });
  values.resize(count);
}

/// The non-empty, trimmed parts of a list: "97110| 97140|" -> {"97110", "97140"}.
inline std::vector<std::string> split_list(std::string_view list, char separator = '|') {
  std::vector<std::string> values;
  split_list_into(list, values, separator);
  return values;
}

/// Whether a list that is not blank has an empty part: "19|", "|22", "19||22".
constexpr bool has_empty_part(std::string_view list, char separator = '|') {
  if (trim(list).empty()) return false;
  while (true) {
    const auto cut = list.find(separator);
    if (trim(list.substr(0, cut)).empty()) return true;
    if (cut == std::string_view::npos) return false;
    list.remove_prefix(cut + 1);
  }
}

/// Whether a byte leaves a CSV field unquoted: not a comma, a quote or a line break.
constexpr bool csv_plain(char c) noexcept { return c != ',' && c != '"' && c != '\r' && c != '\n'; }

/// Flags the bytes of an eight-byte word that are not csv_plain (byte_scan.hpp).
constexpr std::uint64_t csv_special(std::uint64_t word) noexcept {
  return bytes_equal(word, ',') | bytes_equal(word, '"') | bytes_equal(word, '\r') |
         bytes_equal(word, '\n');
}

/// Appends one RFC 4180 field, quoted only when it must be.
inline void append_csv_field(std::string& out, std::string_view text) {
  // Scanned and copied in runs rather than character by character: the messages of findings
  // are long and often hold a comma.
  const auto plain = plain_prefix(
      text, [](std::uint64_t word) { return csv_special(word); },
      [](char c) { return csv_plain(c); });
  if (plain == text.size()) {
    out += text;
    return;
  }
  out += '"';
  for (auto quote = text.find('"'); quote != std::string_view::npos; quote = text.find('"')) {
    out.append(text.data(), quote + 1);
    out += '"';  // a quote inside is doubled
    text.remove_prefix(quote + 1);
  }
  out += text;
  out += '"';
}

/// Sets `out` to the values joined with a separator, keeping its room: {"97110", "97140"}, "|"
/// -> "97110|97140".
template <typename Range>
void assign_join(std::string& out, const Range& values, std::string_view separator) {
  out.clear();
  for (const auto& value : values) {
    if (!out.empty()) out += separator;
    out += value;
  }
}

/// The values joined with a separator (assign_join).
template <typename Range>
std::string join(const Range& values, std::string_view separator) {
  std::string out;
  assign_join(out, values, separator);
  return out;
}

/// "1 claim", "2 claims": a count and its noun, which takes an s unless the count is 1.
inline std::string counted(std::uint64_t count, std::string_view noun) {
  std::string out = std::to_string(count);
  out += ' ';
  out += noun;
  if (count != 1) out += 's';
  return out;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
