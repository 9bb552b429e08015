#ifndef AUTHMATCH_SRC_FINDING_DELTA_HPP
#define AUTHMATCH_SRC_FINDING_DELTA_HPP

// Findings written as what changed from findings written before them, for the temporary file of
// a long run. Findings in a row share most of their values: those of the line or claim (its
// claim, member, payer, authorization) with the finding just before, those of the kind (its
// codes, what was expected and found, the message's wording) with the finding of the same kind
// before; so a finding takes a fraction of its bytes in full. Read back in the order written,
// from the same start.
//
// A finding's bytes: a u32 with a bit for each field (for_each_finding_field's order, then
// source) equal to the same field of its base: the finding of the same kind before for severity,
// group, carc, rarc, expected, actual and message, the finding just before for the others (a
// default finding when there is none). Then each other field as byte_codec.hpp writes it, but for
// the message and the source, written as how many bytes they share with the base's at their
// start and at their end (u32 each), then the text between (as byte_codec.hpp writes text).

#include <authmatch/finding.hpp>

#include <array>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// The findings written before, that the next is written against.
struct finding_bases {
  finding last;                                       ///< the fields of lines and claims
  std::array<finding, finding_kind_count> of_kind{};  ///< the fields of each kind
};

class finding_delta_writer {
 public:
  /// Appends `found` to `out`, against the findings put before.
  void put(const finding& found, std::string& out);
  /// Puts the next finding as the first.
  void restart() { bases_ = finding_bases(); }

 private:
  finding_bases bases_;
};

/// Whether the caller of finding_delta_reader::get() left the finding it got before as it was.
enum class last_finding { untouched, maybe_changed };

class finding_delta_reader {
 public:
  /// The finding of kind `kind` that `bytes` hold, put after those read before. Bytes that end
  /// too soon, run on, or hold a value out of range throw authmatch::error naming `what`.
  /// `last` says what the caller did with the finding the get() before gave: maybe_changed (a
  /// caller may move from each finding it gets, or swap it) makes this get() write every value;
  /// untouched, for a caller that only read it, lets it write only the values that differ
  /// from it (a finding shares most of its values with the one before, of the same kind more
  /// still).
  finding& get(std::string_view bytes, finding_kind kind, std::string_view what,
               last_finding last = last_finding::maybe_changed);
  /// Reads the next finding as the first.
  void restart() {
    bases_ = finding_bases();
    read_kind_ = no_kind;
  }

 private:
  static constexpr std::size_t no_kind = ~std::size_t{0};

  finding_bases bases_;
  finding read_;
  /// The kind whose base read_'s values of the kind hold (its other values hold the last
  /// finding's); no_kind before the first get() and after restart().
  std::size_t read_kind_ = no_kind;
  std::string text_;  ///< a message or source being put together
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
