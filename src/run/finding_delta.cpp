#include "run/finding_delta.hpp"

#include "run/byte_codec.hpp"
#include "text/text_hash.hpp"

#include <authmatch/finding_fields.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <type_traits>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

/// The bit of source in a finding's mask, after those of the fields.
constexpr std::uint32_t source_bit = std::uint32_t{1} << finding_field_count;
static_assert(finding_field_count < 31);

/// By field: whether its value goes with the finding's kind (its base is the finding of the same
/// kind before) rather than with the line or claim (the finding just before).
constexpr auto of_kind = [] {
  std::array<bool, finding_field_count> kind_field{};
  std::size_t i = 0;
  for_each_finding_field([&](const finding_field& field, auto) {
    for (const std::string_view name :
         {"severity", "group", "carc", "rarc", "expected", "actual", "message"}) {
      if (field.name == name) kind_field[i] = true;
    }
    ++i;
  });
  return kind_field;
}();

template <typename Member>
constexpr bool is_text_member = std::is_same_v<Member, std::string finding::*>;

/// How many bytes `a` and `b` have in common at their start, at most `most`: eight at a time,
/// the first that differs found in the word where they do (a message shares most of its length
/// with the one before).
std::size_t common_prefix(std::string_view a, std::string_view b, std::size_t most) noexcept {
  using text_hash_detail::load8;
  std::size_t n = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; n + 8 <= most; n += 8) {
      const std::uint64_t differ = load8(a.data() + n) ^ load8(b.data() + n);
      if (differ != 0) return n + static_cast<std::size_t>(std::countr_zero(differ)) / 8;
    }
  }
  while (n < most && a[n] == b[n]) ++n;
  return n;
}

/// How many bytes `a` and `b` have in common at their end, at most `most`: as common_prefix().
std::size_t common_suffix(std::string_view a, std::string_view b, std::size_t most) noexcept {
  using text_hash_detail::load8;
  std::size_t n = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; n + 8 <= most; n += 8) {
      const std::uint64_t differ =
          load8(a.data() + a.size() - n - 8) ^ load8(b.data() + b.size() - n - 8);
      if (differ != 0) return n + static_cast<std::size_t>(std::countl_zero(differ)) / 8;
    }
  }
  while (n < most && a[a.size() - 1 - n] == b[b.size() - 1 - n]) ++n;
  return n;
}

/// Writes `now` as what it shares with `before` at its start and end, and the text between.
void put_changed_text(byte_writer& out, std::string_view now, std::string_view before) {
  const std::size_t most = std::min(now.size(), before.size());
  const std::size_t prefix = common_prefix(now, before, most);
  const std::size_t suffix = common_suffix(now, before, most - prefix);
  out.put(static_cast<std::uint32_t>(prefix));
  out.put(static_cast<std::uint32_t>(suffix));
  out.put_value(now.substr(prefix, now.size() - prefix - suffix));
}

std::size_t index_of(finding_kind kind) noexcept { return static_cast<std::size_t>(kind); }

/// Whether a field holds the same value as its base. Texts are compared inline (most are IDs
/// and codes of a few bytes, equal more often than not), without a call to memcmp each.
bool same_value(const std::string& now, const std::string& before) noexcept {
  return same_text(now, before);
}
bool same_value(const std::optional<std::string>& now,
                const std::optional<std::string>& before) noexcept {
  return now.has_value() == before.has_value() && (!now || same_text(*now, *before));
}
template <typename Value>
bool same_value(const Value& now, const Value& before) {
  return now == before;
}

}  // namespace

void finding_delta_writer::put(const finding& found, std::string& out) {
  const auto mask_at = out.size();
  std::uint32_t same = 0;
  std::size_t field = 0;
  byte_writer writer(out);
  writer.put(same);  // its place: set below
  auto& of_this_kind = bases_.of_kind[index_of(found.kind)];
  for_each_finding_field([&](const finding_field&, auto member) {
    const auto& now = found.*member;
    auto& before = (of_kind[field] ? of_this_kind : bases_.last).*member;
    if (same_value(now, before)) {
      same |= std::uint32_t{1} << field;
    } else {
      if constexpr (is_text_member<decltype(member)>) {
        if (member == &finding::message) {
          put_changed_text(writer, now, before);
        } else {
          writer.put_value(now);
        }
      } else {
        writer.put_value(now);
      }
      before = now;
    }
    ++field;
  });
  if (same_text(found.source, bases_.last.source)) {
    same |= source_bit;
  } else {
    put_changed_text(writer, found.source, bases_.last.source);
    bases_.last.source = found.source;
  }
  std::memcpy(out.data() + mask_at, &same, sizeof same);
}

finding& finding_delta_reader::get(std::string_view bytes, finding_kind kind, std::string_view what,
                                   last_finding last) {
  byte_reader in(bytes, what);
  const auto get_changed_text = [&](std::string& text) {
    const std::uint64_t prefix = in.get<std::uint32_t>(), suffix = in.get<std::uint32_t>();
    const auto between = in.get_text();
    if (prefix + suffix > text.size()) in.damaged();
    text_.assign(text, 0, prefix);
    text_.append(between);
    text_.append(text, text.size() - suffix, suffix);
    text.swap(text_);
  };
  const auto same = in.get<std::uint32_t>();
  if (same >= source_bit << 1) in.damaged();  // a bit past every field
  if (index_of(kind) >= finding_kind_count) in.damaged();
  auto& of_this_kind = bases_.of_kind[index_of(kind)];
  // read_ still holds the finding before when the caller left it untouched: its values of the
  // line and claim are then bases_.last's, and its values of the kind of_kind[read_kind_]'s.
  // Only the values that changed need writing.
  const bool read_has_last = last == last_finding::untouched && read_kind_ != no_kind;
  const bool read_has_kind = read_has_last && read_kind_ == index_of(kind);
  read_kind_ = no_kind;  // until every value is read: damaged bytes may leave it half written
  std::size_t field = 0;
  for_each_finding_field([&](const finding_field&, auto member) {
    auto& value = (of_kind[field] ? of_this_kind : bases_.last).*member;
    const bool changed = (same & (std::uint32_t{1} << field)) == 0;
    if (changed) {
      if constexpr (is_text_member<decltype(member)>) {
        if (member == &finding::message) {
          get_changed_text(value);
        } else {
          in.get_value(value);
        }
      } else {
        in.get_value(value);
      }
    }
    if (changed || !(of_kind[field] ? read_has_kind : read_has_last)) read_.*member = value;
    ++field;
  });
  if ((same & source_bit) == 0) get_changed_text(bases_.last.source);
  if ((same & source_bit) == 0 || !read_has_last) read_.source = bases_.last.source;
  if (!in.empty() || read_.kind != kind) in.damaged();
  read_kind_ = index_of(kind);
  return read_;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
