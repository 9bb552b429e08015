#ifndef AUTHMATCH_SRC_BYTE_CODEC_HPP
#define AUTHMATCH_SRC_BYTE_CODEC_HPP

// Values and findings as bytes: for the temporary file of a long run (finding_spool) and for the
// parts of a batch judged apart (run_part). Integers are written in the machine's byte order;
// a part says which order it was written in, so that another machine can refuse it.
//
// A finding is its fields as for_each_finding_field lists them: text as its size (u32) and
// bytes, a list as its size and each text, an optional value as a u8 (1: present) and the value,
// a date as its days since 1970-01-01 (i32), a decimal as its thousandths (i64); then its source.

#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>
#include <authmatch/error.hpp>
#include <authmatch/finding.hpp>
#include <authmatch/finding_fields.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

template <typename T>
inline constexpr bool is_optional_v = false;
template <typename T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

/// Appends values to a string.
class byte_writer {
 public:
  explicit byte_writer(std::string& out) noexcept : out_(&out) {}

  template <typename T>
  requires std::is_arithmetic_v<T>
  void put(T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out_->append(bytes, sizeof(T));
  }

  void put_value(std::string_view text) {
    put(static_cast<std::uint32_t>(text.size()));
    out_->append(text);
  }
  void put_value(std::uint32_t number) { put(number); }
  void put_value(finding_kind kind) { put(static_cast<std::uint8_t>(kind)); }
  void put_value(severity level) { put(static_cast<std::uint8_t>(level)); }
  void put_value(date day) { put(day.days_since_epoch()); }
  void put_value(decimal value) { put(value.thousandths()); }
  void put_value(const std::vector<std::string>& texts) {
    put(static_cast<std::uint32_t>(texts.size()));
    for (const auto& text : texts) put_value(text);
  }
  template <typename T>
  void put_value(const std::optional<T>& value) {
    put(static_cast<std::uint8_t>(value.has_value()));
    if (value) put_value(*value);
  }

  void put_finding(const finding& f) {
    for_each_finding_field([&](const finding_field&, auto member) { put_value(f.*member); });
    put_value(f.source);
  }

 private:
  std::string* out_;
};

/// The most bytes put_varint() writes.
inline constexpr std::size_t max_varint_bytes = 10;

/// Writes `value` at `at` as an unsigned LEB128 integer (7 bits a byte, the low ones first, the
/// top bit set on every byte but the last) and returns the end of what it wrote.
inline char* put_varint(char* at, std::uint64_t value) noexcept {
  while (value >= 0x80) {
    *at++ = static_cast<char>(value | 0x80);
    value >>= 7;
  }
  *at++ = static_cast<char>(value);
  return at;
}

/// Reads values back from bytes a byte_writer wrote. Bytes that end too soon, or hold a value
/// no writer writes, throw authmatch::error naming `what` was read.
class byte_reader {
 public:
  byte_reader(std::string_view bytes, std::string_view what) noexcept : rest_(bytes), what_(what) {}

  bool empty() const noexcept { return rest_.empty(); }

  template <typename T>
  requires std::is_arithmetic_v<T> T get() {
    need(sizeof(T));
    T value;
    std::memcpy(&value, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return value;
  }

  /// A value put_varint() wrote. The bytes it may take are known before the first is read, so
  /// each byte costs no check that it is there.
  std::uint64_t get_varint() {
    const auto* const p = reinterpret_cast<const unsigned char*>(rest_.data());
    const std::size_t available = std::min(rest_.size(), max_varint_bytes);
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < available; ++i) {
      const std::uint64_t byte = p[i];
      value |= (byte & 0x7FU) << (7 * i);
      if (byte < 0x80) {
        // The tenth byte holds the 64th bit alone.
        if (i == max_varint_bytes - 1 && byte > 1) damaged();
        rest_.remove_prefix(i + 1);
        return value;
      }
    }
    damaged();  // the bytes end inside the value, or it runs past ten bytes
  }

  std::string_view get_text() { return get_bytes(get<std::uint32_t>()); }

  /// The next `size` bytes.
  std::string_view get_bytes(std::uint64_t size) {
    need(size);
    const auto bytes = rest_.substr(0, static_cast<std::size_t>(size));
    rest_.remove_prefix(static_cast<std::size_t>(size));
    return bytes;
  }

  void get_value(std::string& text) { text.assign(get_text()); }
  void get_value(std::uint32_t& number) { number = get<std::uint32_t>(); }
  void get_value(finding_kind& kind) {
    const auto value = get<std::uint8_t>();
    if (value >= finding_kind_count) damaged();
    kind = static_cast<finding_kind>(value);
  }
  void get_value(severity& level) {
    const auto value = get<std::uint8_t>();
    if (value > static_cast<std::uint8_t>(severity::error)) damaged();
    level = static_cast<severity>(value);
  }
  void get_value(date& day) { day = date::from_days_since_epoch(get<std::int32_t>()); }
  void get_value(decimal& value) { value = decimal::from_thousandths(get<std::int64_t>()); }
  void get_value(std::vector<std::string>& texts) {
    const auto size = get<std::uint32_t>();
    if (size > rest_.size()) damaged();  // each text takes 4 bytes at least
    texts.resize(size);
    for (auto& text : texts) get_value(text);
  }
  template <typename T>
  void get_value(std::optional<T>& value) {
    if (get<std::uint8_t>() == 0) {
      value.reset();
    } else {
      get_value(value.emplace());
    }
  }

  void get_finding(finding& f) {
    for_each_finding_field([&](const finding_field&, auto member) { get_value(f.*member); });
    get_value(f.source);
  }

  /// Reads past a finding, checking it as get_finding() would, without keeping its text.
  void skip_finding() {
    for_each_finding_field([&](const finding_field&, auto member) {
      skip<std::remove_cvref_t<decltype(std::declval<finding&>().*member)>>();
    });
    get_text();
  }

  [[noreturn]] void damaged() const;

 private:
  template <typename T>
  void skip() {
    if constexpr (std::is_same_v<T, std::string>) {
      get_text();
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      const auto size = get<std::uint32_t>();
      if (size > rest_.size()) damaged();
      for (std::uint32_t i = 0; i < size; ++i) get_text();
    } else if constexpr (is_optional_v<T>) {
      if (get<std::uint8_t>() != 0) skip<typename T::value_type>();
    } else {
      T value;
      get_value(value);
    }
  }

  void need(std::uint64_t size) const {
    if (size > rest_.size()) damaged();
  }

  std::string_view rest_;
  std::string_view what_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
