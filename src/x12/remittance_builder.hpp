#ifndef AUTHMATCH_SRC_X12_REMITTANCE_BUILDER_HPP
#define AUTHMATCH_SRC_X12_REMITTANCE_BUILDER_HPP

// The 835 layer: the payer loop (1000A), the claim payment loop (2100, CLP) and the service
// payment loop (2110, SVC), turned into remittance_claim values or rejections.
//
// Unlike the 837's claim builder, this layer copies what it keeps as it reads: a remittance is a
// fraction of a practice's claim volume, so the window is never pinned and nothing is read
// twice after a refill.

#include "guide.hpp"
#include "report.hpp"
#include "segment.hpp"

#include <authmatch/remittance.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

class remittance_builder {
 public:
  /// Service lines of one claim; a claim with more is rejected (its lines are still counted).
  static constexpr std::size_t max_lines = 10000;
  /// Adjustments or remark codes of one claim or line; more are rejected the same way.
  static constexpr std::size_t max_codes = 1000;

  remittance_builder(reporter& out, remittance_sink& sink) noexcept : out_(&out), sink_(&sink) {}

  void begin_transaction(guide kind, std::string_view unsupported_reason);
  void end_transaction();
  /// The input ended inside a transaction: a claim still open is rejected (lines may be missing).
  void end_of_input(std::uint64_t end);
  void on_segment(const segment& seg, const delimiters& delims);
  void report(diagnostic_kind kind, const segment& seg, std::size_t element,
              const std::string& message);

  // Values are copied as they are read: never pinned, never re-read.
  static constexpr bool pinned() noexcept { return false; }
  static constexpr void rewind() noexcept {}
  static constexpr void abandon(std::string_view) noexcept {}

 private:
  enum class area : std::uint8_t { header, payer, payee, claim, line, trailer };

  void end_claim();
  void open_claim(const segment& seg, const elements& e);
  void on_claim_segment(const segment& seg, const elements& e);
  void on_line_segment(const segment& seg, const elements& e);
  void open_line(const segment& seg, const elements& e, const delimiters& delims);
  void read_adjustments(const segment& seg, const elements& e,
                        std::vector<remittance_adjustment>& into);
  void add_remark(const segment& seg, std::size_t element, std::string_view code,
                  std::vector<std::string>& into);
  /// Marks the open claim unreadable; the first fault wins.
  void fail(const segment& seg, std::size_t element, std::string_view what);
  /// The payer's ID: N1*PR's, else its REF*2U.
  const std::string& payer() const noexcept { return payer_id_.empty() ? payer_ref_ : payer_id_; }

  reporter* out_;
  remittance_sink* sink_;
  guide kind_ = guide::none;
  std::string unsupported_reason_;
  area area_ = area::header;
  std::string payer_id_, payer_ref_, payer_name_;

  bool open_ = false;
  bool failed_ = false;
  std::uint32_t svc_count_ = 0;
  remittance_claim claim_;
  remittance_rejection rejection_;
  std::string insured_id_, patient_id_;
  bool line_has_date_ = false;
  bool separator_reported_ = false;  ///< once per transaction
};

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
