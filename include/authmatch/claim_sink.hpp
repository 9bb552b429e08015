#ifndef AUTHMATCH_CLAIM_SINK_HPP
#define AUTHMATCH_CLAIM_SINK_HPP

#include <authmatch/claim_line.hpp>
#include <authmatch/finding.hpp>
#include <authmatch/x12/diagnostic.hpp>

#include <span>

namespace authmatch {
inline namespace v0 {

/// Receives the claims of an input, in input order: what every reader feeds (the 837 reader,
/// claim_line_file, the Python records) and what a validation_run is. Every claim read ends in
/// exactly one on_claim or on_rejected call (for an 837, every CLM segment).
///
/// **Important:** the lines passed to on_claim refer into the reader's buffers (the input bytes
/// and small per-claim arrays). They are valid during the call only; copy what you keep.
/// A sink may throw: reading stops and the exception reaches the reader's caller.
class claim_sink {
 public:
  virtual ~claim_sink() = default;

  /// The lines of one readable claim (at least one), in the order of their LX segments.
  virtual void on_claim(std::span<const claim_line> lines) = 0;

  /// A claim that could not be read: a `claim_unreadable` finding (severity error, line 0, no
  /// group or CARC) whose message names the file, the position (segment and byte, or line and
  /// column) and the fault.
  virtual void on_rejected(finding unreadable) = 0;

  /// A problem that did not stop reading (envelope counts, unknown segments, bad pointers, ...).
  /// Diagnostics inside a claim arrive just before that claim's on_claim / on_rejected.
  /// is_fault(found.kind) tells those that may have cost a claim or a line.
  virtual void on_diagnostic(const x12::diagnostic& found) { static_cast<void>(found); }

 protected:
  claim_sink() = default;
  claim_sink(const claim_sink&) = default;
  claim_sink& operator=(const claim_sink&) = default;
};

}  // namespace v0
}  // namespace authmatch

#endif
