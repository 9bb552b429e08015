#ifndef AUTHMATCH_SRC_X12_CLAIM_BUILDER_HPP
#define AUTHMATCH_SRC_X12_CLAIM_BUILDER_HPP

// The 837 layer: walks the HL hierarchy and the claim (2300) and service line (2400) loops,
// entering loops by segment identifier and qualifier, and turns each claim into claim_line
// values (claim_emitter) or a claim_unreadable finding.
//
// Values of the billing provider, subscriber and patient loops are copied (they may lie in an
// earlier chunk); values of the open claim are views into the window, which the reader keeps in
// memory from the CLM on ("pinned") until the claim ends. A claim that fails keeps only owned
// text and is no longer pinned.

#include "guide.hpp"
#include "report.hpp"
#include "segment.hpp"

#include <authmatch/claim_line.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

class claim_builder {
 public:
  /// Diagnostics held for one claim until it ends; more are counted and summed up in one, so
  /// that a hostile claim cannot grow memory without bound.
  static constexpr std::size_t max_held_diagnostics = 100;
  /// Service lines of one claim (837P allows 50, 837I 999); a claim with more is rejected.
  static constexpr std::size_t max_lines = 10000;

  explicit claim_builder(reporter& out) noexcept : out_(&out) {}

  /// An ST opens a transaction following `kind`; `unsupported_reason` explains guide::unsupported.
  void begin_transaction(guide kind, std::string_view unsupported_reason);
  /// SE or anything that ends the transaction: ends the claim and forgets the hierarchy.
  void end_transaction();
  /// Ends the open claim, if any: passes it to the sink as lines or as a rejection.
  void end_claim();
  /// The input ended at `end` (byte offset): a claim still open was cut short before its
  /// transaction's SE and is rejected, since lines may be missing; then ends the transaction.
  void end_of_input(std::uint64_t end);
  /// Any segment other than the envelope's.
  void on_segment(const segment& seg, const delimiters& delims);
  /// A diagnostic about a segment: held until the open claim ends, emitted at once otherwise.
  void report(diagnostic_kind kind, const segment& seg, std::size_t element,
              const std::string& message);

  /// True while a claim is open whose values are views into the window.
  bool pinned() const noexcept { return claim_.open && !claim_.failed; }
  /// Forgets the open claim (nothing is emitted): the reader re-reads it from its CLM.
  void rewind() noexcept;
  /// Rejects the open claim when it ends, with `what` at its CLM; it is no longer pinned.
  void abandon(std::string_view what);

 private:
  enum class area : std::uint8_t {
    header,       ///< 1000A/1000B, before the first HL
    billing,      ///< 2000A/2010AA..AC
    subscriber,   ///< 2000B/2010BA/2010BB
    patient,      ///< 2000C/2010CA
    other_level,  ///< an HL of a level an 837 does not use
    claim,        ///< 2300/2310x
    other_payer,  ///< 2320/2330x: other subscribers' values, not this claim's
    line,         ///< 2400..2440
  };
  enum class name_loop : std::uint8_t { none, subscriber, payer, patient, other };

  /// What the hierarchy says about the claims that follow it (owned: it may be far behind).
  struct context {
    std::string billing_hl, subscriber_hl;
    bool have_billing = false, have_subscriber = false, have_patient = false;
    std::string billing_npi, member_id, payer_id;
    std::optional<date> subscriber_dob, patient_dob;
  };

  struct line_state {
    position where;  ///< of its LX
    std::uint32_t number = 0;
    bool has_service = false;
    position service_at;
    std::string_view code;
    std::array<std::string_view, 4> modifiers{};
    std::uint8_t modifier_count = 0;
    decimal units = decimal::from_integer(1);
    decimal charge;
    std::string_view place_of_service;
    std::array<std::uint16_t, 4> pointers{};
    std::uint8_t pointer_count = 0;
    bool has_dates = false;
    date from, to;
    std::string_view auth_number, rendering_npi, facility_npi;
    std::string_view referral_number;  ///< REF*9F
    std::string_view revenue_code;     ///< 837I SV201
  };

  struct claim_state {
    bool open = false;
    bool failed = false;
    guide kind = guide::none;
    position where;
    std::string id;     ///< CLM01, owned: rejections outlive the window
    std::string error;  ///< the first fault, with its position
    std::string_view facility_code;
    claim_frequency frequency = claim_frequency::original;
    std::string_view auth_number, original_claim_id, referral_number;
    bool has_dates = false;
    date from, to;
    std::string_view rendering_npi, facility_npi;
    std::vector<std::string_view> diagnosis_slots;  ///< HI elements in order; "" = no code
    std::vector<line_state> lines;
    std::vector<diagnostic> pending;    ///< at most max_held_diagnostics
    std::uint64_t withheld = 0;         ///< diagnostics past that limit, only counted
    std::uint64_t withheld_faults = 0;  ///< of those, the faults (is_fault)
    diagnostic_kind first_withheld_fault = diagnostic_kind::value;
    bool separator_reported_before = false;  ///< restored by rewind()
  };

  // Hierarchy and context (claim_builder.cpp).
  void on_hl(const segment& seg);
  void on_context_segment(const segment& seg);
  void open_claim(const segment& seg, const delimiters& delims);
  void on_claim_segment(const segment& seg, const delimiters& delims);
  void on_line_segment(const segment& seg, const elements& e, const delimiters& delims);
  void on_service(const segment& seg, const elements& e, const delimiters& delims);
  void on_diagnoses(const segment& seg, const elements& e, const delimiters& delims);
  std::string_view provider_npi(const segment& seg, const elements& e);
  /// A composite element split on its component separator (see the .cpp for senders that use
  /// another one than ISA16 declares).
  components composite(const segment& seg, std::string_view element, const delimiters& delims);
  /// Marks the open claim unreadable (the first fault wins) and drops its views.
  void fail(position at, std::size_t element, std::string_view what);
  void fail(const segment& seg, std::size_t element, std::string_view what) {
    fail(seg.where, element, what);
  }

  // Finishing a claim (claim_emitter.cpp).
  bool check_complete();
  void emit_lines();
  void emit_rejection();
  std::span<const std::string_view> resolve_diagnoses(const line_state& line);
  /// Holds a diagnostic about the open claim until it ends.
  void hold(diagnostic found);
  void flush_pending();

  reporter* out_;
  guide kind_ = guide::none;
  std::string unsupported_reason_;
  bool separator_reported_ = false;
  area area_ = area::header;
  name_loop name_ = name_loop::none;
  context context_;
  claim_state claim_;

  // Reused between claims so that steady-state reading does not allocate.
  std::vector<claim_line> out_lines_;
  std::vector<std::string_view> out_modifiers_;
  std::vector<std::string_view> out_slots_;
  std::vector<std::string_view> out_codes_;
  std::vector<std::string_view> out_line_codes_;
  std::string arena_;  ///< diagnosis codes with their dots removed
};

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
