#ifndef AUTHMATCH_SRC_RECORD_FILE_HPP
#define AUTHMATCH_SRC_RECORD_FILE_HPP

// Records a run parks on disk past its memory budget, in blocks, read back as they lay in memory.

#include "run/temporary_file.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Records of one type appended to an unnamed temporary file, made on the first append, and read
/// back by place (the count of records before). Only the run that wrote them reads them, so they
/// are written as they lie in memory.
template <typename Record>
class record_file {
  static_assert(std::is_trivially_copyable_v<Record>);

 public:
  /// `what` names the file in errors ("the temporary file of usage").
  explicit record_file(const char* what) noexcept : what_(what) {}

  /// Writes `records` after those appended so far and gives the place of the first. A write
  /// that fails throws and leaves every earlier record in place, to be written again.
  std::uint64_t append(std::span<const Record> records) {
    if (!file_) file_.emplace(what_);
    const auto first = size_;
    file_->write_at({reinterpret_cast<const char*>(records.data()), records.size_bytes()},
                    first * sizeof(Record));
    size_ += records.size();
    return first;
  }

  /// Reads `into.size()` records from place `first`.
  void read(std::uint64_t first, std::span<Record> into) const {
    file_->read_exactly(reinterpret_cast<char*>(into.data()), into.size_bytes(),
                        first * sizeof(Record));
  }

  /// Whether anything was appended (the file exists).
  bool used() const noexcept { return file_.has_value(); }

  /// Forgets every record and the file.
  void clear() noexcept {
    file_.reset();
    size_ = 0;
  }

 private:
  const char* what_;
  std::optional<temporary_file> file_;
  std::uint64_t size_ = 0;  ///< records appended
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
