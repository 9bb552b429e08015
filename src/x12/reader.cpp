// The reader's driver: feeds the window to the tokenizer, routes envelope segments to the
// envelope checker and everything else to the claim builder, and refills the window in chunks.
//
// Chunk boundaries: while a claim is open its values are views into the window, so a refill
// keeps every byte from its CLM on. Those views move with the bytes, so instead of fixing them
// up the claim is forgotten and read again from its CLM (a claim is tiny next to a chunk, so
// this costs next to nothing), with the segment counters restored to what they were at the CLM.

#include "byte_source.hpp"
#include "claim_builder.hpp"
#include "envelope.hpp"
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
namespace {

using ::authmatch::detail::quoted_value;

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

constexpr bool is_blank(char c) noexcept {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f';
}

/// Shows the start of a non-X12 input in a message: printable ASCII, at most 24 characters.
std::string preview(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 24)) {
    if (c == '\r' || c == '\n') break;
    out += (c >= ' ' && c <= '~') ? c : '?';
  }
  return out;
}

class engine {
 public:
  engine(std::string_view name, claim_sink& sink, const read_options& options)
      : options_(options),
        report_(name, sink, stats_),
        tokens_(std::max<std::size_t>(options.max_segment_bytes, 16)),
        envelope_(report_),
        claims_(report_) {}

  read_stats read_buffer(std::string_view bytes) {
    stats_.bytes = bytes.size();
    tokens_.set_window(bytes.data(), bytes.size(), 0, true);
    start(bytes);
    while (step()) {
    }
    return finish(bytes.size());
  }

  read_stats read_source(detail::byte_source& source) {
    chunk_ = std::max<std::size_t>(options_.chunk_size, 1);
    // Enough bytes to see past a byte order mark and recognize "ISA".
    while (size_ < 64 && !at_end_) fill(source);
    tokens_.set_window(buffer_.get(), size_, 0, at_end_);
    start(std::string_view(buffer_.get(), size_));
    for (;;) {
      if (step()) continue;
      if (at_end_) break;
      refill(source);
    }
    return finish(base_ + size_);
  }

 private:
  /// Where a claim starts, to read it again after a refill.
  struct checkpoint {
    detail::position where;
    std::uint64_t transaction_segments = 0;
  };

  void start(std::string_view head) {
    const std::size_t skip = head.substr(0, 3) == utf8_bom ? 3 : 0;
    tokens_.seek(skip, 1);
  }

  /// Processes one segment; false when the window is used up (need_more or end).
  bool step() {
    if (tokens_.next(token_) != detail::tokenizer::status::segment) return false;
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
    envelope_.finish(detail::position{tokens_.segment_count(), end_offset});
    stats_.segments = tokens_.segment_count();
    if (stats_.transactions == 0) {
      throw input_error(input_position{report_.file(), 0, 0},
                        "not a usable 837: the interchange holds no transaction (no ST segment), "
                        "so no claim can be read from it");
    }
    return stats_;
  }

  void refuse_if_not_x12(const detail::token& t) {
    const detail::segment& seg = t.seg;
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

  void process(const detail::token& t) {
    refuse_if_not_x12(t);
    const detail::segment& seg = t.seg;
    if (t.isa_unreadable) {
      report_unreadable_isa(t);
      return;
    }
    if (seg.unterminated || seg.oversized) report_cut_short(seg);
    const detail::delimiters& delims = tokens_.delims();
    switch (seg.id_tag) {
      case detail::tag("ISA"):
        if (!t.isa_read) {  // named ISA, but not where a fixed-width header could be read
          report_stray_isa(seg);
          return;
        }
        claims_.end_transaction();
        envelope_.on_isa(seg, t.isa);
        return;
      case detail::tag("GS"):
        claims_.end_transaction();
        envelope_.on_gs(seg, detail::elements(seg));
        return;
      case detail::tag("ST"): {
        claims_.end_transaction();
        const detail::elements e(seg);
        envelope_.on_st(seg, e);
        const detail::guide_result found =
            detail::classify_guide(e[1], e[3], envelope_.group_version());
        if (!found.note.empty()) {
          claims_.report(diagnostic_kind::version, seg, 3, found.note);
        }
        if (found.kind == detail::guide::unsupported) {
          claims_.report(
              diagnostic_kind::version, seg, 0,
              fmt::format("{}; the claims of this transaction are not read", found.reason));
        }
        claims_.begin_transaction(found.kind, found.reason);
        return;
      }
      case detail::tag("SE"):
        claims_.end_transaction();
        envelope_.on_se(seg, detail::elements(seg));
        return;
      case detail::tag("GE"):
        claims_.end_transaction();
        envelope_.on_ge(seg, detail::elements(seg));
        return;
      case detail::tag("IEA"):
        claims_.end_transaction();
        envelope_.on_iea(seg, detail::elements(seg));
        return;
      default: break;
    }
    if (seg.id_tag == detail::tag("CLM")) {
      claim_start_ = checkpoint{seg.where, envelope_.transaction_segments()};
    }
    envelope_.on_other(seg);
    // Most segments are known, which their tag alone tells (tag() drops leading NUL bytes, so
    // the first byte is checked too).
    if (!detail::is_837_segment(seg.id_tag) || seg.id[0] == '\0') report_identifier(seg);
    claims_.on_segment(seg, delims);
  }

  // The diagnostics of process(), out of its way: they are rare, and keeping their formatting
  // out of process() keeps it small.

  [[gnu::cold]] void report_unreadable_isa(const detail::token& t) {
    claims_.report(diagnostic_kind::segment_syntax, t.seg, 0,
                   fmt::format("cannot read the delimiters of this ISA: {}; it is ignored and "
                               "the delimiters before it stay in effect",
                               t.isa.problem));
  }

  [[gnu::cold]] void report_stray_isa(const detail::segment& seg) {
    claims_.report(diagnostic_kind::segment_syntax, seg, 0,
                   "this ISA segment could not be read as an interchange header; it is ignored");
  }

  [[gnu::cold]] void report_cut_short(const detail::segment& seg) {
    if (seg.unterminated) {
      claims_.report(
          diagnostic_kind::segment_syntax, seg, 0,
          fmt::format("the input ends inside segment {}: it has no terminator {}",
                      quoted_value(seg.id), quoted_value({&tokens_.delims().segment, 1})));
    }
    if (seg.oversized) {
      claims_.report(diagnostic_kind::segment_syntax, seg, 0,
                     fmt::format("segment {} is longer than {} bytes; it is skipped up to its "
                                 "terminator",
                                 quoted_value(seg.id), options_.max_segment_bytes));
    }
  }

  /// A segment whose identifier is not one an 837 uses.
  [[gnu::cold]] void report_identifier(const detail::segment& seg) {
    if (!detail::is_segment_id(seg.id)) {
      claims_.report(diagnostic_kind::segment_syntax, seg, 0,
                     seg.id.empty()
                         ? std::string("the segment has no identifier; it is ignored")
                         : fmt::format("{} is not a segment identifier (2 or 3 upper-case "
                                       "letters or digits); the segment is ignored",
                                       quoted_value(seg.id)));
    } else {
      claims_.report(
          diagnostic_kind::unknown_segment, seg, 0,
          fmt::format("{} is not a segment of an 837; it is ignored", quoted_value(seg.id)));
    }
  }

  /// Reads one more chunk after the window, growing the buffer when it is full.
  void fill(detail::byte_source& source) {
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
    stats_.bytes += got;
    if (options_.progress && got > 0) options_.progress(stats_.bytes);
  }

  /// Drops what the tokenizer is done with (keeping an open claim from its CLM) and reads on.
  void refill(detail::byte_source& source) {
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

  read_options options_;
  read_stats stats_;
  detail::reporter report_;
  detail::tokenizer tokens_;
  detail::envelope_checker envelope_;
  detail::claim_builder claims_;
  detail::token token_;
  checkpoint claim_start_;

  // The window over a byte_source: buffer_[0, size_) is input bytes [base_, base_ + size_).
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
  std::uint64_t base_ = 0;
  std::size_t chunk_ = 1;
  bool at_end_ = false;
};

}  // namespace

bool looks_like_x12(std::string_view head) noexcept {
  if (head.substr(0, 3) == utf8_bom) head.remove_prefix(3);
  while (!head.empty() && is_blank(head.front())) head.remove_prefix(1);
  return detail::starts_with_isa(head);
}

read_stats read_837_buffer(std::string_view bytes, std::string_view name, claim_sink& sink,
                           const read_options& options) {
  engine reader(name, sink, options);
  return reader.read_buffer(bytes);
}

read_stats read_837_fd(int fd, std::string_view name, claim_sink& sink, const read_options& options,
                       std::string_view already_read) {
  detail::fd_source rest(fd, name);
  detail::prefixed_source source(already_read, rest);
  engine reader(name, sink, options);
  return reader.read_source(source);
}

read_stats read_837(std::istream& in, std::string_view name, claim_sink& sink,
                    const read_options& options) {
  detail::stream_source source(in, name);
  engine reader(name, sink, options);
  return reader.read_source(source);
}

read_stats read_837_file(const std::filesystem::path& path, claim_sink& sink,
                         const read_options& options) {
  detail::file_source source(path);
  engine reader(path.string(), sink, options);
  return reader.read_source(source);
}

}  // namespace x12
}  // namespace v0
}  // namespace authmatch
