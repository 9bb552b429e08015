#ifndef AUTHMATCH_SRC_X12_SEGMENT_HPP
#define AUTHMATCH_SRC_X12_SEGMENT_HPP

// One X12 segment as a view into the input, and its elements and components as views into it
// (no allocation).

#include "text/byte_order_mark.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

/// The delimiters an ISA declares.
struct delimiters {
  char element = '*';
  char component = ':';
  char repetition = '\0';  ///< ISA11 in 5010; '\0' when ISA11 is not a separator (4010 'U')
  char segment = '~';
};

/// Where a segment sits in the input.
struct position {
  std::uint64_t number = 0;  ///< 1-based segment ordinal from the start of the input
  std::uint64_t offset = 0;  ///< 0-based byte offset of the segment's first byte
};

using authmatch::detail::bom_length;
using authmatch::detail::utf8_bom;

/// The blanks the reader skips between segments: ' ', or one of '\t' '\n' '\v' '\f' '\r' (which
/// are consecutive).
constexpr bool is_x12_blank(char c) noexcept {
  return c == ' ' || static_cast<unsigned char>(c - '\t') <= '\r' - '\t';
}

/// A segment identifier packed into an integer, for switch statements: tag("SV1"). The length is
/// part of it, so that identifiers that differ only by leading NUL bytes ("\0ST", "ST") differ.
constexpr std::uint32_t tag(std::string_view id) noexcept {
  const auto at = [id](std::size_t i) { return std::uint32_t{static_cast<unsigned char>(id[i])}; };
  switch (id.size()) {
    case 0: return 0;
    case 1: return 1U << 24 | at(0);
    case 2: return 2U << 24 | at(0) << 8 | at(1);
    case 3: return 3U << 24 | at(0) << 16 | at(1) << 8 | at(2);
    default: return 0xffffffffu;
  }
}

/// A segment: its text without terminator or surrounding line breaks, its identifier (the text
/// before the first element separator), its position, and where its element separators are
/// (found by the tokenizer in the same pass as the terminator).
struct segment {
  /// Element separators recorded per segment; the elements after the last recorded one stay
  /// joined in the last element.
  static constexpr std::size_t max_cuts = 31;

  std::string_view text;
  std::string_view id;
  position where;
  std::uint32_t id_tag = 0;
  bool unterminated = false;  ///< the input ended before its terminator
  bool oversized = false;     ///< longer than max_segment_bytes; `text` is its beginning
  /// The first `cut_count` element separators in `text`, in order: cuts[i] points at one.
  std::uint8_t cut_count = 0;
  std::array<const char*, max_cuts> cuts{};
};

/// True for an identifier of 2 or 3 characters: an upper-case letter, then upper-case letters
/// or digits.
constexpr bool is_segment_id(std::string_view id) noexcept {
  if (id.size() < 2 || id.size() > 3) return false;
  if (id[0] < 'A' || id[0] > 'Z') return false;
  for (std::size_t i = 1; i < id.size(); ++i) {
    const char c = id[i];
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

/// True for identifiers an 837 (5010 or 4010, professional, institutional or dental) uses.
bool is_837_segment(std::uint32_t id_tag) noexcept;

/// True for identifiers an 835 (5010 X221A1) uses.
bool is_835_segment(std::uint32_t id_tag) noexcept;

/// The elements of a segment, read from the separators the tokenizer found (no scanning and no
/// copying). Element 0 is the identifier; elements past `max_elements` are not split off (the
/// last one keeps the rest). A view: the segment must outlive it.
class elements {
 public:
  static constexpr std::size_t max_elements = segment::max_cuts + 1;

  explicit elements(const segment& seg) noexcept : seg_(&seg) {}
  elements(const segment&&) = delete;

  /// Element i (1-based as in X12: NM109 is (*this)[9]); "" when absent.
  std::string_view operator[](std::size_t i) const noexcept {
    const std::size_t cuts = seg_->cut_count;
    if (i > cuts) return {};
    const char* const begin = i == 0 ? seg_->text.data() : seg_->cuts[i - 1] + 1;
    const char* const end = i == cuts ? seg_->text.data() + seg_->text.size() : seg_->cuts[i];
    return std::string_view(begin, static_cast<std::size_t>(end - begin));
  }
  /// Number of elements after the identifier.
  std::size_t size() const noexcept { return seg_->cut_count; }

 private:
  const segment* seg_;
};

/// The component separator a composite element uses. Some senders declare one in ISA16 and use
/// another ("HC>98940" under ':'). Codes and qualifiers are letters and digits, so when the
/// declared separator does not occur, the first other character that can be a separator is
/// taken as the one in use; `declared` when there is none. One pass finds both.
constexpr char composite_separator(std::string_view element, char declared) noexcept {
  char other = declared;
  bool found_other = false;
  for (const char c : element) {
    if (c == declared) return c;
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!found_other && !(alnum || c == '.' || c == '-' || c == ' ' || c == '/')) {
      other = c;
      found_other = true;
    }
  }
  return other;
}

/// The components of a composite element: (*this)[1] is the first (CLM05-1).
class components {
 public:
  static constexpr std::size_t max_components = 12;

  /// Splits `element` on `separator`; the last component keeps the rest when there are more
  /// than max_components. Composites are a few bytes long: a plain loop beats memchr calls.
  components(std::string_view element, char separator) noexcept {
    const char* from = element.data();
    const char* const end = from + element.size();
    for (const char* p = from; p != end; ++p) {
      if (*p != separator) continue;
      items_[count_++] = piece{from, static_cast<std::size_t>(p - from)};
      from = p + 1;
      if (count_ + 1 == max_components) break;
    }
    items_[count_++] = piece{from, static_cast<std::size_t>(end - from)};
  }

  /// Component i, 1-based; "" when absent.
  std::string_view operator[](std::size_t i) const noexcept {
    if (i < 1 || i > count_) return {};
    return std::string_view(items_[i - 1].data, items_[i - 1].size);
  }
  std::size_t size() const noexcept { return count_; }

 private:
  /// A component's bytes. Trivial, unlike std::string_view, so that the array is not cleared
  /// for every composite read (a few are read per segment): only the first count_ are set and
  /// read.
  struct piece {
    const char* data;
    std::size_t size;
  };
  std::array<piece, max_components> items_;
  std::size_t count_ = 0;
};

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
