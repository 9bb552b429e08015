#ifndef AUTHMATCH_SRC_X12_ENVELOPE_HPP
#define AUTHMATCH_SRC_X12_ENVELOPE_HPP

// The ISA/IEA, GS/GE and ST/SE envelopes: their nesting, control numbers and counts. Faults are
// diagnostics; nothing here stops reading.

#include "isa.hpp"
#include "report.hpp"
#include "segment.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

/// The envelopes open where reading resumes in the middle of an input, at an ST: one interchange
/// holding one functional group.
struct envelope_resume {
  position isa_at;
  std::string isa_control;  ///< ISA13
  position gs_at;
  std::string gs_control;  ///< GS06
  std::string gs_version;  ///< GS08
};

class envelope_checker {
 public:
  explicit envelope_checker(reporter& out) noexcept : out_(&out) {}

  void on_isa(const segment& seg, const isa_header& isa);
  void on_iea(const segment& seg, const elements& e);
  void on_gs(const segment& seg, const elements& e);
  void on_ge(const segment& seg, const elements& e);
  void on_st(const segment& seg, const elements& e);
  void on_se(const segment& seg, const elements& e);
  /// Any other segment: counted for SE01; reported when outside a transaction.
  void on_other(const segment& seg);
  /// End of input at `end`: reports every envelope still open.
  void finish(position end);

  /// Opens the envelopes as they are where reading resumes (see envelope_resume), the group
  /// holding `transactions_before` transactions before it.
  void resume(const envelope_resume& open, std::uint64_t transactions_before);
  /// The end of a part of the input that the ST at `next_st` follows: what that ST reports
  /// of a transaction still open (it has no SE), as on_st() would.
  void end_before_st(position next_st) {
    close_transaction_missing_se(next_st, "before the next ST");
  }

  bool in_transaction() const noexcept { return transaction_.open; }
  /// GS08 of the open functional group ("" when none).
  std::string_view group_version() const noexcept {
    return group_.open ? std::string_view(group_version_) : std::string_view();
  }
  /// Segments of the open transaction so far (for SE01); saved and restored around re-reads.
  std::uint64_t transaction_segments() const noexcept { return transaction_.segments; }
  void set_transaction_segments(std::uint64_t count) noexcept { transaction_.segments = count; }

 private:
  struct level {
    bool open = false;
    position where;              ///< of its header segment
    std::string control;         ///< ISA13, GS06, ST02
    std::uint64_t children = 0;  ///< GS in an interchange, ST in a group
    std::uint64_t segments = 0;  ///< transactions only: ST..SE so far
  };

  void close_transaction_missing_se(position at, std::string_view why);
  void close_group_missing_ge(position at, std::string_view why);
  void close_interchange_missing_iea(position at, std::string_view why);
  void check_count(const segment& seg, std::size_t element, std::string_view name,
                   std::string_view value, std::uint64_t actual, std::string_view what);
  void check_control(const segment& seg, std::size_t element, std::string_view name,
                     std::string_view value, const level& header, std::string_view header_name);

  reporter* out_;
  level interchange_;
  level group_;
  level transaction_;
  std::string group_version_;
  bool outside_reported_ = false;  ///< one report per run of segments outside a transaction
};

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
