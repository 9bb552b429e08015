#ifndef AUTHMATCH_REMITTANCE_HPP
#define AUTHMATCH_REMITTANCE_HPP

#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>
#include <authmatch/error.hpp>
#include <authmatch/x12/diagnostic.hpp>
#include <authmatch/x12/reader.hpp>

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// One adjustment of a claim adjustment segment (CAS): the group (CAS01: CO, PR, OA, PI, CR),
/// the claim adjustment reason code, the amount and, when given, the quantity.
struct remittance_adjustment {
  std::string group;
  std::string carc;
  decimal amount;
  std::optional<decimal> quantity;
};

/// One service line of a remittance (loop 2110, SVC).
struct remittance_line {
  std::uint32_t position = 0;          ///< 1-based SVC ordinal within its claim
  std::string control_number;          ///< REF*6R, the line item control number ("" when absent)
  std::string code;                    ///< SVC01-2 (the procedure code), upper-case
  std::vector<std::string> modifiers;  ///< SVC01-3..6
  decimal charge;                      ///< SVC02
  decimal paid;                        ///< SVC03
  decimal units = decimal::from_integer(1);  ///< SVC05 (1 when absent)
  std::optional<date> service_date;          ///< DTM*472 or DTM*150, else the claim's
  std::optional<date> service_date_end;      ///< DTM*151 or the end of an RD8, else the first day
  std::vector<remittance_adjustment> adjustments;  ///< the line's CAS
  std::vector<std::string> remarks;                ///< LQ*HE remark codes
};

/// One claim of a remittance (loop 2100, CLP) with its service lines.
struct remittance_claim {
  std::string claim_id;            ///< CLP01, the patient control number of the 837 (CLM01)
  std::string status;              ///< CLP02 (1 primary, 4 denied, 22 reversal, ...)
  decimal charge;                  ///< CLP03
  decimal paid;                    ///< CLP04
  std::string payer_claim_number;  ///< CLP07
  std::string payer_id;            ///< N1*PR N104, else REF*2U of loop 1000A ("" when neither)
  std::string payer_name;          ///< N1*PR N102
  std::string member_id;           ///< NM1*QC (patient) NM109, else NM1*IL (insured) NM109
  std::optional<date> statement_from, statement_to;  ///< DTM*232 / DTM*233
  std::vector<remittance_adjustment> adjustments;    ///< claim-level CAS
  std::vector<std::string> remarks;                  ///< MOA and MIA remark codes
  std::vector<remittance_line> lines;                ///< in SVC order
  input_position where;                              ///< the CLP: file, segment number (column 0)
  std::uint64_t byte_offset = 0;

  /// Whether the claim's REF*6R values can be its line numbers: each one given is a number from
  /// 1 to the claim's count of lines, and no two are alike. When they cannot (a payer that
  /// echoes the 837's own line item control numbers, such as 100234), the claim's lines are
  /// matched as if they carried none.
  bool control_numbers_are_lines() const;

  /// The line number of each line, in order: its REF*6R when control_numbers_are_lines() and it
  /// carries one, else its position.
  std::vector<std::uint32_t> line_numbers() const;
};

/// A claim (CLP) that could not be read: its position and what was wrong. Its service lines
/// were counted but not read.
struct remittance_rejection {
  std::string claim_id;     ///< CLP01 as far as it could be read
  std::string payer_id;     ///< of the payer loop, as for a readable claim
  std::uint32_t lines = 0;  ///< SVC segments it held
  input_position where;     ///< the segment where the fault is, with its element
  std::uint64_t byte_offset = 0;
  std::string message;  ///< "file: segment N, element E, byte B: what was wrong"
};

/// A service line (SVC) outside any claim: before the first CLP of a transaction, or after its
/// provider adjustments (PLB). It is a line read that no claim holds.
struct remittance_stray_line {
  std::string payer_id;  ///< of the payer loop it is in ("" when none)
  input_position where;  ///< the SVC: file, segment number (column 0)
  std::uint64_t byte_offset = 0;
};

/// Receives the claims of an 835, in input order. Every CLP ends in exactly one on_claim or
/// on_rejected call, and every SVC outside a claim in one on_stray_line call (after the
/// diagnostic that reports it).
class remittance_sink {
 public:
  virtual ~remittance_sink() = default;
  virtual void on_claim(const remittance_claim& claim) = 0;
  virtual void on_rejected(const remittance_rejection& rejected) = 0;
  virtual void on_stray_line(const remittance_stray_line& line) { static_cast<void>(line); }
  /// A problem that did not stop reading (envelope counts, unknown segments, ...); those inside
  /// a claim arrive just before it.
  virtual void on_diagnostic(const x12::diagnostic& found) { static_cast<void>(found); }

 protected:
  remittance_sink() = default;
  remittance_sink(const remittance_sink&) = default;
  remittance_sink& operator=(const remittance_sink&) = default;
};

namespace x12 {

/// Counts of one 835 input: claims_read is the number of CLP segments (claims passed to
/// on_claim plus claims_rejected), lines_read the number of SVC segments (those of readable and
/// of rejected claims, and those outside any claim).
using remittance_stats = read_stats;

/// Reads every claim of an 835 remittance advice (005010X221A1), streaming as the 837 reader
/// does (see reader.hpp): delimiters from each ISA, envelopes checked, a damaged claim rejected
/// with its position and reading going on. Transactions other than an 835 are reported and
/// their claims rejected. Throws input_error when the input is not X12 or holds no transaction.
remittance_stats read_835_file(const std::filesystem::path& path, remittance_sink& sink,
                               const read_options& options = {});
remittance_stats read_835(std::istream& in, std::string_view name, remittance_sink& sink,
                          const read_options& options = {});
remittance_stats read_835_buffer(std::string_view bytes, std::string_view name,
                                 remittance_sink& sink, const read_options& options = {});

}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
