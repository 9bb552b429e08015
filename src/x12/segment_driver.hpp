#ifndef AUTHMATCH_SRC_X12_SEGMENT_DRIVER_HPP
#define AUTHMATCH_SRC_X12_SEGMENT_DRIVER_HPP

// The readers' driver, shared by the 837 and the 835: feeds the window to the tokenizer, routes
// envelope segments to the envelope checker and everything else to the transaction layer, and
// refills the window in chunks.
//
// Chunk boundaries: while a claim is open its values may be views into the window, so a refill
// keeps every byte from its first segment (CLM, CLP) on. Those views move with the bytes, so
// instead of fixing them up the claim is forgotten and read again from its start (a claim is tiny
// next to a chunk, so this costs next to nothing), with the segment counters restored to what
// they were there. A layer that copies what it keeps is never pinned and never re-reads.

#include "byte_source.hpp"
#include "envelope.hpp"
#include "fragment.hpp"
#include "guide.hpp"
#include "report.hpp"
#include "tokenizer.hpp"

#include <authmatch/error.hpp>
#include <authmatch/x12/reader.hpp>
#include "text/printable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

/// Shows the start of a non-X12 input in a message: printable ASCII, at most 24 characters.
inline std::string preview(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 24)) {
    if (c == '\r' || c == '\n') break;
    out += (c >= ' ' && c <= '~') ? c : '?';
  }
  return out;
}

/// Drives one transaction layer over an input. `Layer` is what reads the transactions' own
/// segments (claim_builder for the 837, remittance_builder for the 835); `Traits` says which
/// transaction it is:
///
///     static constexpr std::string_view transaction;       // "837", for messages
///     static constexpr std::uint32_t start_tag;            // tag("CLM"): where a unit starts
///     static guide_result classify(st01, st03, gs08);      // which guide a transaction follows
///     static bool is_known_segment(std::uint32_t id_tag);  // segments the transaction uses
///
/// A layer has begin_transaction(guide, reason), end_transaction(), end_of_input(offset),
/// on_segment(segment, delimiters), report(kind, segment, element, message), and, for the
/// re-reads after a refill, pinned(), rewind() and abandon(what) (see the file comment).
template <typename Layer, typename Traits>
class segment_driver {
 public:
  segment_driver(reporter& report, Layer& layer, const read_options& options)
      : options_(options),
        report_(report),
        tokens_(std::max<std::size_t>(options.max_segment_bytes, 16)),
        envelope_(report_),
        claims_(layer) {}

  read_stats read_buffer(std::string_view bytes) {
    report_.stats().bytes = bytes.size();
    tokens_.set_window(bytes.data(), bytes.size(), 0, true);
    start(bytes);
    while (step()) {
    }
    return finish(bytes.size());
  }

  read_stats read_source(byte_source& source) {
    open_window(source);
    start(std::string_view(buffer_.get(), size_));
    read_window(source);
    return finish(base_ + size_);
  }

  /// Reads the part of an input that `source` holds: bytes [part.begin, part.end), which start
  /// the input or start at an ST, and end it or end before an ST (the delimiters and envelopes
  /// in effect there are given). Its positions, diagnostics and claims are those the whole
  /// input's reading gives for these bytes, and so are its counts, but for `segments`, which
  /// counts from the input's start.
  read_stats read_fragment(byte_source& source, const fragment& part, const delimiters& delims,
                           const envelope_resume& open) {
    base_ = part.begin;
    open_window(source);
    if (part.begin == 0) {
      start(std::string_view(buffer_.get(), size_));
    } else {
      tokens_.set_delimiters(delims);
      tokens_.seek(0, part.first_segment);
      envelope_.resume(open, part.transactions_before);
    }
    read_window(source);
    if (part.at_end) return finish(base_ + size_);
    claims_.end_transaction();  // as the ST that follows would
    envelope_.end_before_st(position{part.end_segment, part.end});
    report_.stats().segments = tokens_.segment_count();
    return report_.stats();
  }

 private:
  /// Where a claim starts, to read it again after a refill.
  struct checkpoint {
    position where;
    std::uint64_t transaction_segments = 0;
  };

  void open_window(byte_source& source) {
    chunk_ = std::max<std::size_t>(options_.chunk_size, 1);
    // Enough bytes to see past a byte order mark and recognize "ISA".
    while (size_ < 64 && !at_end_) fill(source);
    tokens_.set_window(buffer_.get(), size_, base_, at_end_);
  }

  void read_window(byte_source& source) {
    for (;;) {
      if (step()) continue;
      if (at_end_) break;
      refill(source);
    }
  }

  void start(std::string_view head) { tokens_.seek(bom_length(head), 1); }

  /// Processes one segment; false when the window is used up (need_more or end).
  bool step() {
    if (tokens_.next(token_) != tokenizer::status::segment) return false;
    process(token_);
    return true;
  }

  read_stats finish(std::uint64_t end_offset) {
    if (tokens_.segment_count() == 0) {
      throw input_error(input_position{report_.file(), 0, 0},
                        "not an X12 interchange: the input is empty (no ISA segment)");
    }
    if (envelope_.in_transaction()) {
      claims_.end_of_input(end_offset);
    } else {
      claims_.end_transaction();
    }
    envelope_.finish(position{tokens_.segment_count(), end_offset});
    read_stats& stats = report_.stats();
    stats.segments = tokens_.segment_count();
    if (stats.transactions == 0) {
      throw input_error(input_position{report_.file(), 0, 0},
                        fmt::format("not a usable {}: the interchange holds no transaction (no "
                                    "ST segment), so no claim can be read from it",
                                    Traits::transaction));
    }
    return stats;
  }

  void refuse_if_not_x12(const token& t) {
    const segment& seg = t.seg;
    if (tokens_.has_delimiters() && !t.isa_unreadable) return;
    const input_position where{report_.file(), 1, 0};
    if (t.isa_unreadable && !tokens_.has_delimiters()) {
      throw input_error(where, fmt::format("cannot read the delimiters of the ISA at byte {}: {}",
                                           seg.where.offset, t.isa.problem));
    }
    if (!tokens_.has_delimiters()) {
      throw input_error(where,
                        fmt::format("not an X12 interchange: the input does not start with an ISA "
                                    "segment (it starts with '{}')",
                                    preview(seg.text)));
    }
  }

  void process(const token& t) {
    refuse_if_not_x12(t);
    const segment& seg = t.seg;
    if (t.isa_unreadable) {
      report_unreadable_isa(t);
      return;
    }
    if (seg.unterminated || seg.oversized) report_cut_short(seg);
    const delimiters& delims = tokens_.delims();
    switch (seg.id_tag) {
      case tag("ISA"):
        if (!t.isa_read) {  // named ISA, but not where a fixed-width header could be read
          report_stray_isa(seg);
          return;
        }
        claims_.end_transaction();
        envelope_.on_isa(seg, t.isa);
        return;
      case tag("GS"):
        claims_.end_transaction();
        envelope_.on_gs(seg, elements(seg));
        return;
      case tag("ST"): {
        claims_.end_transaction();
        const elements e(seg);
        envelope_.on_st(seg, e);
        const guide_result found = Traits::classify(e[1], e[3], envelope_.group_version());
        if (!found.note.empty()) {
          claims_.report(diagnostic_kind::version, seg, 3, found.note);
        }
        if (found.kind == guide::unsupported) {
          claims_.report(
              diagnostic_kind::version, seg, 0,
              fmt::format("{}; the claims of this transaction are not read", found.reason));
        }
        claims_.begin_transaction(found.kind, found.reason);
        return;
      }
      case tag("SE"):
        claims_.end_transaction();
        envelope_.on_se(seg, elements(seg));
        return;
      case tag("GE"):
        claims_.end_transaction();
        envelope_.on_ge(seg, elements(seg));
        return;
      case tag("IEA"):
        claims_.end_transaction();
        envelope_.on_iea(seg, elements(seg));
        return;
      default: break;
    }
    if (seg.id_tag == Traits::start_tag) {
      claim_start_ = checkpoint{seg.where, envelope_.transaction_segments()};
    }
    envelope_.on_other(seg);
    // Most segments are known, which their tag alone tells.
    if (!Traits::is_known_segment(seg.id_tag)) report_identifier(seg);
    claims_.on_segment(seg, delims);
  }

  // The diagnostics of process(), out of its way: they are rare, and keeping their formatting
  // out of process() keeps it small.

  [[gnu::cold]] void report_unreadable_isa(const token& t) {
    claims_.report(diagnostic_kind::segment_syntax, t.seg, 0,
                   fmt::format("cannot read the delimiters of this ISA: {}; it is ignored and "
                               "the delimiters before it stay in effect",
                               t.isa.problem));
  }

  [[gnu::cold]] void report_stray_isa(const segment& seg) {
    claims_.report(diagnostic_kind::segment_syntax, seg, 0,
                   "this ISA segment could not be read as an interchange header; it is ignored");
  }

  [[gnu::cold]] void report_cut_short(const segment& seg) {
    if (seg.unterminated) {
      claims_.report(
          diagnostic_kind::segment_syntax, seg, 0,
          fmt::format("the input ends inside segment {}: it has no terminator {}",
                      ::authmatch::detail::quoted_value(seg.id),
                      ::authmatch::detail::quoted_value({&tokens_.delims().segment, 1})));
    }
    if (seg.oversized) {
      claims_.report(
          diagnostic_kind::segment_syntax, seg, 0,
          fmt::format("segment {} is longer than {} bytes; it is skipped up to its "
                      "terminator",
                      ::authmatch::detail::quoted_value(seg.id), options_.max_segment_bytes));
    }
  }

  /// A segment whose identifier is not one the transaction uses.
  [[gnu::cold]] void report_identifier(const segment& seg) {
    if (!is_segment_id(seg.id)) {
      claims_.report(diagnostic_kind::segment_syntax, seg, 0,
                     seg.id.empty()
                         ? std::string("the segment has no identifier; it is ignored")
                         : fmt::format("{} is not a segment identifier (2 or 3 upper-case "
                                       "letters or digits); the segment is ignored",
                                       ::authmatch::detail::quoted_value(seg.id)));
    } else {
      claims_.report(diagnostic_kind::unknown_segment, seg, 0,
                     fmt::format("{} is not a segment of an {}; it is ignored",
                                 ::authmatch::detail::quoted_value(seg.id), Traits::transaction));
    }
  }

  /// Reads one more chunk after the window, growing the buffer when it is full.
  void fill(byte_source& source) {
    if (capacity_ - size_ < chunk_) {
      const std::size_t grown = std::max(capacity_ * 2, size_ + chunk_);
      auto bigger = std::make_unique_for_overwrite<char[]>(grown);
      if (size_ > 0) std::memcpy(bigger.get(), buffer_.get(), size_);
      buffer_ = std::move(bigger);
      capacity_ = grown;
    }
    const std::size_t got = source.read(buffer_.get() + size_, std::min(chunk_, capacity_ - size_));
    if (got == 0) at_end_ = true;
    size_ += got;
    read_stats& stats = report_.stats();
    stats.bytes += got;
    if (options_.progress && got > 0) options_.progress(stats.bytes);
  }

  /// Drops what the tokenizer is done with (keeping an open claim from its CLM) and reads on.
  void refill(byte_source& source) {
    std::size_t keep = tokens_.cursor();
    bool reread = false;
    if (claims_.pinned()) {
      const auto claim_at = static_cast<std::size_t>(claim_start_.where.offset - base_);
      if (size_ - claim_at >= options_.max_claim_bytes) {
        claims_.abandon(fmt::format("the claim is longer than {} bytes; it was not read",
                                    options_.max_claim_bytes));
      } else {
        keep = claim_at;
        reread = true;
      }
    }
    const std::size_t cursor = tokens_.cursor();
    if (keep > 0) {
      std::memmove(buffer_.get(), buffer_.get() + keep, size_ - keep);
      size_ -= keep;
      base_ += keep;
    }
    if (reread) {
      claims_.rewind();
      envelope_.set_transaction_segments(claim_start_.transaction_segments);
      tokens_.seek(0, claim_start_.where.number);
    } else {
      tokens_.seek(cursor - keep, tokens_.segment_count() + 1);
    }
    fill(source);
    tokens_.set_window(buffer_.get(), size_, base_, at_end_);
  }

  const read_options& options_;
  reporter& report_;
  tokenizer tokens_;
  envelope_checker envelope_;
  Layer& claims_;
  token token_;
  checkpoint claim_start_;

  // The window over a byte_source: buffer_[0, size_) is input bytes [base_, base_ + size_).
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
  std::uint64_t base_ = 0;
  std::size_t chunk_ = 1;
  bool at_end_ = false;
};

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
