#ifndef AUTHMATCH_SRC_X12_SEGMENT_HPP
#define AUTHMATCH_SRC_X12_SEGMENT_HPP

// One X12 segment as a view into the input, and its elements and components, split on demand
// into fixed arrays (no allocation).

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
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

/// A segment identifier packed into an integer, for switch statements: tag("SV1").
constexpr std::uint32_t tag(std::string_view id) noexcept {
  std::uint32_t out = 0;
  for (char c : id) out = (out << 8) | static_cast<unsigned char>(c);
  return id.size() <= 3 ? out : 0xffffffffu;
}

/// A segment: its text without terminator or surrounding line breaks, its identifier (the text
/// before the first element separator) and its position.
struct segment {
  std::string_view text;
  std::string_view id;
  position where;
  std::uint32_t id_tag = 0;
  bool unterminated = false;  ///< the input ended before its terminator
  bool oversized = false;     ///< longer than max_segment_bytes; `text` is its beginning
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

/// Splits `text` on `separator` into `items` (the last item keeps the rest when there are more
/// parts than items); returns the number of items filled, at least 1.
template <std::size_t N>
std::size_t split_into(std::string_view text, char separator,
                       std::array<std::string_view, N>& items) noexcept {
  std::size_t count = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (count + 1 < N) {
    const void* hit =
        p < end ? std::memchr(p, separator, static_cast<std::size_t>(end - p)) : nullptr;
    if (hit == nullptr) break;
    const char* cut = static_cast<const char*>(hit);
    items[count++] = std::string_view(p, static_cast<std::size_t>(cut - p));
    p = cut + 1;
  }
  items[count++] = std::string_view(p, static_cast<std::size_t>(end - p));
  return count;
}

/// The elements of a segment, split once into a fixed array. Element 0 is the identifier;
/// elements past `max_elements` are not split off (the last one keeps the rest).
class elements {
 public:
  static constexpr std::size_t max_elements = 32;

  elements() = default;
  elements(std::string_view text, char separator) noexcept { split(text, separator); }

  void split(std::string_view text, char separator) noexcept {
    count_ = split_into(text, separator, items_);
  }

  /// Element i (1-based as in X12: NM109 is (*this)[9]); "" when absent.
  std::string_view operator[](std::size_t i) const noexcept {
    return i < count_ ? items_[i] : std::string_view();
  }
  /// Number of elements after the identifier.
  std::size_t size() const noexcept { return count_ == 0 ? 0 : count_ - 1; }

 private:
  std::array<std::string_view, max_elements> items_{};
  std::size_t count_ = 0;
};

/// The components of a composite element: (*this)[1] is the first (CLM05-1).
class components {
 public:
  static constexpr std::size_t max_components = 12;

  components(std::string_view element, char separator) noexcept
      : count_(split_into(element, separator, items_)) {}

  /// Component i, 1-based; "" when absent.
  std::string_view operator[](std::size_t i) const noexcept {
    return i >= 1 && i <= count_ ? items_[i - 1] : std::string_view();
  }
  std::size_t size() const noexcept { return count_; }

 private:
  std::array<std::string_view, max_components> items_{};
  std::size_t count_ = 0;
};

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
